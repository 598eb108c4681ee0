"""The emulator's ``users.info``, ``conversations.*`` and ``reactions.add`` methods."""

from __future__ import annotations

import copy
from collections.abc import Callable

from sandbox.emulator.host import HostBase
from sandbox.emulator.state import (
    BOT_USER_ID,
    TEAM_ID,
    JsonDict,
    _react,
    _Refusal,
    _split_ids,
    _truthy,
)


def _within(args: JsonDict) -> Callable[[float], bool]:
    """Whether a message's ts lies between ``oldest`` and ``latest`` (exclusive unless
    ``inclusive``), as conversations.history and .replies bound what they return."""
    inclusive = _truthy(args.get("inclusive"))
    try:
        latest = float(args["latest"]) if args.get("latest") else float("inf")
        oldest = float(args["oldest"]) if args.get("oldest") else 0.0
    except (TypeError, ValueError):
        raise _Refusal("invalid_ts_latest") from None

    def within(ts: float) -> bool:
        if inclusive:
            return oldest <= ts <= latest
        return oldest < ts < latest

    return within


class ConversationsMixin(HostBase):
    """``users.*``, ``conversations.*`` and ``reactions.*`` Web API methods."""

    def _users_info(self, args: JsonDict) -> JsonDict:
        user = copy.deepcopy(self._user(args.get("user")))
        if not _truthy(args.get("include_locale")):
            user.pop("locale", None)
        return {"ok": True, "user": user}

    def _conversations_open(self, args: JsonDict) -> JsonDict:
        if args.get("channel"):
            channel = self._channel(args["channel"])
            return {"ok": True, "channel": {"id": channel.id}}
        users = _split_ids(args.get("users"))
        if not users:
            raise _Refusal("users_list_not_supplied")
        for user_id in users:
            self._user(user_id)
        existed = self._channels.get(self.dm_channel_id(users[0])) if len(users) == 1 else None
        channel = self._open_dm(users)
        body: JsonDict = {"ok": True, "channel": {"id": channel.id}}
        if existed is not None:
            body.update({"no_op": True, "already_open": True})
        if _truthy(args.get("return_im")):
            body["channel"].update(
                {"created": 1_700_000_000, "is_im": channel.is_im, "user": channel.user}
            )
        return body

    def _conversations_members(self, args: JsonDict) -> JsonDict:
        channel = self._channel(args.get("channel"))
        page, cursor = self._paginate(channel.members, args, 100)
        return {"ok": True, "members": page, "response_metadata": {"next_cursor": cursor}}

    def _conversations_info(self, args: JsonDict) -> JsonDict:
        channel = self._channel(args.get("channel"))
        info: JsonDict = {
            "id": channel.id,
            "created": 1_700_000_000,
            "is_archived": False,
            "is_im": channel.is_im,
            "is_mpim": channel.is_mpim,
            "is_private": channel.is_private,
            "context_team_id": TEAM_ID,
        }
        if channel.is_im:
            info.update({"user": channel.user, "is_open": True})
        else:
            info.update(
                {
                    "name": channel.name,
                    "name_normalized": channel.name,
                    "is_channel": not channel.is_private,
                    "is_group": channel.is_private,
                    "is_general": channel.name == "general",
                    "is_member": channel.bot_member,
                    "is_shared": False,
                    "is_ext_shared": False,
                    "topic": {"value": "", "creator": "", "last_set": 0},
                    "purpose": {"value": "", "creator": "", "last_set": 0},
                }
            )
        if _truthy(args.get("include_num_members")):
            info["num_members"] = len(channel.members)
        if _truthy(args.get("include_locale")):
            info["locale"] = "en-US"
        return {"ok": True, "channel": info}

    def _conversations_history(self, args: JsonDict) -> JsonDict:
        """A channel's messages, newest first, without thread replies (as Slack does);
        ``latest``/``oldest`` bound them (exclusive unless ``inclusive``)."""
        channel = self._channel(args.get("channel"))
        if not channel.bot_member:
            raise _Refusal("not_in_channel")
        within = _within(args)
        top_level = [
            m
            for m in self._messages[channel.id]
            if (not m.get("thread_ts") or m.get("thread_ts") == m["ts"]) and within(float(m["ts"]))
        ]
        top_level.sort(key=lambda m: float(m["ts"]), reverse=True)
        return self._messages_page(top_level, args, 100)

    def _conversations_replies(self, args: JsonDict) -> JsonDict:
        """A thread, its root first (always, as Slack does), then the replies that
        ``latest``/``oldest`` let through (exclusive unless ``inclusive``)."""
        channel = self._channel(args.get("channel"))
        if not channel.bot_member:
            raise _Refusal("not_in_channel")
        ts = args.get("ts")
        message = self._find_message(channel.id, ts) if isinstance(ts, str) else None
        if message is None:
            raise _Refusal("thread_not_found")
        root = message.get("thread_ts") or message["ts"]
        within = _within(args)
        thread = [
            m
            for m in self._messages[channel.id]
            if m["ts"] == root or (m.get("thread_ts") == root and within(float(m["ts"])))
        ]
        thread.sort(key=lambda m: float(m["ts"]))
        return self._messages_page(thread, args, 1000)

    def _messages_page(self, messages: list[JsonDict], args: JsonDict, limit: int) -> JsonDict:
        """One page of ``messages`` as conversations.history and .replies answer it; their
        metadata only when asked for (``include_all_metadata``), as Slack does."""
        page, cursor = self._paginate(messages, args, limit)
        messages = copy.deepcopy(page)
        if not _truthy(args.get("include_all_metadata")):
            for message in messages:
                message.pop("metadata", None)
        return {
            "ok": True,
            "messages": messages,
            "has_more": bool(cursor),
            "response_metadata": {"next_cursor": cursor},
        }

    def _reactions_add(self, args: JsonDict) -> JsonDict:
        channel = self._channel(args.get("channel"))
        if not channel.bot_member:
            raise _Refusal("not_in_channel")
        name = str(args.get("name") or "").strip(":")
        if not name:
            raise _Refusal("invalid_name")
        ts = args.get("timestamp")
        message = self._find_message(channel.id, ts) if isinstance(ts, str) else None
        if message is None:
            raise _Refusal("message_not_found")
        if not _react(message, name, BOT_USER_ID):
            raise _Refusal("already_reacted")
        return {"ok": True}
