"""The audit log: every decision and every refusal (who, when, what, on which ticket, from
which surface), written with the change itself, and read by admins only (``/ticket audit``)."""

from __future__ import annotations

import asyncio
import csv
import io
from typing import Any

from bot.domain.errors import StoreUnavailable
from bot.domain.models import Ticket
from tests.e2e.harness import DESK_AGENT, EMPLOYEE_EN, OUTSIDER, Harness
from tests.e2e.workspace import ADMIN, GROUP_ADMIN, INFRA_ONCALL_1


async def _answer(bot: Harness, text: str, user: str) -> str:
    return str((await bot.command_answer(text, user)).get("text"))


async def _audit_rows(bot: Harness) -> list[dict[str, str]]:
    """``/ticket audit 1d`` as the admin (English): the CSV's rows, by column name."""
    told = await _answer(bot, "audit 1d", ADMIN)
    assert "Audit log sent to your direct messages" in told, told
    upload = bot.slack.uploads()[-1]
    assert upload.filename.startswith("guichet-audit-") and upload.filename.endswith(".csv")
    text = (upload.data or b"").decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


async def _stored(bot: Harness) -> list[dict[str, Any]]:
    handle = bot.guichet.database.handle
    return list(await handle["audit"].find({}).sort("at", 1).to_list(1000))


async def _infra_ticket(bot: Harness) -> Ticket:
    ticket = await bot.file("incident", "VPN down at the warehouse", "The VPN is down.")
    assert ticket.service == "infra_network" and ticket.message is not None
    return ticket


async def test_an_accepted_and_a_refused_action_are_both_in_the_log(bot: Harness) -> None:
    ticket = await _infra_ticket(bot)
    await bot.choose(ticket.id, "ticket_claim", None, OUTSIDER)  # works no service: refused
    await bot.ephemeral_seen(OUTSIDER)
    await bot.claim(ticket, INFRA_ONCALL_1)  # the on-call person claims

    rows = await _audit_rows(bot)  # the clock has not moved: the lines written now are in
    refused = [r for r in rows if r["outcome"] == "refused"]
    assert [(r["person"], r["action"], r["ticket"], r["from"], r["note"]) for r in refused] == [
        (OUTSIDER, "Claim button", ticket.id, "Claim button", "not allowed")
    ]
    # the codes stay beside the names, for a filter or a script
    assert [(r["from code"], r["refusal code"]) for r in refused] == [
        ("block_actions:ticket_claim", "NotAllowed")
    ]
    claimed = [r for r in rows if r["action code"] == "claimed"]
    assert [(r["person"], r["action"], r["ticket"], r["from"], r["after"]) for r in claimed] == [
        (INFRA_ONCALL_1, "claimed", ticket.id, "Claim button", INFRA_ONCALL_1)
    ]
    assert [(r["from code"], r["refusal code"]) for r in claimed] == [
        ("block_actions:ticket_claim", "")
    ]
    posted = [r for r in rows if r["action code"] == "posted"]  # the card, by the outbox
    assert [r["from"] for r in posted] == ["Guichet (automatic)"], rows
    assert [r["outcome"] for r in claimed] == ["done"]
    assert all(r["time (UTC)"] for r in rows)
    # the change's line rode on the ticket with the change, then was copied: none left behind
    document = await bot.guichet.database.handle["tickets"].find_one({"_id": ticket.id})
    assert not document.get("audit_pending")
    assert {d["outcome"] for d in await _stored(bot)} == {"done", "refused"}


async def _assigned(bot: Harness, ticket_id: str, user: str) -> bool:
    return (await bot.ticket(ticket_id)).assignee == user


async def test_only_admins_read_the_audit_log_and_a_refusal_is_logged(bot: Harness) -> None:
    told = await _answer(bot, "audit", OUTSIDER)
    assert told == "The audit log is for Guichet’s admins only."
    told = await _answer(bot, "audit 7j", DESK_AGENT)  # an agent is no admin either (French)
    assert told == "Le journal d’audit est réservé aux administrateurs de Guichet."
    assert not bot.slack.uploads()
    stored = await _stored(bot)
    assert [(d["actor"], d["action"], d["outcome"], d["surface"]) for d in stored] == [
        (OUTSIDER, "audit_export", "refused", "command:/ticket"),
        (DESK_AGENT, "audit_export", "refused", "command:/ticket"),
    ]
    assert "is not a period" in await _answer(bot, "audit soon", ADMIN)


