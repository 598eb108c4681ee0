"""A catalogue request awaiting approval is not its service's work yet: no card shows it a
control, and a forged or replayed press (claim, a change of status, every other control of a
card, a merge into it or of it) is refused, audited, and changes nothing — authority comes from
the stored ticket, not from what a payload claims. Nor does anything else act on it in an
agent's name: the App Home queue offers no Claim on it, no storm links incidents to it, the
scheduler neither reminds nor pages about it, and a request whose filing was cut short before
its approval was asked is not posted to its service by the sweep that finishes filings."""

from __future__ import annotations

import logging
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.catalogue.approvals import Approvals
from bot.domain.errors import StoreUnavailable
from bot.domain.merging import absorbed, merged_into
from bot.domain.models import Status, Ticket
from storage.approvals import ApprovalRepository
from storage.client import Database
from tests.e2e.audit_lines import refusals
from tests.e2e.catalogue.conftest import with_catalogue
from tests.e2e.catalogue.steps import LICENCE, choose, reject_form
from tests.e2e.catalogue.steps import press as _press
from tests.e2e.catalogue.steps import request as _request
from tests.e2e.harness import (
    CHANNELS,
    DESK_MEMBER,
    EMPLOYEE_EN,
    EMPLOYEE_FR,
    INFRA_ONCALL_2,
    OUTSIDER,
    Harness,
    running_bot,
)
from tests.e2e.workspace import INTERNAL_AGENT

REFUSED = "is still awaiting its approvers: nothing can be done on it before they decide."


def _card_with(element: dict[str, Any]) -> dict[str, Any]:
    """A message as a forged payload would carry it: one control, never posted by Guichet."""
    return {"ts": "1767603600.000099", "blocks": [{"type": "actions", "elements": [element]}]}


async def _forge(bot: Harness, action_id: str, value: str, element: dict[str, Any]) -> str:
    told = len(bot.told(INTERNAL_AGENT))
    status, _ = await bot.send.block_action(
        action_id,
        value,
        user_id=INTERNAL_AGENT,
        channel_id=CHANNELS["internal_it"],
        message=_card_with({"action_id": action_id, **element}),
    )
    assert status == 200
    await bot.eventually(lambda: len(bot.told(INTERNAL_AGENT)) > told, "the agent told")
    return bot.told(INTERNAL_AGENT)[-1]


async def test_a_forged_claim_or_status_on_a_request_awaiting_approval_is_refused(
    bot: Harness,
) -> None:
    ticket = await _request(bot, "software_licence", LICENCE)
    assert ticket.approval == "pending" and ticket.message is None  # no card: not posted yet
    button = {"type": "button", "text": {"type": "plain_text", "text": "Claim"}}
    told = await _forge(bot, "ticket_claim", ticket.id, {**button, "value": ticket.id})
    assert f"{ticket.id} {REFUSED}" in told

    resolved = f"{ticket.id}|{ticket.status.value}|resolved"
    option = {"text": {"type": "plain_text", "text": "Resolved"}, "value": resolved}
    menu = {
        "type": "static_select",
        "placeholder": {"type": "plain_text", "text": "Status"},
        "options": [option],
    }
    told = await _forge(bot, "ticket_status", resolved, menu)
    assert f"{ticket.id} {REFUSED}" in told

    stored = await bot.ticket(ticket.id)
    assert stored.assignee is None and stored.status is ticket.status is Status.NEW
    assert stored.approval == "pending"
    reasons = [line[-1] for line in await refusals(bot, INTERNAL_AGENT)]
    assert reasons == ["AwaitingApproval", "AwaitingApproval"]


