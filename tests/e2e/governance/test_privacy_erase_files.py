"""``/ticket privacy erase``: the bot's copies of the erased person's files in the tickets'
channel threads (a form's files, copied for the team: ``bot/working/requester_files.py``) and
the line naming them are deleted from Slack, through the erasure's stored step, tried again by
the scheduler while Slack fails; another person's copies stay, and so do the person's own
uploads (an app cannot delete them)."""

from __future__ import annotations

import json
from datetime import timedelta

from bot.domain.models import Ticket
from tests.e2e.governance.test_privacy_erase import _erase_form
from tests.e2e.harness import CHANNELS, EMPLOYEE_EN, EMPLOYEE_FR, Harness
from tests.e2e.workspace import ADMIN, GROUP_ADMIN

DESK = CHANNELS["service_desk"]


async def _adds_a_file(bot: Harness, person: str, name: str) -> Ticket:
    """``person`` files a ticket, then adds a file to it with *Add information*; the bot copies
    it into the card's thread."""
    ticket = await bot.file(
        "information_request", "How do I reset my password?", "Where is the procedure?", user=person
    )
    assert ticket.message is not None
    await bot.settled()
    shot = bot.slack.user_upload(person, name, b"\x89PNG " + name.encode())
    trigger = bot.send.new_trigger_id(person)
    status, _ = await bot.press_in_dm(person, "ticket_add_info", trigger_id=trigger)
    assert status == 200
    form = (await bot.opened_with(trigger)).response["view"]
    status, _ = await bot.submit(form, {"information_files": [shot]}, user=person)
    assert status == 200
    await bot.eventually(lambda: _copies(bot, ticket), "the copy in the thread")
    await bot.settled()
    return ticket


def _copies(bot: Harness, ticket: Ticket) -> list:
    assert ticket.message is not None
    return [u for u in bot.slack.uploads(DESK) if u.thread_ts == ticket.message.ts]


def _lines(bot: Harness, ticket: Ticket) -> list[dict]:
    """The bot's file_share messages in the ticket's thread (the lines naming whose files)."""
    assert ticket.message is not None
    return [
        m
        for m in bot.slack.messages(DESK)
        if m.get("thread_ts") == ticket.message.ts and m.get("subtype") == "file_share"
    ]


async def _confirm(bot: Harness, admin: str = ADMIN) -> str:
    told = len(bot.told(admin))
    status, _ = await bot.send.view_submission(
        await _erase_form(bot, EMPLOYEE_EN, admin), {}, user_id=admin
    )
    assert status == 200
    await bot.eventually(lambda: len(bot.told(admin)) > told, "the admin told")
    return bot.told(admin)[-1]


async def test_the_copies_of_the_erased_persons_files_and_their_line_leave_the_thread(
    bot: Harness,
) -> None:
    johns = await _adds_a_file(bot, EMPLOYEE_EN, "john-badge.png")
    maries = await _adds_a_file(bot, EMPLOYEE_FR, "marie-badge.png")
    (line,) = _lines(bot, johns)
    assert f"<@{EMPLOYEE_EN}>" in line["text"]
    # the outbox's records of the copies are purged 7 days after sending: not needed to find them
    outbox = bot.guichet.database.handle["outbox"]
    await outbox.delete_many({"message.kind": "requester_files"})
    # the person's export lists where the bot copied their files
    await bot.command_answer(f"privacy export <@{EMPLOYEE_EN}>", ADMIN)
    upload = bot.slack.uploads()[-1]
    assert johns.message is not None
    assert json.loads((upload.data or b"").decode("utf-8"))["file_copies"] == [
        {"ticket": johns.id, "channel": DESK, "thread_ts": johns.message.ts}
    ]
    assert "the tickets’ threads where Guichet copied their files" in str(upload.initial_comment)

    told = await _confirm(bot)
    assert _copies(bot, johns) == [] and _lines(bot, johns) == []
    assert [c.filename for c in _copies(bot, maries)] == ["marie-badge.png"]  # hers stay
    (hers,) = _lines(bot, maries)
    assert f"<@{EMPLOYEE_FR}>" in hers["text"]
    owners = sorted(u.owner or "bot" for u in bot.slack.uploads() if u.thread_ts or u.owner)
    assert owners == ["U0JOHN", "U0MARIE", "bot"]  # his own upload is his: an app cannot delete it
    assert (
        "1 copy of their files Guichet had shared in a ticket’s thread is deleted from Slack; "
        "the original, uploaded from their account, stays (an app cannot delete it)."
    ) in told, told
    assert await bot.guichet.database.handle["dm_erasures"].count_documents({}) == 0
    audit = await bot.guichet.database.handle["audit"].find({"action": "privacy_erase"}).to_list(9)
    assert "1 bot_file_copies" in audit[-1]["note"], audit

    # erasing again: the history no longer names them, nothing else is deleted
    deletes = len(bot.slack.calls_to("files.delete"))
    assert "nothing to erase" in await _confirm(bot)
    assert len(bot.slack.calls_to("files.delete")) == deletes


async def test_copies_slack_would_not_delete_are_deleted_by_the_next_ticks(bot: Harness) -> None:
    johns = await _adds_a_file(bot, EMPLOYEE_EN, "john-badge.png")
    bot.slack.fail_next("files.delete", "fatal_error", times=2)  # Slack in trouble a while

    told = await _confirm(bot, GROUP_ADMIN)  # in French
    assert (
        "Les copies de ses fichiers que Guichet avait partagées dans les fils des tickets n’ont "
        "pas encore pu être supprimées de Slack\u00a0: Guichet réessaiera de lui-même. Les "
        "originaux, envoyés depuis son compte, restent (une app ne peut pas les supprimer)."
    ) in told, told
    assert len(_copies(bot, johns)) == 1 and len(_lines(bot, johns)) == 1  # nothing lost:
    jobs = bot.guichet.database.handle["dm_erasures"]
    (job,) = await jobs.find({}).to_list(9)  # the step is stored, with the thread to clean
    assert job["dms_done"] and job["threads"] == [
        {"channel": DESK, "ts": johns.message.ts if johns.message else ""}
    ]

    # the person's export lists the pending step, the thread of the copies with it
    await bot.command_answer(f"privacy export <@{EMPLOYEE_EN}>", ADMIN)
    upload = bot.slack.uploads()[-1]
    (step,) = json.loads((upload.data or b"").decode("utf-8"))["dm_erasures"]
    assert step["threads"] == job["threads"], step

    await bot.tick()  # too early: the next attempt waits a minute
    assert len(_copies(bot, johns)) == 1
    await bot.tick(timedelta(minutes=1))  # the second failure: waits two more
    assert len(_copies(bot, johns)) == 1 and await jobs.count_documents({}) == 1
    await bot.tick(timedelta(minutes=2))
    assert _copies(bot, johns) == [] and _lines(bot, johns) == []
    assert await jobs.count_documents({}) == 0