async def test_a_french_admin_gets_the_log_split_as_a_french_spreadsheet_splits(
    bot: Harness,
) -> None:
    """Excel in French splits a line at « ; » and opens a comma file in one column: the log is
    written as the tickets' export is, with the reader's separator."""
    ticket = await _infra_ticket(bot)
    told = await _answer(bot, "audit 1j", GROUP_ADMIN)
    assert "Journal d’audit envoyé dans vos messages directs" in told, told
    text = (bot.slack.uploads()[-1].data or b"").decode("utf-8-sig")
    header, *rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert header[:4] == ["date (UTC)", "personne", "issue", "action"] and len(header) == 12
    assert header[9] == "code de l’action"
    created = [r for r in rows if r[9] == "created"]  # the action named in French, not its code
    assert [(r[1], r[2], r[3], r[4]) for r in created] == [
        (EMPLOYEE_EN, "fait", "ticket ouvert", ticket.id)
    ]
    posted = [r[3] for r in rows if r[9] == "posted"]
    assert posted == ["carte publiée"], [r[3] for r in rows]
    assert header[10:] == ["code de l’origine", "code du refus"]
    assert all(len(r) == 12 for r in rows)


async def test_a_slip_for_an_admin_command_is_answered_not_filed(bot: Harness) -> None:
    """``/ticket audti``, ``/ticket privcay export @x``: the filing listener cannot know the
    admin commands' words; the governance one answers the slip, and no form opens titled with
    it, no export is made."""
    told = await _answer(bot, "audti", ADMIN)
    assert told.startswith("Did you mean `/ticket audit`?"), told
    told = await _answer(bot, "audti 7j", GROUP_ADMIN)  # in French
    assert told.startswith("Vouliez-vous dire `/ticket audit 7j`\u00a0?"), told
    told = await _answer(bot, f"privcay export <@{OUTSIDER}>", ADMIN)  # no mention in code
    assert told.startswith("Did you mean `/ticket privacy`?"), told
    told = await _answer(bot, "rpgd", ADMIN)
    assert told.startswith("Did you mean `/ticket rgpd`?"), told
    assert not bot.slack.calls_to("views.open") and not bot.slack.uploads()
    assert await _stored(bot) == []  # nothing was done, nothing refused
    view = await bot.open_form("audio crackles in meetings")  # one other letter: a request
    assert "audio crackles in meetings" in str(view["blocks"])


async def test_a_line_not_copied_with_its_change_is_copied_by_the_next_tick(
    bot: Harness, monkeypatch: Any
) -> None:
    """The replica writes the change and its line in one update, then fails to copy the line
    to the log (the database went away): the line waits on the ticket for the sweep."""
    ticket = await _infra_ticket(bot)
    audit = bot.guichet.helpdesk.audit
    assert audit is not None

    async def down(*_: Any) -> None:
        raise StoreUnavailable("connection refused")

    monkeypatch.setattr(audit, "settle", down)
    await bot.choose(ticket.id, "ticket_claim", None, INFRA_ONCALL_1)
    await bot.eventually(lambda: _assigned(bot, ticket.id, INFRA_ONCALL_1), "claimed")
    assert not [d for d in await _stored(bot) if d["action"] == "claimed"]
    document = await bot.guichet.database.handle["tickets"].find_one({"_id": ticket.id})
    assert [line["action"] for line in document["audit_pending"]] == ["claimed"]

    monkeypatch.undo()
    await bot.tick()
    await bot.tick()  # a second sweep copies nothing twice
    claimed = [d for d in await _stored(bot) if d["action"] == "claimed"]
    assert [(d["actor"], d["ticket_id"]) for d in claimed] == [(INFRA_ONCALL_1, ticket.id)]
    document = await bot.guichet.database.handle["tickets"].find_one({"_id": ticket.id})
    assert document["audit_pending"] == []


