"""What the sandbox's page draws for one person: channels, messages, thread, modal, App Home."""

from __future__ import annotations

from sandbox.client.downloads import shared_files
from sandbox.client.session import ClientSession
from sandbox.emulator import BOT_ID, BOT_USER_ID
from sandbox.slack_requests import JsonDict


class PageState(ClientSession):
    """Reads the emulator as one person's Slack client shows it."""

    def state(self, user: str, channel: str | None, thread: str | None) -> JsonDict:
        """Everything the page draws for ``user`` looking at ``channel`` (and a thread)."""
        self._person(user)
        visible = self._visible_channels(user)
        shown: JsonDict = {
            "version": self.emulator.version,
            "clock": self.clock.now().isoformat(),
            "real_time": self.clock.real_time,
            "activity": {c: self._activity(c, user) for c in visible},
            "joined": [c for c in visible if user in self.emulator.channel_info(c)["members"]],
            "channel": None,
            "messages": [],
            "thread": None,
            "modal": self._modal(user),
            "home": self.emulator.home_view(user),
        }
        if channel:
            info = self._channel(user, channel)
            shown["channel"] = {
                "id": info["id"],
                "name": info["name"],
                "is_im": info["is_im"],
                "is_member": user in info["members"],
            }
            messages = [_shown(m, user) for m in self.emulator.messages(info["id"])]
            messages += [_shown(e, user, True) for e in self._ephemerals(info["id"], user)]
            messages.sort(key=_ts)
            shown["messages"] = [m for m in messages if m["thread_ts"] in (None, m["ts"])]
            parent = next((m for m in messages if thread and m["ts"] == thread), None)
            if parent is not None:
                replies = [m for m in messages if m["thread_ts"] == thread and m is not parent]
                shown["thread"] = {"ts": thread, "messages": [parent, *replies]}
        return shown


def _ts(message: JsonDict) -> float:
    return float(message.get("ts") or 0)


def _shown(message: JsonDict, user: str, ephemeral: bool = False) -> JsonDict:
    """A message as the page draws it (an ephemeral one comes from the bot)."""
    shown = {
        key: message.get(key)
        for key in ("ts", "user", "bot_id", "text", "blocks", "thread_ts", "reply_count")
    }
    if ephemeral:
        shown.update({"user": BOT_USER_ID, "bot_id": BOT_ID})
    shown["ephemeral"] = ephemeral
    shown["edited"] = "edited" in message
    shown["files"] = shared_files(message)
    shown["reactions"] = [
        {"name": r["name"], "count": r["count"], "mine": user in r["users"]}
        for r in message.get("reactions") or []
    ]
    return shown