ONE_SEAT = {**LICENCE, "field_seats": "1"}  # under the threshold: posted at once, no approval
# Every control a card (or a page, or the App Home) carries, as a forged press would send it on
# a request awaiting approval: (action id, what the value holds after the ticket id, its type)
CONTROLS = [
    ("ticket_status", "new|in_progress", "static_select"),
    ("ticket_status", "new|resolved", "static_select"),  # the resolve form's way in
    ("ticket_status", "new|cancelled", "static_select"),
    ("ticket_priority", "P3|P1", "static_select"),
    ("ticket_type", "service_request|incident", "static_select"),
    ("ticket_reassign", "internal_it|security", "static_select"),
    ("ticket_assign", "-", "button"),
    ("ticket_unassign", "-", "button"),
    ("ticket_edit", None, "button"),
    ("ticket_merge", None, "button"),
    ("ticket_saved_reply", None, "button"),
    ("knowledge_reply", None, "button"),
    ("ticket_declare_emergency", "service_request", "button"),
    ("ticket_not_emergency", "P3", "static_select"),
    ("ticket_ack", None, "button"),
]


async def _as_stored(bot: Harness, ticket_id: str) -> tuple[Any, ...]:
    """What a control could change: the ticket's fields and its history."""
    ticket = await bot.ticket(ticket_id)
    history = await bot.guichet.helpdesk.tickets.history(ticket_id)
    return (
        ticket.status,
        ticket.assignee,
        ticket.priority,
        ticket.type,
        ticket.service,
        ticket.title,
        ticket.approval,
        ticket.paging,
        ticket.next_ping_at,
        ticket.requester_thread,
        ticket.extra,
        [(e.action, e.actor) for e in history],
    )


async def _press_control(
    bot: Harness, ticket_id: str, action_id: str, parts: str | None, kind: str, user: str
) -> None:
    """Press ``action_id`` on ``ticket_id`` as ``user``, from a card drawn by nobody (forged)."""
    value = f"{ticket_id}|{parts}" if parts else ticket_id
    status, _ = await bot.send.block_action(
        action_id,
        value,
        user_id=user,
        channel_id=CHANNELS["internal_it"],
        message={"ts": "1767603600.000099", "blocks": []},
        action_type=kind,
    )
    assert status == 200


@pytest.mark.parametrize(("action_id", "parts", "kind"), CONTROLS)
async def test_every_control_forged_on_a_request_awaiting_approval_is_refused(
    bot: Harness, action_id: str, parts: str | None, kind: str
) -> None:
    ticket = await _request(bot, "software_licence", LICENCE)
    before = await _as_stored(bot, ticket.id)
    views = len(bot.slack.calls_to("views.open"))
    told = len(bot.told(INTERNAL_AGENT))
    await _press_control(bot, ticket.id, action_id, parts, kind, INTERNAL_AGENT)
    await bot.eventually(lambda: len(bot.told(INTERNAL_AGENT)) > told, "the agent told")
    assert f"{ticket.id} {REFUSED}" in bot.told(INTERNAL_AGENT)[-1]
    assert await _as_stored(bot, ticket.id) == before
    assert len(bot.slack.calls_to("views.open")) == views  # no form opened on it
    reasons = [line[-1] for line in await refusals(bot, INTERNAL_AGENT)]
    assert reasons == ["AwaitingApproval"]


@pytest.mark.parametrize(("action_id", "parts", "kind"), CONTROLS)
async def test_someone_outside_its_service_is_told_only_that_it_is_not_theirs(
    bot: Harness, action_id: str, parts: str | None, kind: str
) -> None:
    ticket = await _request(bot, "software_licence", LICENCE)
    before = await _as_stored(bot, ticket.id)
    await _press_control(bot, ticket.id, action_id, parts, kind, OUTSIDER)
    told = await bot.told_eventually(OUTSIDER, "Internal IT")  # whose work it is, no more
    assert REFUSED not in told
    assert await _as_stored(bot, ticket.id) == before
    reasons = [line[-1] for line in await refusals(bot, OUTSIDER)]
    assert reasons == ["NotAllowed"]


