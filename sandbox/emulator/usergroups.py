"""The emulator's ``usergroups.users.list``: the members of a user group (``@managers``)."""

from __future__ import annotations

from sandbox.emulator.state import JsonDict, _Refusal


class UsergroupsMixin:
    """User groups: set up with ``add_usergroup``, read with ``usergroups.users.list``."""

    _usergroups: dict[str, list[str]]

    def add_usergroup(self, usergroup_id: str, users: list[str]) -> None:
        """Add (or replace) a user group and its members."""
        self._usergroups[usergroup_id] = list(users)

    def _usergroups_users_list(self, args: JsonDict) -> JsonDict:
        usergroup = args.get("usergroup")
        if not usergroup:
            raise _Refusal("invalid_arguments", errors=["usergroup is required"])
        members = self._usergroups.get(str(usergroup))
        if members is None:
            raise _Refusal("no_such_subteam")
        return {"ok": True, "users": list(members)}
