"""``/ticket privacy erase``: the bot's copies of the files a person attached to a catalogue
request and sent with a reply in their DM thread leave the card's thread, found in the stored
ticket (the request's files, the history's ``files_shared``), not in the outbox."""

from __future__ import annotations

import re

from tests.e2e.catalogue.steps import choose
from tests.e2e.governance.test_privacy_erase import _erase_form
from tests.e2e.harness import CHANNELS, EMPLOYEE_EN, Harness
from tests.e2e.workspace import ADMIN

APP_DEV = CHANNELS["app_dev"]
DM = f"D{EMPLOYEE_EN}"


async def test_the_copies_of_a_requests_files_and_of_a_dm_replys_files_are_erased(
    bot: Harness,
) -> None:
    shot = bot.slack.user_upload(EMPLOYEE_EN, "crash.png", b"\x89PNG crash")
    form = await choose(bot, await bot.open_form(), "app_bug")
    answers = {"field_what": "Crash on save", "field_screenshots": [shot]}
    status, body = await bot.submit(form, answers, user=EMPLOYEE_EN)
    assert status == 200, body
    found = re.search(r"INC-\d+", str(body["view"]["blocks"]))
    assert found is not None
    await bot.wait_dms(EMPLOYEE_EN, 1)
    ticket = await bot.ticket(found.group())
    assert ticket.message is not None
    root = ticket.message.ts

    def copied() -> list:
        return [u for u in bot.slack.uploads(APP_DEV) if u.thread_ts == root]

    await bot.eventually(copied, "the request's copy")
    (filed,) = [m for m in bot.slack.messages(DM) if ticket.id in m.get("text", "")][:1]
    log = bot.slack.user_upload(EMPLOYEE_EN, "log.txt", b"crash at 08:12")
    await bot.say(DM, "The log", EMPLOYEE_EN, filed["ts"], subtype="file_share", files=[log])
    await bot.eventually(lambda: len(copied()) == 2, "the reply's copy")
    await bot.settled()
    await bot.guichet.database.handle["outbox"].delete_many({})  # purged: not needed

    told = len(bot.told(ADMIN))
    status, _ = await bot.send.view_submission(
        await _erase_form(bot, EMPLOYEE_EN), {}, user_id=ADMIN
    )
    assert status == 200
    await bot.eventually(lambda: len(bot.told(ADMIN)) > told, "the admin told")
    assert "2 copies of their files" in bot.told(ADMIN)[-1], bot.told(ADMIN)[-1]
    assert copied() == []
    shares = [
        m
        for m in bot.slack.messages(APP_DEV)
        if m.get("thread_ts") == root and m.get("subtype") == "file_share"
    ]
    assert shares == []
    assert sorted(u.filename for u in bot.slack.uploads() if u.owner) == ["crash.png", "log.txt"]
