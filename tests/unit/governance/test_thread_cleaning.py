"""What an erasure takes out of a ticket's channel thread, or a requester's DM thread
(``handlers/governance/bot_files.py``): the bot's relays of the person's replies (to the team;
an agent's, to the requester) become one line, in the language each was written in, and their
metadata stops naming the reply; the bot's other messages, another person's relays (one that
mentions them included) and what people posted stay."""

from __future__ import annotations

from typing import Any, cast

from slack_bolt.authorization import AuthorizeResult
from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.models import Language, MessageRef
from bot.governance.dm_erasure import ErasureSweep
from bot.governance.ports import Trace
from bot.locales.i18n import t
from handlers.governance.bot_files import SlackBotFileCopies
from handlers.tickets.card_posting import message_metadata

CARD = MessageRef("C0DESK", "1.0")
JOHN, MARIE = "U0JOHN", "U0MARIE"


def _relay(ts: str, author: str, language: Language, words: str) -> dict[str, Any]:
    text = t(
        language, "conversation.relay.to_team", user=f"<@{author}>", ticket_id="INF-1", text=words
    )
    role = f"relay_to_team:channel:D{author}:{ts}:0:1"
    return {"ts": ts, "user": "UBOT", "text": text, "metadata": message_metadata("INF-1", role)}


class FakeClient:
    def __init__(self, messages: list[dict[str, Any]]) -> None:
        self.messages = messages
        self.updates: list[dict[str, Any]] = []
        self.reads: list[dict[str, Any]] = []

    async def conversations_replies(self, **args: Any) -> dict[str, Any]:
        self.reads.append(args)
        return {"messages": self.messages}

    async def chat_update(self, **args: Any) -> dict[str, Any]:
        self.updates.append(args)
        return {"ok": True}


class Me:
    async def answer(self) -> AuthorizeResult:
        return AuthorizeResult(enterprise_id=None, team_id="T0001", bot_user_id="UBOT")


async def test_only_the_persons_relays_become_one_line_in_their_language() -> None:
    thread = [
        {"ts": "1.0", "user": "UBOT", "text": "the card"},
        _relay("2.0", JOHN, Language.FR, "Firefox, my number is 555-0100"),
        {"ts": "3.0", "user": "U0DESKMEMBER", "text": f"Thanks <@{JOHN}>"},  # the team's
        _relay("4.0", JOHN, Language.EN, "Still broken"),
        _relay("5.0", MARIE, Language.FR, f"Same as <@{JOHN}>"),  # hers, mentioning him
        {"ts": "6.0", "user": "UBOT", "text": f"Claimed, <@{JOHN}> notified"},  # no relay
    ]
    client = FakeClient(thread)
    copies = SlackBotFileCopies(cast(AsyncWebClient, client), Me(), Language.EN)

    swept = await copies.clean_thread(JOHN, CARD, budget=20)

    assert (swept.relays, swept.files, swept.spent, swept.finished) == (2, 0, 3, True)
    assert client.reads[0]["include_all_metadata"] is True  # the role is in the metadata
    assert [(u["ts"], u["text"]) for u in client.updates] == [
        ("2.0", t(Language.FR, "governance.erase.relay_removed")),
        ("4.0", t(Language.EN, "governance.erase.relay_removed")),
    ]
    for update in client.updates:  # the ticket stays, his DM and reply do not
        assert update["metadata"] == message_metadata("INF-1", "relay_to_team:erased")
        assert JOHN not in str(update)


async def test_the_budget_leaves_the_rest_of_the_relays_for_the_next_attempt() -> None:
    thread = [_relay(f"{n}.0", JOHN, Language.FR, "words") for n in range(2, 6)]
    client = FakeClient(thread)
    copies = SlackBotFileCopies(cast(AsyncWebClient, client), Me())

    swept = await copies.clean_thread(JOHN, CARD, budget=3)  # the read, then two updates

    assert (swept.relays, swept.spent, swept.finished) == (2, 3, False)
    assert [u["ts"] for u in client.updates] == ["2.0", "3.0"]
    assert swept.left == {Trace.RELAY}  # what the thread still holds of him


def _to_requester(ts: str, author: str, language: Language, words: str) -> dict[str, Any]:
    """An agent's reply in the card's thread, relayed into the requester's DM thread."""
    text = t(
        language,
        "conversation.relay.to_requester",
        user=f"<@{author}>",
        ticket_id="INF-1",
        text=words,
    )
    role = f"relay_to_requester:channel:C0DESK:{ts}:0:1"
    return {"ts": ts, "user": "UBOT", "text": text, "metadata": message_metadata("INF-1", role)}


async def test_an_agents_relays_in_a_requesters_dm_thread_become_one_line() -> None:
    alice, bob = "U0ALICE", "U0BOB"
    thread = [
        {"ts": "1.0", "user": "UBOT", "text": "INF-1: reply in this thread"},
        _to_requester("2.0", alice, Language.FR, "Appelez-moi au 06 12 34 56 78"),
        {"ts": "3.0", "user": JOHN, "text": f"Merci <@{alice}>"},  # the requester's own
        _to_requester("4.0", bob, Language.EN, f"<@{alice}> is away"),  # another agent's
        _to_requester("5.0", alice, Language.EN, "Try the reset page"),
    ]
    client = FakeClient(thread)
    copies = SlackBotFileCopies(cast(AsyncWebClient, client), Me(), Language.FR)

    swept = await copies.clean_thread(alice, MessageRef("D0JOHN", "1.0"), budget=20)

    assert (swept.requester_relays, swept.relays, swept.finished) == (2, 0, True)
    assert [(u["ts"], u["text"]) for u in client.updates] == [
        ("2.0", t(Language.FR, "governance.erase.relay_removed")),
        ("5.0", t(Language.EN, "governance.erase.relay_removed")),
    ]
    for update in client.updates:
        assert update["metadata"] == message_metadata("INF-1", "relay_to_requester:erased")
    # done: a second pass finds nothing of hers (the line names nobody)
    client.messages = [
        {**m, "text": u["text"], "metadata": u["metadata"]}
        for m, u in zip([thread[1], thread[4]], client.updates, strict=True)
    ]
    again = await copies.clean_thread(alice, MessageRef("D0JOHN", "1.0"), budget=20)
    assert (again.requester_relays, again.spent) == (0, 1)


def test_a_kind_is_later_only_where_it_is_left() -> None:
    """The summary's state of each kind: a thread not reached yet may hold any kind it was
    found for; the thread stopped in midway, only what it was seen to hold still."""
    a, b, c = MessageRef("C1", "1.0"), MessageRef("C1", "2.0"), MessageRef("D1", "3.0")
    swept = ErasureSweep(
        0, 1, True, False, left=(b, c), stopped_in=b, stopped_with=frozenset({Trace.RELAY})
    )
    assert not swept.later(Trace.FILES, (a, b))  # a is done, b holds relays only now
    assert swept.later(Trace.RELAY, (b,))
    assert swept.later(Trace.REQUESTER_RELAY, (c,))  # not reached yet
    assert not swept.later(Trace.FILES, ())
