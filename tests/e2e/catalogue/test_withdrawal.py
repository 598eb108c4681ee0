"""A requester withdraws a catalogue request while it awaits approval: the Cancel of their DM
(worded "Withdraw the request"), the approval closed as withdrawn, every approver's DM updated
without buttons (in their language), a later press refused and audited, and a withdrawal cut
short finished by a later tick. The race with an approval: ``test_withdrawal_race.py``."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from bot.domain.errors import StoreUnavailable
from bot.domain.models import Status
from tests.e2e.audit_lines import audit_lines, refusals
from tests.e2e.catalogue.steps import LICENCE
from tests.e2e.catalogue.steps import press as _press
from tests.e2e.catalogue.steps import request as _request
from tests.e2e.harness import (
    CHANNELS,
    DESK_MEMBER,
    EMPLOYEE_EN,
    EMPLOYEE_FR,
    INFRA_ONCALL_1,
    INFRA_ONCALL_2,
    Harness,
)
from tests.e2e.observations import action_ids

CANCEL = "ticket_cancel"
WITHDRAWN_DM = "Withdrawn by the requester: nothing left to decide on *REQ-1*."
REFUSED = "REQ-1 was withdrawn by the requester: nothing to decide, nothing changed."


async def _withdraw(
    bot: Harness, message: dict[str, Any] | None = None, user: str = EMPLOYEE_EN
) -> None:
    """The requester presses Cancel in their latest DM holding it (or in ``message``)."""
    status, _ = await bot.send.block_action(
        CANCEL,
        None,
        user_id=user,
        channel_id=bot.slack.dm_channel_id(user),
        message=message or bot.latest_dm(user, CANCEL),
    )
    assert status == 200


def _asks(bot: Harness, approver: str) -> list[dict[str, Any]]:
    """The approver's DMs that asked for a decision, as Slack shows them now."""
    return [
        m
        for m in bot.slack.messages(bot.slack.dm_channel_id(approver))
        if "asks for" in m["text"] or "demande" in m["text"] or "Withdrawn" in m["text"]
    ]


async def _approval(bot: Harness, ticket_id: str) -> dict[str, Any]:
    document = await bot.guichet.database.handle["approvals"].find_one({"_id": ticket_id})
    assert document is not None
    return document


async def _actions(bot: Harness, ticket_id: str) -> list[str]:
    return [e.action.value for e in await bot.guichet.helpdesk.tickets.history(ticket_id)]


