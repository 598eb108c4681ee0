"""Putting people's text into Slack messages safely."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from urllib.parse import urlsplit

from bot.domain.config import ServiceName


def escape(text: str, *, relayed: bool = False) -> str:
    """People's text as the bot may echo it under its own name: the one function for every
    place it is shown (cards, DMs, lists, modals, Home, digests, problem and storm notices,
    relays). Text typed in a form is plain: ``& < >`` escaped, so it cannot ping
    (``<!channel>``) or forge links. A ``relayed`` message arrives Slack-encoded and keeps its
    formatting, mentions and links, but no broadcast (whatever its case) and no link disguised
    as another address (it shows its real target). A service's name stays one, with its French
    article (« du *Centre de support* »)."""
    if relayed:
        return reveal_links(defuse_broadcasts(text))
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.respelled(escaped) if isinstance(text, ServiceName) else escaped


def link(url: str, label: str) -> str:
    """``label`` (mrkdwn, already escaped) as a link to ``url`` when ``url`` is a plain web
    address; ``label`` alone otherwise: a stored or forged address holding ``<``, ``>``, ``|``
    or spaces would close the link and write markup of its own (``x> <!channel> <y``)."""
    if (
        url.startswith("https://")
        and not any(c in url for c in "<>|")
        and not any(c.isspace() for c in url)
    ):
        return f"<{url}|{label}>"
    return label


def truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def user(user_id: str) -> str:
    return f"<@{user_id}>"


def channel(channel_ref: str) -> str:
    return channel_ref if channel_ref.startswith("#") else f"<#{channel_ref}>"


def date(moment: datetime) -> str:
    """A date Slack shows in the reader's own time zone."""
    fallback = moment.strftime("%Y-%m-%d %H:%M UTC")
    return f"<!date^{int(moment.timestamp())}^{{date_short_pretty}} {{time}}|{fallback}>"


# Slack message text arrives encoded: ``& < >`` as entities, and ``<...>`` for mentions, channels,
# links and special commands. https://docs.slack.dev/messaging/formatting-message-text
_ANGLE = re.compile(r"<([^<>\s][^<>]*)>")
_BROADCAST = re.compile(
    r"<!(here|channel|everyone)(?:\|[^<>]*)?>|<!subteam\^[A-Z0-9]+(?:\|([^<>]*))?>",
    re.IGNORECASE,  # Slack honours <!CHANNEL> as well
)
_LABELLED_LINK = re.compile(r"<((?:https?|mailto):[^<>|\s]+)\|([^<>]*)>", re.IGNORECASE)
_ADDRESS = re.compile(
    r"^\s*(?:(?:https?|ftp)://|mailto:)?(?:[\w.+-]+@)?[\w.-]*[\w-]+\.[a-z]{2,}(?:[:/?#]\S*)?\s*$",
    re.IGNORECASE,
)


def mentioned_users(text: str) -> list[str]:
    """The user ids mentioned in Slack-encoded text (``<@U123>``), first occurrence order."""
    found: list[str] = []
    for inner in _ANGLE.findall(text):
        if inner.startswith("@"):
            user_id = inner[1:].split("|", 1)[0]
            if user_id not in found:
                found.append(user_id)
    return found


def plain_text(text: str, names: Mapping[str, str] | None = None) -> str:
    """Slack-encoded message text as a person reads it: ``<@U123>`` -> ``@marie`` (from
    ``names``), ``<#C1|it>`` -> ``#it``, ``<https://x|doc>`` -> ``doc (https://x)``, entities
    decoded. For storing a message's text in a ticket, where it is escaped again when shown."""
    names = names or {}

    def replace(match: re.Match[str]) -> str:
        inner = match.group(1)
        target, _, label = inner.partition("|")
        if target.startswith("@"):
            return "@" + (label or names.get(target[1:], target[1:]))
        if target.startswith("#"):
            return "#" + (label or target[1:])
        if target.startswith("!"):
            command = target[1:].split("^", 1)[0]
            return label or ("@" + command if command in ("here", "channel", "everyone") else "")
        return f"{label} ({target})" if label and label != target else target

    plain = _ANGLE.sub(replace, text)
    return plain.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def defuse_broadcasts(text: str) -> str:
    """Slack-encoded text relayed by the bot, kept as written (mentions, links, formatting)
    except ``@here``, ``@channel``, ``@everyone`` and user-group mentions, turned into plain
    words: a reply relayed into a channel must not notify the whole channel."""

    def replace(match: re.Match[str]) -> str:
        if match.group(1):
            return "@" + match.group(1).lower()
        return match.group(2) or "@group"

    return _BROADCAST.sub(replace, text)


def _host(address: str) -> str:
    """The host an address leads to (``sso.example.com``), lower case, ``www.`` kept."""
    address = address.strip().replace("&amp;", "&")
    if address.lower().startswith("mailto:") or ("@" in address and "://" not in address):
        return address.rsplit("@", 1)[-1].split("?", 1)[0].lower()
    if "://" not in address:
        address = "http://" + address
    return (urlsplit(address).hostname or "").lower()


def reveal_links(text: str) -> str:
    """Slack-encoded text with every link whose label is itself an address on another host
    (``<https://evil.example/login|https://sso.example.com/reset>``, which anyone may type)
    shown as its real target; other labels (``<https://x.io|the doc>``) are kept."""

    def replace(match: re.Match[str]) -> str:
        target, label = match.group(1), match.group(2)
        if _ADDRESS.match(label) and _host(label) != _host(target):
            return f"<{target}>"
        return match.group(0)

    return _LABELLED_LINK.sub(replace, text)


def time(moment: datetime) -> str:
    """A time of day (hh:mm) Slack shows in the reader's own time zone."""
    fallback = moment.strftime("%H:%M UTC")
    return f"<!date^{int(moment.timestamp())}^{{time}}|{fallback}>"
