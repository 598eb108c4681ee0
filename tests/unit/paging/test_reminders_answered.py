"""Which changes update a ticket's channel reminders (``bot/paging/reminders_answered.py``):
only a ticket taken or ended whose target had passed is looked up in the outbox, so a claim of a
fresh ticket (the hot path) costs no read more."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import timedelta
from typing import Any, cast

import pytest

from bot.domain.models import (
    HistoryAction,
    HistoryEntry,
    MessageRef,
    Outgoing,
    OutgoingKind,
    SlaClock,
    SlaClocks,
    Status,
    Ticket,
)
from bot.outbox.ports import Messenger
from bot.paging.reminders_answered import RemindersAnswered
from bot.working.changes import Changed
from storage.outbox import OutboxRepository
from tests.fakes import T0, ticket

H = timedelta(hours=1)
CHANNEL = Outgoing(OutgoingKind.REMINDER, "INC-1", None, clock=SlaClock.RESPONSE, due=T0 + H)
TO_ASSIGNEE = replace(CHANNEL, recipient="U0AGENT", clock=SlaClock.RESOLUTION)


class Sent:
    """The outbox's record of what was delivered, counting its reads."""

    def __init__(self) -> None:
        self.reads = 0

    async def sent_for(
        self, ticket_id: str, kinds: Iterable[OutgoingKind]
    ) -> list[tuple[Outgoing, MessageRef]]:
        self.reads += 1
        assert list(kinds) == [OutgoingKind.REMINDER]
        return [(CHANNEL, MessageRef("C0DESK", "2.0")), (TO_ASSIGNEE, MessageRef("D1", "3.0"))]


class Shown:
    def __init__(self) -> None:
        self.answered: list[tuple[str, list[MessageRef]]] = []

    async def show_answered(
        self, ticket: Ticket, sent: Sequence[tuple[Outgoing, MessageRef]]
    ) -> None:
        self.answered.append((ticket.id, [ref for _, ref in sent]))


def _changed(before: Ticket, at_hours: float, **after: Any) -> Changed:
    at = T0 + at_hours * H
    entry = HistoryEntry(before.id, at, "U0AGENT", HistoryAction.CLAIMED, after="U0AGENT")
    return Changed(before=before, ticket=replace(before, **after), entry=entry)


LATE = ticket(sla=SlaClocks(response_due=T0 + H, resolution_due=T0 + 8 * H))


@pytest.mark.parametrize(
    ("changed", "updated"),
    [
        (_changed(LATE, 2, assignee="U0AGENT", status=Status.IN_PROGRESS), True),
        (_changed(LATE, 2, status=Status.CANCELLED), True),
        (_changed(LATE, 0.5, assignee="U0AGENT"), False),  # nothing was due: no reminder
        (_changed(LATE, 2, priority=LATE.priority), False),  # still waiting for someone
        (_changed(replace(LATE, assignee="U0X"), 9, status=Status.RESOLVED), False),  # had one
    ],
)
async def test_only_a_late_ticket_taken_or_ended_has_its_channel_reminders_updated(
    changed: Changed, updated: bool
) -> None:
    sent, shown = Sent(), Shown()
    answered = RemindersAnswered(cast(OutboxRepository, sent), cast(Messenger, shown))
    await answered.after_change(changed)
    assert sent.reads == (1 if updated else 0)
    # only the channel's reminder: the assignee's DM never offered Claim
    assert shown.answered == ([("INC-1", [MessageRef("C0DESK", "2.0")])] if updated else [])
