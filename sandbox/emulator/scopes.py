"""The bot scopes of the app (its manifest's ``oauth_config.scopes.bot``) and the scope each Web
API method the emulator serves needs: a method they do not cover is refused with Slack's
``missing_scope``, naming what was ``needed`` and what the token was ``provided``, the way a
manifest that lacks a scope fails in production (a 🎫 in a group DM without ``mpim:history``).

The scopes per method are Slack's (each method's page on https://docs.slack.dev/reference/methods/,
as copied in the project's slack-reference ``web_api.json``). Methods that read a conversation
need the scope of its kind: ``channels:`` for a public channel, ``groups:`` for a private one,
``im:`` for a DM and ``mpim:`` for a group DM.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from sandbox.emulator.host import HostBase
from sandbox.emulator.state import BOT_USER_ID, JsonDict, _Channel, _Refusal, _split_ids

MANIFEST = Path(__file__).resolve().parents[2] / "manifest.yml"
"""The app's manifest in this checkout: the scopes the emulator grants by default."""

METHOD_SCOPES: dict[str, str] = {
    "chat.postMessage": "chat:write",
    "chat.postEphemeral": "chat:write",
    "chat.update": "chat:write",
    "chat.delete": "chat:write",
    "users.info": "users:read",
    "usergroups.users.list": "usergroups:read",
    "reactions.add": "reactions:write",
    "files.getUploadURLExternal": "files:write",
    "files.completeUploadExternal": "files:write",
    "files.info": "files:read",
    "files.delete": "files:write",
}
"""Methods that need one bot scope. auth.test, chat.getPermalink and views.* need none;
apps.connections.open takes the app-level token, not the bot's."""

CONVERSATION_SCOPES: dict[str, str] = {
    "conversations.history": "history",
    "conversations.replies": "history",
    "conversations.info": "read",
    "conversations.members": "read",
}
"""Methods whose scope depends on the kind of conversation: ``<kind>:<suffix>``."""


def manifest_bot_scopes(path: Path = MANIFEST) -> tuple[str, ...]:
    """The bot scopes an app manifest grants (``oauth_config.scopes.bot``), in its order."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    scopes = ((data.get("oauth_config") or {}).get("scopes") or {}).get("bot") or []
    return tuple(str(scope) for scope in scopes)


def default_bot_scopes() -> tuple[str, ...] | None:
    """The checkout's manifest's bot scopes; None (every scope) when there is no manifest."""
    return manifest_bot_scopes() if MANIFEST.is_file() else None


def conversation_kind(channel: _Channel) -> str:
    """The scope prefix of a conversation's kind."""
    if channel.is_im:
        return "im"
    if channel.is_mpim:
        return "mpim"
    return "groups" if channel.is_private else "channels"


class ScopesMixin(HostBase):
    """Refusing a method the app's bot scopes do not cover, for ``SlackEmulator``."""

    bot_scopes: tuple[str, ...] | None

    def _check_scope(self, method: str, args: JsonDict) -> None:
        """Raise Slack's ``missing_scope`` when the bot scopes lack what ``method`` needs."""
        if self.bot_scopes is None:
            return
        needed = self._needed_scope(method, args)
        if needed is not None and needed not in self.bot_scopes:
            raise _Refusal("missing_scope", needed=needed, provided=",".join(self.bot_scopes))

    def _needed_scope(self, method: str, args: JsonDict) -> str | None:
        if method in METHOD_SCOPES:
            return METHOD_SCOPES[method]
        if method == "conversations.open":
            if args.get("channel") and not args.get("users"):
                return None  # reopening a known conversation by its id
            users = set(_split_ids(args.get("users"))) - {BOT_USER_ID}
            return "mpim:write" if len(users) > 1 else "im:write"
        suffix = CONVERSATION_SCOPES.get(method)
        if suffix is None:
            return None
        try:
            channel = self._channel(args.get("channel"))
        except _Refusal:
            return None  # the method itself answers channel_not_found
        return f"{conversation_kind(channel)}:{suffix}"