async def test_the_requesters_reply_to_their_waiting_dm_reaches_no_team_and_says_so(
    bot: Harness,
) -> None:
    ticket = await _request(bot, "software_licence", LICENCE)
    before = await _as_stored(bot, ticket.id)
    dm = bot.slack.dm_channel_id(EMPLOYEE_EN)
    waiting = bot.latest_dm(EMPLOYEE_EN)
    said = await bot.say(dm, "Any news? I need it by Friday.", EMPLOYEE_EN, thread_ts=waiting["ts"])

    def answered() -> dict[str, Any] | None:  # the bot's reply under the person's message
        return next(
            (
                m
                for m in bot.slack.messages(dm)
                if m.get("bot_id")
                and m.get("thread_ts") == waiting["ts"]
                and float(m["ts"]) > float(said["ts"])
            ),
            None,
        )

    answer = await bot.eventually(answered, "the answer in the waiting DM's thread")
    assert answer["text"] == (
        f"{ticket.id} is still waiting for approval by <@{DESK_MEMBER}>, <@{INFRA_ONCALL_2}>: no "
        "team sees it before then, so your message was passed on to nobody. Once it is "
        "approved, what you write here reaches the team."
    )
    await bot.settled()
    posted = bot.slack.calls_to("chat.postMessage")  # no card, no thread, nothing relayed
    assert not [c for c in posted if c.args["channel"] == CHANNELS["internal_it"]]
    assert not bot.slack.calls_to("reactions.add")  # not marked relayed either
    assert await _as_stored(bot, ticket.id) == before


async def test_a_reply_under_the_waiting_dm_once_approved_goes_to_the_team(bot: Harness) -> None:
    ticket = await _request(bot, "software_licence", LICENCE)
    dm = bot.slack.dm_channel_id(EMPLOYEE_EN)
    waiting = bot.latest_dm(EMPLOYEE_EN)
    await _press(bot, DESK_MEMBER, "request_approve")  # approved: the team has it now
    await bot.eventually(lambda: _posted(bot, ticket.id), "the ticket posted")
    await bot.settled()
    said = await bot.say(dm, "thanks!", EMPLOYEE_EN, thread_ts=waiting["ts"])
    await bot.slack.wait_for("reactions.add")  # relayed (handlers/conversation/under_dm.py)
    await bot.settled()
    thread = [m for m in bot.slack.messages(dm) if m.get("thread_ts") == waiting["ts"]]
    assert [m["text"] for m in thread if m["ts"] != waiting["ts"]] == ["thanks!"]  # no answer
    assert [r["name"] for r in bot.slack.message(dm, said["ts"])["reactions"]] == [
        "incoming_envelope"
    ]
    stored = await bot.ticket(ticket.id)
    assert stored.message is not None and stored.requester_thread is not None
    assert stored.requester_thread.ts == waiting["ts"]
    relayed = [
        m["text"]
        for m in bot.slack.messages(stored.message.channel)
        if m.get("thread_ts") == stored.message.ts and m["text"].endswith("thanks!")
    ]
    assert len(relayed) == 1


async def test_a_reply_under_a_rejected_requests_dm_says_no_team_had_it(bot: Harness) -> None:
    ticket = await _request(bot, "software_licence", LICENCE)
    dm = bot.slack.dm_channel_id(EMPLOYEE_EN)
    form = await reject_form(bot, INFRA_ONCALL_2)
    status, body = await bot.submit(form, {"reject_reason": "Use Draw"}, user=INFRA_ONCALL_2)
    assert status == 200 and not body
    await bot.told_eventually(EMPLOYEE_EN, "rejected your request")
    await bot.settled()
    rejected = bot.latest_dm(EMPLOYEE_EN)
    assert rejected["metadata"]["event_payload"]["ticket_id"] == ticket.id
    ended = await bot.ticket(ticket.id)
    assert not ended.is_open and ended.message is None  # no team ever had it
    before = await _as_stored(bot, ticket.id)
    said = await bot.say(dm, "Why not Visio?", EMPLOYEE_EN, thread_ts=rejected["ts"])

    def answered() -> dict[str, Any] | None:
        return next(
            (
                m
                for m in bot.slack.messages(dm)
                if m.get("bot_id")
                and m.get("thread_ts") == rejected["ts"]
                and float(m["ts"]) > float(said["ts"])
            ),
            None,
        )

    answer = await bot.eventually(answered, "the answer under the rejection")
    assert answer["text"] == (
        f"{ticket.id} ended without ever reaching a team’s channel: your message was passed on "
        "to nobody. For a new request, type `/ticket`."
    )
    await bot.settled()
    assert not bot.slack.calls_to("reactions.add")
    assert await _as_stored(bot, ticket.id) == before


