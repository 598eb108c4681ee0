"""The requester kept informed and following up from their DMs: the buttons they get, cancel,
add information, "is it solved?" (yes → closed → rating; no → back in progress, agents told)."""

from __future__ import annotations

from bot.domain.models import Status, Ticket
from bot.outbox.deliveries import backoff
from sandbox.emulator.faults import Fault, FaultKind
from storage.client import Database
from tests.e2e.harness import (
    CHANNELS,
    DESK_MEMBER,
    EMPLOYEE_EN,
    EMPLOYEE_FR,
    OUTSIDER,
    Harness,
    find_element,
)
from tests.e2e.observations import action_ids, searchable
from tests.e2e.test_delivery import bot_with_dated_slack

DESK = CHANNELS["service_desk"]


async def _desk_ticket(bot: Harness, user: str = EMPLOYEE_EN) -> Ticket:
    ticket = await bot.file(
        "information_request", "How do I reset my password?", "Where is the procedure?", user=user
    )
    assert ticket.service == "service_desk" and ticket.message is not None
    return ticket


def _thread(bot: Harness, ticket: Ticket) -> list[dict]:
    assert ticket.message is not None
    return [m for m in bot.slack.messages(DESK) if m.get("thread_ts") == ticket.message.ts]


async def _resolve(bot: Harness, ticket: Ticket, requester: str, fragment: str) -> dict:
    """An agent resolves the ticket; returns the requester's "is it solved?" DM."""
    await bot.choose(ticket.id, "ticket_status", "resolved", DESK_MEMBER)
    await bot.told_eventually(requester, fragment)
    return bot.latest_dm(requester, "ticket_solved")


async def _add_info_form(bot: Harness, requester: str) -> dict:
    """``requester`` presses Add information in their latest DM; returns the form that press
    opened (by its own trigger id)."""
    trigger = bot.send.new_trigger_id(requester)
    status, _ = await bot.press_in_dm(requester, "ticket_add_info", trigger_id=trigger)
    assert status == 200
    return (await bot.opened_with(trigger)).response["view"]


async def test_the_filed_dm_carries_the_requesters_buttons(bot: Harness) -> None:
    ticket = await _desk_ticket(bot)
    dm = bot.latest_dm(EMPLOYEE_EN)
    assert ticket.id in dm["text"]
    assert action_ids(dm) == ["ticket_add_info", "ticket_cancel"]
    cancel = find_element(dm, "ticket_cancel")
    assert cancel["value"] == ticket.id and cancel["confirm"]["title"]["text"] == (
        f"Cancel {ticket.id}?"
    )


async def test_the_requester_cancels_their_ticket(bot: Harness) -> None:
    ticket = await _desk_ticket(bot)
    await bot.choose(ticket.id, "ticket_claim", None, DESK_MEMBER)
    await bot.told_eventually(EMPLOYEE_EN, "is now working on")
    await bot.settled()  # the claim's work done: its card redrawn before the count
    pressed = bot.latest_dm(EMPLOYEE_EN, "ticket_cancel")
    cards = bot.card_updates(ticket)
    await bot.answer_in_dm(EMPLOYEE_EN, "ticket_cancel")
    await bot.card_updated(ticket, cards)  # the cancellation on the card
    answered = bot.slack.message(bot.slack.dm_channel_id(EMPLOYEE_EN), pressed["ts"])
    assert answered["text"] == f"🚫 You cancelled *{ticket.id}*." and not action_ids(answered)
    stored = await bot.ticket(ticket.id)
    assert stored.status is Status.CANCELLED
    message = await bot.channel_message(ticket.id)
    assert not action_ids(message) and "Annulé" in str(message["blocks"])
    await bot.settled()
    # they did it in this DM, which says so: no second DM "is now cancelled (by you)"
    dms = bot.slack.messages(bot.slack.dm_channel_id(EMPLOYEE_EN))
    assert [m["ts"] for m in dms][-1] == pressed["ts"] and len(dms) == 2
    assert not any("is now *cancelled*" in m["text"] for m in dms)
    assert not any(action_ids(m) for m in dms)  # nothing left to do
    thread = await bot.eventually(lambda: _thread(bot, ticket), "the agents to be told")
    assert thread[-1]["text"] == f"<@{DESK_MEMBER}> <@{EMPLOYEE_EN}> a annulé *{ticket.id}*."
    history = await bot.guichet.helpdesk.tickets.history(ticket.id)
    assert (history[-1].actor, history[-1].after) == (EMPLOYEE_EN, "cancelled")


