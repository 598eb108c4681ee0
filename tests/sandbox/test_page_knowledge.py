"""The sandbox shows a deflection: a direct message to Guichet is answered with the shipped
articles (sandbox/knowledge/, referenced by sandbox/services.yml), and "answered" is counted."""

from __future__ import annotations

from datetime import datetime

from tests.e2e.observations import searchable
from tests.sandbox.driver import MARIE, PageDriver, blocks_text, has_action


async def test_a_question_in_guichets_messages_gets_the_french_article(page: PageDriver) -> None:
    dm = f"D{MARIE}"
    status, answer = await page.post(
        "message", user=MARIE, channel=dm, text="Est-ce que je dois changer mon mot de passe\u00a0?"
    )
    assert (status, answer) == (200, {"ok": True})

    async def answered() -> dict | None:
        mine = [m for m in (await page.state(MARIE, dm))["messages"] if m["user"] == "UBOT"]
        return mine[-1] if mine else None

    message = await page.until(answered, "Guichet's answer in its Messages tab")
    assert "Changer ou réinitialiser son mot de passe" in blocks_text(message)
    assert has_action(message, "knowledge_answered") and has_action(message, "knowledge_need_help")
    value = next(
        e["value"]
        for b in message["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == "knowledge_answered"
    )
    status, answer = await page.post(
        "action",
        user=MARIE,
        channel=dm,
        ts=message["ts"],
        action_id="knowledge_answered",
        value=value,
    )
    assert (status, answer) == (200, {"ok": True})

    async def counted() -> bool:
        counts = await page.sandbox.guichet.knowledge.counts(datetime(2000, 1, 1))
        return counts.answered == 1

    await page.until(counted, "the answer counted")


async def test_the_home_tab_opens_the_articles_and_a_search_lists_them_again(
    page: PageDriver,
) -> None:
    await page.post("app", user=MARIE, tab="home")

    async def home() -> dict | None:
        return (await page.state(MARIE))["home"]

    shown = await page.until(home, "Marie's Home tab")
    assert has_action(shown, "home_knowledge") and "Base de connaissances" in blocks_text(shown)
    status, answer = await page.post(
        "action",
        user=MARIE,
        view_id=shown["id"],
        action_id="home_knowledge",
        block_id="home_actions",
    )
    assert (status, answer) == (200, {"ok": True}), answer

    async def listing(words: str) -> dict | None:
        modal = (await page.state(MARIE))["modal"]
        view = modal["view"] if modal else None
        shows = view and view["callback_id"] == "knowledge_browse_form"
        return view if shows and words in searchable(view) else None

    every = await page.until(lambda: listing("par titre"), "the knowledge base's articles")
    status, answer = await page.post(
        "action",
        user=MARIE,
        view_id=every["id"],
        action_id="knowledge_browse_query",
        block_id="knowledge_browse_query",
        value="imprimante",
    )
    assert (status, answer) == (200, {"ok": True}), answer
    found = await page.until(
        lambda: listing("«\u00a0imprimante\u00a0»"), "the articles on printers"
    )
    assert "Ajouter une imprimante et imprimer avec son badge" in str(found["blocks"])

    status, answer = await page.post(
        "action",
        user=MARIE,
        view_id=found["id"],
        action_id="knowledge_read",
        block_id="knowledge_browse:printer-fr",
    )
    assert (status, answer) == (200, {"ok": True}), answer

    async def article() -> dict | None:
        modal = (await page.state(MARIE))["modal"]
        return modal if modal and modal["view"]["callback_id"] == "knowledge_article" else None

    read = await page.until(article, "the article over the list")
    assert read["depth"] == 2 and "FollowMe" in str(read["view"]["blocks"])
    await page.post("close", user=MARIE, view_id=read["view"]["id"])
    assert await listing("«\u00a0imprimante\u00a0»")  # closed: the list is back
