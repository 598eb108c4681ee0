"""A request withdrawn while something about it was under way: an approver's reminder being
posted at that moment, or posted and not yet recorded as sent (it loses its buttons once
recorded, Slack down then or not), a rejection's reason being typed (its submission is
refused); and the team, which never saw the request, is not told."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

import pytest

from bot.domain.models import MessageRef, OutgoingKind, Status
from handlers.catalogue.approval_slack import SlackApprovalMessenger
from storage.outbox import OutboxRepository
from tests.e2e.catalogue.steps import LICENCE, reject_form
from tests.e2e.catalogue.steps import request as _request
from tests.e2e.catalogue.test_withdrawal import (
    REFUSED,
    WITHDRAWN_DM,
    _actions,
    _settled,
    _withdraw,
)
from tests.e2e.harness import DESK_MEMBER, EMPLOYEE_EN, INFRA_ONCALL_2, Harness
from tests.e2e.observations import action_ids


async def test_a_reminder_posted_as_the_request_is_withdrawn_loses_its_buttons(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    ticket = await _request(bot, "software_licence", LICENCE)
    real = SlackApprovalMessenger.ask

    async def withdrawn_while_posting(self: Any, approver: str, *args: Any) -> Any:
        where = await real(self, approver, *args)  # posted, its place not recorded yet
        if approver == DESK_MEMBER:
            await _withdraw(bot)
            await bot.eventually(lambda: _settled(bot, ticket.id), "the withdrawal settled")
        return where

    monkeypatch.setattr(SlackApprovalMessenger, "ask", withdrawn_while_posting)
    await bot.tick(timedelta(minutes=61))  # the approvers are reminded

    dm = bot.slack.dm_channel_id(DESK_MEMBER)
    asks = [m for m in bot.slack.messages(dm) if "REQ-1" in m["text"]]
    assert len(asks) == 2  # the first ask and the reminder, both without buttons now
    for message in asks:
        assert WITHDRAWN_DM in message["text"] and not action_ids(message)
    assert (await bot.ticket(ticket.id)).status is Status.CANCELLED
    assert not any(
        action_ids(m) for m in bot.slack.messages(bot.slack.dm_channel_id(INFRA_ONCALL_2))
    )


def _withdrawn_before_the_record(
    bot: Harness, monkeypatch: pytest.MonkeyPatch, ticket_id: str, then: Any = None
) -> None:
    """The request is withdrawn (and the withdrawal settled, its update of the approver's
    recorded asks done) after the reminder to DESK_MEMBER is posted, before the outbox records
    where it landed; ``then`` runs before the record goes ahead."""
    real = OutboxRepository.mark_sent_many
    dm = bot.slack.dm_channel_id(DESK_MEMBER)
    held: list[str] = []

    async def withdrawn_before_the_record(
        self: Any, item_ids: Any, ref: MessageRef, *args: Any, **kwargs: Any
    ) -> Any:
        reminder = any(":reminder:" in item_id for item_id in item_ids)
        if reminder and ref.channel == dm and not held:
            held.append(ref.ts)
            await _withdraw(bot)
            await bot.eventually(lambda: _settled(bot, ticket_id), "the withdrawal settled")
            assert action_ids(_reminder(bot)), "the race did not happen: the reminder was updated"
            if then is not None:
                then()
        return await real(self, item_ids, ref, *args, **kwargs)

    monkeypatch.setattr(OutboxRepository, "mark_sent_many", withdrawn_before_the_record)


def _reminder(bot: Harness) -> dict[str, Any]:
    return _desk_asks(bot)[-1]


def _desk_asks(bot: Harness) -> list[dict[str, Any]]:
    return [
        m for m in bot.slack.messages(bot.slack.dm_channel_id(DESK_MEMBER)) if "REQ-1" in m["text"]
    ]


async def test_a_reminder_recorded_after_the_withdrawal_loses_its_buttons(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    ticket = await _request(bot, "software_licence", LICENCE)
    _withdrawn_before_the_record(bot, monkeypatch, ticket.id)
    await bot.tick(timedelta(minutes=61))  # the approvers are reminded

    asks = _desk_asks(bot)
    assert len(asks) == 2  # the first ask and the reminder, both without buttons now
    for message in asks:
        assert WITHDRAWN_DM in message["text"] and not action_ids(message)
    assert (await bot.ticket(ticket.id)).status is Status.CANCELLED
    items = bot.guichet.database.handle["outbox"]
    assert await items.count_documents({"_id": {"$regex": ":withdrawn:.*:"}}) == 0  # none queued


async def test_slack_failing_as_the_reminder_is_recorded_its_update_waits_in_the_outbox(
    bot: Harness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    ticket = await _request(bot, "software_licence", LICENCE)
    dm = bot.slack.dm_channel_id(DESK_MEMBER)  # not the other approver's update meanwhile
    failing = lambda: bot.slack.server_error("chat.update", status=500, channel=dm)  # noqa: E731
    _withdrawn_before_the_record(bot, monkeypatch, ticket.id, then=failing)
    with caplog.at_level(logging.WARNING):
        await bot.tick(timedelta(minutes=61))  # the approvers are reminded
    assert "could not update U0DESKMEMBER's withdrawn ask: fatal" in caplog.text

    asks = _desk_asks(bot)  # updated by the item queued when the update failed
    assert len(asks) == 2
    for message in asks:
        assert WITHDRAWN_DM in message["text"] and not action_ids(message)
    items = bot.guichet.database.handle["outbox"]
    queued = await items.find({"_id": {"$regex": ":approval:withdrawn:.*:"}}).to_list(None)
    assert [(q["message"]["kind"], q["state"]) for q in queued] == [
        (OutgoingKind.APPROVAL_WITHDRAWN.value, "sent")
    ]


async def test_a_reason_submitted_after_the_withdrawal_is_refused(bot: Harness) -> None:
    ticket = await _request(bot, "software_licence", LICENCE)
    form = await reject_form(bot, DESK_MEMBER)
    await _withdraw(bot)  # while the approver types their reason
    await bot.eventually(lambda: _settled(bot, ticket.id), "the withdrawal settled")
    actions = await _actions(bot, ticket.id)

    status, body = await bot.submit(form, {"reject_reason": "Too many seats"}, user=DESK_MEMBER)
    assert status == 200 and not body
    await bot.told_eventually(DESK_MEMBER, REFUSED)
    after = await bot.ticket(ticket.id)
    assert after.status is Status.CANCELLED and after.approval == "withdrawn"
    assert await _actions(bot, ticket.id) == actions
    assert not any("rejected your request" in m for m in bot.told(EMPLOYEE_EN))


async def test_the_team_is_not_told_of_a_request_it_never_saw(
    bot: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    ticket = await _request(bot, "software_licence", LICENCE)
    with caplog.at_level(logging.WARNING):
        await _withdraw(bot)
        await bot.told_eventually(EMPLOYEE_EN, "You withdrew")
        await bot.eventually(lambda: _settled(bot, ticket.id), "the withdrawal settled")
    assert "no channel message to reply to" not in caplog.text