async def test_only_the_requester_may_cancel_or_add_information(bot: Harness) -> None:
    ticket = await _desk_ticket(bot)
    for someone in (OUTSIDER, DESK_MEMBER):
        for action in ("ticket_cancel", "ticket_add_info"):
            before = len(bot.told(someone))
            await bot.press_in_dm(EMPLOYEE_EN, action, as_user=someone)
            await bot.told_more(someone, before, "a refusal")
            assert bot.told(someone)[-1] == f"Only the person who filed {ticket.id} can do that."
    assert (await bot.ticket(ticket.id)).status is Status.NEW
    assert len(bot.slack.calls_to("views.open")) == 1  # the filing form only
    assert not bot.slack.calls_to("chat.update")


async def test_the_requester_adds_information(bot: Harness) -> None:
    ticket = await _desk_ticket(bot, user=EMPLOYEE_FR)
    await bot.choose(ticket.id, "ticket_claim", None, DESK_MEMBER)
    await bot.card_updated(ticket)  # the claim shown on the card...
    await bot.settled()  # ...and all its work done before the count below
    form = await _add_info_form(bot, EMPLOYEE_FR)
    assert form["title"]["text"] == "Ajouter des informations"

    status, body = await bot.submit(form, {"information": "   "}, user=EMPLOYEE_FR)
    assert body["errors"]["information"] == (
        "Écrivez ce que vous voulez ajouter, ou joignez un fichier."
    )

    added = "Error 809 <!channel>\nsince this morning"
    cards = bot.card_updates(ticket)
    status, body = await bot.submit(form, {"information": added}, user=EMPLOYEE_FR)
    assert status == 200 and not body
    thread = await bot.eventually(lambda: _thread(bot, ticket), "the reply in the thread")
    assert thread[-1]["text"] == (
        f"<@{DESK_MEMBER}> <@{EMPLOYEE_FR}> a ajouté des informations\u00a0:\n"
        ">Error 809 &lt;!channel&gt;\n>since this morning"
    )
    history = await bot.guichet.helpdesk.tickets.history(ticket.id)
    assert (history[-1].action, history[-1].note) == ("info_added", added)
    await bot.card_updated(ticket, cards)  # redrawn for the information
    assert "informations ajoutées par" in str((await bot.channel_message(ticket.id))["blocks"])


SHOT = {
    "id": "F0SHOT1",
    "name": "erreur 809.png",
    "title": "erreur 809.png",
    "permalink": "https://guichet-test.slack.com/files/U0MARIE/F0SHOT1/erreur_809.png",
}


async def test_the_requester_adds_a_screenshot(bot: Harness) -> None:
    """Add information takes files too (there was no way to send a screenshot): the form says
    how, the team's thread names each file (a form's file opens for its uploader alone: the bot
    copies it into the thread, which the line says), the ticket keeps their links."""
    ticket = await _desk_ticket(bot, user=EMPLOYEE_FR)
    await bot.choose(ticket.id, "ticket_claim", None, DESK_MEMBER)
    await bot.card_updated(ticket)
    await bot.settled()
    form = await _add_info_form(bot, EMPLOYEE_FR)
    files = next(b for b in form["blocks"] if b.get("block_id") == "information_files")
    assert files["element"] == {
        "type": "file_input",
        "action_id": "information_files",
        "max_files": 10,
    }
    assert files["optional"] is True and files["label"]["text"] == "Fichiers ou captures d’écran"
    assert files["hint"]["text"].startswith("Une capture d’écran\u00a0: prenez-la, puis glissez")

    status, body = await bot.submit(form, {"information_files": [SHOT]}, user=EMPLOYEE_FR)
    assert status == 200 and not body  # a file alone is information enough

    # the files are fakes: the thread is told too that they could not be copied, a line that
    # may come before this test looks (it read the thread's last line: flaky under load)
    def said(words: str) -> list[dict]:
        return [m for m in _thread(bot, ticket) if words in m["text"]]

    thread = await bot.eventually(lambda: said("a joint un fichier"), "the reply in the thread")
    assert thread[-1]["text"] == (  # named: its link opened for the requester alone
        f"<@{DESK_MEMBER}> <@{EMPLOYEE_FR}> a joint un fichier\u00a0: erreur 809.png "
        "_(copie dans ce fil)_"
    )

    second = {**SHOT, "id": "F0SHOT2", "name": "log.txt", "permalink": SHOT["permalink"] + "2"}
    form = await _add_info_form(bot, EMPLOYEE_FR)
    answers = {"information": "Voici le journal", "information_files": [SHOT, second]}
    status, body = await bot.submit(form, answers, user=EMPLOYEE_FR)
    assert status == 200 and not body
    thread = await bot.eventually(lambda: said("journal"), "the second")
    assert thread[-1]["text"] == (
        f"<@{DESK_MEMBER}> <@{EMPLOYEE_FR}> a ajouté des informations\u00a0:\n>Voici le journal\n"
        "📎 erreur 809.png, log.txt _(2 copies dans ce fil)_"
    )
    assert "https://" not in str(_thread(bot, ticket))  # no link the team cannot open
    shown = await bot.show(ticket.id, EMPLOYEE_FR)
    assert f"fichiers ajoutés par <@{EMPLOYEE_FR}>" in shown, shown
    history = await bot.guichet.helpdesk.tickets.history(ticket.id)
    assert [(e.action, e.note) for e in history[-3:]] == [
        ("files_shared", f"erreur 809.png {SHOT['permalink']}"),
        ("info_added", "Voici le journal"),
        ("files_shared", f"erreur 809.png {SHOT['permalink']}, log.txt {second['permalink']}"),
    ]


