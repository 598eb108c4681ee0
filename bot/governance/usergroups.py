"""Keeping the members of the user groups the services file names in step with Slack.

At start-up every named group is read with ``usergroups.users.list``; afterwards Slack's
``subteam_updated`` and ``subteam_members_changed`` events say a group changed, and that group
is read again (the whole list, so events arriving late or twice cannot leave a wrong one).
When Slack cannot say, the last synced list is kept and the failure logged.
"""

from __future__ import annotations

import logging

from bot.domain.clock import Clock
from bot.domain.config import ServicesConfig
from bot.governance.ports import UserGroups
from storage.rosters import UserGroupStore

log = logging.getLogger(__name__)


class UserGroupSync:
    def __init__(
        self, config: ServicesConfig, store: UserGroupStore, slack: UserGroups, clock: Clock
    ) -> None:
        self.config = config
        self.store = store
        self.slack = slack
        self.clock = clock

    async def sync_all(self) -> None:
        """Read every group the services file names (at start-up)."""
        for group in sorted(self.config.usergroups):
            await self.refresh(group)

    async def refresh(self, group: str) -> bool:
        """Read ``group`` again if the services file names it; True when it was synced."""
        if group not in self.config.usergroups:
            return False
        users = await self.slack.users(group)
        if users is None:
            log.warning("user group %s could not be read: its last known members are kept", group)
            return False
        await self.store.replace(group, users, self.clock.now())
        log.info("user group %s synced: %d members", group, len(users))
        return True
