"""The emulator's storage helpers and Block Kit validation (with slack_sdk's models):
timestamps and ids, finding and storing messages, channels and DMs, pagination, views."""

from __future__ import annotations

import copy
import string
import time
from typing import Any

from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

from sandbox.emulator.block_rules import block_problems
from sandbox.emulator.file_inputs import check_file_inputs
from sandbox.emulator.host import HostBase
from sandbox.emulator.state import (
    _TS_BASE_MICROS,
    APP_ID,
    BOT_ID,
    BOT_USER_ID,
    MAX_MESSAGE_BLOCKS,
    MAX_TEXT_LENGTH,
    MAX_VIEW_BLOCKS,
    TEAM_ID,
    JsonDict,
    _block_error,
    _Channel,
    _Refusal,
)


class StoreMixin(HostBase):
    """Helpers shared by the Web API method families of ``SlackEmulator``."""

    def _next_ts(self) -> str:
        self._ts_counter += 1
        if self._ts_clock is not None:
            micros = max(int(self._ts_clock() * 1_000_000), self._last_ts_micros + 1)
            self._last_ts_micros = micros
            return f"{micros // 1_000_000}.{micros % 1_000_000:06d}"
        micros = _TS_BASE_MICROS + self._ts_counter * 100
        return f"{micros // 1_000_000}.{micros % 1_000_000:06d}"

    def _new_id(self, prefix: str) -> str:
        self._id_counter += 1
        suffix = "".join(self._rng.choices(string.ascii_uppercase + string.digits, k=6))
        return f"{prefix}{self._id_counter:03d}{suffix}"

    def _short_id(self) -> str:
        return "".join(self._rng.choices(string.ascii_letters + string.digits, k=5))

    def _find_message(self, channel_id: str, ts: str) -> JsonDict | None:
        for message in self._messages.get(channel_id, []):
            if message.get("ts") == ts:
                return message
        return None

    def _store_message(self, channel_id: str, message: JsonDict, thread_ts: str | None) -> None:
        if thread_ts and thread_ts != message["ts"]:
            message["thread_ts"] = thread_ts
            parent = self._find_message(channel_id, thread_ts)
            if parent is not None:
                parent["thread_ts"] = thread_ts
                parent["reply_count"] = parent.get("reply_count", 0) + 1
                users = parent.setdefault("reply_users", [])
                if message.get("user") not in users:
                    users.append(message.get("user"))
                parent["reply_users_count"] = len(users)
                parent["latest_reply"] = message["ts"]
        self._messages.setdefault(channel_id, []).append(message)

    def _channel(self, channel_id: Any) -> _Channel:
        """A known channel by id or name; channel_not_found otherwise."""
        if not isinstance(channel_id, str) or not channel_id:
            raise _Refusal("channel_not_found")
        if channel_id in self._channels:
            return self._channels[channel_id]
        name = channel_id.lstrip("#")
        for channel in self._channels.values():
            if channel.name == name and not channel.is_im:
                return channel
        raise _Refusal("channel_not_found")

    def _postable_channel(self, channel_id: Any) -> _Channel:
        """The channel a message goes to (user ids post to their DM)."""
        if (
            isinstance(channel_id, str)
            and channel_id[:1] in ("U", "W")
            and channel_id in self._users
        ):
            return self._open_dm([channel_id])
        channel = self._channel(channel_id)
        if not channel.bot_member:
            raise _Refusal("not_in_channel")
        return channel

    def _open_dm(self, users: list[str]) -> _Channel:
        others = sorted({u for u in users if u != BOT_USER_ID})
        if len(others) == 1:
            channel_id = self.dm_channel_id(others[0])
        else:
            channel_id = "G" + "".join(u.lstrip("UW") for u in others)[:20]
        channel = self._channels.get(channel_id)
        if channel is None:
            channel = _Channel(
                id=channel_id,
                name=f"mpdm-{'--'.join(others)}" if len(others) > 1 else channel_id,
                members=[*others, BOT_USER_ID],
                is_private=True,
                is_im=len(others) == 1,
                is_mpim=len(others) > 1,
                user=others[0] if len(others) == 1 else None,
            )
            self._channels[channel_id] = channel
            self._messages.setdefault(channel_id, [])
        return channel

    def _user(self, user_id: Any) -> JsonDict:
        if not isinstance(user_id, str) or user_id not in self._users:
            raise _Refusal("user_not_found")
        return self._users[user_id]

    @staticmethod
    def _paginate(items: list[Any], args: JsonDict, default_limit: int) -> tuple[list[Any], str]:
        try:
            limit = int(args.get("limit") or default_limit)
            start = int(args.get("cursor") or 0)
        except (TypeError, ValueError):
            raise _Refusal("invalid_cursor") from None
        limit = max(1, limit)
        page = items[start : start + limit]
        next_cursor = str(start + limit) if start + limit < len(items) else ""
        return page, next_cursor

    def _check_message_blocks(self, args: JsonDict) -> list[JsonDict] | None:
        """Validate ``blocks`` like Slack does; invalid_blocks (rejected) when refused."""
        blocks = args.get("blocks")
        if blocks is None:
            return None
        if not isinstance(blocks, list):
            raise _Refusal("invalid_blocks_format", rejected=True)
        if len(blocks) > MAX_MESSAGE_BLOCKS:
            raise _block_error(
                "invalid_blocks",
                f"no more than {MAX_MESSAGE_BLOCKS} items allowed [json-pointer:/blocks]",
            )
        try:
            parsed = Block.parse_all(copy.deepcopy(blocks))
            for index, block in enumerate(parsed):
                if block is None:
                    raise ValueError(f"unknown block type [json-pointer:/blocks/{index}]")
                block.validate_json()
                block.to_dict()
        except Exception as e:  # slack_sdk raises several exception types
            raise _block_error("invalid_blocks", str(e)) from None
        problems = block_problems(blocks, "/blocks")
        if problems:
            raise _block_error("invalid_blocks", *problems)
        return blocks

    def _check_view(self, args: JsonDict) -> JsonDict:
        """Validate ``view`` like Slack does; invalid_arguments (rejected) when refused."""
        view = args.get("view")
        if not isinstance(view, dict):
            raise _Refusal("invalid_arguments", rejected=True, errors=["view is required"])
        try:
            parsed = View(**copy.deepcopy(view))
            parsed.validate_json()
            parsed.to_dict()
            if None in parsed.blocks:
                raise ValueError("unknown block type [json-pointer:/view/blocks]")
            if not view.get("blocks"):
                raise ValueError("views must contain between 1 and 100 blocks")
            if len(view["blocks"]) > MAX_VIEW_BLOCKS:
                raise ValueError(
                    f"no more than {MAX_VIEW_BLOCKS} items allowed [json-pointer:/view/blocks]"
                )
            check_file_inputs(view)
            if view.get("type") == "modal":
                if not view.get("title"):
                    raise ValueError("title is required for a modal [json-pointer:/view/title]")
                has_input = any(b.get("type") == "input" for b in view["blocks"])
                if has_input and not view.get("submit"):
                    raise ValueError(
                        "submit is required when an input block is present "
                        "[json-pointer:/view/submit]"
                    )
        except Exception as e:  # slack_sdk raises several exception types
            raise _block_error("invalid_arguments", str(e)) from None
        # views.* answer invalid_arguments for what chat.* answer invalid_blocks (Slack's
        # views.open "typical error response"), with the same messages
        problems = block_problems(view["blocks"], "/view/blocks")
        if problems:
            raise _block_error("invalid_arguments", *problems)
        return view

    def _fill_ids(self, blocks: list[JsonDict]) -> list[JsonDict]:
        """Give blocks and interactive elements the block_id/action_id Slack would generate."""
        blocks = copy.deepcopy(blocks)
        for block in blocks:
            block.setdefault("block_id", self._short_id())
            elements: list[JsonDict] = []
            if isinstance(block.get("element"), dict):
                elements.append(block["element"])
            if isinstance(block.get("accessory"), dict):
                elements.append(block["accessory"])
            if block.get("type") == "actions":
                elements.extend(e for e in block.get("elements", []) if isinstance(e, dict))
            for element in elements:
                element.setdefault("action_id", self._short_id())
        return blocks

    def _build_view(self, source: JsonDict, *, view_id: str, root_view_id: str | None) -> JsonDict:
        view: JsonDict = {
            "id": view_id,
            "team_id": TEAM_ID,
            "type": source.get("type"),
            "blocks": self._fill_ids(source.get("blocks") or []),
            "private_metadata": source.get("private_metadata", ""),
            "callback_id": source.get("callback_id", ""),
            "state": {"values": {}},
            "hash": f"{int(time.time())}.{self._short_id()}",
            "title": copy.deepcopy(source.get("title")),
            "clear_on_close": bool(source.get("clear_on_close", False)),
            "notify_on_close": bool(source.get("notify_on_close", False)),
            "close": copy.deepcopy(source.get("close")),
            "submit": copy.deepcopy(source.get("submit")),
            "previous_view_id": None,
            "root_view_id": root_view_id or view_id,
            "app_id": APP_ID,
            "external_id": source.get("external_id", ""),
            "app_installed_team_id": TEAM_ID,
            "bot_id": BOT_ID,
        }
        return view

    def _message_args(self, args: JsonDict) -> tuple[str, list[JsonDict] | None]:
        blocks = self._check_message_blocks(args)
        text = args.get("text")
        text = text if isinstance(text, str) else ""
        if not text and not blocks and not args.get("attachments"):
            raise _Refusal("no_text")
        if len(text) > MAX_TEXT_LENGTH:
            raise _Refusal("msg_too_long")
        return text, blocks

    # ------------------------------------------------------------------ Web API methods