async def test_the_requester_withdraws_a_request_awaiting_approval(bot: Harness) -> None:
    ticket = await _request(bot, "software_licence", LICENCE)
    waiting = bot.latest_dm(EMPLOYEE_EN, CANCEL)  # the DM saying who must approve
    assert "waits for approval" in waiting["text"]
    assert action_ids(waiting) == [CANCEL]  # nothing to add for a team that has not seen it
    button = waiting["blocks"][-1]["elements"][0]
    assert button["text"]["text"] == "Withdraw the request"
    assert button["confirm"]["title"]["text"] == "Withdraw REQ-1?"
    asked = {a: bot.latest_dm(a, "request_approve") for a in (DESK_MEMBER, INFRA_ONCALL_2)}

    await _withdraw(bot)
    withdrew = "↩️ You withdrew your request *REQ-1*: your approvers are no longer asked."
    await bot.told_eventually(EMPLOYEE_EN, withdrew)  # where they pressed, not "cancelled"
    cancelled = await bot.ticket(ticket.id)
    assert cancelled.status is Status.CANCELLED and cancelled.approval == "withdrawn"
    stored = await bot.eventually(lambda: _settled(bot, ticket.id), "the withdrawal settled")
    assert not any("is now *cancelled*" in m for m in bot.told(EMPLOYEE_EN))  # no DM to say it
    assert stored["state"] == "withdrawn" and stored["withdrawn_at"] is not None
    assert stored["due_at"] is None and not stored.get("decisions")

    for approver, message in asked.items():  # each DM updated in place, no buttons left
        now = bot.slack.message(bot.slack.dm_channel_id(approver), message["ts"])
        assert WITHDRAWN_DM in now["text"] and not action_ids(now)
        assert "*Seats:* 5" in str(now["blocks"])  # what was asked stays readable
    approvers = {bot.slack.dm_channel_id(a) for a in asked}
    updates = [c for c in bot.slack.calls_to("chat.update") if c.args["channel"] in approvers]
    assert sorted(c.args["channel"] for c in updates) == sorted(approvers)  # once each
    outbox = bot.guichet.database.handle["outbox"]
    sent = await outbox.find({"message.kind": "approval_withdrawn"}).to_list(10)
    assert sorted((d["message"]["recipient"], d["state"]) for d in sent) == [
        (DESK_MEMBER, "sent"),
        (INFRA_ONCALL_2, "sent"),
    ]

    # not posted to the team: no card to redraw; the ticket's own card says what happened
    assert not bot.slack.messages(CHANNELS["internal_it"])
    assert "Request withdrawn by the requester" in await bot.show(ticket.id, EMPLOYEE_EN)
    assert not action_ids(bot.slack.message(bot.slack.dm_channel_id(EMPLOYEE_EN), waiting["ts"]))
    history = await bot.guichet.helpdesk.tickets.history(ticket.id)
    assert [(e.action, e.actor, e.before, e.after) for e in history[-1:]] == [
        ("status", EMPLOYEE_EN, "new", "cancelled")
    ]
    lines = await audit_lines(bot, ticket_id=ticket.id, action="status")
    assert [(a[0], a[2], a[3]) for a in lines] == [
        (EMPLOYEE_EN, "done", "block_actions:ticket_cancel")
    ]
    await bot.tick()  # nothing more to do: no reminder, nothing asked again
    assert len(bot.dms_to(DESK_MEMBER)) == len(bot.dms_to(INFRA_ONCALL_2)) == 1


async def test_a_french_requester_reads_that_she_withdrew_her_request(bot: Harness) -> None:
    ticket = await _request(bot, "software_licence", LICENCE, user=EMPLOYEE_FR)
    waiting = bot.latest_dm(EMPLOYEE_FR, CANCEL)
    assert "Retirer la demande" in str(waiting["blocks"])

    await _withdraw(bot, user=EMPLOYEE_FR)
    withdrew = (
        "↩️ Vous avez retiré votre demande *REQ-1*\u00a0: vos approbateurs ne sont plus sollicités."
    )
    await bot.told_eventually(EMPLOYEE_FR, withdrew)  # « retirée », not « annulé »
    pressed = bot.slack.message(bot.slack.dm_channel_id(EMPLOYEE_FR), waiting["ts"])
    assert pressed["text"] == withdrew and not action_ids(pressed)
    assert not any("annulé" in m for m in bot.told(EMPLOYEE_FR))
    assert (await bot.ticket(ticket.id)).approval == "withdrawn"


async def _settled(bot: Harness, ticket_id: str) -> dict[str, Any] | None:
    """The approval once its withdrawal is finished (the approvers' DMs updated): withdrawn
    and settled. Settled alone is not enough: an approval whose first step was decided is
    settled before the withdrawal starts, and the press's work runs after its ack."""
    document = await _approval(bot, ticket_id)
    finished = document.get("state") == "withdrawn" and document.get("settled")
    return document if finished else None


async def test_a_press_on_a_withdrawn_request_is_refused_and_audited(bot: Harness) -> None:
    ticket = await _request(bot, "software_licence", LICENCE)
    shown = bot.latest_dm(DESK_MEMBER, "request_approve")  # still open in their Slack client
    await _withdraw(bot)
    await bot.eventually(lambda: _settled(bot, ticket.id), "the withdrawal settled")
    before = await _actions(bot, ticket.id)
    forms = len(bot.slack.calls_to("views.open"))

    await _press(bot, DESK_MEMBER, "request_approve", message=shown)
    await bot.told_eventually(DESK_MEMBER, REFUSED)
    await _press(bot, DESK_MEMBER, "request_reject", message=shown)  # no reason asked
    await bot.told_eventually(DESK_MEMBER, REFUSED, times=2)

    assert len(bot.slack.calls_to("views.open")) == forms
    after = await bot.ticket(ticket.id)
    assert after.status is Status.CANCELLED and after.approval == "withdrawn"
    assert after.message is None and not bot.slack.messages(CHANNELS["internal_it"])
    assert await _actions(bot, ticket.id) == before
    assert (await _approval(bot, ticket.id))["state"] == "withdrawn"
    pressed = "block_actions:"
    assert await refusals(bot, DESK_MEMBER) == [
        (DESK_MEMBER, a, "refused", pressed + a, ticket.id, "withdrawn")
        for a in ("request_approve", "request_reject")
    ]


