"""Who governs the helpdesk, as the services file says: the admins (``admins:``) and the Slack
user groups a roster may name.

A user group id is Slack's ``S…`` id (*Copy link* on the group: its last part). Naming a group
instead of people keeps the roster where the team already maintains it; Guichet follows its
membership (``bot/governance/usergroups.py``).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from bot.domain.slack_ids import USER_ID, USERGROUP_ID

UsergroupId = Annotated[str, Field(pattern=USERGROUP_ID)]
AdminUserId = Annotated[str, Field(pattern=USER_ID)]


class AdminsConfig(BaseModel):
    """``admins:`` — the people who may see every service, export everything, read the audit
    log and run the privacy commands: listed ``users``, and the members of ``usergroups``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    users: list[AdminUserId] = Field(default_factory=list)
    usergroups: list[UsergroupId] = Field(default_factory=list)
