"""What governance needs from Slack: a channel's members and a user group's members."""

from __future__ import annotations

from typing import Protocol


class ChannelMembers(Protocol):
    async def members(self, channel: str) -> frozenset[str]:
        """The channel's members (empty when Slack cannot say)."""
        ...


class UserGroups(Protocol):
    async def users(self, group: str) -> list[str] | None:
        """The members of the Slack user group ``group``; ``None`` when Slack cannot say
        (unknown group, missing scope, Slack down): the last synced list is kept then."""
        ...
