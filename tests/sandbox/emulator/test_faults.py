"""The emulator's fault injection (``sandbox/emulator/faults.py``): per method and channel, 5xx,
429 with Retry-After, an answer later than the client waits, an answer lost after the work was
done; and conversations.history giving back what was posted, with its metadata when asked."""

from __future__ import annotations

import aiohttp
import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from sandbox.emulator import SlackEmulator
from sandbox.emulator.faults import Fault, FaultKind
from tests.sandbox.emulator.tiny_app import TOKEN

pytestmark = pytest.mark.asyncio

OTHER = "C0OTHER"


def bare_client(emulator: SlackEmulator, timeout: int = 30) -> AsyncWebClient:
    """A client without the SDK's connection-error retry, to see each failure as it comes."""
    return AsyncWebClient(
        token=TOKEN, base_url=emulator.base_url, timeout=timeout, retry_handlers=[]
    )


async def test_server_error_per_channel(emulator: SlackEmulator) -> None:
    emulator.add_channel(OTHER, "other")
    client = bare_client(emulator)
    emulator.server_error("chat.postMessage", channel=OTHER, status=503, times=2)
    assert (await client.chat_postMessage(channel="C0GENERAL", text="hi"))["ok"]
    for _ in range(2):
        with pytest.raises(SlackApiError) as refused:
            await client.chat_postMessage(channel=OTHER, text="hi")
        assert refused.value.response.status_code == 503
    assert (await client.chat_postMessage(channel=OTHER, text="hi"))["ok"]
    assert [m["text"] for m in emulator.messages(OTHER)] == ["hi"]  # nothing done when refused
    assert [c.fault for c in emulator.calls_to("chat.postMessage")] == [
        None,
        "server_error",
        "server_error",
        None,
    ]


async def test_rate_limited_with_retry_after(emulator: SlackEmulator) -> None:
    client = bare_client(emulator)
    emulator.rate_limited("chat.update", retry_after=7)
    with pytest.raises(SlackApiError) as refused:
        await client.chat_update(channel="C0GENERAL", ts="1.0", text="x")
    assert refused.value.response.status_code == 429
    assert refused.value.response.headers.get("Retry-After") in ("7", ["7"])
    assert refused.value.response["error"] == "ratelimited"


async def test_slow_answer_is_done_but_late(emulator: SlackEmulator) -> None:
    client = bare_client(emulator, timeout=1)
    emulator.slow("chat.postMessage", 2.5)
    with pytest.raises(TimeoutError):
        await client.chat_postMessage(channel="C0GENERAL", text="late")
    assert [m["text"] for m in emulator.messages("C0GENERAL")] == ["late"]


async def test_answer_lost_after_the_work(emulator: SlackEmulator) -> None:
    client = bare_client(emulator)
    emulator.answer_lost("chat.postMessage")
    with pytest.raises(aiohttp.ClientError):
        await client.chat_postMessage(channel="C0GENERAL", text="posted anyway")
    assert [m["text"] for m in emulator.messages("C0GENERAL")] == ["posted anyway"]
    assert (await client.chat_postMessage(channel="C0GENERAL", text="next"))["ok"]


async def test_sdk_default_retry_posts_twice_after_a_lost_answer(
    emulator: SlackEmulator,
) -> None:
    """Why the outbox turns the SDK's blind retry off: by default it posts the message again."""
    client = AsyncWebClient(token=TOKEN, base_url=emulator.base_url)
    emulator.answer_lost("chat.postMessage")
    assert (await client.chat_postMessage(channel="C0GENERAL", text="card"))["ok"]
    assert [m["text"] for m in emulator.messages("C0GENERAL")] == ["card", "card"]


async def test_a_share_of_calls_reproducibly(emulator: SlackEmulator) -> None:
    client = bare_client(emulator)

    async def outcomes() -> list[bool]:
        seen = []
        for _ in range(40):
            try:
                await client.chat_postMessage(channel="C0GENERAL", text="hi")
                seen.append(True)
            except SlackApiError:
                seen.append(False)
        return seen

    fault = Fault(FaultKind.SERVER_ERROR, "chat.postMessage", times=None, probability=0.25)
    emulator.inject(fault, seed=3)
    first = await outcomes()
    assert 0 < first.count(False) < 40
    emulator.clear_faults()
    emulator.inject(Fault(FaultKind.SERVER_ERROR, "chat.postMessage", None, None, 0.25), seed=3)
    assert await outcomes() == first


async def test_history_returns_posts_with_metadata_when_asked(emulator: SlackEmulator) -> None:
    client = bare_client(emulator)
    metadata = {"event_type": "guichet_message", "event_payload": {"ticket": "INC-1"}}
    posted = await client.chat_postMessage(channel="C0GENERAL", text="card", metadata=metadata)
    plain = await client.conversations_history(channel="C0GENERAL")
    assert [m["ts"] for m in plain["messages"]] == [posted["ts"]]
    assert "metadata" not in plain["messages"][0]
    full = await client.conversations_history(
        channel="C0GENERAL", include_all_metadata=True, oldest="0"
    )
    assert full["messages"][0]["metadata"] == metadata
    assert full["messages"][0]["text"] == "card"


async def test_replies_are_bounded_by_oldest_and_carry_metadata_when_asked(
    emulator: SlackEmulator,
) -> None:
    """A lost thread reply is looked for from the first attempt's time: ``oldest`` bounds the
    replies (the root always comes first, as Slack returns it)."""
    client = bare_client(emulator)
    metadata = {"event_type": "guichet_message", "event_payload": {"ticket": "INC-1"}}
    root = await client.chat_postMessage(channel="C0GENERAL", text="root")
    early = await client.chat_postMessage(channel="C0GENERAL", text="a", thread_ts=root["ts"])
    late = await client.chat_postMessage(
        channel="C0GENERAL", text="b", thread_ts=root["ts"], metadata=metadata
    )
    plain = await client.conversations_replies(channel="C0GENERAL", ts=root["ts"])
    assert [m["ts"] for m in plain["messages"]] == [root["ts"], early["ts"], late["ts"]]
    assert all("metadata" not in m for m in plain["messages"])
    bounded = await client.conversations_replies(
        channel="C0GENERAL", ts=root["ts"], oldest=early["ts"], include_all_metadata=True
    )
    assert [m["ts"] for m in bounded["messages"]] == [root["ts"], late["ts"]]
    assert bounded["messages"][1]["metadata"] == metadata
