"""The emulator's ``usergroups.users.list`` and the set-up of user groups."""

from __future__ import annotations

from collections.abc import Sequence

from sandbox.emulator.host import HostBase
from sandbox.emulator.state import JsonDict, _Refusal, _truthy


class UserGroupsMixin(HostBase):
    """User groups (Slack's "subteams", ids ``S…``) for ``SlackEmulator``."""

    def set_usergroup(self, group_id: str, users: Sequence[str], *, disabled: bool = False) -> None:
        """Add or replace a user group and its members (Slack sends the bot a
        ``subteam_members_changed`` event then; tests send it with ``send.event``)."""
        self._usergroups[group_id] = {"users": list(users), "disabled": disabled}

    def _usergroups_users_list(self, args: JsonDict) -> JsonDict:
        group = self._usergroups.get(str(args.get("usergroup") or ""))
        if not args.get("usergroup"):
            raise _Refusal("invalid_arguments")
        if group is None:
            raise _Refusal("no_such_subteam")
        if group["disabled"] and not _truthy(args.get("include_disabled")):
            raise _Refusal("subteam_disabled")
        return {"ok": True, "users": list(group["users"])}