# The forms a control opens, submitted forged for a request awaiting approval (no control
# opens them on one): (callback id, what the metadata holds after the ticket id, the inputs)
SUBMISSIONS = [
    (
        "ticket_edit_form",
        None,
        {"edit_title": ("plain_text_input", "Visio x5"), "edit_description": None},
    ),
    ("ticket_assign_form", "-", {"assignee": ("users_select", INTERNAL_AGENT)}),
    ("ticket_resolve_form", "new", {"resolution_note": ("plain_text_input", "Done.")}),
]


def _form(callback_id: str, metadata: str, inputs: dict[str, Any]) -> dict[str, Any]:
    """A modal as Slack would send it back, never opened by Guichet."""
    blocks = [
        {
            "type": "input",
            "block_id": block_id,
            "label": {"type": "plain_text", "text": block_id},
            "element": {"type": (kind or ("plain_text_input", None))[0], "action_id": block_id},
        }
        for block_id, kind in inputs.items()
    ]
    return {
        "id": "V0FORGED",
        "type": "modal",
        "callback_id": callback_id,
        "private_metadata": metadata,
        "title": {"type": "plain_text", "text": "Forged"},
        "blocks": blocks,
    }


@pytest.mark.parametrize(("callback_id", "parts", "inputs"), SUBMISSIONS)
async def test_every_form_forged_for_a_request_awaiting_approval_is_refused(
    bot: Harness, callback_id: str, parts: str | None, inputs: dict[str, Any]
) -> None:
    ticket = await _request(bot, "software_licence", LICENCE)
    before = await _as_stored(bot, ticket.id)
    view = _form(callback_id, f"{ticket.id}|{parts}" if parts else ticket.id, inputs)
    answers = {block_id: kind[1] for block_id, kind in inputs.items() if kind}
    status, body = await bot.submit(view, answers, INTERNAL_AGENT)
    assert status == 200 and body["response_action"] == "update", body
    assert f"{ticket.id} {REFUSED}" in str(body["view"]["blocks"])
    assert await _as_stored(bot, ticket.id) == before
    reasons = [line[-1] for line in await refusals(bot, INTERNAL_AGENT)]
    assert reasons == ["AwaitingApproval"]


async def _merge_form(bot: Harness, ticket: Ticket) -> dict[str, Any]:
    call = await bot.choose_form(ticket.id, "ticket_merge", INTERNAL_AGENT)
    assert call.ok, call.response
    return call.response["view"]