async def test_files_added_in_the_form_are_copied_into_the_thread_for_the_team(
    bot: Harness,
) -> None:
    """Slack keeps a file uploaded in a form private to its uploader: the link the thread
    showed opened for the requester alone, not for the team. Each file is read with the bot's
    token and uploaded again into the ticket's thread, where the channel can open it."""
    ticket = await _desk_ticket(bot, user=EMPLOYEE_FR)
    assert ticket.message is not None
    thread_ts = ticket.message.ts
    await bot.settled()
    shot = bot.slack.user_upload(EMPLOYEE_FR, "erreur 809.png", b"\x89PNG fake screenshot")
    log = bot.slack.user_upload(EMPLOYEE_FR, "log.txt", b"error 809 at 08:12")
    assert shot["user"] == EMPLOYEE_FR and shot["permalink"].startswith("https://")
    form = await _add_info_form(bot, EMPLOYEE_FR)
    answers = {"information": "Voici l’erreur", "information_files": [shot, log]}
    status, body = await bot.submit(form, answers, user=EMPLOYEE_FR)
    assert status == 200 and not body

    def copied() -> list:
        return [u for u in bot.slack.uploads(DESK) if u.thread_ts == thread_ts]

    copies = await bot.eventually(copied, "the copies in the thread")
    assert [(c.filename, c.data) for c in copies] == [
        ("erreur 809.png", b"\x89PNG fake screenshot"),
        ("log.txt", b"error 809 at 08:12"),
    ]
    assert {c.id for c in copies}.isdisjoint({shot["id"], log["id"]})  # copies, the bot's own
    (shared,) = [m for m in _thread(bot, ticket) if m.get("subtype") == "file_share"]
    assert shared["text"] == (
        f"📎 Les 2 fichiers que <@{EMPLOYEE_FR}> a joints à *{ticket.id}*, copiés ici pour "
        "que l’équipe puisse les ouvrir\u00a0:"
    )
    await bot.settled()
    assert len(copied()) == 2  # once
    downloads = [c for c in bot.slack.calls if c.method == "files-pri"]
    assert len(downloads) == 2


async def test_a_copy_whose_answer_was_lost_is_in_the_thread_once(database: Database) -> None:
    """Slack shared the copy, then answered 503: the outbox tries again later, finds the copy
    in the thread by its line and adopts it instead of uploading the file twice."""
    async with bot_with_dated_slack(database) as bot:
        await _copy_answered_503(bot)


