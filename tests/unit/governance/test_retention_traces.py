"""The outbox items retention stores for what a ticket left in Slack, before forgetting it."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import cast

import pytest

from bot.domain.errors import DeliveryDeferred
from bot.domain.models import MessageRef, OutgoingKind, Status, Ticket
from bot.domain.retention import ANONYMOUS
from bot.governance.retention_notices import (
    ForgottenMessages,
    anonymised_card,
    forgotten_messages,
)
from storage.retention import TicketTraces
from storage.tickets import TicketRepository
from tests.fakes import ticket

CREATED = datetime(2026, 1, 1, 9, tzinfo=UTC)
CHANGED = datetime(2026, 1, 2, 9, tzinfo=UTC)
CARD = MessageRef("C0DESK", "1767258000.000100")
DM = MessageRef("DU0JOHN", "1767258000.000200")


def _traces(requester: str | None, card: MessageRef | None) -> TicketTraces:
    return TicketTraces("desk", card, requester, DM, CREATED, CHANGED)


def test_the_dm_and_the_cards_thread_each_get_an_item_named_by_the_last_change() -> None:
    items = forgotten_messages("INF-1", _traces("U0JOHN", CARD))
    assert [i for i, _ in items] == [
        "INF-1:forgotten_messages:dm:2026-01-02T09:00:00+00:00",
        "INF-1:forgotten_messages:thread:2026-01-02T09:00:00+00:00",
    ]
    dm, thread = (m for _, m in items)
    assert (dm.kind, dm.recipient, dm.ref, dm.about) == (
        OutgoingKind.FORGOTTEN_MESSAGES,
        "U0JOHN",
        DM,
        CREATED.isoformat(),
    )
    assert (thread.recipient, thread.ref) == (None, CARD)
    assert dm.bulk and thread.bulk  # at the outbox's pace


def test_each_card_a_moved_ticket_had_gets_a_thread_item() -> None:
    earlier = MessageRef("C0INFRA", "1767258000.000050")
    traces = replace(_traces("U0JOHN", CARD), earlier_cards=(earlier,))
    items = forgotten_messages("INF-1", traces)
    assert [i for i, _ in items][1:] == [
        "INF-1:forgotten_messages:thread:2026-01-02T09:00:00+00:00",
        "INF-1:forgotten_messages:thread1:2026-01-02T09:00:00+00:00",
    ]
    assert [(m.recipient, m.ref) for _, m in items][1:] == [(None, CARD), (None, earlier)]


def test_no_person_no_card_nothing_to_clean() -> None:
    # an erased requester (their DMs went with the erasure) and a ticket never posted
    assert forgotten_messages("INF-1", _traces(None, None)) == []
    assert anonymised_card("INF-1", _traces(None, None)) == []
    (item,) = anonymised_card("INF-1", _traces(None, CARD))
    assert item[0] == "INF-1:anonymised_card:2026-01-02T09:00:00+00:00"
    assert item[1].ref == CARD


class _Tickets:
    def __init__(self, stored: Ticket | None) -> None:
        self.stored = stored

    async def get(self, ticket_id: str) -> Ticket | None:
        return self.stored


class _Slack:
    def __init__(self) -> None:
        self.calls: list[str] = []

    async def delete_in_dm(
        self, person: str, known: MessageRef | None, ticket_id: str, since: datetime
    ) -> int:
        self.calls.append(f"dm {person} {ticket_id} {since.isoformat()}")
        return 3

    async def delete_in_thread(self, card: MessageRef) -> int:
        self.calls.append(f"thread {card.ts}")
        return 1


def _sender(stored: Ticket | None) -> tuple[ForgottenMessages, _Slack]:
    slack = _Slack()
    return ForgottenMessages(cast(TicketRepository, _Tickets(stored)), slack), slack


async def test_the_messages_go_once_the_ticket_is_gone_or_anonymised() -> None:
    (_, dm), (_, thread) = forgotten_messages("INF-1", _traces("U0JOHN", CARD))
    for stored in (None, ticket(id="INF-1", status=Status.CLOSED, requester=ANONYMOUS)):
        sender, slack = _sender(stored)
        assert await sender.send([dm], CHANGED) == DM
        assert await sender.send([thread], CHANGED) == CARD
        assert slack.calls == [f"dm U0JOHN INF-1 {CREATED.isoformat()}", f"thread {CARD.ts}"]


async def test_a_ticket_not_forgotten_waits_unless_it_changed_or_reopened_since() -> None:
    ((_, dm),) = forgotten_messages("INF-1", _traces("U0JOHN", None))
    waiting = ticket(id="INF-1", status=Status.CLOSED, updated_at=CHANGED)
    sender, slack = _sender(waiting)
    with pytest.raises(DeliveryDeferred):  # stored just before the sweep forgets it
        await sender.send([dm], CHANGED)
    # changed since (no longer past its time) or reopened: dropped, not given up later
    for stored in (
        replace(waiting, updated_at=CHANGED + timedelta(days=1)),
        replace(waiting, status=Status.IN_PROGRESS),
    ):
        sender, slack = _sender(stored)
        assert await sender.send([dm], CHANGED) is None
        assert slack.calls == []
