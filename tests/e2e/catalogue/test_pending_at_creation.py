"""A catalogue request that needs approval is awaiting it from the insert that files it: a press
that lands after that insert but before its approval is asked (a forged claim guessing the next
REQ id, in the milliseconds after the ack) is refused like any press on a request awaiting its
approvers, changes nothing, and the approval then goes on as usual. A form sent again (Slack's
redelivery) files nothing twice and asks nobody twice."""

from __future__ import annotations

import re

import pytest

from storage.approvals import ApprovalRepository
from tests.e2e.audit_lines import refusals
from tests.e2e.catalogue.steps import LICENCE, choose
from tests.e2e.catalogue.test_awaiting_approval import (
    CONTROLS,
    REFUSED,
    _as_stored,
    _press_control,
)
from tests.e2e.catalogue.test_withdrawal_race import Gate
from tests.e2e.harness import CHANNELS, DESK_MEMBER, EMPLOYEE_EN, Harness
from tests.e2e.workspace import INTERNAL_AGENT


async def _file_held(bot: Harness, monkeypatch: pytest.MonkeyPatch) -> tuple[str, Gate]:
    """The employee files a licence needing approval; its approval's start is held at its
    first write (the approval stored) until the gate opens. Returns the ticket id."""
    gate = Gate()
    monkeypatch.setattr(ApprovalRepository, "create", gate.hold(ApprovalRepository.create))
    form = await choose(bot, await bot.open_form(), "software_licence")
    status, body = await bot.submit(form, LICENCE)
    assert status == 200 and body["response_action"] == "update", body
    found = re.search(r"\bREQ-\d+\b", str(body["view"]["blocks"]))
    assert found is not None
    await bot.eventually(gate.entered.is_set, "the approval's start underway")
    return found.group(), gate


@pytest.mark.parametrize(
    ("action_id", "parts", "kind"), [("ticket_claim", None, "button"), *CONTROLS]
)
async def test_a_control_pressed_before_the_approval_is_asked_is_refused(
    bot: Harness, monkeypatch: pytest.MonkeyPatch, action_id: str, parts: str | None, kind: str
) -> None:
    ticket_id, gate = await _file_held(bot, monkeypatch)
    before = await _as_stored(bot, ticket_id)
    assert (await bot.ticket(ticket_id)).approval == "pending"  # from its insert
    assert not bot.dms_to(DESK_MEMBER)  # nobody asked yet: the start is held
    told = len(bot.told(INTERNAL_AGENT))
    views = len(bot.slack.calls_to("views.open"))
    await _press_control(bot, ticket_id, action_id, parts, kind, INTERNAL_AGENT)
    await bot.eventually(lambda: len(bot.told(INTERNAL_AGENT)) > told, "the agent told")
    assert f"{ticket_id} {REFUSED}" in bot.told(INTERNAL_AGENT)[-1]
    assert await _as_stored(bot, ticket_id) == before
    assert len(bot.slack.calls_to("views.open")) == views  # no form opened on it
    assert [line[-1] for line in await refusals(bot, INTERNAL_AGENT)] == ["AwaitingApproval"]

    gate.opened.set()  # the start goes on: its approvers asked, its requester told
    await bot.wait_dms(EMPLOYEE_EN, 1)
    assert bot.latest_dm(DESK_MEMBER, "request_approve")
    await bot.settled()
    held = await bot.ticket(ticket_id)
    assert held.approval == "pending" and held.assignee is None and held.message is None
    assert held.announce_at is None  # announced: held for its approvers
    history = [e.action.value for e in await bot.guichet.helpdesk.tickets.history(ticket_id)]
    assert history == ["created", "approval_requested"]
    assert bot.top_level(CHANNELS["internal_it"]) == []


async def test_a_redelivered_form_files_and_asks_once(bot: Harness) -> None:
    form = await choose(bot, await bot.open_form(), "software_licence")
    first = await bot.submit(form, LICENCE)
    again = await bot.submit(form, LICENCE)  # Slack sent the same submission again
    assert first[0] == again[0] == 200
    await bot.wait_dms(EMPLOYEE_EN, 1)
    await bot.settled()
    tickets = bot.guichet.database.handle["tickets"]
    stored = await tickets.find({"request.item": "software_licence"}).to_list(None)
    assert [(t["_id"], t["approval"], t["announce_at"]) for t in stored] == [
        ("REQ-1", "pending", None)
    ]
    assert len(bot.dms_to(DESK_MEMBER)) == 1 and len(bot.dms_to(EMPLOYEE_EN)) == 1
    history = [e.action.value for e in await bot.guichet.helpdesk.tickets.history("REQ-1")]
    assert history == ["created", "approval_requested"]
