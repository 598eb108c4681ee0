"""The ``response_url`` of each interaction, answered the way Slack answers it.

Slack gives every slash command, message button and message shortcut a ``response_url``: what
the app posts there shows to the person who acted, in the channel where they acted, ephemeral
("Only visible to you") even when they are not a member of it, unless ``response_type`` is
``in_channel``; ``replace_original``/``delete_original`` change or remove the message the
interaction came from. Slack's limits, from "Handling user interaction"
(https://api.slack.com/interactivity/handling#message_responses): a ``response_url`` may be
used up to 5 times within 30 minutes. Past that Slack answers HTTP 404 ``used_url`` /
``expired_url``; a URL it never issued is HTTP 404 ``no_service``, as an incoming webhook's.
"""

from __future__ import annotations

import asyncio
import copy
import time
from dataclasses import dataclass

from aiohttp import web

from sandbox.emulator.host import HostBase
from sandbox.emulator.state import (
    BOT_ID,
    BOT_USER_ID,
    RESPONSE_URL_METHOD,
    TEAM_ID,
    JsonDict,
    RecordedCall,
    _Refusal,
    _truthy,
)

RESPONSE_URL_USES = 5
RESPONSE_URL_SECONDS = 30 * 60


@dataclass
class _ResponseTarget:
    """Where an issued ``response_url`` answers, for whom, since when, how often used."""

    channel_id: str | None
    message_ts: str | None
    user_id: str | None
    issued_at: float
    uses: int = 0


class ResponseUrlsMixin(HostBase):
    """Issues ``response_url``s and answers what is posted to them, for ``SlackEmulator``."""

    @property
    def response_url_base(self) -> str:
        """Prefix of the ``response_url``s the emulator issues."""
        return f"http://{self.host}:{self.port}/response/"

    def response_url(
        self,
        channel_id: str | None = None,
        message_ts: str | None = None,
        *,
        user_id: str | None = None,
    ) -> str:
        """Issue a ``response_url`` for an interaction of ``user_id`` in ``channel_id`` (on the
        message ``message_ts``, which may also be one of their ephemeral messages): a new
        message posted to it is ephemeral to that person in that channel (public with
        ``response_type: in_channel``); ``replace_original``/``delete_original`` hit that
        message. Usable ``RESPONSE_URL_USES`` times within ``RESPONSE_URL_SECONDS``."""
        nonce = self._new_id("")
        self._response_targets[nonce] = _ResponseTarget(
            channel_id, message_ts, user_id, self._response_clock()
        )
        return f"{self.response_url_base}{channel_id or '_'}/{message_ts or '_'}/{nonce}"

    def show_answer(self, response_url: str, answer: JsonDict) -> None:
        """What the bot put in its HTTP answer to a slash command shows as Slack shows it: like
        a post to the command's ``response_url`` (one made for a person; not a use of it)."""
        target = self._response_targets.get(response_url.rstrip("/").rsplit("/", 1)[-1])
        if target is not None and target.user_id is not None:
            self._answer_person(target, answer)
            self.touch()

    def _response_clock(self) -> float:
        return self._ts_clock() if self._ts_clock is not None else time.time()

    async def _handle_response_url(self, request: web.Request) -> web.Response:
        at = time.time()
        try:
            payload = await request.json()
        except ValueError:
            payload = dict(await request.post())
        args: JsonDict = payload if isinstance(payload, dict) else {"body": payload}
        nonce = request.match_info["path"].rstrip("/").rsplit("/", 1)[-1]
        status, error = 200, None
        try:
            self._use_response_url(self._response_targets.get(nonce), args)
        except _Refusal as refusal:
            status = 404 if refusal.error in ("no_service", "used_url", "expired_url") else 400
            error = refusal.error
        if self._latency:
            await asyncio.sleep(self._latency)
        call = RecordedCall(
            method=RESPONSE_URL_METHOD,
            args=args,
            at=at,
            response={"ok": True} if error is None else {"ok": False, "error": error},
            status=status,
            http_verb=request.method,
            url=str(request.url),
        )
        await self._record(call)
        return web.Response(text=error or "ok", status=status, content_type="text/html")

    def _use_response_url(self, target: _ResponseTarget | None, args: JsonDict) -> None:
        """Apply one post to the ``response_url`` of ``target``, or refuse it as Slack does."""
        if target is None:
            raise _Refusal("no_service")
        if self._response_clock() - target.issued_at > RESPONSE_URL_SECONDS:
            raise _Refusal("expired_url")
        if target.uses >= RESPONSE_URL_USES:
            raise _Refusal("used_url")
        if not _truthy(args.get("delete_original")):
            self._message_args(args)  # no_text, invalid_blocks, msg_too_long
        target.uses += 1
        if target.user_id is not None:
            self._answer_person(target, args)
        elif target.channel_id and target.message_ts:
            self._apply_response_url(target.channel_id, target.message_ts, args)

    def _apply_response_url(self, channel_id: str, message_ts: str, args: JsonDict) -> None:
        message = self._find_message(channel_id, message_ts)
        if message is None:
            return
        if _truthy(args.get("delete_original")):
            self._messages[channel_id].remove(message)
        elif _truthy(args.get("replace_original")):
            message["text"] = args.get("text", "")
            if args.get("blocks") is not None:
                message["blocks"] = copy.deepcopy(args["blocks"])
            else:
                message.pop("blocks", None)

    def _answer_person(self, target: _ResponseTarget, args: JsonDict) -> None:
        """A post to a ``response_url`` made for a person (see ``response_url``)."""
        replace = _truthy(args.get("replace_original"))
        delete = _truthy(args.get("delete_original"))
        channel_id, ts = target.channel_id, target.message_ts
        if channel_id and ts and (replace or delete):
            if self._find_message(channel_id, ts) is not None:
                self._apply_response_url(channel_id, ts, args)
                return
            mine = [
                e
                for e in self._ephemerals
                if (e["channel"], e["ts"], e["user"]) == (channel_id, ts, target.user_id)
            ]
            for ephemeral in mine:
                if delete:
                    self._ephemerals.remove(ephemeral)
                else:
                    ephemeral["text"] = args.get("text", "")
                    ephemeral["blocks"] = copy.deepcopy(args.get("blocks"))
            if mine or delete:
                return
        if channel_id is None:
            return
        text, blocks = args.get("text") or "", copy.deepcopy(args.get("blocks"))
        if args.get("response_type") == "in_channel":
            message: JsonDict = {"type": "message", "user": BOT_USER_ID, "bot_id": BOT_ID}
            message.update({"team": TEAM_ID, "text": text, "ts": self._next_ts()})
            if blocks is not None:
                message["blocks"] = blocks
            self._store_message(channel_id, message, None)
            return
        self._ephemerals.append(
            {
                "channel": channel_id,
                "user": target.user_id,
                "text": text,
                "blocks": blocks,
                "ts": self._next_ts(),
                "thread_ts": None,
            }
        )
