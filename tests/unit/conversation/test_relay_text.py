"""Pure parts of the relay and of filing from messages: notes, replies, Slack text."""

from __future__ import annotations

import pytest
from slack_bolt.request.async_request import AsyncBoltRequest

from bot.conversation.relay import is_internal_note
from handlers.conversation.messages import thread_reply
from handlers.filing.from_message import reaction_name, retry_number
from handlers.kit.mrkdwn import defuse_broadcasts, mentioned_users, plain_text


@pytest.mark.parametrize(
    "text,internal",
    [
        ("!note VIP user", True),
        ("  !NOTE: call him back", True),
        ("!note", True),
        ("*!note* not for the requester", True),
        ("!note\nsecond line", True),
        ("!notes are great", False),
        ("!note-taking app", False),
        ("a !note in the middle", False),
        ("note: this is relayed", False),
        ("", False),
    ],
)
def test_internal_note_marker(text: str, internal: bool) -> None:
    assert is_internal_note(text) is internal


def _event(**kw: object) -> dict:
    event: dict[str, object] = {
        "type": "message",
        "channel": "C1",
        "user": "U1",
        "text": "hi",
        "ts": "2.0",
    }
    event.update(thread_ts="1.0")
    event.update(kw)
    return event


def test_thread_reply_keeps_people_replying_in_threads() -> None:
    reply = thread_reply(_event(files=[{"id": "F1"}], subtype="file_share"))
    assert reply is not None
    assert (reply.channel, reply.ts, reply.thread_ts, reply.author) == ("C1", "2.0", "1.0", "U1")
    assert reply.files == 1
    assert thread_reply(_event(subtype="thread_broadcast")) is not None


@pytest.mark.parametrize(
    "changes",
    [
        {"thread_ts": None},  # not in a thread
        {"thread_ts": "2.0"},  # the thread's root itself
        {"bot_id": "B1"},
        {"subtype": "bot_message"},
        {"subtype": "message_changed"},
        {"subtype": "message_deleted"},
        {"subtype": "channel_join"},
        {"user": None},
    ],
)
def test_thread_reply_ignores_the_rest(changes: dict) -> None:
    assert thread_reply(_event(**changes)) is None


def test_broadcasts_are_defused_and_the_rest_kept() -> None:
    text = (
        "<!channel> <!here|here> <!everyone> <!subteam^S1|@it-team> <@U1> <https://x.io|doc> &lt;"
    )
    assert (
        defuse_broadcasts(text) == "@channel @here @everyone @it-team <@U1> <https://x.io|doc> &lt;"
    )
    assert defuse_broadcasts("<!subteam^S1>") == "@group"
    assert (
        defuse_broadcasts("<!date^1700000000^{date}|Nov 14>") == "<!date^1700000000^{date}|Nov 14>"
    )


def test_plain_text_of_a_slack_message() -> None:
    text = (
        "<@U1> and <@U2|bob> in <#C1|it-help> <#C2>: see <https://x.io/a?b=1&amp;c=2|the doc> "
        "or <https://y.io> <mailto:a@b.c|a@b.c> <!here> 3 &lt; 4 &amp;&gt;"
    )
    assert plain_text(text, {"U1": "marie"}) == (
        "@marie and @bob in #it-help #C2: see the doc (https://x.io/a?b=1&c=2) "
        "or https://y.io a@b.c (mailto:a@b.c) @here 3 < 4 &>"
    )
    assert mentioned_users("<@U1> <@U2|bob> <@U1> <#C1>") == ["U1", "U2"]


def test_retry_number_and_reaction_name() -> None:
    first = AsyncBoltRequest(body="{}", headers={"content-type": "application/json"})
    retried = AsyncBoltRequest(
        body="{}", headers={"Content-Type": "application/json", "X-Slack-Retry-Num": "2"}
    )
    assert (retry_number(first), retry_number(retried)) == (0, 2)
    assert reaction_name("ticket::skin-tone-3") == "ticket" and reaction_name("ticket") == "ticket"
