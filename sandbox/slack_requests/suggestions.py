"""``block_suggestion``: what Slack sends when someone types in an ``external_select`` (a menu
whose options the app gives), and the checks Slack makes of the app's answer: 100 options (or
100 groups of up to 100) at most, an option's text 75 characters and its value 150, a group's
label 75. An answer Slack would not show is refused here (``ValueError``), as Slack shows an
empty menu with an error."""

from __future__ import annotations

import copy
from typing import Any

from sandbox.slack_requests.interactivity import InteractionRequests
from sandbox.slack_requests.state import JsonDict, _find_element
from sandbox.slack_requests.transport import Reply, SignMode

OPTIONS_MAX = 100
GROUPS_MAX = 100
TEXT_MAX = 75
VALUE_MAX = 150


def check_options_answer(answer: Any) -> None:
    """Raise ``ValueError`` naming what Slack refuses in an options answer."""
    if not isinstance(answer, dict):
        raise ValueError("the options answer is not a JSON object")
    options, groups = answer.get("options"), answer.get("option_groups")
    if (options is None) == (groups is None):
        raise ValueError("the answer needs exactly one of options and option_groups")
    if groups is not None:
        if len(groups) > GROUPS_MAX:
            raise ValueError(f"more than {GROUPS_MAX} option_groups")
        for group in groups:
            if len(group.get("label", {}).get("text", "")) > TEXT_MAX:
                raise ValueError(f"an option group's label is over {TEXT_MAX} characters")
            _check_options(group.get("options") or [])
        return
    if not isinstance(options, list):
        raise ValueError("options is not a list")
    _check_options(options)


def _check_options(options: list[JsonDict]) -> None:
    if not options or len(options) > OPTIONS_MAX:
        raise ValueError(f"a list of options must hold 1 to {OPTIONS_MAX}")
    for option in options:
        if len(option.get("text", {}).get("text", "")) > TEXT_MAX:
            raise ValueError(f"an option's text is over {TEXT_MAX} characters")
        if not 1 <= len(str(option.get("value", ""))) <= VALUE_MAX:
            raise ValueError(f"an option's value must hold 1 to {VALUE_MAX} characters")


class SuggestionRequests(InteractionRequests):
    async def block_suggestion(
        self,
        action_id: str,
        typed: str,
        view: JsonDict,
        user_id: str = "U1",
        *,
        sign: SignMode = "valid",
    ) -> Reply:
        """``user_id`` types ``typed`` in the ``external_select`` ``action_id`` of ``view``;
        returns the bot's answer once Slack's checks pass (see ``check_options_answer``)."""
        found = _find_element(view.get("blocks") or [], action_id, None)
        if found is None or found[1].get("type") != "external_select":
            raise ValueError(f"{action_id!r} is not an external_select of the view")
        block, element = found
        if len(typed) < int(element.get("min_query_length", 3)):
            raise ValueError("Slack asks nothing before min_query_length characters")
        payload = self._interaction("block_suggestion", user_id, None)
        payload.pop("trigger_id")
        payload["container"] = {"type": "view", "view_id": view.get("id")}
        payload["view"] = self._full_view(copy.deepcopy(view), None)
        payload["action_id"] = action_id
        payload["block_id"] = block.get("block_id")
        payload["value"] = typed
        status, body = await self.post_payload(payload, sign=sign)
        if status == 200:
            check_options_answer(body)
        return status, body