async def test_withdrawn_at_the_second_step_in_the_approvers_language(bot: Harness) -> None:
    ticket = await _request(bot, "shared_folder", {"field_folder": "\\\\files\\finance"})
    await _press(bot, DESK_MEMBER, "request_approve")
    await bot.wait_dms(INFRA_ONCALL_1, 1)
    second = bot.latest_dm(INFRA_ONCALL_1, "request_approve")  # in French
    await bot.told_eventually(EMPLOYEE_EN, "now waits for approval by <@U0INFRA1>")
    assert "Withdraw the request" in str(bot.latest_dm(EMPLOYEE_EN, CANCEL)["blocks"])

    await _withdraw(bot)
    await bot.eventually(lambda: _settled(bot, ticket.id), "the withdrawal settled")
    now = bot.slack.message(bot.slack.dm_channel_id(INFRA_ONCALL_1), second["ts"])
    assert "Retiré par le demandeur\u00a0: plus rien à décider sur *REQ-1*." in now["text"]
    assert not action_ids(now)
    first = bot.latest_dm(DESK_MEMBER)  # the first step's DM still says who decided it
    assert "Decided: <@U0DESKMEMBER> approved this request." in first["text"]
    await _press(bot, INFRA_ONCALL_1, "request_approve", message=second)
    await bot.told_eventually(
        INFRA_ONCALL_1, "REQ-1 a été retiré par le demandeur\u00a0: plus rien à décider"
    )
    assert (await bot.ticket(ticket.id)).message is None
    assert (await _actions(bot, ticket.id)).count("approved") == 1


async def test_a_withdrawal_cut_short_is_finished_by_a_later_tick(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    ticket = await _request(bot, "software_licence", LICENCE)
    asked = bot.latest_dm(DESK_MEMBER, "request_approve")
    desk = bot.guichet.helpdesk
    real = desk.apply_change

    async def database_gone(*args: object, **kwargs: object) -> None:
        raise StoreUnavailable("the database went away")

    monkeypatch.setattr(desk, "apply_change", database_gone)
    await _withdraw(bot)
    await bot.told_eventually(EMPLOYEE_EN, "database")  # told it did not go through
    assert (await _approval(bot, ticket.id))["settled"] is False  # withdrawn, not finished
    assert (await bot.ticket(ticket.id)).status is Status.NEW
    await _press(bot, DESK_MEMBER, "request_approve", message=asked)  # the approval is closed
    await bot.told_eventually(DESK_MEMBER, REFUSED)
    monkeypatch.setattr(desk, "apply_change", real)

    await bot.tick(timedelta(seconds=30))  # too early: the cancel may still be underway
    assert (await bot.ticket(ticket.id)).status is Status.NEW
    await bot.tick(timedelta(minutes=1))
    cancelled = await bot.ticket(ticket.id)
    assert cancelled.status is Status.CANCELLED and cancelled.approval == "withdrawn"
    await bot.told_eventually(EMPLOYEE_EN, "is now *cancelled* (by <@U0JOHN>)")
    now = bot.slack.message(bot.slack.dm_channel_id(DESK_MEMBER), asked["ts"])
    assert WITHDRAWN_DM in now["text"] and not action_ids(now)
    assert (await _approval(bot, ticket.id))["settled"] is True
    await bot.tick(timedelta(minutes=1))  # settled: nothing twice
    assert (await _actions(bot, ticket.id)).count("status") == 1
    assert len([m for m in bot.told(EMPLOYEE_EN) if "is now *cancelled*" in m]) == 1