async def test_a_merge_takes_no_request_awaiting_approval_in_nor_out(bot: Harness) -> None:
    pending = await _request(bot, "software_licence", LICENCE)
    posted = await _request(bot, "software_licence", ONE_SEAT)
    assert posted.approval is None and posted.message is not None
    before = {t.id: await _as_stored(bot, t.id) for t in (pending, posted)}
    view = await _merge_form(bot, posted)

    # into it: the form says why under the field, and the agent may type another ticket
    status, body = await bot.submit(view, {"merge_target": pending.id}, INTERNAL_AGENT)
    assert status == 200 and body["response_action"] == "errors", body
    assert body["errors"]["merge_target"].startswith(f"{pending.id} {REFUSED}")
    # out of it: the form forged to carry it as the duplicate
    forged = dict(view, private_metadata=pending.id)
    status, body = await bot.submit(forged, {"merge_target": posted.id}, INTERNAL_AGENT)
    assert status == 200 and body["response_action"] == "update", body
    assert f"{pending.id} {REFUSED}" in str(body["view"]["blocks"])

    for ticket in (pending, posted):
        stored = await bot.ticket(ticket.id)
        assert merged_into(stored.extra) is None and absorbed(stored.extra) == []
        assert await _as_stored(bot, ticket.id) == before[ticket.id]
    outbox = bot.guichet.database.handle["outbox"]
    assert await outbox.count_documents({"message.kind": "merge_notice"}) == 0  # nobody told
    reasons = [line[-1] for line in await refusals(bot, INTERNAL_AGENT)]
    assert reasons == ["AwaitingApproval", "AwaitingApproval"]

    await _press(bot, DESK_MEMBER, "request_approve")  # approved: its service's work now
    await bot.eventually(lambda: _posted(bot, pending.id), "the request posted")
    status, body = await bot.submit(view, {"merge_target": pending.id}, INTERNAL_AGENT)
    assert status == 200 and not body, body
    await bot.eventually(lambda: _merged(bot, posted.id, pending.id), "the merge made")


async def test_the_home_queue_offers_no_claim_on_a_request_awaiting_approval(
    bot: Harness,
) -> None:
    pending = await _request(bot, "software_licence", LICENCE)
    posted = await _request(bot, "software_licence", ONE_SEAT)
    home = str((await bot.open_home(INTERNAL_AGENT))["blocks"])
    assert posted.id in home and pending.id not in home
    await _press(bot, DESK_MEMBER, "request_approve")
    await bot.eventually(lambda: _posted(bot, pending.id), "the request posted")
    assert pending.id in str((await bot.open_home(INTERNAL_AGENT))["blocks"])


async def test_the_scheduler_neither_reminds_nor_pages_about_a_request_awaiting_approval(
    bot: Harness,
) -> None:
    ticket = await _request(bot, "software_licence", LICENCE)
    await bot.tick(timedelta(hours=2))  # its approvers reminded
    await bot.tick(timedelta(days=3))  # the fallback asked; past every target of a P3
    stored = await bot.ticket(ticket.id)
    assert stored.next_ping_at is None and stored.remind_at is None and stored.paging is None
    assert bot.top_level(CHANNELS["internal_it"]) == []  # no card, no reminder in the channel
    assert not bot.dms_to(INTERNAL_AGENT)
    actions = {e.action.value for e in await bot.guichet.helpdesk.tickets.history(ticket.id)}
    assert actions == {"created", "approval_requested", "approval_reminded", "approval_fallback"}


# Where the process dies in ``Approvals.start`` (after the request's insert, which stored it
# awaiting approval already): the storage or outbox step that fails, and whether it was done
CUTS = {
    "before_the_approval_is_stored": (ApprovalRepository, "create", False),
    "once_it_is_stored": (ApprovalRepository, "create", True),
    "once_it_is_recorded": (Approvals, "_ask", False),  # history says it, nobody asked
    "once_its_approvers_are_asked": (Approvals, "_tell", False),  # the requester not told
}