async def _copy_answered_503(bot: Harness) -> None:
    ticket = await _desk_ticket(bot, user=EMPLOYEE_FR)
    assert ticket.message is not None
    thread_ts = ticket.message.ts
    await bot.settled()
    shot = bot.slack.user_upload(EMPLOYEE_FR, "erreur.png", b"\x89PNG fake")
    bot.slack.server_error("files.completeUploadExternal", done=True)
    form = await _add_info_form(bot, EMPLOYEE_FR)
    status, _ = await bot.submit(form, {"information_files": [shot]}, user=EMPLOYEE_FR)
    assert status == 200

    def copied() -> list:
        return [u for u in bot.slack.uploads(DESK) if u.thread_ts == thread_ts]

    outbox = bot.guichet.database.handle["outbox"]

    async def deferred() -> bool:  # the first attempt's failure recorded: it waits
        item = await outbox.find_one({"message.kind": "requester_files"})
        return bool(item and item["last_error"] and item["state"] == "pending")

    await bot.eventually(copied, "the copy Slack made")
    await bot.eventually(deferred, "the attempt told it failed")
    await bot.tick(backoff(1))
    await bot.settled()
    assert len(copied()) == 1
    item = await outbox.find_one({"message.kind": "requester_files"})
    assert item is not None and item["state"] == "sent" and item["attempts"] == 2
    shares = [m for m in _thread(bot, ticket) if m.get("subtype") == "file_share"]
    assert len(shares) == 1


NOT_COPIED = (
    "⚠️ Le fichier joint à *{ticket}* n’a pas pu être copié dans ce fil (supprimé depuis, trop "
    "lourd ou illisible pour le bot)\u00a0: redemandez-le au demandeur si besoin."
)


async def test_a_file_slack_no_longer_has_is_not_copied_and_the_team_is_told_once(
    database: Database,
) -> None:
    """The requester deleted the file before the copy: nothing is uploaded, the information
    is added all the same, and the team, whose line said a copy would follow, is told once
    that it will not (through the outbox: Slack failing then is tried again)."""
    async with bot_with_dated_slack(database) as bot:
        await _file_gone(bot)


async def _file_gone(bot: Harness) -> None:
    ticket = await _desk_ticket(bot, user=EMPLOYEE_FR)
    await bot.settled()
    fault = bot.slack.inject(  # the line's first attempt
        Fault(FaultKind.SERVER_ERROR, "chat.postMessage", DESK, containing="⚠️")
    )
    form = await _add_info_form(bot, EMPLOYEE_FR)
    status, body = await bot.submit(form, {"information_files": [SHOT]}, user=EMPLOYEE_FR)
    assert status == 200 and not body
    await bot.eventually(lambda: _thread(bot, ticket), "the reply in the thread")
    await bot.settled()
    outbox = bot.guichet.database.handle["outbox"]
    copy = await outbox.find_one({"message.kind": "requester_files", "message.about": None})
    assert copy is not None and copy["state"] == "failed" and copy["attempts"] == 1
    for _ in range(3):
        await bot.tick(backoff(2))
        await bot.settled()
    assert not bot.slack.uploads(DESK)
    history = await bot.guichet.helpdesk.tickets.history(ticket.id)
    assert history[-1].action == "files_shared"
    told = [m["text"] for m in _thread(bot, ticket) if m["text"].startswith("⚠️")]
    assert told == [NOT_COPIED.format(ticket=ticket.id)]
    assert fault.times == 0  # its first attempt met Slack's 503: tried again
    line = await outbox.find_one({"message.kind": "requester_files", "message.about": "not_copied"})
    assert line is not None and line["state"] == "sent" and line["attempts"] == 2


async def test_a_copy_whose_download_fails_for_now_is_tried_again(database: Database) -> None:
    """files.info answering 503, then the file's private URL answering 502: each attempt
    waits and tries again, and the file is copied once, nobody told it failed."""
    async with bot_with_dated_slack(database) as bot:
        await _download_fails_twice(bot)


async def _download_fails_twice(bot: Harness) -> None:
    ticket = await _desk_ticket(bot, user=EMPLOYEE_FR)
    assert ticket.message is not None
    thread_ts = ticket.message.ts
    await bot.settled()
    shot = bot.slack.user_upload(EMPLOYEE_FR, "erreur.png", b"\x89PNG fake")
    bot.slack.server_error("files.info")
    bot.slack.server_error("files-pri", status=502)
    form = await _add_info_form(bot, EMPLOYEE_FR)
    status, _ = await bot.submit(form, {"information_files": [shot]}, user=EMPLOYEE_FR)
    assert status == 200
    outbox = bot.guichet.database.handle["outbox"]

    def copied() -> list:
        return [u for u in bot.slack.uploads(DESK) if u.thread_ts == thread_ts]

    for attempt in (1, 2):

        async def waiting(attempts: int = attempt) -> bool:
            item = await outbox.find_one({"message.kind": "requester_files"})
            return bool(item and item["state"] == "pending" and item["attempts"] == attempts)

        await bot.eventually(waiting, f"attempt {attempt} failed for now, to try again")
        assert not copied()
        await bot.tick(backoff(attempt))
    await bot.eventually(copied, "the copy")
    await bot.settled()
    assert [(c.filename, c.data) for c in copied()] == [("erreur.png", b"\x89PNG fake")]
    item = await outbox.find_one({"message.kind": "requester_files"})
    assert item is not None and item["state"] == "sent" and item["attempts"] == 3
    assert not [m for m in _thread(bot, ticket) if m["text"].startswith("⚠️")]


