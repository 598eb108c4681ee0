"""``/ticket privacy erase``: the bot's relays of the erased person's DM-thread replies in the
tickets' channel threads ("💬 @john, who filed INC-1, replies: …") keep none of their words nor
their mention: each becomes one line saying a former employee's message was removed, in the
language it was written in (the service's), through the erasure's stored step, tried again by
the scheduler while Slack fails. The team's replies around it, and another person's relays,
stay."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from bot.domain.models import Ticket
from tests.e2e.governance.test_privacy_erase import _erase_form
from tests.e2e.harness import CHANNELS, DESK_MEMBER, EMPLOYEE_EN, EMPLOYEE_FR, Harness
from tests.e2e.workspace import ADMIN, GROUP_ADMIN

DESK = CHANNELS["service_desk"]
REMOVED_FR = (
    "💬 Message d’un ancien salarié, retiré\u00a0: ses données personnelles ont été effacées."
)
REMOVED_EN = "💬 Message from a former employee, removed: their personal data was erased."


async def _replies_to(bot: Harness, ticket: Ticket, person: str, text: str) -> dict[str, Any]:
    """``person`` answers in their DM thread about ``ticket`` (the DM telling them it was filed
    when the team has not written yet); the bot relays it to the card's thread. The relay, as
    Slack holds it."""
    dm = f"D{person}"
    stored = await bot.ticket(ticket.id)
    ours = [
        m
        for m in bot.slack.messages(dm)
        if m.get("thread_ts") in (None, m["ts"])
        and (m.get("metadata") or {}).get("event_payload", {}).get("ticket_id") == ticket.id
    ]
    thread = stored.requester_thread.ts if stored.requester_thread else ours[0]["ts"]
    await bot.say(dm, text, person, thread_ts=thread)

    def relayed() -> list[dict[str, Any]]:
        return [m for m in _thread(bot, ticket) if text in m["text"]]

    await bot.eventually(lambda: relayed(), f"the relay of {ticket.id}")
    await bot.settled()
    (relay,) = relayed()
    assert relay.get("bot_id") and f"<@{person}>" in relay["text"]
    return relay


def _thread(bot: Harness, ticket: Ticket) -> list[dict[str, Any]]:
    assert ticket.message is not None
    return [
        m
        for m in bot.slack.messages(ticket.message.channel)
        if m.get("thread_ts") == ticket.message.ts and m["ts"] != ticket.message.ts
    ]


def _text(bot: Harness, ticket: Ticket, ts: str) -> str:
    assert ticket.message is not None
    return str(bot.slack.message(ticket.message.channel, ts)["text"])


async def _confirm(bot: Harness, admin: str = ADMIN) -> str:
    told = len(bot.told(admin))
    status, _ = await bot.send.view_submission(
        await _erase_form(bot, EMPLOYEE_EN, admin), {}, user_id=admin
    )
    assert status == 200
    await bot.eventually(lambda: len(bot.told(admin)) > told, "the admin told")
    return bot.told(admin)[-1]


async def test_the_erased_persons_relays_keep_none_of_their_words(bot: Harness) -> None:
    desk = await bot.file(  # the service desk speaks French
        "information_request", "How do I reset my password?", "Where is it?", user=EMPLOYEE_EN
    )
    assert desk.message is not None and desk.service == "service_desk"
    internal = await bot.file(  # internal IT speaks English
        "service_request", "Install Visio please", "For the audit", "low", "low", user=EMPLOYEE_EN
    )
    assert internal.message is not None and internal.service == "internal_it"
    maries = await bot.file(
        "information_request", "Mot de passe ?", "Où est la procédure ?", user=EMPLOYEE_FR
    )
    await bot.settled()
    question = await bot.say(DESK, "Which browser?", DESK_MEMBER, thread_ts=desk.message.ts)
    await bot.settled()
    his = await _replies_to(bot, desk, EMPLOYEE_EN, "Firefox, and my home number is 555-0100")
    his_en = await _replies_to(bot, internal, EMPLOYEE_EN, "John Smith, desk 4B, badge 1234")
    hers = await _replies_to(bot, maries, EMPLOYEE_FR, "Firefox aussi, merci")
    assert his["text"].startswith(f"💬 <@{EMPLOYEE_EN}>, demandeur de {desk.id}, répond")
    assert his_en["text"].startswith(f"💬 <@{EMPLOYEE_EN}>, who filed {internal.id}, replies:")
    # the relays' copies in the outbox are purged 7 days after sending: not needed to find them
    await bot.guichet.database.handle["outbox"].delete_many({"message.kind": "relay_to_team"})

    told = await _confirm(bot)
    # updated in place, in the language each was written in: the team's replies keep their place
    assert _text(bot, desk, his["ts"]) == REMOVED_FR
    assert _text(bot, internal, his_en["ts"]) == REMOVED_EN
    everything = str([_thread(bot, desk), _thread(bot, internal)])
    assert EMPLOYEE_EN not in everything and "555-0100" not in everything
    assert "badge 1234" not in everything
    assert _text(bot, desk, question["ts"]) == "Which browser?"  # the team's own words stay
    assert _text(bot, maries, hers["ts"]) == hers["text"]  # another person's relay stays
    assert (
        "2 replies of theirs Guichet had relayed in tickets’ threads are replaced by a line "
        "saying they were removed."
    ) in told, told
    assert await bot.guichet.database.handle["dm_erasures"].count_documents({}) == 0
    audit = await bot.guichet.database.handle["audit"].find({"action": "privacy_erase"}).to_list(9)
    assert "2 bot_relays" in audit[-1]["note"], audit

    # erasing again: the history no longer names them, nothing else is touched
    updates = len(bot.slack.calls_to("chat.update"))
    assert "nothing to erase" in await _confirm(bot)
    assert len(bot.slack.calls_to("chat.update")) == updates


async def test_relays_and_the_card_slack_would_not_update_are_redrawn_by_the_next_ticks(
    bot: Harness,
) -> None:
    desk = await bot.file(
        "information_request", "How do I reset my password?", "Where is it?", user=EMPLOYEE_EN
    )
    await bot.settled()
    his = await _replies_to(bot, desk, EMPLOYEE_EN, "My home number is 555-0100")
    bot.slack.fail_next("chat.update", "fatal_error", times=1_000)  # Slack in trouble a while

    told = await _confirm(bot, GROUP_ADMIN)  # in French
    assert (
        "Ses réponses que Guichet avait relayées dans les fils des tickets n’ont pas encore pu "
        "être retirées de Slack\u00a0: Guichet réessaiera de lui-même."
    ) in told, told
    assert "555-0100" in _text(bot, desk, his["ts"])  # nothing lost: the step is stored
    assert desk.message is not None
    card = lambda: str(bot.slack.message(DESK, desk.message.ts))  # noqa: E731
    assert EMPLOYEE_EN in card()  # its card too: not redrawn yet, owed in the outbox
    owed = bot.guichet.database.handle["outbox"]
    assert await owed.count_documents({"message.kind": "erased_card", "state": "pending"}) == 1
    jobs = bot.guichet.database.handle["dm_erasures"]
    (job,) = await jobs.find({}).to_list(9)
    assert desk.message is not None
    assert job["threads"] == [{"channel": DESK, "ts": desk.message.ts}]

    await bot.tick(timedelta(minutes=1))  # the second failure: waits two more
    assert "555-0100" in _text(bot, desk, his["ts"]) and await jobs.count_documents({}) == 1
    bot.slack.stop_failing("chat.update")
    await bot.tick(timedelta(minutes=1))  # too early
    assert "555-0100" in _text(bot, desk, his["ts"])
    await bot.tick(timedelta(minutes=1))
    assert _text(bot, desk, his["ts"]) == REMOVED_FR
    assert await jobs.count_documents({}) == 0
    await bot.tick(timedelta(minutes=5))  # the card, at the outbox's pace
    assert EMPLOYEE_EN not in card() and "un ancien salarié" in card(), card()
    assert await owed.count_documents({"message.kind": "erased_card", "state": "pending"}) == 0


async def test_the_export_lists_the_threads_holding_the_relays_of_their_replies(
    bot: Harness,
) -> None:
    """What the erasure would redact, the export shows first: the card threads where the bot
    relayed the person's replies, found in the tickets as the erasure finds them (the outbox's
    records are purged a week after sending), named in the file's comment in both languages."""
    desk = await bot.file(
        "information_request", "How do I reset my password?", "Where is it?", user=EMPLOYEE_EN
    )
    internal = await bot.file(
        "service_request", "Install Visio please", "For the audit", "low", "low", user=EMPLOYEE_EN
    )
    maries = await bot.file(
        "information_request", "Mot de passe ?", "Où est la procédure ?", user=EMPLOYEE_FR
    )
    await bot.settled()
    await _replies_to(bot, desk, EMPLOYEE_EN, "Firefox")
    await _replies_to(bot, internal, EMPLOYEE_EN, "Desk 4B")
    await _replies_to(bot, maries, EMPLOYEE_FR, "Firefox aussi")
    await bot.guichet.database.handle["outbox"].delete_many({"message.kind": "relay_to_team"})
    assert desk.message is not None and internal.message is not None

    await bot.command_answer(f"privacy export <@{EMPLOYEE_EN}>", ADMIN)
    upload = bot.slack.uploads()[-1]
    relays = json.loads((upload.data or b"").decode("utf-8"))["relays"]
    assert sorted(relays, key=lambda r: r["ticket"]) == sorted(
        [
            {"ticket": desk.id, "channel": DESK, "thread_ts": desk.message.ts},
            {
                "ticket": internal.id,
                "channel": internal.message.channel,
                "thread_ts": internal.message.ts,
            },
        ],
        key=lambda r: r["ticket"],
    )  # not Marie's
    assert "the tickets’ threads where Guichet relayed their replies" in str(upload.initial_comment)
    await bot.command_answer(f"privacy export <@{EMPLOYEE_EN}>", GROUP_ADMIN)  # in French
    assert "les fils des tickets où Guichet a relayé ses réponses" in str(
        bot.slack.uploads()[-1].initial_comment
    )

    await _confirm(bot)  # erased: the history no longer names them, nor does the export
    uploads = len(bot.slack.uploads())
    answer = await bot.command_answer(f"privacy export <@{EMPLOYEE_EN}>", ADMIN)
    assert len(bot.slack.uploads()) == uploads and "keeps nothing" in str(answer), answer
