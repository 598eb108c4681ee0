"""The Slack side of governance's ports: a channel's members (``conversations.members``,
cached briefly), whether it is private (``conversations.info``) and a user group's members
(``usergroups.users.list``)."""

from __future__ import annotations

import logging
import time
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.governance.ports import Membership, Visibility
from handlers.kit.slack_errors import SLACK_FAILURES, reason

log = logging.getLogger(__name__)


class SlackChannelMembers:
    """Asked only for services that say ``channel_members_are_agents: true``."""

    def __init__(self, client: AsyncWebClient, ttl_seconds: float = 60) -> None:
        self._client = client
        self._ttl = ttl_seconds
        self._members: dict[str, tuple[float, frozenset[str]]] = {}

    async def members(self, channel: str) -> frozenset[str]:
        cached = self._members.get(channel)
        if cached and time.monotonic() - cached[0] < self._ttl:
            return cached[1]
        members: set[str] = set()
        try:
            async for page in await self._client.conversations_members(channel=channel, limit=1000):
                members.update(page.get("members") or [])
        except SLACK_FAILURES as error:
            log.warning("conversations.members failed for %s: %s", channel, error)
            return cached[1] if cached else frozenset()
        result = frozenset(members)
        self._members[channel] = (time.monotonic(), result)
        return result


class SlackUserGroups:
    def __init__(self, client: AsyncWebClient) -> None:
        self._client = client

    async def users(self, group: str) -> list[str] | None:
        try:
            response = await self._client.usergroups_users_list(usergroup=group)
        except SLACK_FAILURES as error:
            if reason(error) in ("no_such_subteam", "subteam_disabled"):
                log.warning(
                    "services file: user group %s: %s (%s): check the id in the services "
                    "file's usergroups (or the approval step's usergroup)",
                    group,
                    "Slack knows no such group"
                    if reason(error) == "no_such_subteam"
                    else "the group is disabled in Slack",
                    reason(error),
                )
            else:
                log.warning("usergroups.users.list failed for %s: %s", group, reason(error))
            return None
        return [str(user) for user in response.get("users") or []]


class SlackChannelPrivacy:
    def __init__(self, client: AsyncWebClient) -> None:
        self._client = client

    async def visibility(self, channel: str) -> Visibility:
        info = await self._info(channel)
        if info is None or isinstance(info, Visibility):
            return info or Visibility.UNKNOWN
        return Visibility.PRIVATE if info.get("is_private") else Visibility.PUBLIC

    async def membership(self, channel: str) -> Membership:
        info = await self._info(channel)
        if info is Visibility.MISSING:
            return Membership.MISSING
        if info is None or isinstance(info, Visibility):
            return Membership.UNKNOWN
        return Membership.IN if info.get("is_member") else Membership.OUT

    async def _info(self, channel: str) -> dict[str, Any] | Visibility | None:
        """``conversations.info``'s channel; ``MISSING`` when not found, ``None`` when Slack
        did not answer (logged)."""
        try:
            response = await self._client.conversations_info(channel=channel)
        except SlackApiError as error:
            if reason(error) == "channel_not_found":
                return Visibility.MISSING
            log.warning("conversations.info failed for %s: %s", channel, reason(error))
            return None
        except SLACK_FAILURES as error:
            log.warning("conversations.info failed for %s: %s", channel, reason(error))
            return None
        return dict(response.get("channel") or {})


class SlackPersonNames:
    """A person's names (``users.info``: display name and real name), to take out of texts."""

    def __init__(self, client: AsyncWebClient) -> None:
        self._client = client

    async def names(self, user: str) -> tuple[str, ...]:
        try:
            response = await self._client.users_info(user=user)
        except SLACK_FAILURES as error:
            log.warning("users.info failed for %s: %s", user, reason(error))
            return ()
        found = response.get("user") or {}
        profile = found.get("profile") or {}
        names = (profile.get("display_name"), profile.get("real_name"), found.get("real_name"))
        return tuple(dict.fromkeys(str(name) for name in names if name))