async def test_a_large_file_is_copied_whole(bot: Harness) -> None:
    """The download was read with one ``read(n)``, which returns what has arrived so far:
    a file larger than the first chunks was copied cut short."""
    ticket = await _desk_ticket(bot, user=EMPLOYEE_FR)
    assert ticket.message is not None
    await bot.settled()
    data = bytes(range(256)) * 12_000  # 3 MB
    big = bot.slack.user_upload(EMPLOYEE_FR, "capture.mp4", data)
    form = await _add_info_form(bot, EMPLOYEE_FR)
    status, _ = await bot.submit(form, {"information_files": [big]}, user=EMPLOYEE_FR)
    assert status == 200
    (copy,) = await bot.eventually(lambda: bot.slack.uploads(DESK), "the copy")
    assert copy.data is not None and len(copy.data) == len(data) and copy.data == data


async def test_resolved_then_solved_then_rated(bot: Harness) -> None:
    ticket = await _desk_ticket(bot)
    question = await _resolve(bot, ticket, EMPLOYEE_EN, "Is your problem solved?")
    assert f"<@{DESK_MEMBER}> marked your ticket *{ticket.id}*" in question["text"]
    assert action_ids(question) == ["ticket_solved", "ticket_not_solved"]

    channel = bot.slack.dm_channel_id(EMPLOYEE_EN)
    dms = len(bot.slack.messages(channel))
    answer = await bot.answer_in_dm(EMPLOYEE_EN, "ticket_solved")
    assert answer["text"] == f"✅ You confirmed *{ticket.id}* is solved: it is closed."
    # one message for one press: the pressed DM becomes the closed one with the rating's
    # buttons (it was answered, then a new DM « is closed. How satisfied… » posted under it)
    rating = await bot.eventually(
        lambda: _with_buttons(bot.slack.message(channel, question["ts"])), "the DM answered"
    )
    assert rating["text"] == (
        f"✅ You confirmed your ticket *{ticket.id}* “How do I reset my password?” is solved: "
        "it is closed. How satisfied are you with the help you got?"
    )
    assert action_ids(rating) == [f"ticket_rate_{n}" for n in range(1, 6)]
    assert (await bot.ticket(ticket.id)).status is Status.CLOSED
    await bot.settled()
    assert len(bot.slack.messages(channel)) == dms  # the pressed DM, no other

    thanks = await bot.answer_in_dm(EMPLOYEE_EN, "ticket_rate_4")
    await bot.eventually(lambda: _rated(bot, ticket.id), "the rating to be stored")
    assert thanks["replace_original"] is True
    assert thanks["text"] == f"Thank you! You rated *{ticket.id}* 4/5."
    assert ticket.message is not None
    card_ts = ticket.message.ts
    await bot.eventually(
        lambda: "★★★★☆ 4/5" in str(bot.slack.message(DESK, card_ts)["blocks"]),
        "the rating on the channel message",
    )
    history = await bot.guichet.helpdesk.tickets.history(ticket.id)
    assert [e.action for e in history][-3:] == ["status", "confirmed", "rated"]

    # a second answer to either question changes nothing
    await bot.send.block_action(
        "ticket_rate_5",
        f"{ticket.id}|5",
        user_id=EMPLOYEE_EN,
        channel_id=bot.slack.dm_channel_id(EMPLOYEE_EN),
        message=rating,
    )
    await bot.told_eventually(EMPLOYEE_EN, f"You already rated {ticket.id} 4/5")
    await bot.send.block_action(
        "ticket_solved",
        ticket.id,
        user_id=EMPLOYEE_EN,
        channel_id=bot.slack.dm_channel_id(EMPLOYEE_EN),
        message=question,
    )
    await bot.told_eventually(EMPLOYEE_EN, "is *Closed*: that is no longer possible")
    stored = await bot.ticket(ticket.id)
    assert stored.satisfaction == 4 and stored.status is Status.CLOSED


