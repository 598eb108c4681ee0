"""The roster: who works a service and who is an admin, from the services file and the synced
user groups; channel membership counts only where a service says so."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.domain.clock import ManualClock
from bot.domain.config import parse_services_config
from bot.domain.errors import ConfigError
from bot.governance.roster import Roster
from bot.governance.usergroups import UserGroupSync
from storage.client import Database
from storage.rosters import UserGroupStore

SERVICES = """
default_service: desk
admins: {users: [U0BOSS], usergroups: [S0LEADS]}
services:
  desk:
    name: {fr: "Centre de support", en: "Service desk"}
    channel: C0DESK
    channel_members_are_agents: true
  network:
    name: {fr: "Réseau", en: "Network"}
    channel: C0NET
    agents: [U0ANNA]
    usergroups: [S0NET]
    oncall:
      - users: [U0PAGED]
"""


class Channels:
    async def members(self, channel: str) -> frozenset[str]:
        return frozenset({"U0JOINED"})


class Groups:
    def __init__(self, groups: dict[str, list[str] | None]) -> None:
        self.groups = groups

    async def users(self, group: str) -> list[str] | None:
        return self.groups.get(group)


async def test_who_works_what(memory_database: Database) -> None:
    config = parse_services_config(SERVICES)
    store = UserGroupStore(memory_database)
    sync = UserGroupSync(
        config, store, Groups({"S0NET": ["U0GROUPIE"], "S0LEADS": ["U0LEAD"]}), ManualClock()
    )
    await sync.sync_all()
    roster = Roster(config, store, Channels())
    for user in ("U0ANNA", "U0GROUPIE", "U0PAGED"):
        assert await roster.works_for("network", user), user
    assert not await roster.works_for("network", "U0JOINED")  # the channel grants nothing here
    assert await roster.works_for("desk", "U0JOINED")  # ... but here it says so
    assert not await roster.works_for("unknown", "U0ANNA")
    assert await roster.is_admin("U0BOSS") and await roster.is_admin("U0LEAD")
    assert not await roster.is_admin("U0ANNA")
    assert not await roster.works_for("network", "U0BOSS")  # admins see, they do not work


async def test_a_group_slack_cannot_read_keeps_its_last_members(memory_database: Database) -> None:
    config = parse_services_config(SERVICES)
    store = UserGroupStore(memory_database)
    at = datetime(2026, 1, 5, tzinfo=UTC)
    await store.replace("S0NET", ["U0GROUPIE"], at)
    sync = UserGroupSync(config, store, Groups({"S0NET": None}), ManualClock())
    assert not await sync.refresh("S0NET")
    assert await store.members("S0NET") == ["U0GROUPIE"]
    assert not await sync.refresh("S0UNNAMED")  # a group the services file does not name


@pytest.mark.parametrize(
    "line,key",
    [
        ("    usergroups: [nope]", "services.desk.usergroups.0"),
        ("    channel_members_are_agents: maybe", "services.desk.channel_members_are_agents"),
        ("    ack_assigns: perhaps", "services.desk.ack_assigns"),
    ],
)
def test_mistakes_name_their_key(line: str, key: str) -> None:
    text = SERVICES.replace("    channel_members_are_agents: true\n", line + "\n")
    with pytest.raises(ConfigError) as error:
        parse_services_config(text)
    assert f"{key}:" in str(error.value) and "\n" not in str(error.value)


def test_admins_must_be_user_or_group_ids() -> None:
    with pytest.raises(ConfigError) as error:
        parse_services_config(SERVICES.replace("usergroups: [S0LEADS]", "usergroups: [leads]"))
    assert "admins.usergroups.0:" in str(error.value)


def test_a_private_service_names_its_channel_by_id() -> None:
    text = SERVICES.replace("    channel: C0NET\n", "    channel: '#network'\n    private: true\n")
    with pytest.raises(ConfigError) as error:
        parse_services_config(text)
    assert "services.network: channel: a private service needs its channel's id" in str(error.value)
