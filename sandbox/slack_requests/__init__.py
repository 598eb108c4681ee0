"""Send requests to the bot exactly as Slack does: signed, form-encoded or JSON.

One module per kind of signed request (``commands``, ``interactivity``, ``events``) on a shared
``transport`` that signs and posts; ``state`` builds the form values Slack sends. ``SlackRequests``
puts them together, so ``from sandbox.slack_requests import SlackRequests`` is all a harness needs.

Every sending method returns ``(status, body)``; ``body`` is a dict when the bot answers JSON,
else the text. Pass ``sign="bad" | "none" | "stale"`` (or an explicit ``timestamp=``) to test the
bot's request verification.
"""

from __future__ import annotations

from sandbox.slack_requests.commands import CommandRequests
from sandbox.slack_requests.events import EventRequests
from sandbox.slack_requests.interactivity import InteractionRequests
from sandbox.slack_requests.state import (
    Answer,
    JsonDict,
    _find_element,
    element_state,
    state_values,
)
from sandbox.slack_requests.suggestions import SuggestionRequests
from sandbox.slack_requests.transport import (
    APP_ID,
    BOT_ID,
    BOT_USER_ID,
    STALE_SECONDS,
    TEAM_DOMAIN,
    TEAM_ID,
    VERIFICATION_TOKEN,
    Reply,
    SignMode,
)

__all__ = [
    "APP_ID",
    "BOT_ID",
    "BOT_USER_ID",
    "STALE_SECONDS",
    "TEAM_DOMAIN",
    "TEAM_ID",
    "VERIFICATION_TOKEN",
    "Answer",
    "JsonDict",
    "Reply",
    "SignMode",
    "SlackRequests",
    "_find_element",
    "element_state",
    "state_values",
]


class SlackRequests(CommandRequests, SuggestionRequests, InteractionRequests, EventRequests):
    """Posts signed Slack requests (commands, interactions, events) to the bot."""

    state_values = staticmethod(state_values)
