"""Approvals end to end: a request held until its approvers decide in Slack (one step, two
steps, a rejection with its reason), reminders and the fallback, two approvers at once, a
forged press, and the SLA clocks waiting while it is pending."""

from __future__ import annotations

import asyncio
import logging
import re
from datetime import timedelta
from typing import Any

import pytest

from bot.domain.errors import StoreUnavailable
from bot.domain.models import Status, Ticket
from tests.e2e.catalogue.steps import LICENCE, choose, reject_form
from tests.e2e.catalogue.steps import press as _press
from tests.e2e.catalogue.steps import request as _request
from tests.e2e.harness import (
    CHANNELS,
    DESK_MEMBER,
    EMPLOYEE_EN,
    EMPLOYEE_FR,
    INFRA_ONCALL_1,
    INFRA_ONCALL_2,
    OUTSIDER,
    SECURITY_ONCALL,
    Harness,
)
from tests.e2e.observations import action_ids, searchable


async def _actions(bot: Harness, ticket_id: str) -> list[str]:
    return [e.action.value for e in await bot.guichet.helpdesk.tickets.history(ticket_id)]


async def test_a_request_waits_for_its_approval_with_its_clocks_stopped(bot: Harness) -> None:
    ticket = await _request(bot, "software_licence", LICENCE)
    assert ticket.approval == "pending" and ticket.status is Status.NEW
    assert ticket.message is None and not bot.slack.messages(CHANNELS["internal_it"])
    assert ticket.sla.response_due is None and ticket.next_ping_at is None  # SLA paused
    assert "waits for approval by <@U0DESKMEMBER>, <@U0INFRA2>" in bot.told(EMPLOYEE_EN)[-1]
    assert "Waiting for approval" in await bot.show(ticket.id, EMPLOYEE_EN)
    for approver in (DESK_MEMBER, INFRA_ONCALL_2):
        asked = bot.latest_dm(approver, "request_approve")
        assert "<@U0JOHN> asks for *Software licence*" in asked["text"]
        assert "*Seats:* 5" in str(asked["blocks"])
    bot.clock.advance(timedelta(minutes=30))
    stale = bot.latest_dm(INFRA_ONCALL_2, "request_approve")
    await _press(bot, DESK_MEMBER, "request_approve")
    posted = await bot.eventually(lambda: _posted(bot, ticket.id), "the ticket posted")
    assert posted.approval == "approved" and posted.message.channel == CHANNELS["internal_it"]
    assert posted.sla.response_due == bot.clock.now() + timedelta(hours=4)  # P3 from approval
    assert any("<@U0DESKMEMBER> approved your request" in m for m in bot.told(EMPLOYEE_EN))
    await bot.eventually(lambda: "You approved REQ-1." in bot.told(DESK_MEMBER))
    queued = "↪️ *REQ-1* waits in *Internal IT*’s queue for someone to take it"

    def dms() -> str:
        return searchable(bot.slack.messages(bot.slack.dm_channel_id(EMPLOYEE_EN)))

    await bot.eventually(lambda: queued in dms(), "the earlier DM saying where the request is")
    assert "is now new" not in dms()
    actions = await _actions(bot, ticket.id)
    assert actions[:3] == ["created", "approval_requested", "approved"] and "posted" in actions
    shown = await bot.show(ticket.id, EMPLOYEE_EN)
    assert "asked <@U0DESKMEMBER>, <@U0INFRA2> for approval" in shown
    assert "<@U0DESKMEMBER> approved (step 1)" in shown
    # the other approver, too late, is told who decided; nothing changes
    await _press(bot, INFRA_ONCALL_2, "request_approve", message=stale)
    late = "REQ-1 is already decided: <@U0DESKMEMBER> approved it."
    await bot.eventually(lambda: late in bot.told(INFRA_ONCALL_2))
    assert (await _actions(bot, ticket.id)).count("approved") == 1


async def _posted(bot: Harness, ticket_id: str) -> Ticket | None:
    ticket = await bot.ticket(ticket_id)
    return ticket if ticket.message is not None else None


async def test_below_the_threshold_nobody_is_asked(bot: Harness) -> None:
    form = await choose(bot, await bot.open_form(), "software_licence")
    _, body = await bot.submit(form, {**LICENCE, "field_seats": "2"})
    found = re.search(r"REQ-\d+", str(body["view"]["blocks"]))
    assert found is not None
    ticket_id = found.group()
    await bot.wait_dms(EMPLOYEE_EN, 1)
    ticket = await bot.ticket(ticket_id)
    assert ticket.approval is None and ticket.message is not None
    assert not bot.dms_to(DESK_MEMBER)


