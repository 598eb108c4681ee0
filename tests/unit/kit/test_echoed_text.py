"""People's text echoed by the bot (issue 19, point 7), table-driven: every hostile input through
every place that shows it — the card, its fallback text, the requester's DMs, ``/ticket list``
and ``show``, the Home tab and its details modal, the problem's thread and notices, storm
notices, the weekly digest, on-call pages, and the relay both ways (one function,
``md.escape``, with its ``relayed`` mode for the relays) — never pings a crowd
(``<!channel>`` in any case, user groups) and never shows a link disguised as another address."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from bot.conversation.ports import ThreadReply
from bot.domain.config import load_services_config
from bot.domain.models import Language, Outgoing, OutgoingKind, Ticket, TicketType
from bot.domain.stats import ProblemLinks, Stats, TicketFacts
from bot.reports.ports import DigestPost
from handlers.conversation.relay import relayed_text
from handlers.home.blocks import details_modal, ticket_row
from handlers.kit import mrkdwn as md
from handlers.paging.blocks import page
from handlers.problems.blocks import duplicate_reply, linked_reply, requester_message
from handlers.reports.blocks import digest_message
from handlers.tickets.card import (
    ticket_detail_blocks,
    ticket_fallback_text,
    ticket_list_blocks,
    ticket_message,
)
from handlers.tickets.requester_notices import requester_dm
from tests.fakes import T0, ticket

CONFIG = load_services_config(Path(__file__).parent.parent.parent / "data" / "services.yml")
EVIL = "https://evil.example/login"
HOSTILE = [
    "<!channel> now",
    "<!CHANNEL> now",
    "<!Here|here> please",
    "<!everyone>",
    "<!subteam^S0TEAM|@it-team> look",
    "<@U0OUTSIDER> ping",
    f"<{EVIL}|https://sso.example.com/reset>",
    f"<{EVIL}|sso.example.com/reset>",
    "&lt;!channel&gt; already encoded",
]
LIVE_BROADCAST = re.compile(r"<!(here|channel|everyone|subteam)", re.IGNORECASE)
DISGUISED = re.compile(r"<https?://evil\.example[^|>]*\|[^>]*sso\.example\.com")

Render = Callable[[Ticket], object]


def _text(value: object) -> str:
    """All the text a rendering holds (Block Kit models, dicts, strings)."""
    if hasattr(value, "to_dict"):
        value = value.to_dict()
    if isinstance(value, list | tuple):
        return " ".join(_text(item) for item in value)
    if hasattr(value, "blocks") and hasattr(value, "text"):  # Rendered
        return _text(value.text) + _text(value.blocks)
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _reply(text: str) -> ThreadReply:
    return ThreadReply(channel="C0DESK", ts="2.0", thread_ts="1.0", author="U0AGENT", text=text)


def _digest(tk: Ticket) -> DigestPost:
    """A week whose top problem is ``tk`` (its title is what the digest echoes)."""
    problem = TicketFacts.of(replace(tk, id="PRB-1", type=TicketType.PROBLEM))
    stats = Stats(
        start=T0,
        end=T0,
        total=1,
        by_type={TicketType.PROBLEM: 1},
        by_status={tk.status: 1},
        mtta=None,
        responded=0,
        mttr=None,
        resolved=0,
        with_targets=0,
        breached=0,
        response_breaches=0,
        resolution_breaches=0,
        satisfaction=None,
        rated=0,
        top_problems=(ProblemLinks(problem, 3),),
        open_problems=1,
    )
    return DigestPost(tk.service, T0.date(), T0.date(), stats, (), None)


TICKET_PLACES: dict[str, Render] = {
    "card": lambda tk: ticket_message(tk, CONFIG, Language.FR),
    "card fallback": lambda tk: ticket_fallback_text(tk, Language.EN, CONFIG),
    "requester DM": lambda tk: requester_dm("filing.dm.filed", tk, CONFIG, "guichet"),
    "/ticket list": lambda tk: ticket_list_blocks([tk], CONFIG, Language.EN),
    "/ticket show": lambda tk: ticket_detail_blocks(tk, [], CONFIG, Language.FR),
    "App Home row": lambda tk: ticket_row(tk, CONFIG, Language.EN, claim=True),
    "App Home details": lambda tk: details_modal(tk, [], CONFIG, Language.EN),
    "problem thread": lambda tk: linked_reply(replace(tk, id="PRB-1"), [tk], Language.EN),
    "problem notice": lambda tk: requester_message(OutgoingKind.FIXED, tk, tk, CONFIG),
    "storm notice": lambda tk: requester_message(
        OutgoingKind.KNOWN_ISSUE, tk, replace(tk, id="EMG-1", type=TicketType.EMERGENCY), CONFIG
    ),
    "grouped notice": lambda tk: requester_message(OutgoingKind.GROUPED, tk, None, CONFIG),
    "separated notice": lambda tk: requester_message(OutgoingKind.SEPARATED, tk, None, CONFIG),
    "duplicate reply": lambda tk: duplicate_reply(tk, [tk], Language.FR),
    "weekly digest": lambda tk: digest_message(_digest(tk), CONFIG),
    "on-call page": lambda tk: page(
        tk, Outgoing(OutgoingKind.PAGE, tk.id, recipient="U0X"), CONFIG, Language.EN, T0
    ),
}
RELAY_PLACES: dict[str, Callable[[str], str]] = {
    "relay to requester": lambda text: relayed_text(
        Language.EN, "conversation.relay.to_requester", ticket(), _reply(text)
    ),
    "relay to team": lambda text: relayed_text(
        Language.FR, "conversation.relay.to_team", ticket(), _reply(text)
    ),
}


@pytest.mark.parametrize("hostile", HOSTILE)
@pytest.mark.parametrize("place", list(TICKET_PLACES))
def test_ticket_text_echoed_anywhere_is_inert(place: str, hostile: str) -> None:
    shown = _text(TICKET_PLACES[place](ticket(title=hostile, description=hostile)))
    assert not LIVE_BROADCAST.search(shown), shown
    assert not DISGUISED.search(shown), shown
    assert "<@U0OUTSIDER>" not in shown  # form text mentions nobody


@pytest.mark.parametrize("hostile", HOSTILE)
@pytest.mark.parametrize("place", list(RELAY_PLACES))
def test_relayed_text_keeps_formatting_but_no_broadcast_or_disguise(
    place: str, hostile: str
) -> None:
    shown = RELAY_PLACES[place](hostile)
    assert not LIVE_BROADCAST.search(shown), shown
    assert not DISGUISED.search(shown), shown


@pytest.mark.parametrize(
    "text,relayed",
    [
        ("<!CHANNEL> help", "@channel help"),
        ("<!Everyone|everyone>", "@everyone"),
        (f"<{EVIL}|https://sso.example.com/reset>", f"<{EVIL}>"),
        (f"<{EVIL}|www.sso.example.com>", f"<{EVIL}>"),
        ("<mailto:x@evil.example|help@sso.example.com>", "<mailto:x@evil.example>"),
        (
            "<https://sso.example.com/a|https://sso.example.com/reset>",
            "<https://sso.example.com/a|https://sso.example.com/reset>",
        ),  # same host: kept
        ("<https://x.io/doc|the procedure>", "<https://x.io/doc|the procedure>"),  # a label
        ("<@U1> and *bold*", "<@U1> and *bold*"),
    ],
)
def test_relayed_text_escaped(text: str, relayed: str) -> None:
    assert md.escape(text, relayed=True) == relayed


def test_typed_text_escaped_entirely() -> None:
    assert md.escape("<!channel> & <@U1>") == "&lt;!channel&gt; &amp; &lt;@U1&gt;"