@pytest.mark.parametrize("cut", list(CUTS))
async def test_a_request_whose_approval_a_crash_left_unasked_is_held_not_posted(
    bot: Harness, monkeypatch: pytest.MonkeyPatch, cut: str
) -> None:
    await bot.guichet.scheduler.stop()
    owner, name, done = CUTS[cut]
    real = getattr(owner, name)

    async def died(*args: Any, **kwargs: Any) -> None:
        if done:
            await real(*args, **kwargs)
        raise StoreUnavailable("the process died before the approval was asked")

    monkeypatch.setattr(owner, name, died)
    form = await bot.open_form()
    status, body = await bot.submit(await choose(bot, form, "software_licence"), LICENCE)
    assert status == 200 and body["response_action"] == "update", body
    stored = bot.guichet.database.handle["tickets"]

    async def filed() -> dict[str, Any] | None:
        return await stored.find_one({"request.item": "software_licence"})

    ticket_id = (await bot.eventually(filed, "the request stored"))["_id"]
    await bot.settled()
    cut_short = await bot.ticket(ticket_id)
    assert cut_short.approval == "pending"  # awaiting approval from its insert: no work on it
    assert cut_short.announce_at is not None  # its approval's start still owed
    asked = 1 if cut == "once_its_approvers_are_asked" else 0
    assert len(bot.dms_to(DESK_MEMBER)) == asked and not bot.dms_to(EMPLOYEE_EN)
    told = len(bot.told(INTERNAL_AGENT))
    await _press_control(bot, ticket_id, "ticket_claim", None, "button", INTERNAL_AGENT)
    await bot.eventually(lambda: len(bot.told(INTERNAL_AGENT)) > told, "the agent told")
    assert f"{ticket_id} {REFUSED}" in bot.told(INTERNAL_AGENT)[-1]
    monkeypatch.setattr(owner, name, real)

    await bot.tick(timedelta(minutes=2))  # the sweep finishing filings cut short
    held = await bot.ticket(ticket_id)
    assert held.approval == "pending" and held.message is None and held.assignee is None
    assert bot.top_level(CHANNELS["internal_it"]) == []  # its service does not see it yet
    assert bot.latest_dm(DESK_MEMBER, "request_approve")  # its approvers are asked
    assert held.next_ping_at is None  # its clocks wait for the approval
    assert held.announce_at is None  # its approval asked: nothing owed
    await bot.tick(timedelta(minutes=2))  # nothing twice
    assert len(bot.dms_to(DESK_MEMBER)) == 1 and len(bot.dms_to(EMPLOYEE_EN)) == 1
    assert bot.top_level(CHANNELS["internal_it"]) == []
    approvals = bot.guichet.database.handle["approvals"]
    assert await approvals.count_documents({"_id": ticket_id}) == 1
    history = [e.action.value for e in await bot.guichet.helpdesk.tickets.history(ticket_id)]
    assert history.count("approval_requested") == 1 and "claimed" not in history

    await _press(bot, DESK_MEMBER, "request_approve")  # and it goes on as any request
    posted = await bot.eventually(lambda: _posted(bot, ticket_id), "the request posted")
    assert posted.approval == "approved" and posted.next_ping_at is not None


OUTAGE_REVIEW = """
  outage_review:            # a problem to investigate, once a manager agrees to spend on it
    name: {fr: "Analyse d’une panne récurrente", en: "Recurring outage review"}
    service: infra_network
    type: problem
    fields:
      what:
        type: short_text
        label: {fr: "Quelle panne ?", en: "Which outage?"}
    approval:
      steps:
        - users: [U0INFRA2]
"""


@pytest.fixture
async def reviewed(database: Database, tmp_path: Path) -> Any:
    """The bot whose catalogue also holds a problem-type item that needs approval."""
    services_file = with_catalogue(tmp_path)
    services_file.write_text(services_file.read_text(encoding="utf-8") + OUTAGE_REVIEW)
    async with running_bot(database, services_file=services_file) as harness:
        yield harness


async def test_no_storm_links_incidents_to_a_problem_awaiting_approval(reviewed: Harness) -> None:
    bot = reviewed
    outage = {"field_what": "VPN down at the warehouse, nobody can connect"}
    review = await _request(bot, "outage_review", outage)
    assert review.approval == "pending" and review.type.value == "problem"
    incident = await _incident(
        bot, "VPN down at the warehouse", "Nobody can connect since this morning.", EMPLOYEE_FR
    )
    assert incident.service == review.service == "infra_network"
    stored = await bot.ticket(incident.id)
    assert stored.problem_id is None and stored.message is not None  # posted as its own
    assert (await bot.ticket(review.id)).linked_incidents == ()
    assert not [t for t in bot.told(EMPLOYEE_FR) if review.id in t]  # not a "known issue"

    await _press(bot, INFRA_ONCALL_2, "request_approve")  # approved: the problem is worked
    await bot.eventually(lambda: _posted(bot, review.id), "the problem posted")
    later = await _incident(bot, "VPN down at the warehouse again", "Nobody can connect.")
    assert (await bot.ticket(later.id)).problem_id == review.id  # a storm joins it now