async def test_the_form_says_a_request_waits_for_approval_not_that_it_was_sent(
    bot: Harness,
) -> None:
    """The form a request turns into says it must be approved first, as the DM after it does;
    it said "sent to Internal IT", which no team had seen. Below the threshold: sent."""
    form = await choose(bot, await bot.open_form(), "software_licence")
    _, body = await bot.submit(form, LICENCE)
    assert body["view"]["title"]["text"] == "Request recorded"
    assert searchable(body["view"]["blocks"]).count("sent to") == 0
    assert (
        "Your request *REQ-1* is recorded. It must be approved first: it goes to *Internal IT* "
        "only then." in searchable(body["view"]["blocks"])
    )
    french = await choose(
        bot, await bot.open_form(user=EMPLOYEE_FR), "software_licence", user=EMPLOYEE_FR
    )
    _, body = await bot.submit(french, LICENCE, user=EMPLOYEE_FR)
    assert body["view"]["title"]["text"] == "Demande enregistrée"
    assert (
        "Votre demande *REQ-2* est enregistrée. Elle doit d’abord être approuvée\u00a0: elle "
        "ne part au *Service informatique interne* qu’ensuite."
        in searchable(body["view"]["blocks"])
    )
    below = await choose(bot, await bot.open_form(), "software_licence")
    _, body = await bot.submit(below, {**LICENCE, "field_seats": "2"})
    assert "is recorded and sent to *Internal IT*" in searchable(body["view"]["blocks"])


async def test_two_steps_first_available_then_the_owner(bot: Harness) -> None:
    ticket = await _request(bot, "shared_folder", {"field_folder": "\\\\files\\finance"})
    assert not bot.dms_to(INFRA_ONCALL_2)  # U0NOBODY is unknown: the first active is asked
    await _press(bot, DESK_MEMBER, "request_approve")
    await bot.wait_dms(INFRA_ONCALL_1, 1)
    asked = bot.latest_dm(INFRA_ONCALL_1, "request_approve")["text"]  # in French
    assert "(étape 2 sur 2)" in asked and "*Accès à un dossier partagé*" in asked
    step_told = "now waits for approval by <@U0INFRA1>"
    await bot.eventually(lambda: any(step_told in m for m in bot.told(EMPLOYEE_EN)))
    assert (await bot.ticket(ticket.id)).message is None  # not posted between the steps
    await _press(bot, INFRA_ONCALL_1, "request_approve")
    posted = await bot.eventually(lambda: _posted(bot, ticket.id), "the ticket posted")
    assert [e for e in await _actions(bot, posted.id) if "approv" in e] == [
        "approval_requested",
        "approved",
        "approved",
    ]


async def test_a_rejection_asks_a_reason_and_tells_the_requester(bot: Harness) -> None:
    ticket = await _request(bot, "software_licence", LICENCE)
    stale = bot.latest_dm(DESK_MEMBER, "request_approve")
    form = await reject_form(bot, INFRA_ONCALL_2)
    assert form["callback_id"] == "request_reject_form"
    status, body = await bot.submit(form, {"reject_reason": "  "}, user=INFRA_ONCALL_2)
    assert body["response_action"] == "errors" and "reject_reason" in body["errors"]
    status, body = await bot.submit(
        form, {"reject_reason": "Use LibreOffice Draw"}, user=INFRA_ONCALL_2
    )
    assert status == 200 and not body
    await bot.eventually(lambda: any("rejected your request" in m for m in bot.told(EMPLOYEE_EN)))
    told = bot.told(EMPLOYEE_EN)[-1]
    assert (
        told == "<@U0INFRA2> rejected your request *Software licence* (REQ-1): Use LibreOffice Draw"
    )
    rejected = await bot.ticket(ticket.id)
    assert rejected.status is Status.CANCELLED and rejected.approval == "rejected"
    assert rejected.message is None and not bot.slack.messages(CHANNELS["internal_it"])
    history = await bot.guichet.helpdesk.tickets.history(ticket.id)
    assert history[-1].action == "rejected" and history[-1].note == "Use LibreOffice Draw"
    await _press(bot, DESK_MEMBER, "request_approve", message=stale)  # too late now
    late = "REQ-1 is already decided: <@U0INFRA2> rejected it."
    await bot.eventually(lambda: late in bot.told(DESK_MEMBER))


