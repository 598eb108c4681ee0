"""The emulator's ``views.*`` methods: modals and the Home tab."""

from __future__ import annotations

import copy

from sandbox.emulator.host import HostBase
from sandbox.emulator.state import (
    JsonDict,
    _Refusal,
)


class ViewsMixin(HostBase):
    """``views.*`` Web API methods."""

    def view_problem(self, view: object) -> str | None:
        """Why Slack would refuse to show ``view`` (e.g. the answer to a submission), as it
        says it; None when it would show it."""
        try:
            self._check_view({"view": view})
        except _Refusal as refusal:
            return "; ".join(str(e) for e in refusal.extra.get("errors", [])) or refusal.error
        return None

    def _views_open(self, args: JsonDict) -> JsonDict:
        source = self._check_view(args)
        if not args.get("trigger_id") and not args.get("interactivity_pointer"):
            raise _Refusal("invalid_arguments", errors=["trigger_id is required"])
        if source.get("type") != "modal":
            raise _Refusal("invalid_arguments", rejected=True, errors=["type must be modal"])
        user_id = self._exchange_trigger(args)
        view_id = self._new_id("V")
        view = self._build_view(source, view_id=view_id, root_view_id=None)
        self._views[view_id] = view
        self._modals[user_id] = [view_id]
        return {"ok": True, "view": copy.deepcopy(view)}

    def _views_push(self, args: JsonDict) -> JsonDict:
        source = self._check_view(args)
        if not args.get("trigger_id") and not args.get("interactivity_pointer"):
            raise _Refusal("invalid_arguments", errors=["trigger_id is required"])
        user_id = self._exchange_trigger(args)
        view_id = self._new_id("V")
        roots = [v["root_view_id"] for v in self._views.values()]
        view = self._build_view(source, view_id=view_id, root_view_id=roots[-1] if roots else None)
        view["previous_view_id"] = list(self._views)[-1] if self._views else None
        self._views[view_id] = view
        self._modals.setdefault(user_id, []).append(view_id)
        return {"ok": True, "view": copy.deepcopy(view)}

    def _views_update(self, args: JsonDict) -> JsonDict:
        source = self._check_view(args)
        view_id, external_id = args.get("view_id"), args.get("external_id")
        current: JsonDict | None = None
        if view_id:
            current = self._views.get(view_id)
        elif external_id:
            current = next(
                (v for v in self._views.values() if v.get("external_id") == external_id), None
            )
        else:
            raise _Refusal("invalid_arguments", errors=["view_id or external_id is required"])
        if current is None:
            raise _Refusal("not_found")
        if args.get("hash") and args["hash"] != current["hash"]:
            raise _Refusal("hash_conflict")
        view = self._build_view(source, view_id=current["id"], root_view_id=current["root_view_id"])
        view["previous_view_id"] = current.get("previous_view_id")
        view["state"] = copy.deepcopy(current.get("state", {"values": {}}))
        if not source.get("external_id"):
            view["external_id"] = current.get("external_id", "")
        self._views[current["id"]] = view
        return {"ok": True, "view": copy.deepcopy(view)}

    def _views_publish(self, args: JsonDict) -> JsonDict:
        source = self._check_view(args)
        if source.get("type") != "home":
            raise _Refusal("invalid_arguments", rejected=True, errors=["type must be home"])
        user_id = args.get("user_id")
        self._user(user_id)
        current = self._home_views.get(user_id) if isinstance(user_id, str) else None
        if current is not None and args.get("hash") and args["hash"] != current["hash"]:
            raise _Refusal("hash_conflict")
        view_id = current["id"] if current is not None else self._new_id("V")
        view = self._build_view(source, view_id=view_id, root_view_id=None)
        self._home_views[str(user_id)] = view
        self._views[view_id] = view
        return {"ok": True, "view": copy.deepcopy(view)}
