"""Approval DMs end to end: once a step is decided every approver's DM for it says who decided
what, its buttons gone; the DMs go through the stored outbox, so one Slack could not take is
delivered by a later tick, and one no longer wanted (its step decided) is never sent."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from bot.domain.models import MessageRef, OutgoingKind
from bot.domain.outbox import OutboxState
from sandbox.emulator.faults import Fault, FaultKind
from storage.outbox import OutboxRepository
from tests.e2e.catalogue.steps import LICENCE, press, reject_form, request
from tests.e2e.harness import (
    DESK_MEMBER,
    EMPLOYEE_EN,
    INFRA_ONCALL_1,
    INFRA_ONCALL_2,
    Harness,
)
from tests.e2e.observations import action_ids


def _asked(bot: Harness, approver: str, ticket_id: str) -> list[dict]:
    """``approver``'s approval DMs about ``ticket_id``, as they stand now."""
    return [
        m
        for m in bot.slack.messages(bot.slack.dm_channel_id(approver))
        if f"({ticket_id})" in str(m.get("blocks"))
    ]


async def test_every_approver_s_dm_says_who_decided_without_its_buttons(bot: Harness) -> None:
    ticket = await request(bot, "software_licence", LICENCE)
    for approver in (DESK_MEMBER, INFRA_ONCALL_2):
        [dm] = _asked(bot, approver, ticket.id)
        assert action_ids(dm) == ["request_approve", "request_reject"]
    await press(bot, DESK_MEMBER, "request_approve")
    decided = "Decided: <@U0DESKMEMBER> approved this request."

    def updated() -> bool:
        return all(
            decided in str(dm["blocks"]) and not action_ids(dm)
            for approver in (DESK_MEMBER, INFRA_ONCALL_2)
            for dm in _asked(bot, approver, ticket.id)
        )

    await bot.eventually(updated, "both approvers' DMs updated")
    [dm] = _asked(bot, INFRA_ONCALL_2, ticket.id)
    assert "*Seats:* 5" in str(dm["blocks"])  # the request is still there to read
    assert dm["text"] == decided
    updates = bot.slack.calls_to("chat.update")
    assert {c.args["channel"] for c in updates} >= {
        bot.slack.dm_channel_id(DESK_MEMBER),
        bot.slack.dm_channel_id(INFRA_ONCALL_2),
    }


async def test_a_rejection_is_shown_in_french_to_a_french_approver(bot: Harness) -> None:
    ticket = await request(bot, "shared_folder", {"field_folder": "\\\\files\\finance"})
    await press(bot, DESK_MEMBER, "request_approve")
    await bot.wait_dms(INFRA_ONCALL_1, 1)
    await bot.eventually(
        lambda: all(not action_ids(dm) for dm in _asked(bot, DESK_MEMBER, ticket.id)),
        "the first step's DM updated",
    )
    [second] = _asked(bot, INFRA_ONCALL_1, ticket.id)
    assert action_ids(second)  # the second step waits: its buttons stay
    form = await reject_form(bot, INFRA_ONCALL_1)
    await bot.submit(form, {"reject_reason": "Pas de besoin"}, user=INFRA_ONCALL_1)
    decided = "Décidé\u00a0: <@U0INFRA1> a refusé cette demande."
    await bot.eventually(
        lambda: _asked(bot, INFRA_ONCALL_1, ticket.id)[0]["text"] == decided,
        "the French DM updated",
    )
    assert not action_ids(_asked(bot, INFRA_ONCALL_1, ticket.id)[0])