async def test_two_approvers_at_once_make_one_decision(bot: Harness) -> None:
    ticket = await _request(bot, "software_licence", LICENCE)
    first = bot.latest_dm(DESK_MEMBER, "request_approve")
    second = bot.latest_dm(INFRA_ONCALL_2, "request_approve")
    await asyncio.gather(
        _press(bot, DESK_MEMBER, "request_approve", message=first),
        _press(bot, INFRA_ONCALL_2, "request_approve", message=second),
    )
    await bot.eventually(lambda: _posted(bot, ticket.id), "the ticket posted")

    def answers() -> list[str]:
        return [
            m
            for a in (DESK_MEMBER, INFRA_ONCALL_2)
            for m in bot.told(a)
            if "REQ-1" in m and "asks" not in m
        ]

    await bot.eventually(lambda: len(answers()) == 2)
    assert sorted("already decided" in a for a in answers()) == [False, True]
    assert (await _actions(bot, ticket.id)).count("approved") == 1
    assert len(bot.slack.messages(CHANNELS["internal_it"])) == 1


async def test_a_forged_press_is_refused_and_logged(
    bot: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    ticket = await _request(bot, "software_licence", LICENCE)
    with caplog.at_level(logging.WARNING):
        await _press(bot, DESK_MEMBER, "request_approve", as_user=OUTSIDER)
        await bot.eventually(lambda: any("not an approver" in m for m in bot.told(OUTSIDER)))
        await _press(bot, DESK_MEMBER, "request_reject", as_user=EMPLOYEE_EN)  # the requester
        await bot.eventually(lambda: any("not an approver" in m for m in bot.told(EMPLOYEE_EN)))
    assert "U0OUTSIDER is not an approver of REQ-1" in caplog.text
    assert not bot.slack.calls_to("views.open")[1:]  # no reason asked of a non-approver
    still = await bot.ticket(ticket.id)
    assert still.approval == "pending" and still.message is None
    assert await _actions(bot, ticket.id) == ["created", "approval_requested"]


async def test_approvers_are_reminded_then_the_fallback_is_asked(bot: Harness) -> None:
    ticket = await _request(bot, "software_licence", LICENCE)
    await bot.tick(timedelta(minutes=59))
    assert len(bot.dms_to(DESK_MEMBER)) == 1  # not yet
    await bot.tick(timedelta(minutes=2))
    reminded = bot.latest_dm(DESK_MEMBER, "request_approve")["text"]
    assert reminded == (  # one step: no "step 1 of 1", as the request itself said
        f"Reminder: <@{EMPLOYEE_EN}> is still waiting for your decision on *Software licence* "
        f"({ticket.id})."
    )
    assert len(bot.dms_to(INFRA_ONCALL_2)) == 2
    await bot.tick(timedelta(minutes=30))
    assert len(bot.dms_to(DESK_MEMBER)) == 2  # reminded once
    assert not bot.dms_to(SECURITY_ONCALL)
    told = len(bot.dms_to(EMPLOYEE_EN))
    await bot.tick(timedelta(hours=3))  # 4 h after the request
    asked = bot.latest_dm(SECURITY_ONCALL, "request_approve")["text"]
    assert asked == (  # why them: the people asked first did not answer
        f"<@{EMPLOYEE_EN}> asks for *Software licence* ({ticket.id}) and the people asked first "
        "did not answer in time: your approval is needed in their place:"
    )
    await bot.wait_dms(EMPLOYEE_EN, told + 1)  # the requester is told who decides now
    assert bot.told(EMPLOYEE_EN)[-1] == (
        f"Nobody has decided on your request *Software licence* ({ticket.id}) yet: I have asked "
        f"more people as well, and it now waits for approval by <@{DESK_MEMBER}>, "
        f"<@{INFRA_ONCALL_2}>, "
        f"<@{SECURITY_ONCALL}>. I will tell you their decision."
    )
    assert action_ids(bot.latest_dm(EMPLOYEE_EN)) == ["ticket_cancel"]  # still withdrawable
    await _press(bot, SECURITY_ONCALL, "request_approve")
    posted = await bot.eventually(lambda: _posted(bot, ticket.id), "the ticket posted")
    actions = await _actions(bot, posted.id)
    assert actions[:5] == [
        "created",
        "approval_requested",
        "approval_reminded",
        "approval_fallback",
        "approved",
    ]


async def test_a_user_group_approves_and_an_empty_one_falls_back(bot: Harness) -> None:
    bot.slack.set_usergroup("S0LEADS", [INFRA_ONCALL_2, DESK_MEMBER])
    ticket = await _request(bot, "admin_rights", {"field_why": "Install drivers"})
    assert len(bot.dms_to(INFRA_ONCALL_2)) == len(bot.dms_to(DESK_MEMBER)) == 1
    assert bot.slack.last("usergroups.users.list").args["usergroup"] == "S0LEADS"
    await _press(bot, INFRA_ONCALL_2, "request_approve")
    posted = await bot.eventually(lambda: _posted(bot, ticket.id), "the ticket posted")
    assert posted.message.channel == CHANNELS["security"]
    await bot.eventually(lambda: "Your ticket *REQ-1*" in bot.told(EMPLOYEE_EN)[-1])

    bot.slack.set_usergroup("S0LEADS", [])  # nobody in the group: the fallback decides
    second = await _request(bot, "admin_rights", {"field_why": "Again"})
    assert "approval by <@U0SECONCALL>" in bot.told(EMPLOYEE_EN)[-1]
    await _press(bot, SECURITY_ONCALL, "request_approve")
    await bot.eventually(lambda: _posted(bot, second.id), "the second ticket posted")


async def test_an_approval_cut_short_is_finished_by_a_later_tick(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    ticket = await _request(bot, "software_licence", LICENCE)
    desk = bot.guichet.helpdesk
    real = desk.apply_change

    async def database_gone(*args: object, **kwargs: object) -> None:
        raise StoreUnavailable("the database went away")

    monkeypatch.setattr(desk, "apply_change", database_gone)
    await _press(bot, DESK_MEMBER, "request_approve")
    stored = bot.guichet.database.handle["approvals"]
    await bot.eventually(lambda: _state(stored, ticket.id), "the decision stored")
    assert (await bot.ticket(ticket.id)).approval == "pending"  # the rest did not happen
    monkeypatch.setattr(desk, "apply_change", real)
    await bot.tick(timedelta(seconds=30))  # too early: the decision may still be underway
    assert (await bot.ticket(ticket.id)).message is None
    await bot.tick(timedelta(minutes=1))
    posted = await bot.ticket(ticket.id)
    assert posted.approval == "approved" and posted.message is not None
    await bot.tick(timedelta(minutes=1))  # settled: nothing twice
    assert len(bot.slack.messages(CHANNELS["internal_it"])) == 1
    assert (await _actions(bot, ticket.id)).count("approved") == 1


async def _state(approvals: Any, ticket_id: str) -> bool:  # a collection of Database.handle
    document = await approvals.find_one({"_id": ticket_id})
    return document["state"] == "approved" and document["settled"] is False


async def test_an_approver_whose_reason_form_cannot_open_is_told_and_nothing_is_decided(
    bot: Harness,
) -> None:
    """Reject opens a form asking the reason; when Slack cannot open it (the click's 3 seconds
    gone), the approver is told to try again rather than seeing nothing happen."""
    ticket = await _request(bot, "software_licence", LICENCE)
    bot.slack.fail_next("views.open", "expired_trigger_id")
    await _press(bot, DESK_MEMBER, "request_reject")
    await bot.told_eventually(DESK_MEMBER, "The form could not open in time. Please try again.")
    assert (await bot.ticket(ticket.id)).approval == "pending"


async def test_a_french_requester_waiting_on_one_approver_reads_sa_decision(
    bot: Harness,
) -> None:
    """One approver: « sa décision » (« leur décision » is said of several)."""
    form = await choose(
        bot, await bot.open_form(user=EMPLOYEE_FR), "shared_folder", user=EMPLOYEE_FR
    )
    status, body = await bot.submit(form, {"field_folder": "\\\\files\\finance"}, user=EMPLOYEE_FR)
    assert status == 200 and body["response_action"] == "update", body
    said = await bot.told_eventually(EMPLOYEE_FR, "attend l’approbation de")
    assert said.endswith(
        f"attend l’approbation de <@{DESK_MEMBER}>. Je vous préviendrai de sa décision."
    )
