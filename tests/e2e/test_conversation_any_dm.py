"""A requester writing under any DM Guichet sent them about their ticket (filed, closed, ...),
not only under its conversation thread: relayed to the team, the DM thread adopted when the
ticket has no conversation thread yet, answered when it is not relayed."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

import pytest

from bot.domain.models import Language, Level, MessageRef, Status, Ticket, TicketType
from bot.filing.drafts import ValidDraft
from bot.runtime import after_ack
from tests.e2e.harness import (
    DESK_MEMBER,
    EMPLOYEE_EN,
    EMPLOYEE_FR,
    INFRA_ONCALL_1,
    INFRA_ONCALL_2,
    Harness,
)

DM = f"D{EMPLOYEE_EN}"


async def _desk_ticket(bot: Harness) -> Ticket:
    ticket = await bot.file(
        "information_request", "How do I reset my password?", "Where is the procedure?"
    )
    assert ticket.message is not None
    return ticket


def _filed_dm(bot: Harness, ticket: Ticket) -> dict[str, Any]:
    """The DM telling the requester their ticket was filed (Guichet's metadata names it)."""
    dms = [m for m in bot.slack.messages(DM) if m.get("thread_ts") in (None, m["ts"])]
    assert len(dms) == 1 and ticket.id in dms[0]["text"], dms
    assert dms[0]["metadata"]["event_payload"]["ticket_id"] == ticket.id
    return dms[0]


def _replies(bot: Harness, channel: str, thread_ts: str) -> list[dict[str, Any]]:
    return [
        m
        for m in bot.slack.messages(channel)
        if m.get("thread_ts") == thread_ts and m["ts"] != thread_ts
    ]


def _relayed_to_team(bot: Harness, ticket: Ticket) -> list[str]:
    assert ticket.message is not None
    return [
        m["text"]
        for m in _replies(bot, ticket.message.channel, ticket.message.ts)
        if m.get("bot_id") and m["text"].startswith(f"💬 <@{EMPLOYEE_EN}>")
    ]


def _reactions(bot: Harness, channel: str, ts: str) -> list[str]:
    return [r["name"] for r in bot.slack.message(channel, ts).get("reactions", [])]


async def _actions(bot: Harness, ticket: Ticket) -> list[tuple[str, str]]:
    return [(e.action, e.actor) for e in await bot.guichet.helpdesk.tickets.history(ticket.id)]


async def test_a_reply_under_the_filed_dm_reaches_the_team_and_becomes_the_conversation(
    bot: Harness,
) -> None:
    ticket = await _desk_ticket(bot)
    filed = _filed_dm(bot, ticket)
    reads = len(bot.slack.calls_to("conversations.replies"))
    said = await bot.say(DM, "It also fails on my phone", EMPLOYEE_EN, thread_ts=filed["ts"])
    await bot.slack.wait_for("reactions.add")
    assert _relayed_to_team(bot, ticket) == [
        f"💬 <@{EMPLOYEE_EN}>, demandeur de {ticket.id}, répond\u00a0:\nIt also fails on my phone"
    ]
    assert _reactions(bot, DM, said["ts"]) == ["incoming_envelope"]
    assert len(bot.slack.calls_to("conversations.replies")) == reads + 1  # the thread read once
    stored = await bot.ticket(ticket.id)
    assert stored.requester_thread == MessageRef(channel=DM, ts=filed["ts"])  # adopted
    actions = await _actions(bot, ticket)
    assert actions[-2:] == [("conversation_opened", "guichet"), ("relayed_to_team", EMPLOYEE_EN)]
    await bot.settled()
    assert [m["text"] for m in _replies(bot, DM, filed["ts"])] == ["It also fails on my phone"]

    # the team's answer comes where the requester wrote, no new DM thread opened
    assert ticket.message is not None
    dms = len(bot.slack.messages(DM))
    await bot.say(ticket.message.channel, "Which phone?", DESK_MEMBER, ticket.message.ts)
    await bot.slack.wait_for("reactions.add", count=2)
    assert [m["text"] for m in _replies(bot, DM, filed["ts"])][-1] == (
        f"<@{DESK_MEMBER}> ({ticket.id}):\nWhich phone?"
    )
    assert len(bot.slack.messages(DM)) == dms + 1
    assert [a for a, _ in await _actions(bot, ticket)].count("conversation_opened") == 1


async def test_with_a_conversation_thread_already_it_is_relayed_and_says_where_answers_come(
    bot: Harness,
) -> None:
    ticket = await _desk_ticket(bot)
    filed = _filed_dm(bot, ticket)
    assert ticket.message is not None
    await bot.say(ticket.message.channel, "Which browser?", DESK_MEMBER, ticket.message.ts)
    await bot.slack.wait_for("reactions.add")
    thread = (await bot.ticket(ticket.id)).requester_thread
    assert thread is not None and thread.ts != filed["ts"]

    await bot.say(DM, "Firefox", EMPLOYEE_EN, thread_ts=filed["ts"])
    await bot.say(DM, "version 128", EMPLOYEE_EN, thread_ts=filed["ts"])
    await bot.slack.wait_for("reactions.add", count=3)
    await bot.settled()
    assert [t.split("\n")[-1] for t in _relayed_to_team(bot, ticket)] == ["Firefox", "version 128"]
    assert (await bot.ticket(ticket.id)).requester_thread == thread  # kept
    told = [m["text"] for m in _replies(bot, DM, filed["ts"]) if m.get("bot_id")]
    link = bot.slack.calls_to("chat.getPermalink")[-1]
    assert (link.args["channel"], link.args["message_ts"]) == (thread.channel, thread.ts)
    permalink = link.response["permalink"]
    assert told == [  # once in this thread, not after every message
        f"📨 Passed on to the team handling {ticket.id}. Their answers arrive in "
        f"<{permalink}|the conversation thread for {ticket.id}>; what you write here reaches "
        "them too."
    ]
    relays = [a for a in await _actions(bot, ticket) if a[0] == "relayed_to_team"]
    assert relays == [("relayed_to_team", EMPLOYEE_EN)] * 2


async def test_two_replies_in_a_row_reach_the_team_in_the_order_written(bot: Harness) -> None:
    """The first reply's relay is the slower one (it reads the DM thread's first message, Slack
    slow to answer here): the second, relayed at the same time by the other worker, waits for it
    (it came first 1 run in 8 before without the delay, and every time with it)."""
    ticket = await _desk_ticket(bot)
    filed = _filed_dm(bot, ticket)
    assert ticket.message is not None
    await bot.say(ticket.message.channel, "Which browser?", DESK_MEMBER, ticket.message.ts)
    await bot.slack.wait_for("reactions.add")
    bot.slack.slow("conversations.replies", 0.3)  # the first relay reads the DM thread
    await bot.say(DM, "Firefox", EMPLOYEE_EN, thread_ts=filed["ts"])
    await bot.say(DM, "version 128", EMPLOYEE_EN, thread_ts=filed["ts"])
    await bot.slack.wait_for("reactions.add", count=3)
    await bot.settled()
    assert [t.split("\n")[-1] for t in _relayed_to_team(bot, ticket)] == ["Firefox", "version 128"]


async def test_two_replies_keep_their_order_when_the_second_turn_starts_first(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The queue's two workers take the relays' turns in order but may start them in either
    order (each first lets the acks pass, longer on a loaded machine): here the first relay's
    turn starts only once the second reply is relayed, if it ever is (1 s at most). The second
    waits for the first all the same (before, it took the thread's lock first: "version 128"
    reached the team first every time here, and 1 run in 7 of the file under load)."""
    ticket = await _desk_ticket(bot)
    filed = _filed_dm(bot, ticket)
    assert ticket.message is not None
    await bot.say(ticket.message.channel, "Which browser?", DESK_MEMBER, ticket.message.ts)
    await bot.slack.wait_for("reactions.add")
    await bot.settled()
    let_requests_pass = after_ack._let_requests_pass
    starts = 0

    async def first_turn_starts_late() -> None:
        nonlocal starts
        starts += 1
        if starts == 1:  # until a reply is relayed (its envelope added), if one can be
            with contextlib.suppress(AssertionError):
                await bot.slack.wait_for("reactions.add", count=2, timeout=1)
        await let_requests_pass()

    monkeypatch.setattr(after_ack, "_let_requests_pass", first_turn_starts_late)
    await bot.say(DM, "Firefox", EMPLOYEE_EN, thread_ts=filed["ts"])
    await bot.say(DM, "version 128", EMPLOYEE_EN, thread_ts=filed["ts"])
    await bot.slack.wait_for("reactions.add", count=3)
    await bot.settled()
    assert [t.split("\n")[-1] for t in _relayed_to_team(bot, ticket)] == ["Firefox", "version 128"]
    assert starts == 2


async def test_a_redelivered_reply_under_a_dm_is_relayed_once(bot: Harness) -> None:
    ticket = await _desk_ticket(bot)
    filed = _filed_dm(bot, ticket)
    said = await bot.say(DM, "Still broken", EMPLOYEE_EN, filed["ts"], event_id="Ev0DMREPLY")
    await bot.slack.wait_for("reactions.add")
    for retry_num in (1, 2):  # Slack thought the first delivery went unanswered
        await bot.say(
            DM, "Still broken", EMPLOYEE_EN, filed["ts"], event_id="Ev0DMREPLY", retry_num=retry_num
        )
    await bot.settled()
    assert len(_relayed_to_team(bot, ticket)) == 1
    assert bot.slack.message(DM, said["ts"])["reactions"][0]["count"] == 1
    actions = [a for a, _ in await _actions(bot, ticket)]
    assert actions.count("relayed_to_team") == 1 and actions.count("conversation_opened") == 1


async def test_someone_else_writing_under_a_dm_about_the_ticket_is_ignored(bot: Harness) -> None:
    ticket = await bot.file(
        "emergency", "Datacenter down", "Nothing answers in room B", impact="high", urgency="high"
    )
    oncall_dm = bot.slack.dm_channel_id(INFRA_ONCALL_1)
    page = await bot.wait_dms(INFRA_ONCALL_1, 1)
    root = bot.latest_dm(INFRA_ONCALL_1)
    assert root["metadata"]["event_payload"]["ticket_id"] == ticket.id, page
    before = await _actions(bot, ticket)
    reads = len(bot.slack.calls_to("conversations.replies"))
    await bot.say(oncall_dm, "on my way", INFRA_ONCALL_1, thread_ts=root["ts"])
    await bot.eventually(
        lambda: len(bot.slack.calls_to("conversations.replies")) > reads, "the thread read"
    )
    await bot.settled()
    assert _relayed_to_team(bot, ticket) == []
    assert not [m for m in _replies(bot, oncall_dm, root["ts"]) if m.get("bot_id")]
    assert not bot.slack.calls_to("reactions.add")
    stored = await bot.ticket(ticket.id)
    assert stored.requester_thread is None and await _actions(bot, ticket) == before

    # its requester writing under their own DM about it is relayed, and keeps the thread
    filed = _filed_dm(bot, ticket)
    await bot.say(DM, "Room B is on fire", EMPLOYEE_EN, thread_ts=filed["ts"])
    await bot.slack.wait_for("reactions.add")
    assert [t.split("\n")[-1] for t in _relayed_to_team(bot, ticket)] == ["Room B is on fire"]
    stored = await bot.ticket(ticket.id)
    assert stored.requester_thread == MessageRef(channel=DM, ts=filed["ts"])


async def test_a_reply_under_a_dm_about_a_ticket_no_team_has_is_answered_not_relayed(
    bot: Harness,
) -> None:
    await bot.guichet.scheduler.stop()
    draft = ValidDraft(
        type=TicketType.INFORMATION_REQUEST,
        title="Where is the VPN guide?",
        description="I cannot find the VPN guide on the intranet.",
        impact=Level.LOW,
        urgency=Level.LOW,
    )
    ticket = await bot.guichet.filing.file(draft, EMPLOYEE_EN, Language.EN)
    bot.slack.fail_next("chat.postMessage", "channel_not_found")
    assert (await bot.guichet.helpdesk.post(ticket)).message is None  # the requester is told
    told = bot.latest_dm(EMPLOYEE_EN)
    assert "could not post it" in told["text"]
    before = await _actions(bot, ticket)
    said = await bot.say(DM, "So what now?", EMPLOYEE_EN, thread_ts=told["ts"])

    def answered() -> dict[str, Any] | None:
        return next(
            (
                m
                for m in _replies(bot, DM, told["ts"])
                if m.get("bot_id") and float(m["ts"]) > float(said["ts"])
            ),
            None,
        )

    answer = await bot.eventually(answered, "the answer under the DM")
    assert answer["text"] == (
        f"{ticket.id} has not reached any team’s channel yet, so your message was passed on to "
        f"nobody. Write here again once I tell you it is posted, or quote *{ticket.id}* if you "
        "contact the service desk."
    )
    await bot.settled()
    assert not bot.slack.calls_to("reactions.add")
    stored = await bot.ticket(ticket.id)
    assert stored.requester_thread is None and await _actions(bot, ticket) == before


async def test_a_reply_under_the_closed_dm_is_relayed_as_in_the_conversation_thread(
    bot: Harness,
) -> None:
    ticket = await _desk_ticket(bot)
    await bot.choose(ticket.id, "ticket_status", "resolved", DESK_MEMBER)
    await bot.told_eventually(EMPLOYEE_EN, "Is your problem solved?")
    await bot.answer_in_dm(EMPLOYEE_EN, "ticket_solved")
    rating = await bot.dm_with(EMPLOYEE_EN, "ticket_rate_5")  # the DM updated after the ack
    assert (await bot.ticket(ticket.id)).status is Status.CLOSED
    await bot.settled()
    said = await bot.say(DM, "Thanks, all good now", EMPLOYEE_EN, thread_ts=rating["ts"])
    await bot.slack.wait_for("reactions.add")
    assert [t.split("\n")[-1] for t in _relayed_to_team(bot, ticket)] == ["Thanks, all good now"]
    assert _reactions(bot, DM, said["ts"]) == ["incoming_envelope"]
    stored = await bot.ticket(ticket.id)
    assert stored.status is Status.CLOSED  # relayed, not reopened
    assert stored.requester_thread == MessageRef(channel=DM, ts=rating["ts"])


async def test_a_failed_thread_read_relays_nothing_and_writes_nothing(
    bot: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    ticket = await _desk_ticket(bot)
    filed = _filed_dm(bot, ticket)
    before = await _actions(bot, ticket)
    bot.slack.fail_next("conversations.replies", "internal_error")
    with caplog.at_level(logging.WARNING):
        lost = await bot.say(DM, "Hello?", EMPLOYEE_EN, thread_ts=filed["ts"])
        await bot.slack.wait_for("conversations.replies")
        await bot.settled()
    assert _relayed_to_team(bot, ticket) == []
    assert not bot.slack.calls_to("reactions.add")
    stored = await bot.ticket(ticket.id)
    assert stored.requester_thread is None and await _actions(bot, ticket) == before
    assert f"could not read the thread {DM}/{filed['ts']}: internal_error" in caplog.text
    assert "Traceback" not in caplog.text

    # the next reply, Slack answering again, goes (the lost one stays unmarked: not relayed)
    await bot.say(DM, "Hello again?", EMPLOYEE_EN, thread_ts=filed["ts"])
    await bot.slack.wait_for("reactions.add")
    assert [t.split("\n")[-1] for t in _relayed_to_team(bot, ticket)] == ["Hello again?"]
    assert _reactions(bot, DM, lost["ts"]) == []


async def test_a_reply_under_the_waiting_on_you_dm_takes_the_ticket_back_in_progress(
    bot: Harness,
) -> None:
    ticket = await _desk_ticket(bot)
    await bot.claim(ticket, DESK_MEMBER)
    await bot.choose(ticket.id, "ticket_status", "waiting_on_requester", DESK_MEMBER)
    await bot.told_eventually(EMPLOYEE_EN, "needs an answer from you")
    waiting = bot.latest_dm(EMPLOYEE_EN)
    assert waiting["metadata"]["event_payload"]["ticket_id"] == ticket.id
    await bot.settled()
    await bot.say(DM, "Here is the screenshot", EMPLOYEE_EN, thread_ts=waiting["ts"])

    async def resumed() -> bool:
        return (await bot.ticket(ticket.id)).status is Status.IN_PROGRESS

    await bot.eventually(resumed, "the ticket back in progress")
    assert (await _actions(bot, ticket))[-1] == ("relayed_to_team", EMPLOYEE_EN)
    stored = await bot.ticket(ticket.id)
    assert stored.requester_thread == MessageRef(channel=DM, ts=waiting["ts"])


async def test_a_merged_duplicates_requester_is_relayed_to_its_thread_in_french(
    bot: Harness,
) -> None:
    kept = await bot.file("incident", "VPN down at the warehouse", "Nobody can connect.")
    duplicate = await bot.file(
        "incident", "Le VPN ne marche plus à l’entrepôt", "Depuis ce matin.", user=EMPLOYEE_FR
    )
    dm = bot.slack.dm_channel_id(EMPLOYEE_FR)
    filed = bot.latest_dm(EMPLOYEE_FR, "ticket_cancel")
    view = (await bot.choose_form(duplicate.id, "ticket_merge", INFRA_ONCALL_2)).response["view"]
    status, body = await bot.submit(view, {"merge_target": kept.id}, INFRA_ONCALL_2)
    assert status == 200 and not body, body
    await bot.told_eventually(EMPLOYEE_FR, "clos comme doublon")  # in its conversation thread
    await bot.settled()
    thread = (await bot.ticket(duplicate.id)).requester_thread
    assert thread is not None and thread.ts != filed["ts"]

    bot.slack.fail_next("chat.getPermalink", "internal_error")  # the answer names the thread
    said = await bot.say(dm, "Et pour mon poste ?", EMPLOYEE_FR, thread_ts=filed["ts"])
    await bot.slack.wait_for("reactions.add")
    await bot.settled()
    assert duplicate.message is not None and kept.message is not None
    relayed = [
        m["text"]
        for m in _replies(bot, duplicate.message.channel, duplicate.message.ts)
        if m.get("bot_id") and m["text"].endswith("Et pour mon poste ?")
    ]
    assert len(relayed) == 1  # in the duplicate's own thread, which links the kept ticket
    assert not [
        m for m in _replies(bot, kept.message.channel, kept.message.ts) if "poste" in m["text"]
    ]
    assert _reactions(bot, dm, said["ts"]) == ["incoming_envelope"]
    told = [m["text"] for m in _replies(bot, dm, filed["ts"]) if m.get("bot_id")]
    assert told == [
        f"📨 Transmis à l’équipe de {duplicate.id}. Ses réponses arrivent dans le fil de mon "
        f"message «\u00a0💬 Échanges sur votre ticket {duplicate.id}\u00a0»\u00a0; ce que vous "
        "écrivez ici lui parvient aussi."
    ]
    assert (await bot.ticket(duplicate.id)).status is Status.CLOSED


@pytest.mark.parametrize("slow_read", [False, True])
async def test_a_reply_under_a_dm_and_a_team_reply_at_once_share_one_thread(
    bot: Harness, slow_read: bool
) -> None:
    """Both may store a thread; whichever is stored, the requester's DM is never deleted and
    the team's answer goes to the thread the ticket keeps (``slow_read``: the thread read is
    slow, so the team's new thread is mostly stored first; otherwise the DM mostly wins)."""
    ticket = await _desk_ticket(bot)
    filed = _filed_dm(bot, ticket)
    assert ticket.message is not None
    bot.slack.set_latency(0.02)  # Slack is slower than both: both may store a thread
    if slow_read:
        bot.slack.slow("conversations.replies", 0.3)
    await asyncio.gather(
        bot.say(ticket.message.channel, "Which browser?", DESK_MEMBER, ticket.message.ts),
        bot.say(DM, "It fails on my phone too", EMPLOYEE_EN, thread_ts=filed["ts"]),
    )
    await bot.slack.wait_for("reactions.add", count=2)
    bot.slack.set_latency(0)
    await bot.settled()
    thread = (await bot.ticket(ticket.id)).requester_thread
    assert thread is not None
    assert bot.slack.message(DM, filed["ts"])  # the requester's filed DM is never deleted
    deleted = [c.args["ts"] for c in bot.slack.calls_to("chat.delete")]
    assert filed["ts"] not in deleted
    to_requester = [m["text"] for m in _replies(bot, DM, thread.ts) if m.get("bot_id")]
    assert to_requester[0].endswith("Which browser?")  # in the thread the ticket keeps
    roots = [m["ts"] for m in bot.slack.messages(DM) if "reply in this thread" in m["text"]]
    if thread.ts == filed["ts"]:  # the requester's DM won: a team's new root, if it was
        assert roots == [] and len(deleted) <= 1  # posted before it knew, is deleted
    else:  # the team's root won: the requester is told where the answers arrive
        assert roots == [thread.ts] and deleted == []
        assert any("Passed on" in t for t in to_requester + _told(bot, filed["ts"]))
    assert [a for a, _ in await _actions(bot, ticket)].count("conversation_opened") == 1
    assert [t.split("\n")[-1] for t in _relayed_to_team(bot, ticket)] == [
        "It fails on my phone too"
    ]


def _told(bot: Harness, thread_ts: str) -> list[str]:
    return [m["text"] for m in _replies(bot, DM, thread_ts) if m.get("bot_id")]


async def test_a_dm_asking_about_ones_own_ticket_says_where_it_stands(bot: Harness) -> None:
    """« any news on INC-1? » written in Guichet's DM got "I found no article answering your
    message. Would you like to file a ticket?": an invitation to file the same problem twice.
    Told where the ticket stands and how to write to its team instead."""
    ticket = await _desk_ticket(bot)
    filed = _filed_dm(bot, ticket)
    await bot.claim(ticket, DESK_MEMBER)
    await bot.settled()
    asked = await bot.say(DM, f"Hi, any news on {ticket.id.lower()}?", EMPLOYEE_EN)
    answer = await bot.dm_reply(EMPLOYEE_EN, asked)
    assert answer["text"] == (
        f"Your ticket *{ticket.id}* “How do I reset my password?” is *in progress*, with "
        f"*Service desk* (<@{DESK_MEMBER}> is on it). To write to the team, reply in the "
        "thread of any of my messages about it: your message is passed on to them."
    )
    assert not answer.get("blocks") or "knowledge_file_ticket" not in str(answer["blocks"])

    # once it has a conversation thread, that thread is linked
    await bot.say(DM, "It also fails on my phone", EMPLOYEE_EN, thread_ts=filed["ts"])
    await bot.eventually(lambda: _relayed_to_team(bot, ticket), "the relay")
    asked = await bot.say(DM, f"{ticket.id} again: still nothing", EMPLOYEE_EN)
    answer = await bot.dm_reply(EMPLOYEE_EN, asked)
    assert "reply in <https://" in answer["text"]
    assert "|this ticket’s conversation thread>" in answer["text"]


async def test_a_dm_naming_someone_elses_ticket_is_answered_as_any_question(
    bot: Harness,
) -> None:
    ticket = await _desk_ticket(bot)  # John's
    channel = bot.slack.dm_channel_id(EMPLOYEE_FR)
    asked = await bot.say(channel, f"Où en est {ticket.id} ?", EMPLOYEE_FR)
    answer = await bot.dm_reply(EMPLOYEE_FR, asked)
    assert ticket.id not in answer["text"]  # nothing told of a ticket that is not hers
    assert "Voulez-vous ouvrir un ticket" in answer["text"]


async def test_a_file_sent_with_a_dm_naming_ones_own_ticket_is_told_where_to_send_it(
    bot: Harness,
) -> None:
    """« screenshot for INC-1 » with a file, written in Guichet's DM outside any thread, was
    answered with where the ticket stands and not a word of the file, which reached nobody.
    It is not relayed from there (an id in a sentence is no "send this to the team"): the
    answer says so and links the thread where sending it reaches the team."""
    ticket = await _desk_ticket(bot)
    filed = _filed_dm(bot, ticket)
    await bot.say(DM, "It also fails on my phone", EMPLOYEE_EN, thread_ts=filed["ts"])
    await bot.eventually(lambda: _relayed_to_team(bot, ticket), "the relay")
    relayed_before = _relayed_to_team(bot, ticket)
    shot = {"id": "F0SHOT", "name": "screenshot.png", "permalink": "https://x.test/F0SHOT"}
    asked = await bot.say(
        DM, f"screenshot for {ticket.id}", EMPLOYEE_EN, subtype="file_share", files=[shot]
    )
    answer = await bot.dm_reply(EMPLOYEE_EN, asked)
    told = answer["text"].split("\n")
    assert told[0].startswith(f"Your ticket *{ticket.id}*"), told
    assert told[1].startswith(
        "📎 Your file was passed on to nobody from here: to send it to the team, send it again "
        "as a reply in <https://"
    ), told
    assert told[1].endswith("|this ticket’s conversation thread>."), told
    await bot.settled()
    assert _relayed_to_team(bot, ticket) == relayed_before  # nothing relayed from there


async def test_files_sent_in_french_with_a_dm_naming_ones_own_ticket_are_told_in_french(
    bot: Harness,
) -> None:
    ticket = await bot.file(
        "incident", "Mon imprimante bourre", "Le papier se coince.", user=EMPLOYEE_FR
    )
    channel = bot.slack.dm_channel_id(EMPLOYEE_FR)
    files = [{"id": f"F0P{n}", "name": f"photo{n}.jpg"} for n in (1, 2)]
    asked = await bot.say(
        channel, f"Photos pour {ticket.id}", EMPLOYEE_FR, subtype="file_share", files=files
    )
    answer = await bot.dm_reply(EMPLOYEE_FR, asked)
    assert answer["text"].split("\n")[1] == (
        "📎 Vos 2 fichiers n’ont été transmis à personne d’ici\u00a0: pour les envoyer à "
        "l’équipe, envoyez-les de nouveau en réponse dans le fil de n’importe lequel de mes "
        "messages à son sujet."
    )


async def test_a_file_sent_in_the_dm_thread_is_copied_for_the_team(bot: Harness) -> None:
    """A screenshot sent with a reply in the requester's DM thread was relayed as a link, but
    a file shared in a DM opens for that DM's members only: the team could not open it. The
    relay is followed by a copy in the ticket's thread."""
    ticket = await _desk_ticket(bot)
    assert ticket.message is not None
    channel, root = ticket.message.channel, ticket.message.ts
    filed = _filed_dm(bot, ticket)
    shot = bot.slack.user_upload(EMPLOYEE_EN, "vpn error.png", b"\x89PNG vpn")
    await bot.say(DM, "Here it is", EMPLOYEE_EN, filed["ts"], subtype="file_share", files=[shot])

    def copied() -> list:
        return [u for u in bot.slack.uploads(channel) if u.thread_ts == root]

    (copy,) = await bot.eventually(copied, "the copy in the ticket's thread")
    assert (copy.filename, copy.data) == ("vpn error.png", b"\x89PNG vpn")
    assert copy.initial_comment == (  # in the team's language
        f"📎 Le fichier que <@{EMPLOYEE_EN}> a joint à *{ticket.id}*, copié ici pour que "
        "l’équipe puisse l’ouvrir\u00a0:"
    )
    assert _relayed_to_team(bot, ticket) == [  # named: the DM's link opens in that DM only
        f"💬 <@{EMPLOYEE_EN}>, demandeur de {ticket.id}, répond\u00a0:\n"
        "Here it is\n📎 vpn error.png _(copie dans ce fil)_"
    ]
    await bot.settled()
    assert len(copied()) == 1


async def test_a_yes_or_a_no_written_under_is_it_solved_is_shown_its_button(bot: Harness) -> None:
    """« oui c bon merci » written under « Votre problème est-il réglé ? » instead of pressing
    its button was relayed, the ticket left resolved, and the requester told nothing: they are
    shown the button to press (« non ça marche toujours pas »: the other one). A text is no
    confirmation (« oui mais… » is neither): nothing changes without the press."""
    dm = bot.slack.dm_channel_id(EMPLOYEE_FR)
    yes = (
        "👉 C’est réglé\u00a0? Appuyez sur *Oui, c’est réglé* dans le message ci-dessus pour "
        "fermer {id} (votre message a aussi été transmis à l’équipe)."
    )
    no = (
        "👉 Pas encore réglé\u00a0? Appuyez sur *Non, pas encore* dans le message ci-dessus\u00a0: "
        "{id} repassera en cours (votre message a aussi été transmis à l’équipe)."
    )
    for text, told in (
        ("oui c bon merci", yes),
        ("non ça marche toujours pas", no),
        ("oui mais ça bloque encore", None),
    ):
        ticket = await bot.file("information_request", "cmt on change son mdp", user=EMPLOYEE_FR)
        await bot.choose(ticket.id, "ticket_status", "resolved", DESK_MEMBER)

        def asked(ticket_id: str = ticket.id) -> dict[str, Any] | None:
            return next(
                (
                    m
                    for m in bot.slack.messages(dm)
                    if f"*{ticket_id}*" in m["text"] and "ticket_solved" in str(m.get("blocks"))
                ),
                None,
            )

        question = await bot.eventually(asked, f"is {ticket.id} solved?")
        await bot.settled()
        await bot.say(dm, text, EMPLOYEE_FR, thread_ts=question["ts"])
        await bot.settled()
        said = [m["text"] for m in _replies(bot, dm, question["ts"]) if m.get("bot_id")]
        assert said == ([told.format(id=ticket.id)] if told else []), text
        assert ticket.message is not None
        relayed = _replies(bot, ticket.message.channel, ticket.message.ts)
        assert [m["text"].split("\n")[-1] for m in relayed if m.get("bot_id")] == [text]
        assert (await bot.ticket(ticket.id)).status is Status.RESOLVED


async def test_ones_own_ticket_asked_about_without_its_hyphen_or_id(bot: Harness) -> None:
    """« des nouvelles de inf1 ? », « INF 1 ? », « mon ticket ? » got « Je n’ai pas trouvé
    d’article… Voulez-vous ouvrir un ticket ? »: told where their ticket stands instead, or
    which they have when several."""
    first = await bot.file(
        "information_request", "cmt on change son mdp", "jsais pa ou c", user=EMPLOYEE_FR
    )
    channel = bot.slack.dm_channel_id(EMPLOYEE_FR)
    await bot.settled()
    stands = f"Votre ticket *{first.id}* «\u00a0cmt on change son mdp\u00a0» est *nouveau*"
    for text in (
        f"des nouvelles de {first.id.replace('-', '').lower()} ?",
        "INF 1 ?",
        "mon ticket ?",
    ):
        asked = await bot.say(channel, text, EMPLOYEE_FR)
        answer = await bot.dm_reply(EMPLOYEE_FR, asked)
        assert answer["text"].startswith(stands), (text, answer["text"])
    second = await bot.file(
        "information_request", "accès au drive", "pour l’équipe compta", user=EMPLOYEE_FR
    )
    await bot.settled()
    asked = await bot.say(channel, "Et ma demande ?", EMPLOYEE_FR)
    answer = await bot.dm_reply(EMPLOYEE_FR, asked)
    assert answer["text"] == (
        f"Vous avez 2 tickets ouverts\u00a0: *{first.id}* «\u00a0cmt on change son mdp\u00a0», "
        f"*{second.id}* «\u00a0accès au drive\u00a0». Écrivez-moi le numéro de celui "
        f"qui vous intéresse («\u00a0{first.id}\u00a0») pour savoir où il en est, ou tapez "
        "`/ticket list`."
    )
    asked = await bot.say(channel, "win10 plante, et top 3 des bugs", EMPLOYEE_FR)
    answer = await bot.dm_reply(EMPLOYEE_FR, asked)
    assert "Voulez-vous ouvrir un ticket" in answer["text"]  # no id of ours: a question
