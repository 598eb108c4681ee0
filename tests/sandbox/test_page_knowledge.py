"""The sandbox shows a deflection: a direct message to Guichet is answered with the shipped
articles (sandbox/knowledge/, referenced by sandbox/services.yml), and "answered" is counted."""

from __future__ import annotations

from datetime import datetime

from tests.sandbox.driver import MARIE, PageDriver, blocks_text, has_action


async def test_a_question_in_guichets_messages_gets_the_french_article(page: PageDriver) -> None:
    dm = f"D{MARIE}"
    status, answer = await page.post(
        "message", user=MARIE, channel=dm, text="Est-ce que je dois changer mon mot de passe ?"
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