def _rating_dm(bot: Harness, user: str) -> dict | None:
    try:
        return bot.latest_dm(user, "ticket_rate_1")
    except AssertionError:
        return None


async def _rated(bot: Harness, ticket_id: str) -> bool:
    return (await bot.ticket(ticket_id)).satisfaction is not None


async def test_solved_in_french_is_one_message_asking_for_the_rating(bot: Harness) -> None:
    ticket = await _desk_ticket(bot, user=EMPLOYEE_FR)
    question = await _resolve(bot, ticket, EMPLOYEE_FR, "Votre problème est-il réglé\u00a0?")
    channel = bot.slack.dm_channel_id(EMPLOYEE_FR)
    dms = len(bot.slack.messages(channel))
    await bot.answer_in_dm(EMPLOYEE_FR, "ticket_solved")
    rating = await bot.eventually(
        lambda: _with_buttons(bot.slack.message(channel, question["ts"])), "the DM answered"
    )
    assert rating["text"] == (
        f"✅ Vous avez confirmé que votre ticket *{ticket.id}* «\u00a0How do I reset my "
        "password?\u00a0» est résolu\u00a0: il est clos. Qu’avez-vous pensé de l’aide "
        "reçue\u00a0?"
    )
    assert action_ids(rating) == [f"ticket_rate_{n}" for n in range(1, 6)]
    await bot.settled()
    assert len(bot.slack.messages(channel)) == dms

    await bot.answer_in_dm(EMPLOYEE_FR, "ticket_rate_5")
    await bot.eventually(lambda: _rated(bot, ticket.id), "the rating to be stored")
    await bot.eventually(
        lambda: not action_ids(bot.slack.message(channel, question["ts"])), "the thanks"
    )
    assert bot.slack.message(channel, question["ts"])["text"] == (
        f"Merci\u00a0! Vous avez donné 5/5 à *{ticket.id}*."
    )


async def test_resolved_but_not_solved_goes_back_in_progress(bot: Harness) -> None:
    ticket = await _desk_ticket(bot, user=EMPLOYEE_FR)
    await bot.choose(ticket.id, "ticket_claim", None, DESK_MEMBER)
    await bot.told_eventually(EMPLOYEE_FR, "a pris en charge")
    question = await _resolve(bot, ticket, EMPLOYEE_FR, "Votre problème est-il réglé\u00a0?")
    assert [b["text"]["text"] for b in question["blocks"][1]["elements"]] == [
        "Oui, c’est réglé",
        "Non, pas encore",
    ]
    channel = bot.slack.dm_channel_id(EMPLOYEE_FR)
    dms = len(bot.slack.messages(channel))
    await bot.answer_in_dm(EMPLOYEE_FR, "ticket_not_solved")
    thread = await bot.eventually(lambda: _thread(bot, ticket), "the agents to be told")
    # one message for one press: the pressed DM says it is open again, with the open
    # ticket's buttons (it was answered, then a new DM said « est rouvert » under it)
    reopened = await bot.eventually(
        lambda: _with_buttons(bot.slack.message(channel, question["ts"])), "the DM answered"
    )
    assert reopened["text"] == (
        f"↩️ Vous avez indiqué que votre ticket *{ticket.id}* «\u00a0How do I reset my "
        "password?\u00a0» n’est pas résolu\u00a0: il est rouvert, l’équipe est prévenue et s’y "
        "remet. Vous pouvez ajouter des précisions ci-dessous."
    )
    assert action_ids(reopened) == ["ticket_add_info", "ticket_cancel"]
    await bot.settled()
    assert len(bot.slack.messages(channel)) == dms
    assert thread[-1]["text"] == (
        f"<@{DESK_MEMBER}> <@{EMPLOYEE_FR}> indique que *{ticket.id}* n’est pas réglé\u00a0: "
        "le ticket repasse en cours."
    )
    stored = await bot.ticket(ticket.id)
    assert stored.status is Status.IN_PROGRESS and stored.assignee == DESK_MEMBER
    message = await bot.channel_message(ticket.id)
    assert f"rouvert par <@{EMPLOYEE_FR}>\u00a0: pas réglé" in searchable(message["blocks"])
    history = await bot.guichet.helpdesk.tickets.history(ticket.id)
    assert (history[-1].action, history[-1].before, history[-1].after) == (
        "reopened",
        "resolved",
        "in_progress",
    )


