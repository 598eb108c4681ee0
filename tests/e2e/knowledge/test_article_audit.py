"""The knowledge base's buttons in the audit log: "Save as an article", "Reply with an article",
Edit and Retire refused to people outside the service, and the article published, edited and
retired by its people (each line written with the article's change)."""

from __future__ import annotations

from tests.e2e.audit_lines import audit_lines, refusals
from tests.e2e.harness import DESK_MEMBER, OUTSIDER, Harness
from tests.e2e.knowledge.test_edit_article import _article_view, _published
from tests.e2e.workspace import ADMIN

PRESSED = "block_actions:"
ONLY_THE_SERVICE = "Only members of the team that owns"  # the refusal of an article's buttons


async def test_article_decisions_and_refusals_are_audited(bot: Harness) -> None:
    article = await _published(bot)  # saved from a resolved ticket by DESK_MEMBER
    ticket = await bot.ticket(article.from_ticket or "")
    assert ticket.message is not None
    card = bot.slack.message(ticket.message.channel, ticket.message.ts)
    asked = await bot.file("information_request", "How do I reset my password?", "Where?")
    assert asked.message is not None
    asked_card = bot.slack.message(asked.message.channel, asked.message.ts)
    for pressed, action in ((card, "knowledge_save"), (asked_card, "knowledge_reply")):
        told = len(bot.ephemerals_to(OUTSIDER))
        await bot.press(ticket.message.channel, pressed, action, OUTSIDER)
        await bot.ephemeral_seen(OUTSIDER, count=told + 1)  # the refusal, where they pressed
    view = await _article_view(bot, article.id, DESK_MEMBER)
    for times, action in enumerate(("knowledge_edit", "knowledge_retire"), 1):  # forged
        status, _ = await bot.send.block_action(
            action, f"{article.id}:{article.version}", user_id=OUTSIDER, view=view
        )
        assert status == 200
        await bot.told_eventually(OUTSIDER, ONLY_THE_SERVICE, times)  # their refusal, in a DM
    status, _ = await bot.send.block_action("knowledge_retire", user_id=ADMIN, view=view)
    assert status == 200
    await bot.view_updated(view)

    assert await refusals(bot, OUTSIDER) == [
        (
            OUTSIDER,
            "knowledge_save",
            "refused",
            PRESSED + "knowledge_save",
            ticket.id,
            "NotAllowed",
        ),
        (
            OUTSIDER,
            "knowledge_reply",
            "refused",
            PRESSED + "knowledge_reply",
            asked.id,
            "NotAllowed",
        ),
        (
            OUTSIDER,
            "knowledge_edit",
            "refused",
            PRESSED + "knowledge_edit",
            None,
            f"not_allowed {article.id}",
        ),
        (
            OUTSIDER,
            "knowledge_retire",
            "refused",
            PRESSED + "knowledge_retire",
            None,
            f"not_allowed {article.id}",
        ),
    ]
    published = await audit_lines(bot, action="article_published")
    assert published == [
        (
            DESK_MEMBER,
            "article_published",
            "done",
            "view_submission:knowledge_save_form",
            ticket.id,
            None,
        )
    ]
    stored = await bot.guichet.database.handle["audit"].find_one({"action": "article_published"})
    assert stored["after"] == article.id
    retired = await audit_lines(bot, action="article_retired")
    assert retired == [(ADMIN, "article_retired", "done", PRESSED + "knowledge_retire", None, None)]