async def test_slack_down_the_approver_is_asked_by_a_later_tick(bot: Harness) -> None:
    for approver in (DESK_MEMBER, INFRA_ONCALL_2):  # both approvers' asks, and nothing else
        bot.slack.inject(Fault(FaultKind.SERVER_ERROR, "chat.postMessage", approver, status=502))
    ticket = await request(bot, "software_licence", LICENCE)
    outbox = OutboxRepository(bot.database)
    asks = [
        i for i in await outbox.for_ticket(ticket.id) if i.message.kind is OutgoingKind.APPROVAL_ASK
    ]
    assert sorted(i.message.recipient or "" for i in asks) == sorted([DESK_MEMBER, INFRA_ONCALL_2])
    assert all(i.state is OutboxState.PENDING for i in asks)
    assert not bot.dms_to(DESK_MEMBER) and not bot.dms_to(INFRA_ONCALL_2)
    report = await bot.tick(timedelta(minutes=5))
    assert report.deliveries.sent == 2
    assert len(bot.dms_to(DESK_MEMBER)) == len(bot.dms_to(INFRA_ONCALL_2)) == 1
    await press(bot, DESK_MEMBER, "request_approve")
    await bot.eventually(
        lambda: any("approved your request" in m for m in bot.told(EMPLOYEE_EN)), "told"
    )

    async def notices() -> list[tuple[str | None, OutboxState]]:
        return [
            (i.message.about, i.state)
            for i in await outbox.for_ticket(ticket.id)
            if i.message.kind is OutgoingKind.APPROVAL_NOTICE
        ]

    async def both_sent() -> bool:  # the DM is out before its item is marked sent
        return await notices() == [("waiting", OutboxState.SENT), ("approved", OutboxState.SENT)]

    await bot.eventually(both_sent, "both notices marked sent")


async def test_an_ask_still_queued_when_its_step_is_decided_is_never_sent(bot: Harness) -> None:
    # one approver's ask waits (a fault on their DM only: the card and the requester's DM,
    # posted at the same time by the work after the ack, must not take it instead)
    bot.slack.inject(Fault(FaultKind.SERVER_ERROR, "chat.postMessage", DESK_MEMBER, status=502))
    ticket = await request(bot, "software_licence", LICENCE)
    outbox = OutboxRepository(bot.database)
    [waiting] = [
        i
        for i in await outbox.for_ticket(ticket.id)
        if i.message.kind is OutgoingKind.APPROVAL_ASK and i.state is OutboxState.PENDING
    ]
    other = INFRA_ONCALL_2 if waiting.message.recipient == DESK_MEMBER else DESK_MEMBER
    await press(bot, other, "request_approve")
    await bot.eventually(lambda: _decided(bot, ticket.id), "the ticket approved")
    await bot.tick(timedelta(minutes=5))
    cancelled = await outbox.get(waiting.id)
    assert cancelled is not None and cancelled.state is OutboxState.CANCELLED
    assert not _asked(bot, waiting.message.recipient or "", ticket.id)


async def _decided(bot: Harness, ticket_id: str) -> bool:
    return (await bot.ticket(ticket_id)).approval == "approved"


async def test_a_reminder_recorded_after_its_step_was_decided_says_who_decided(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    ticket = await request(bot, "software_licence", LICENCE)
    real = OutboxRepository.mark_sent_many
    dm = bot.slack.dm_channel_id(INFRA_ONCALL_2)
    held: list[str] = []

    def asks() -> list[dict]:  # the first ask and the reminder, as they stand
        return [m for m in bot.slack.messages(dm) if ticket.id in str(m.get("blocks"))]

    async def decided_before_the_record(
        self: Any, item_ids: Any, ref: MessageRef, *args: Any, **kwargs: Any
    ) -> Any:
        """DESK_MEMBER approves after the reminder to INFRA_ONCALL_2 is posted, before the
        outbox records where it landed: the decision's update finds the first ask alone."""
        if ref.channel == dm and any(":reminder:" in i for i in item_ids) and not held:
            held.append(ref.ts)
            await press(bot, DESK_MEMBER, "request_approve")
            decided = lambda: f"<@{DESK_MEMBER}>" in asks()[0]["text"]  # noqa: E731
            await bot.eventually(decided, "the decision shown on the first ask")
            assert action_ids(asks()[-1]), "the race did not happen: the reminder was updated"
        return await real(self, item_ids, ref, *args, **kwargs)

    monkeypatch.setattr(OutboxRepository, "mark_sent_many", decided_before_the_record)
    await bot.tick(timedelta(minutes=61))  # the approvers are reminded

    first, reminder = asks()
    assert held == [reminder["ts"]]
    for message in (first, reminder):
        assert f"<@{DESK_MEMBER}>" in message["text"] and not action_ids(message)
    assert first["text"] == reminder["text"]  # the same decision, in the approver's language
