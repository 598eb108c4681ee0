"""Dismissing a message "Only visible to you", as Slack's client offers: it leaves that person's
view and no one else's. Slack tells the app nothing; the bot's ``response_url`` could still
reach it, so the emulator keeps it and only the page forgets it."""

from __future__ import annotations

from sandbox.client.session import ClientSession, Refused
from sandbox.slack_requests import JsonDict


class Dismissals(ClientSession):
    """The "Dismiss" under an ephemeral message."""

    async def dismiss(self, user: str, channel: str, ts: str) -> JsonDict:
        info = self._channel(user, channel)
        if not any(e["ts"] == ts for e in self._ephemerals(info["id"], user)):
            raise Refused(f"{user} has no message {ts} only for them in {channel}")
        self._dismissed.add((user, info["id"], ts))
        self.emulator.touch()
        return {"ok": True}