async def test_not_solved_with_nobody_on_it_says_it_waits_in_the_queue(bot: Harness) -> None:
    ticket = await _desk_ticket(bot, user=EMPLOYEE_FR)
    question = await _resolve(bot, ticket, EMPLOYEE_FR, "Votre problème est-il réglé\u00a0?")
    channel = bot.slack.dm_channel_id(EMPLOYEE_FR)
    dms = len(bot.slack.messages(channel))
    answer = await bot.answer_in_dm(EMPLOYEE_FR, "ticket_not_solved")
    said = f"↩️ Vous avez indiqué que *{ticket.id}* n’est pas résolu\u00a0: il est rouvert."
    assert answer["text"] == said  # not « l’équipe le reprend »: nobody had it
    reopened = await bot.eventually(
        lambda: _with_buttons(bot.slack.message(channel, question["ts"])), "the DM answered"
    )
    assert reopened["text"] == (
        f"↩️ Vous avez indiqué que votre ticket *{ticket.id}* «\u00a0How do I reset my "
        "password?\u00a0» n’est pas résolu\u00a0: il est rouvert et attend dans la file du "
        "*Centre de support* que quelqu’un le prenne. Vous pouvez ajouter des précisions "
        "ci-dessous."
    )
    assert not any("s’y remet" in m for m in bot.told(EMPLOYEE_FR))
    stored = await bot.ticket(ticket.id)
    assert stored.status is Status.NEW and stored.assignee is None
    assert action_ids(reopened) == ["ticket_add_info", "ticket_cancel"]
    await bot.settled()
    assert len(bot.slack.messages(channel)) == dms  # the pressed DM, no other


def _with_buttons(message: dict) -> dict | None:
    """``message`` once it carries buttons again."""
    return message if action_ids(message) else None


async def test_information_submitted_after_the_ticket_was_cancelled(bot: Harness) -> None:
    ticket = await _desk_ticket(bot)
    form = await _add_info_form(bot, EMPLOYEE_EN)
    await bot.press_in_dm(EMPLOYEE_EN, "ticket_cancel")  # from another window, meanwhile
    await bot.told_eventually(EMPLOYEE_EN, "You cancelled")  # the pressed DM says so

    status, body = await bot.submit(form, {"information": "one more thing"}, user=EMPLOYEE_EN)
    assert status == 200 and body["response_action"] == "update"
    assert body["view"]["title"]["text"] == "Nothing changed"
    assert f"{ticket.id} is *Cancelled*" in body["view"]["blocks"][0]["text"]["text"]
    history = await bot.guichet.helpdesk.tickets.history(ticket.id)
    assert "info_added" not in [e.action for e in history]


async def test_information_from_the_requester_resumes_a_ticket_waiting_on_them(
    bot: Harness,
) -> None:
    ticket = await _desk_ticket(bot, user=EMPLOYEE_FR)
    await bot.choose(ticket.id, "ticket_claim", None, DESK_MEMBER)
    await bot.card_updated(ticket)  # the claim is done after the ack: its card shown
    await bot.choose(ticket.id, "ticket_status", "waiting_on_requester", DESK_MEMBER)
    await bot.eventually(
        lambda: _status_is(bot, ticket.id, Status.WAITING_ON_REQUESTER), "waiting on requester"
    )
    paused = (await bot.ticket(ticket.id)).sla
    # the requester is asked for what the team needs, and told how to answer (not "your
    # ticket is now *waiting on requester*", which said neither that it meant them nor what to do)
    asked = await bot.told_eventually(EMPLOYEE_FR, "attend une réponse de votre part")
    assert asked.startswith(f"<@{DESK_MEMBER}> attend une réponse de votre part sur votre ticket")
    assert "répondez dans le fil de ce message ou avec *Ajouter des informations*" in asked
    assert action_ids(bot.latest_dm(EMPLOYEE_FR)) == ["ticket_add_info", "ticket_cancel"]
    form = await _add_info_form(bot, EMPLOYEE_FR)
    status, body = await bot.submit(form, {"information": "Voici la capture"}, user=EMPLOYEE_FR)
    assert status == 200 and not body
    await bot.eventually(lambda: _status_is(bot, ticket.id, Status.IN_PROGRESS), "in progress")
    resumed = (await bot.ticket(ticket.id)).sla
    assert paused != resumed  # the resolution clock runs again
    history = await bot.guichet.helpdesk.tickets.history(ticket.id)
    assert (history[-1].action, history[-1].actor) == ("info_added", EMPLOYEE_FR)
    assert "En cours" in str((await bot.channel_message(ticket.id))["blocks"])


