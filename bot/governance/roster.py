"""The one authority on who may do what, asked by every surface (the card's controls, claim and
acknowledge, ``/ticket show``, the App Home queue, stats and export).

Who works a service is said explicitly in the services file: its ``agents``, the members of its
``usergroups`` (as last synced from Slack) and its on-call people (named, or members of a
level's ``usergroups``). Being in the service's
channel grants nothing, unless the service says ``channel_members_are_agents: true``: anyone may
join a public channel, and reading it is Slack's business, not a right to work its tickets.
The ``admins`` (listed users and the members of their user groups) may see every ticket and
every service's figures; they do not work tickets unless a roster names them too.
"""

from __future__ import annotations

from bot.domain.config import ServiceConfig, ServicesConfig
from bot.domain.models import Ticket
from bot.governance.ports import ChannelMembers
from storage.rosters import UserGroupStore


class Roster:
    def __init__(
        self, config: ServicesConfig, groups: UserGroupStore, channels: ChannelMembers
    ) -> None:
        self.config = config
        self.groups = groups
        self.channels = channels

    async def may_work(self, ticket: Ticket, user: str) -> bool:
        """True when ``user`` works the ticket's service (the channel whose members count is
        the one its message is in)."""
        service = self.config.services.get(ticket.service)
        if service is None:
            return False
        channel = ticket.message.channel if ticket.message else service.channel
        return await self._works(service, user, channel)

    async def works_for(self, service: str, user: str) -> bool:
        """True when ``user`` works ``service``'s tickets."""
        config = self.config.services.get(service)
        if config is None:
            return False
        return await self._works(config, user, config.channel)

    async def is_admin(self, user: str) -> bool:
        admins = self.config.admins
        if user in admins.users:
            return True
        return bool(await self.groups.groups_of(user, admins.usergroups))

    async def admins(self) -> list[str]:
        """Every admin: the listed users, then the members of the admins' user groups."""
        found = list(self.config.admins.users)
        for group in self.config.admins.usergroups:
            found += [user for user in await self.groups.members(group) if user not in found]
        return found

    async def oncall_members(self, service: str) -> dict[str, list[str]]:
        """The members of the user groups ``service``'s on-call levels name, by group."""
        config = self.config.services.get(service)
        groups = [
            group for level in (config.oncall if config else []) for group in level.usergroups
        ]
        return {group: await self.groups.members(group) for group in dict.fromkeys(groups)}

    async def _works(self, service: ServiceConfig, user: str, channel: str) -> bool:
        if user in service.agents or any(user in level.users for level in service.oncall):
            return True
        # its agents' groups, and its on-call levels' (a rotation kept in a group)
        groups = [*service.usergroups, *(g for level in service.oncall for g in level.usergroups)]
        if groups and await self.groups.groups_of(user, groups):
            return True
        if not service.channel_members_are_agents or channel.startswith("#"):
            return False
        return user in await self.channels.members(channel)