async def test_a_filed_tickets_line_rides_on_it_at_the_ack_then_is_copied_once(
    bot: Harness, monkeypatch: Any
) -> None:
    """The form's ack waits for the insert only: when it answers, the ticket is stored with
    its ``created`` line on it; the line is copied to the log after the ack, before the
    announce, once. A copy that fails then leaves it for the sweep: never lost."""
    held = asyncio.Event()
    announce = bot.guichet.filing.announce

    async def held_announce(*args: Any) -> Ticket:
        await held.wait()
        return await announce(*args)

    monkeypatch.setattr(bot.guichet.filing, "announce", held_announce)
    view = await bot.open_form()
    answers = {"type": "incident", "title": "VPN down", "description": "Down since 9."}
    status, body = await bot.submit(view, {**answers, "impact": "low", "urgency": "low"})
    assert status == 200 and body["response_action"] == "update", body
    tickets = bot.guichet.database.handle["tickets"]
    document = await tickets.find_one({"title": "VPN down"})
    assert [line["action"] for line in document["audit_pending"]] == ["created"]
    assert await _stored(bot) == []  # not copied yet: the ack did not wait for it
    held.set()
    await bot.eventually(lambda: _settled(bot, document["_id"]), "the line copied")
    stored = [(d["action"], d["surface"]) for d in await _stored(bot)]
    assert stored[0] == ("created", "view_submission:file_ticket")
    assert [action for action, _ in stored].count("created") == 1

    audit = bot.guichet.helpdesk.audit
    assert audit is not None

    async def down(*_: Any) -> None:
        raise StoreUnavailable("connection refused")

    monkeypatch.setattr(audit, "settle", down)
    second = await bot.file("incident", "Printer jammed on floor 2", "Paper stuck.")

    async def carded() -> bool:  # the DM ``file`` waits for may arrive before the card's ts
        return (await bot.ticket(second.id)).message is not None

    await bot.eventually(carded, "announced all the same")
    assert not [d for d in await _stored(bot) if d["ticket_id"] == second.id]
    monkeypatch.undo()
    await bot.tick()
    await bot.tick()  # a second sweep copies nothing twice
    lines = [d["action"] for d in await _stored(bot) if d["ticket_id"] == second.id]
    assert lines.count("created") == 1
    assert (await tickets.find_one({"_id": second.id}))["audit_pending"] == []


async def _settled(bot: Harness, ticket_id: str) -> bool:
    document = await bot.guichet.database.handle["tickets"].find_one({"_id": ticket_id})
    return not document.get("audit_pending")


async def test_the_log_is_filtered_by_ticket_and_by_person(bot: Harness) -> None:
    """`/ticket audit INC-1` and `/ticket audit @x` answered « n’est pas une période »: an admin
    looking into one ticket or one person got the whole month, or nothing."""
    first = await _infra_ticket(bot)
    second = await bot.file("information_request", "Leave procedure?", "Where is it?")
    await bot.claim(first, INFRA_ONCALL_1)

    told = await _answer(bot, f"audit {first.id.lower()}", ADMIN)
    assert told.startswith("Audit log sent to your direct messages"), told
    upload = bot.slack.uploads()[-1]
    assert upload.filename.endswith(f"-{first.id}.csv"), upload.filename
    assert f"Only the lines of ticket {first.id}." in (upload.initial_comment or "")
    rows = list(csv.DictReader(io.StringIO((upload.data or b"").decode("utf-8-sig"))))
    assert rows and {r["ticket"] for r in rows} == {first.id}
    assert "claimed" in {r["action code"] for r in rows}

    told = await _answer(bot, f"audit 90d <@{INFRA_ONCALL_1}|oncall>", ADMIN)
    assert told.startswith("Audit log sent to your direct messages"), told
    upload = bot.slack.uploads()[-1]
    assert f"Only the lines <@{INFRA_ONCALL_1}> appears in." in (upload.initial_comment or "")
    rows = list(csv.DictReader(io.StringIO((upload.data or b"").decode("utf-8-sig"))))
    assert [(r["person"], r["action code"], r["ticket"]) for r in rows] == [
        (INFRA_ONCALL_1, "claimed", first.id)
    ]
    assert second.id not in str(rows)

    told = await _answer(bot, f"audit INC-999 <@{INFRA_ONCALL_1}>", GROUP_ADMIN)  # French
    assert told.startswith("Rien dans le journal d’audit depuis le "), told
    assert told.endswith(f"Seulement les lignes où figure <@{INFRA_ONCALL_1}>."), told


async def test_a_period_as_long_as_the_retention_keeps_the_log(bot: Harness) -> None:
    """No ``retention.audit`` in the test services file: lines are kept, ten years may be asked
    for; a word that is neither a period, a ticket nor a person says what is."""
    await _infra_ticket(bot)
    told = await _answer(bot, "audit 730d", ADMIN)
    assert told.startswith("Audit log sent to your direct messages"), told
    told = await _answer(bot, "audit 4000d", ADMIN)
    assert told == (
        "4,000 days is more than the 3,650 days the audit log can be asked for: write for "
        "example `/ticket audit 3650d`."
    ), told
    told = await _answer(bot, "audit soon", GROUP_ADMIN)
    assert told.startswith("«\u00a0soon\u00a0» n’est ni une période, ni un ticket, ni une "), told
    assert "(3\u202f650 jours au plus)" in told, told
