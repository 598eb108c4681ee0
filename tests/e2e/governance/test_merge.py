"""Merging a duplicate into a ticket from the card: the duplicate closed with a link, both
requesters told (through the outbox), threads and histories kept, the stats counting the problem
once; refusals (not itself, not into an ended ticket, not a service one does not work, forged
forms) change nothing and are audited."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot.domain.merging import absorbed, merged_into
from bot.domain.models import Status, Ticket
from bot.domain.resolution import Category, resolution_of
from tests.e2e.harness import (
    DESK_AGENT,
    EMPLOYEE_EN,
    EMPLOYEE_FR,
    INFRA_ONCALL_2,
    OUTSIDER,
    Harness,
)


async def _two_infra_tickets(bot: Harness) -> tuple[Ticket, Ticket]:
    kept = await bot.file("incident", "VPN down at the warehouse", "Nobody can connect.")
    duplicate = await bot.file(
        "incident", "Le VPN ne marche plus à l’entrepôt", "Depuis ce matin.", user=EMPLOYEE_FR
    )
    assert kept.service == duplicate.service == "infra_network"
    return duplicate, kept


async def _form(bot: Harness, ticket: Ticket, user: str) -> dict[str, Any]:
    call = await bot.choose_form(ticket.id, "ticket_merge", user)
    assert call.ok, call.response
    return call.response["view"]


async def _tickets_counted(bot: Harness) -> str:
    answer = await bot.command_answer("stats infra_network 7d", INFRA_ONCALL_2)
    return str(answer.get("blocks"))


async def test_an_agent_merges_a_duplicate_into_a_ticket(bot: Harness) -> None:
    duplicate, kept = await _two_infra_tickets(bot)
    bot.clock.advance(timedelta(minutes=5))
    assert "'*Tickets*\\n2'" in await _tickets_counted(bot)

    view = await _form(bot, duplicate, INFRA_ONCALL_2)
    assert view["title"]["text"] == "Merge a duplicate"
    status, body = await bot.submit(view, {"merge_target": f" {kept.id.lower()} "}, INFRA_ONCALL_2)
    assert status == 200 and not body, body

    closed = await bot.eventually(
        lambda: _when(bot, duplicate.id, status=Status.CLOSED), "the duplicate closed"
    )
    assert merged_into(closed.extra) == kept.id
    resolution = resolution_of(closed.extra)
    assert resolution is not None and resolution.category == Category.DUPLICATE
    assert absorbed((await bot.ticket(kept.id)).extra) == [duplicate.id]
    assert (await bot.ticket(kept.id)).status is Status.NEW  # the kept ticket goes on

    history = await bot.guichet.helpdesk.tickets.history(duplicate.id)
    merged = [e for e in history if e.action == "merged"]
    assert [(e.actor, e.before, e.after) for e in merged] == [(INFRA_ONCALL_2, "new", kept.id)]
    assert history[0].action == "created"  # its history is kept
    took = [
        e for e in await bot.guichet.helpdesk.tickets.history(kept.id) if e.action == "absorbed"
    ]
    assert [(e.actor, e.after) for e in took] == [(INFRA_ONCALL_2, duplicate.id)]
    audit = bot.guichet.database.handle["audit"]
    lines = await audit.find({"action": {"$in": ["merged", "absorbed"]}}).to_list(10)
    assert sorted((d["action"], d["ticket_id"]) for d in lines) == [
        ("absorbed", kept.id),
        ("merged", duplicate.id),
    ]

    told_fr = await bot.told_eventually(EMPLOYEE_FR, "clos comme doublon")
    assert f"dans *{kept.id}*" in told_fr
    told_en = await bot.told_eventually(EMPLOYEE_EN, "a request about the same problem")
    assert f"merged *{duplicate.id}*" in told_en
    dm_fr = bot.slack.dm_channel_id(EMPLOYEE_FR)
    [notice] = [m for m in bot.slack.messages(dm_fr) if "doublon" in m.get("text", "")]
    thread = (await bot.ticket(duplicate.id)).requester_thread
    assert thread is not None and notice["thread_ts"] == thread.ts  # in its ticket's DM thread

    card = await bot.eventually(
        lambda: _card_with(bot, duplicate.id, f"Duplicate of *{kept.id}*"), "the closed card"
    )
    assert not [b for b in card["blocks"] if b["type"] == "actions"]  # nothing left to press
    await bot.eventually(
        lambda: _card_with(bot, kept.id, f"1 duplicate merged here: {duplicate.id}"),
        "the kept card",
    )
    shown = await bot.show(kept.id, EMPLOYEE_EN)
    assert f"{duplicate.id} merged into this ticket by <@{INFRA_ONCALL_2}>" in shown

    assert "'*Tickets*\\n1'" in await _tickets_counted(bot)  # one problem, counted once


async def test_merges_that_must_not_happen_change_nothing(bot: Harness) -> None:
    duplicate, kept = await _two_infra_tickets(bot)
    await bot.choose(duplicate.id, "ticket_merge", None, OUTSIDER)  # not an agent of it
    refusal = await bot.ephemeral_seen(OUTSIDER)  # where they pressed
    assert "Infrastructure" in refusal["text"]

    view = await _form(bot, duplicate, INFRA_ONCALL_2)
    status, body = await bot.submit(view, {"merge_target": duplicate.id}, INFRA_ONCALL_2)
    assert body["errors"] == {"merge_target": "A ticket cannot be merged into itself."}
    status, body = await bot.submit(view, {"merge_target": "INC-999"}, INFRA_ONCALL_2)
    assert "INC-999" in body["errors"]["merge_target"]
    other = await bot.file("information_request", "Password procedure?", "Where is it?")
    assert other.service == "service_desk"  # a service the on-call does not work
    status, body = await bot.submit(view, {"merge_target": other.id}, INFRA_ONCALL_2)
    assert body["response_action"] == "update" and "Service desk" in str(body["view"])

    forged = dict(view, private_metadata=other.id)  # the service desk's ticket, forged
    status, body = await bot.submit(forged, {"merge_target": kept.id}, INFRA_ONCALL_2)
    assert body["response_action"] == "update"
    status, body = await bot.submit(view, {"merge_target": kept.id}, DESK_AGENT)
    assert body["response_action"] == "update"  # the form of someone else, sent by another

    await bot.choose(kept.id, "ticket_status", "cancelled", INFRA_ONCALL_2)  # ended meanwhile
    await bot.eventually(lambda: _when(bot, kept.id, status=Status.CANCELLED), "cancelled")
    status, body = await bot.submit(view, {"merge_target": kept.id}, INFRA_ONCALL_2)
    assert status == 200 and "has ended" in body["errors"]["merge_target"]

    for ticket in (duplicate, kept, other):
        stored = await bot.ticket(ticket.id)
        assert merged_into(stored.extra) is None and absorbed(stored.extra) == []
        history = await bot.guichet.helpdesk.tickets.history(ticket.id)
        assert not {"merged", "absorbed"} & {e.action for e in history}
    assert (await bot.ticket(duplicate.id)).status is Status.NEW
    refused = await bot.guichet.database.handle["audit"].find({"outcome": "refused"}).to_list(20)
    assert sorted(d["note"] for d in refused) == [
        "CannotMerge",
        "CannotMerge",
        "NotAllowed",
        "NotAllowed",
        "NotAllowed",
        "NotAllowed",
        "TicketNotFound",
    ]


async def _when(bot: Harness, ticket_id: str, **fields: Any) -> Ticket | None:
    ticket = await bot.ticket(ticket_id)
    return ticket if all(getattr(ticket, k) == v for k, v in fields.items()) else None


async def _card_with(bot: Harness, ticket_id: str, fragment: str) -> dict[str, Any] | None:
    card = await bot.channel_message(ticket_id)
    return card if fragment in str(card["blocks"]) else None
