"""``/ticket privacy export|erase`` beyond the tickets: approvals, suggestions shown before a
ticket (deflections), articles and their history, messages owed (outbox) are exported and
erased too; the person's mentions and name leave the texts; erasing twice changes nothing."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.domain.knowledge import Article
from bot.governance.erasure import FORMER
from storage.articles import ArticleRepository
from tests.e2e.catalogue.steps import LICENCE, reject_form
from tests.e2e.catalogue.steps import request as _request
from tests.e2e.governance.test_privacy_erase import _erase_form
from tests.e2e.harness import DESK_MEMBER, EMPLOYEE_EN, INFRA_ONCALL_2, Harness
from tests.e2e.knowledge.test_save_article import _resolved
from tests.e2e.workspace import ADMIN

REASON = f"Ask <@{EMPLOYEE_EN}> to use Draw: john knows it"


async def _rejected_with_a_mention(bot: Harness) -> str:
    """EMPLOYEE_EN's licence request, rejected by DESK_MEMBER with a reason naming them."""
    ticket = await _request(bot, "software_licence", LICENCE)
    form = await reject_form(bot, DESK_MEMBER)
    status, _ = await bot.submit(form, {"reject_reason": REASON}, user=DESK_MEMBER)
    assert status == 200
    await bot.eventually(lambda: any("rejected your request" in m for m in bot.told(EMPLOYEE_EN)))
    return ticket.id


async def _published_article(bot: Harness) -> Article:
    ticket, card = await _resolved(bot)
    assert ticket.message is not None
    call = await bot.press_form(ticket.message.channel, card, "knowledge_save", DESK_MEMBER)
    values = {
        "article_title": "Teams crashes when sharing the screen",
        "article_language": "en",
        "article_tags": "teams",
        "article_body": "Update Teams, then restart it.",
    }
    status, answer = await bot.submit(call.response["view"], values, user=DESK_MEMBER)
    assert status == 200 and answer["response_action"] == "update", answer
    [article] = await ArticleRepository(bot.database).active()
    return article


async def _asked_in_a_dm(bot: Harness) -> None:
    """EMPLOYEE_EN asks Guichet in a DM: the published article is suggested (a deflection)."""
    channel = bot.slack.dm_channel_id(EMPLOYEE_EN)
    before = len(bot.slack.calls_to("chat.postMessage"))
    await bot.say(channel, "Teams crashes when I share my screen", EMPLOYEE_EN)
    await bot.slack.wait_for("chat.postMessage", count=before + 1)
    deflections = bot.guichet.database.handle["deflections"]
    assert await bot.eventually(lambda: deflections.find_one({"user": EMPLOYEE_EN}))


async def _export(bot: Harness, person: str) -> dict[str, Any]:
    before = len(bot.slack.uploads())
    await bot.send.command(f"privacy export <@{person}>", user_id=ADMIN)
    await bot.eventually(lambda: len(bot.slack.uploads()) > before, "the export")
    return json.loads((bot.slack.uploads()[-1].data or b"").decode("utf-8"))


async def _erase(bot: Harness, person: str) -> str:
    form = await _erase_form(bot, person)
    told = len(bot.told(ADMIN))
    await bot.send.view_submission(form, {}, user_id=ADMIN)
    await bot.eventually(lambda: len(bot.told(ADMIN)) > told, "the admin told")
    return bot.told(ADMIN)[-1]


async def _everything(bot: Harness) -> dict[str, list[dict[str, Any]]]:
    handle = bot.guichet.database.handle
    names = await handle.list_collection_names()
    return {name: await handle[name].find({}).to_list(10_000) for name in sorted(names)}


async def test_export_and_erase_reach_every_collection(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    request_id = await _rejected_with_a_mention(bot)
    catalogue_form = bot.open_form

    async def free_form(text: str = "", user: str = EMPLOYEE_EN) -> dict[str, Any]:
        """``/ticket <text>`` opens the free form at once (no "What do you need?" first)."""
        return await catalogue_form(text or "Teams crashes", user)

    monkeypatch.setattr(bot, "open_form", free_form)
    article = await _published_article(bot)  # by DESK_MEMBER, from a ticket EMPLOYEE_EN filed
    await _asked_in_a_dm(bot)

    mine = await _export(bot, EMPLOYEE_EN)
    assert [a["_id"] for a in mine["approvals"]] == [request_id]
    assert [d["question"] for d in mine["deflections"]] == ["Teams crashes when I share my screen"]
    assert mine["outbox"] and all(i["message"]["recipient"] == EMPLOYEE_EN for i in mine["outbox"])
    theirs = await _export(bot, DESK_MEMBER)
    assert [a["_id"] for a in theirs["articles"]] == [article.id]
    assert [c["action"] for c in theirs["article_history"]] == ["published"]
    assert theirs["approvals"][0]["decisions"][0]["reason"] == REASON

    # what was erased is counted as a person counts it, kind by kind, and only what was there:
    # one article (not its document and its history line), each audit line once (a claim's line
    # names them as who and as whom), the records of messages sent not called "waiting"
    audit = await bot.guichet.database.handle["audit"].find({}).to_list(10_000)
    lines = sum(1 for line in audit if DESK_MEMBER in str(line))
    tickets = sum(1 for t in (await _everything(bot))["tickets"] if DESK_MEMBER in str(t))
    assert await _erase(bot, DESK_MEMBER) == (
        f"<@{DESK_MEMBER}>’s data is erased: {tickets} tickets and {lines} audit lines. "
        "And elsewhere: approvals (1), articles (1), records of messages sent (3). "
        "2 direct messages Guichet had sent them are deleted from Slack."  # their approval asks
    )
    told = await _erase(bot, EMPLOYEE_EN)
    assert "data is erased" in told and "questions asked before a ticket (1)" in told
    assert "user groups" not in told
    assert "is erased" in await _erase(bot, INFRA_ONCALL_2)  # asked to approve, did nothing
    everything = await _everything(bot)
    for person in (EMPLOYEE_EN, DESK_MEMBER, INFRA_ONCALL_2):
        left = [name for name, docs in everything.items() if person in str(docs)]
        assert left == [], f"{person} is still in {left}"
    approval = everything["approvals"][0]
    assert approval["requester"] == FORMER and FORMER in approval["asked"]
    assert approval["decisions"][0]["by"] == FORMER
    assert approval["decisions"][0]["reason"] is None  # the decider's own words
    (deflection,) = everything["deflections"]
    assert (deflection["user"], deflection["question"]) == (FORMER, None)
    (stored,) = everything["articles"]
    assert stored["author"] == FORMER and stored["body"] == article.body  # the text stays
    assert {c["actor"] for c in everything["article_history"]} == {FORMER}
    rejected = next(t for t in everything["tickets"] if t["_id"] == request_id)
    assert "john" not in str(rejected).lower()  # their mention and name left the history notes

    assert "nothing to erase" in await _erase(bot, EMPLOYEE_EN)  # twice: nothing more
    again = await _everything(bot)
    changed = {
        name: [d for d in docs if d not in everything.get(name, [])] for name, docs in again.items()
    }
    assert {name: [d.get("action") for d in docs] for name, docs in changed.items() if docs} == {
        "audit": ["privacy_erase"]
    }