async def _incident(bot: Harness, title: str, description: str, user: str = EMPLOYEE_EN) -> Ticket:
    """``user`` files an incident through "Something else" (today's free form); returns it
    once posted or linked, its requester told."""
    form = await choose(bot, await bot.open_form(user=user), "something_else", user=user)
    answers = {
        "type": "incident",
        "title": title,
        "description": description,
        "impact": "medium",
        "urgency": "medium",
    }
    status, body = await bot.submit(form, answers, user)
    assert status == 200 and body["response_action"] == "update", body
    found = re.search(r"\bINC-\d+\b", str(body["view"]["blocks"]))
    assert found is not None
    incident = found.group()
    # its own DM, not "one more DM": the work after an earlier ack (a request approved, then
    # posted, then its requester told) may DM the same person meanwhile
    await bot.told_eventually(user, f"*{incident}*")  # told it is filed (or a known issue)
    return await bot.eventually(lambda: _announced(bot, incident), f"{incident} posted or linked")


async def _announced(bot: Harness, ticket_id: str) -> Ticket | None:
    """The ticket once its triage is done (posted, linked or held: its mark cleared)."""
    ticket = await bot.ticket(ticket_id)
    return ticket if ticket.announce_at is None else None


async def _posted(bot: Harness, ticket_id: str) -> Ticket | None:
    ticket = await bot.ticket(ticket_id)
    return ticket if ticket.message is not None else None


async def _merged(bot: Harness, duplicate: str, kept: str) -> bool:
    return merged_into((await bot.ticket(duplicate)).extra) == kept


async def test_a_request_whose_item_was_removed_meanwhile_stays_held_until_it_is_back(
    bot: Harness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    await bot.guichet.scheduler.stop()
    owner, name, _ = CUTS["before_the_approval_is_stored"]
    real = getattr(owner, name)

    async def died(*args: Any, **kwargs: Any) -> None:
        raise StoreUnavailable("the process died before the approval was asked")

    monkeypatch.setattr(owner, name, died)
    status, body = await bot.submit(
        await choose(bot, await bot.open_form(), "software_licence"), LICENCE
    )
    assert status == 200 and body["response_action"] == "update", body
    stored = bot.guichet.database.handle["tickets"]
    found = await bot.eventually(
        lambda: stored.find_one({"request.item": "software_licence"}), "the request stored"
    )
    ticket_id = found["_id"]
    await bot.settled()
    monkeypatch.setattr(owner, name, real)
    catalogue = bot.guichet.helpdesk.config.catalogue
    item = catalogue["software_licence"]
    monkeypatch.delitem(catalogue, "software_licence")  # the services file without it since

    with caplog.at_level(logging.WARNING):
        await bot.tick(timedelta(minutes=2))  # the sweep: nothing configures its approval now
    assert (
        f"{ticket_id} awaits an approval that catalogue item 'software_licence' no longer "
        "configures in the services file" in caplog.text
    )
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        await bot.tick(timedelta(minutes=1))  # the next sweeps: held still, said once already
    assert "no longer configures" not in caplog.text
    held = await bot.ticket(ticket_id)
    assert held.approval == "pending" and held.message is None  # never posted without it
    assert held.announce_at is not None and not bot.dms_to(DESK_MEMBER)
    assert bot.top_level(CHANNELS["internal_it"]) == []

    catalogue["software_licence"] = item  # the item back: its approvers are asked
    await bot.tick(timedelta(minutes=1))
    assert bot.latest_dm(DESK_MEMBER, "request_approve")
    assert (await bot.ticket(ticket_id)).announce_at is None
