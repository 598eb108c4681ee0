"""Which ticket a DM thread is about: only Guichet's own root message, by its metadata."""

from __future__ import annotations

from typing import Any, cast

import pytest
from slack_sdk.web.async_client import AsyncWebClient

from bot.conversation.ports import ThreadReply
from handlers.conversation.thread_ticket import ticket_of_thread
from handlers.tickets.card_posting import message_metadata

REPLY = ThreadReply(
    channel="D0JOHN",
    ts="1700000000.000300",
    thread_ts="1700000000.000100",
    author="U0JOHN",
    text="hello",
)
OURS = {"ts": REPLY.thread_ts, "bot_id": "B0GUICHET"}


class _Replies:
    """A client whose ``conversations.replies`` answers ``messages``."""

    def __init__(self, messages: list[dict[str, Any]]) -> None:
        self.messages = messages
        self.asked: list[dict[str, Any]] = []

    async def conversations_replies(self, **args: Any) -> dict[str, Any]:
        self.asked.append(args)
        return {"ok": True, "messages": self.messages}


@pytest.mark.parametrize(
    ("root", "ticket_id"),
    [
        ({**OURS, "metadata": message_metadata("INC-3", "filed")}, "INC-3"),
        ({**OURS}, None),  # no metadata: about no ticket
        (
            {**OURS, "metadata": {"event_type": "other_app", "event_payload": {"ticket_id": "X"}}},
            None,
        ),
        ({**OURS, "metadata": {"event_type": "guichet_message", "event_payload": "INC-3"}}, None),
        (
            {"ts": REPLY.thread_ts, "metadata": message_metadata("INC-3", "filed")},
            None,
        ),  # a person's
        ({**OURS, "ts": "1700000000.000200", "metadata": message_metadata("INC-3", "x")}, None),
    ],
)
async def test_only_guichets_own_root_names_a_ticket(
    root: dict[str, Any], ticket_id: str | None
) -> None:
    client = _Replies([root])
    assert await ticket_of_thread(cast(AsyncWebClient, client), REPLY) == ticket_id
    assert client.asked == [
        {"channel": "D0JOHN", "ts": REPLY.thread_ts, "limit": 1, "include_all_metadata": True}
    ]


async def test_an_empty_thread_names_no_ticket() -> None:
    assert await ticket_of_thread(cast(AsyncWebClient, _Replies([])), REPLY) is None