async def _status_is(bot: Harness, ticket_id: str, status: Status) -> bool:
    return (await bot.ticket(ticket_id)).status is status


async def test_only_the_latest_dm_keeps_buttons(bot: Harness) -> None:
    """Each DM takes the buttons off the earlier ones, which say what became of the ticket: no
    Cancel once it is resolved, no Yes/No once answered; only the rating question stays live."""
    ticket = await _desk_ticket(bot)
    filed = bot.latest_dm(EMPLOYEE_EN, "ticket_cancel")
    await bot.choose(ticket.id, "ticket_claim", None, DESK_MEMBER)
    claimed_text = await bot.told_eventually(EMPLOYEE_EN, "is now working on")
    channel = bot.slack.dm_channel_id(EMPLOYEE_EN)
    retired = await bot.eventually(
        lambda: not action_ids(bot.slack.message(channel, filed["ts"])), "the filed DM retired"
    )
    assert retired
    earlier = bot.slack.message(channel, filed["ts"])
    assert earlier["text"] == filed["text"]  # what it said stays
    assert f"↪️ *{ticket.id}* is now in progress: its buttons are in the latest message." in (
        str(earlier["blocks"])
    )
    question = await _resolve(bot, ticket, EMPLOYEE_EN, "Is your problem solved?")
    live = [[], [], ["ticket_solved", "ticket_not_solved"]]  # the Cancels retired after it
    await bot.eventually(
        lambda: [action_ids(dm) for dm in bot.slack.messages(channel)] == live, "Cancel retired"
    )
    dms = bot.slack.messages(channel)
    claimed = next(dm for dm in dms if dm["text"] == claimed_text)
    assert f"*{ticket.id}* is now resolved" in str(claimed["blocks"])

    await bot.answer_in_dm(EMPLOYEE_EN, "ticket_solved")
    await bot.eventually(lambda: _rating_dm(bot, EMPLOYEE_EN), "the rating question")
    dms = bot.slack.messages(channel)
    assert [action_ids(dm) for dm in dms[:-1]] == [[] for _ in dms[:-1]]
    assert action_ids(dms[-1]) == [f"ticket_rate_{n}" for n in range(1, 6)]
    assert bot.slack.message(channel, question["ts"])["text"].startswith("✅ You confirmed")

    await bot.press_in_dm(EMPLOYEE_EN, "ticket_rate_4")
    await bot.eventually(lambda: _rated(bot, ticket.id), "the rating to be stored")
    await bot.eventually(  # the thanks replaces the question once the rating is stored
        lambda: not any(action_ids(dm) for dm in bot.slack.messages(channel)), "no button left"
    )


async def test_a_cancelled_tickets_dms_have_nothing_left_to_do(bot: Harness) -> None:
    ticket = await _desk_ticket(bot, user=EMPLOYEE_FR)
    filed = bot.latest_dm(EMPLOYEE_FR, "ticket_cancel")
    await bot.choose(ticket.id, "ticket_status", "cancelled", DESK_MEMBER)
    channel = bot.slack.dm_channel_id(EMPLOYEE_FR)
    await bot.eventually(
        lambda: not action_ids(bot.slack.message(channel, filed["ts"])), "the filed DM retired"
    )
    blocks = searchable(bot.slack.message(channel, filed["ts"])["blocks"])
    assert f"☑️ *{ticket.id}* est maintenant annulé\u00a0: plus rien à faire ici." in blocks
    await bot.eventually(  # the rating's DM loses its buttons once the rating is answered
        lambda: not any(action_ids(dm) for dm in bot.slack.messages(channel)), "no buttons left"
    )


async def test_a_ticket_waiting_on_its_requester_asks_them_in_english(bot: Harness) -> None:
    ticket = await _desk_ticket(bot)
    await bot.choose(ticket.id, "ticket_status", "waiting_on_requester", DESK_MEMBER)
    asked = await bot.told_eventually(EMPLOYEE_EN, "needs an answer from you")
    assert asked == (
        f"<@{DESK_MEMBER}> needs an answer from you on your ticket *{ticket.id}* "
        "“How do I reset my password?”: reply in this message’s thread or with *Add information* "
        "below; the team gets your reply in the ticket."
    )
    assert "waiting on requester" not in asked
