"""The emulator's ``auth.test``, ``apps.connections.open`` and ``chat.*`` methods."""

from __future__ import annotations

import copy

from sandbox.emulator.host import HostBase
from sandbox.emulator.state import (
    APP_ID,
    BOT_ID,
    BOT_NAME,
    BOT_USER_ID,
    MAX_TEXT_LENGTH,
    TEAM_DOMAIN,
    TEAM_ID,
    TEAM_NAME,
    JsonDict,
    _Refusal,
)


class ChatMixin(HostBase):
    """``auth.*``, ``apps.*`` and ``chat.*`` Web API methods."""

    def _apps_connections_open(self, args: JsonDict) -> JsonDict:
        if self.socket_mode_url is None:
            raise _Refusal("not_allowed_token_type")
        return {"ok": True, "url": self.socket_mode_url}

    def _auth_test(self, args: JsonDict) -> JsonDict:
        return {
            "ok": True,
            "url": f"https://{TEAM_DOMAIN}.slack.com/",
            "team": TEAM_NAME,
            "user": BOT_NAME,
            "team_id": TEAM_ID,
            "user_id": BOT_USER_ID,
            "bot_id": BOT_ID,
            "is_enterprise_install": False,
        }

    def _chat_post_message(self, args: JsonDict) -> JsonDict:
        text, blocks = self._message_args(args)
        channel = self._postable_channel(args.get("channel"))
        message: JsonDict = {
            "type": "message",
            "user": BOT_USER_ID,
            "bot_id": BOT_ID,
            "app_id": APP_ID,
            "team": TEAM_ID,
            "text": text,
        }
        if blocks is not None:
            message["blocks"] = copy.deepcopy(blocks)
        for extra in ("attachments", "metadata"):
            if args.get(extra):
                message[extra] = copy.deepcopy(args[extra])
        message["ts"] = self._next_ts()
        thread_ts = args.get("thread_ts")
        self._store_message(channel.id, message, thread_ts if isinstance(thread_ts, str) else None)
        return {
            "ok": True,
            "channel": channel.id,
            "ts": message["ts"],
            "message": copy.deepcopy(message),
        }

    def _chat_post_ephemeral(self, args: JsonDict) -> JsonDict:
        text, blocks = self._message_args(args)
        channel = self._postable_channel(args.get("channel"))
        user_id = args.get("user")
        self._user(user_id)
        if user_id not in channel.members:  # Slack's rule, whatever the channel
            raise _Refusal("user_not_in_channel")
        ts = self._next_ts()
        entry: JsonDict = {
            "channel": channel.id,
            "user": user_id,
            "text": text,
            "blocks": copy.deepcopy(blocks),
            "ts": ts,
            "thread_ts": args.get("thread_ts"),
        }
        self._ephemerals.append(entry)
        return {"ok": True, "message_ts": ts}

    def _chat_update(self, args: JsonDict) -> JsonDict:
        blocks = self._check_message_blocks(args)
        channel = self._channel(args.get("channel"))
        ts = args.get("ts")
        message = self._find_message(channel.id, ts) if isinstance(ts, str) else None
        if message is None:
            raise _Refusal("message_not_found")
        if message.get("user") != BOT_USER_ID:
            raise _Refusal("cant_update_message")
        text = args.get("text")
        if text is None and blocks is None and args.get("attachments") is None:
            raise _Refusal("no_text")
        if isinstance(text, str):
            if len(text) > MAX_TEXT_LENGTH:
                raise _Refusal("msg_too_long")
            message["text"] = text
        if blocks is not None:
            message["blocks"] = copy.deepcopy(blocks)
        if args.get("attachments") is not None:
            message["attachments"] = copy.deepcopy(args["attachments"])
        if args.get("metadata"):  # replaced when given, kept otherwise
            message["metadata"] = copy.deepcopy(args["metadata"])
        message["edited"] = {"user": BOT_USER_ID, "ts": self._next_ts()}
        return {
            "ok": True,
            "channel": channel.id,
            "ts": ts,
            "text": message["text"],
            "message": copy.deepcopy(message),
        }

    def _chat_delete(self, args: JsonDict) -> JsonDict:
        channel = self._channel(args.get("channel"))
        ts = args.get("ts")
        message = self._find_message(channel.id, ts) if isinstance(ts, str) else None
        if message is None:
            raise _Refusal("message_not_found")
        if message.get("user") != BOT_USER_ID:
            raise _Refusal("cant_delete_message")
        self._messages[channel.id].remove(message)
        return {"ok": True, "channel": channel.id, "ts": ts}

    def _chat_get_permalink(self, args: JsonDict) -> JsonDict:
        channel = self._channel(args.get("channel"))
        ts = args.get("message_ts")
        message = self._find_message(channel.id, ts) if isinstance(ts, str) else None
        if message is None or not isinstance(ts, str):
            raise _Refusal("message_not_found")
        link = f"https://{TEAM_DOMAIN}.slack.com/archives/{channel.id}/p{ts.replace('.', '')}"
        thread_ts = message.get("thread_ts")
        if thread_ts and thread_ts != ts:
            link += f"?thread_ts={thread_ts}&cid={channel.id}"
        return {"ok": True, "channel": channel.id, "permalink": link}
