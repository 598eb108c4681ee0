"""Saved replies (``saved_replies:`` of infra_network in tests/data/services.yml): an agent of the
ticket's service picks one on the card, in the requester's language when it has it, edits it and
sends it; it reaches the requester's DM thread through the outbox, a line goes in the channel
thread, the history and the audit log record it. Authority comes from the stored ticket."""

from __future__ import annotations

import copy
from typing import Any

from bot.domain.models import OutgoingKind, Ticket
from storage.outbox import OutboxRepository
from tests.e2e.harness import (
    DESK_AGENT,
    EMPLOYEE_FR,
    INFRA_ONCALL_2,
    OUTSIDER,
    Harness,
)
from tests.e2e.workspace import ADMIN


async def _infra_ticket(bot: Harness) -> Ticket:
    ticket = await bot.file(
        "incident", "VPN en panne à l’entrepôt", "Le VPN ne marche plus.", user=EMPLOYEE_FR
    )
    assert ticket.service == "infra_network" and ticket.message is not None
    return ticket


async def _form(bot: Harness, ticket: Ticket, user: str) -> dict[str, Any]:
    call = await bot.choose_form(ticket.id, "ticket_saved_reply", user)
    assert call.ok, call.response
    return call.response["view"]


def _text_block(view: dict[str, Any]) -> dict[str, Any]:
    return next(b for b in view["blocks"] if b["block_id"].startswith("saved_reply_text:"))


async def _sent(bot: Harness, fragment: str) -> list[dict[str, Any]]:
    async def found() -> list[dict[str, Any]] | None:
        dm = bot.slack.dm_channel_id(EMPLOYEE_FR)
        return [m for m in bot.slack.messages(dm) if fragment in m.get("text", "")] or None

    return await bot.wait_until(found, f"{fragment!r} in the requester's DM thread")


async def test_an_agent_sends_a_saved_reply_in_the_requesters_language(bot: Harness) -> None:
    ticket = await _infra_ticket(bot)
    view = await _form(bot, ticket, INFRA_ONCALL_2)  # an English-speaking on-call
    assert view["title"]["text"] == "Saved reply"
    menu = next(b for b in view["blocks"] if b["block_id"] == "saved_reply_choice")
    titles = [o["text"]["text"] for o in menu["element"]["options"]]
    assert titles == ["Restart the VPN", "Ask where and since when"]  # the agent's language
    text = _text_block(view)
    assert text["block_id"] == "saved_reply_text:vpn_restart"
    assert text["element"]["initial_value"].startswith("Pouvez-vous quitter le VPN")  # hers

    status, _ = await bot.send.block_action(
        "saved_reply_choice", "site_details", user_id=INFRA_ONCALL_2, view=view
    )
    assert status == 200
    view = (await bot.view_updated(view, hashed=True)).response["view"]
    text = _text_block(view)  # English only: she gets it in English
    assert text["element"]["initial_value"] == "Which site are you at, and since when?"
    assert "In English" in str(view["blocks"])

    edited = "Which site are you at, and since when? <!channel> & co"
    status, body = await bot.submit(view, {text["block_id"]: edited}, user=INFRA_ONCALL_2)
    assert status == 200 and body["response_action"] == "update", body
    assert "Sending “Ask where and since when”" in str(body["view"]["blocks"])
    told = await bot.view_updated(view, 1)  # the form's second update: how it went
    assert "was sent to the requester of" in str(told.response["view"]["blocks"])

    [message] = await _sent(bot, "vous répond")
    stored = await bot.ticket(ticket.id)
    assert stored.requester_thread is not None
    assert message["thread_ts"] == stored.requester_thread.ts  # the ticket's DM thread
    assert "since when? &lt;!channel&gt; &amp; co" in message["text"]  # as typed, defused
    notes = [m for m in bot.thread(stored) if "💬" in m.args["text"]]
    assert len(notes) == 1  # the channel thread, in the service's language
    assert "sent the saved reply “Ask where and since when”" in notes[0].args["text"]
    last = (await bot.guichet.helpdesk.tickets.history(ticket.id))[-1]
    assert (last.action, last.actor, last.after) == (
        "saved_reply_sent",
        INFRA_ONCALL_2,
        "site_details",
    )
    audit = bot.guichet.database.handle["audit"]
    line = await audit.find_one({"action": "saved_reply_sent"})
    assert line is not None and (line["actor"], line["ticket_id"]) == (INFRA_ONCALL_2, ticket.id)
    assert "saved reply site_details sent to the requester" in await bot.show(ticket.id, ADMIN)


async def test_people_outside_the_service_are_refused_and_forged_forms_grant_nothing(
    bot: Harness,
) -> None:
    ticket = await _infra_ticket(bot)
    await bot.choose(ticket.id, "ticket_saved_reply", None, OUTSIDER)
    refusal = await bot.ephemeral_seen(OUTSIDER)  # where they pressed
    assert "Infrastructure & network" in refusal["text"]

    view = await _form(bot, ticket, INFRA_ONCALL_2)
    forged_key = copy.deepcopy(view)  # a key of the attacker's choosing
    _text_block(forged_key)["block_id"] = "saved_reply_text:not_ours"
    status, body = await bot.submit(forged_key, {}, user=INFRA_ONCALL_2)
    assert status == 200 and "does not have this saved reply" in str(body["view"]["blocks"])
    status, body = await bot.submit(view, {}, user=DESK_AGENT)  # another service's agent
    assert status == 200 and body["response_action"] == "update"
    assert "Infrastructure" in str(body["view"]["blocks"])

    outbox = OutboxRepository(bot.database)
    queued = [
        i for i in await outbox.for_ticket(ticket.id) if i.message.kind is OutgoingKind.SAVED_REPLY
    ]
    assert queued == []  # nothing stored, nothing sent
    history = await bot.guichet.helpdesk.tickets.history(ticket.id)
    assert "saved_reply_sent" not in [e.action for e in history]
    refused = await bot.guichet.database.handle["audit"].find({"outcome": "refused"}).to_list(10)
    assert sorted((d["actor"], d["note"]) for d in refused) == [
        (DESK_AGENT, "NotAllowed"),
        (INFRA_ONCALL_2, "UnknownSavedReply"),
        (OUTSIDER, "NotAllowed"),
    ]
    assert {d["ticket_id"] for d in refused} == {ticket.id}
