"""The page's server without a browser, for conversation: messages, threads and reactions become
events, and a person joins before posting."""

from __future__ import annotations

import re

from tests.sandbox.driver import (
    DESK,
    GENERAL,
    JOHN,
    MARIE,
    PageDriver,
    events,
    record_requests,
)


async def test_messages_threads_and_reactions_become_events(page: PageDriver) -> None:
    seen = record_requests(page.sandbox.guichet.bolt)
    status, answer = await page.post(
        "message", user=MARIE, channel=GENERAL, text="Le wifi est *lent*"
    )
    assert (status, answer) == (200, {"ok": True})
    (root,) = (await page.state(MARIE, GENERAL))["messages"]
    assert root["user"] == MARIE and root["text"] == "Le wifi est *lent*"
    await page.post("message", user=JOHN, channel=GENERAL, text="Same here", thread_ts=root["ts"])
    await page.post("message", user=JOHN, channel=f"D{JOHN}", text="hello bot")
    messages = events(seen, "message")
    assert [(m["user"], m["channel"], m["channel_type"]) for m in messages] == [
        (MARIE, GENERAL, "channel"),
        (JOHN, GENERAL, "channel"),
        (JOHN, f"D{JOHN}", "im"),
    ]
    assert (messages[1]["thread_ts"], messages[1]["parent_user_id"]) == (root["ts"], MARIE)
    state = await page.state(MARIE, GENERAL, thread=root["ts"])
    assert [m["text"] for m in state["thread"]["messages"]] == ["Le wifi est *lent*", "Same here"]

    # the ticket reaction: Guichet files the message (the feature, not the sandbox, decides)
    status, answer = await page.post(
        "react", user=JOHN, channel=GENERAL, ts=root["ts"], name="ticket"
    )
    assert (status, answer) == (200, {"ok": True})
    (reacted,) = events(seen, "reaction_added")
    assert (reacted["user"], reacted["reaction"], reacted["item_user"]) == (JOHN, "ticket", MARIE)
    assert reacted["item"] == {"type": "message", "channel": GENERAL, "ts": root["ts"]}

    async def confirmed() -> dict | None:
        state = await page.state(JOHN, GENERAL, thread=root["ts"])
        replies = [m for m in state["thread"]["messages"] if m["user"] == "UBOT"]
        return state if replies else None

    state = await page.until(confirmed, "Guichet's confirmation in the thread")
    names = {r["name"]: r for r in state["messages"][0]["reactions"]}
    assert names["ticket"] == {"name": "ticket", "count": 1, "mine": True}
    assert names["white_check_mark"]["count"] == 1
    confirmation = state["thread"]["messages"][-1]["text"]
    found = re.search(r"\b[A-Z]{3}-\d+\b", confirmation)
    assert found is not None
    ticket_id = found.group()
    assert await page.sandbox.guichet.helpdesk.tickets.get(ticket_id) is not None


async def test_not_a_member_must_join_before_posting(page: PageDriver) -> None:
    state = await page.state(MARIE, DESK)
    assert state["channel"] == {
        "id": DESK,
        "name": "it-service-desk",
        "is_im": False,
        "is_member": False,
    }
    status, answer = await page.post("message", user=MARIE, channel=DESK, text="hello")
    assert status == 400 and "join #it-service-desk first" in answer["error"]
    await page.post("join", user=MARIE, channel=DESK)
    assert (await page.state(MARIE, DESK))["channel"]["is_member"]
    assert DESK in (await page.state(MARIE))["joined"]
