"""The ``state.values`` Slack sends for a view's inputs, and how an element is found in blocks.

Kept apart from the request senders: filling a form is about Block Kit shapes, not signing.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

JsonDict = dict[str, Any]
Answer = str | int | list[str] | list[JsonDict] | JsonDict | None  # list[JsonDict]: files

_TEXT_INPUTS = {"plain_text_input", "number_input", "email_text_input", "url_text_input"}
_SINGLE_OPTION = {"static_select", "external_select", "radio_buttons"}
_MULTI_OPTIONS = {"multi_static_select", "multi_external_select", "checkboxes"}
_SCALARS = {
    # element type: (state key, initial key)
    "users_select": ("selected_user", "initial_user"),
    "conversations_select": ("selected_conversation", "initial_conversation"),
    "channels_select": ("selected_channel", "initial_channel"),
    "datepicker": ("selected_date", "initial_date"),
    "timepicker": ("selected_time", "initial_time"),
    "datetimepicker": ("selected_date_time", "initial_date_time"),
}
_LISTS = {
    "multi_users_select": ("selected_users", "initial_users"),
    "multi_conversations_select": ("selected_conversations", "initial_conversations"),
    "multi_channels_select": ("selected_channels", "initial_channels"),
}
_STATEFUL = (
    _TEXT_INPUTS
    | _SINGLE_OPTION
    | _MULTI_OPTIONS
    | set(_SCALARS)
    | set(_LISTS)
    | {"rich_text_input", "file_input"}
)


def _options(element: JsonDict) -> list[JsonDict]:
    found = list(element.get("options") or [])
    for group in element.get("option_groups") or []:
        found.extend(group.get("options") or [])
    return found


def _find_option(element: JsonDict, value: Any) -> JsonDict:
    """The option object of ``element`` whose value is ``value`` (built for external selects)."""
    if isinstance(value, dict):
        return copy.deepcopy(value)
    if element.get("type") in ("external_select", "multi_external_select"):
        return {"text": {"type": "plain_text", "text": str(value), "emoji": True}, "value": value}
    options = _options(element)
    for option in options:
        if option.get("value") == value:
            return copy.deepcopy(option)
    raise ValueError(
        f"{value!r} is not an option of {element.get('action_id')!r}; "
        f"choose among {[o.get('value') for o in options]}"
    )


def _as_list(answer: Answer) -> list[Any]:
    if answer is None:
        return []
    return list(answer) if isinstance(answer, list | tuple) else [answer]


def _rich_text(text: str) -> JsonDict:
    return {
        "type": "rich_text",
        "elements": [{"type": "rich_text_section", "elements": [{"type": "text", "text": text}]}],
    }


def element_state(element: JsonDict, answer: Answer = None, *, answered: bool = True) -> JsonDict:
    """The ``state.values[block_id][action_id]`` entry Slack sends for one element.

    When ``answered`` is false, the element's initial value (or Slack's null) is used.
    """
    etype = element.get("type")
    state: JsonDict = {"type": etype}
    if etype in _TEXT_INPUTS:
        value = answer if answered else element.get("initial_value")
        state["value"] = None if value is None else str(value)
    elif etype == "rich_text_input":
        if answered:
            state["rich_text_value"] = None if answer is None else _rich_text(str(answer))
        else:
            state["rich_text_value"] = copy.deepcopy(element.get("initial_value"))
    elif etype in _SINGLE_OPTION:
        if answered:
            state["selected_option"] = None if answer is None else _find_option(element, answer)
        else:
            state["selected_option"] = copy.deepcopy(element.get("initial_option"))
    elif etype in _MULTI_OPTIONS:
        if answered:
            state["selected_options"] = [_find_option(element, a) for a in _as_list(answer)]
        else:
            state["selected_options"] = copy.deepcopy(element.get("initial_options") or [])
    elif etype in _SCALARS:
        key, initial = _SCALARS[etype]
        state[key] = answer if answered else element.get(initial)
    elif etype in _LISTS:
        key, initial = _LISTS[etype]
        state[key] = _as_list(answer) if answered else list(element.get(initial) or [])
    elif etype == "file_input":
        state["files"] = _as_list(answer) if answered else []
    else:
        raise ValueError(f"element type {etype!r} has no state")
    return state


def state_values(view: JsonDict, answers: Mapping[str, Answer]) -> JsonDict:
    """Build the ``view.state.values`` Slack sends for ``view`` filled with ``answers``.

    ``answers`` is keyed by block_id (or by action_id); values are the typed text, the chosen
    option value(s), user id(s), ... Unanswered input blocks get their initial value or null.
    For an actions block holding several inputs, the answer is a dict keyed by action_id.
    """
    remaining = dict(answers)
    values: JsonDict = {}
    for index, block in enumerate(view.get("blocks") or []):
        btype = block.get("type")
        if btype == "input":
            elements = [block.get("element") or {}]
        elif btype == "actions":
            elements = [e for e in block.get("elements") or [] if e.get("type") in _STATEFUL]
        elif btype == "section" and (block.get("accessory") or {}).get("type") in _STATEFUL:
            elements = [block["accessory"]]
        else:
            continue
        block_id = block.get("block_id")
        if not block_id:
            raise ValueError(
                f"block {index} has no block_id; pass the view as the emulator returned it "
                "(Slack generates missing block_ids)"
            )
        block_values: JsonDict = {}
        for element in elements:
            action_id = element.get("action_id")
            if not action_id:
                raise ValueError(f"element of block {block_id!r} has no action_id")
            answered, answer = False, None
            if block_id in remaining:
                answered, answer = True, remaining[block_id]
                if isinstance(answer, dict) and "value" not in answer:
                    answered = action_id in answer
                    answer = answer.get(action_id)
            elif action_id in remaining:
                answered, answer = True, remaining.pop(action_id)
            if btype != "input" and not answered and not _has_initial(element):
                continue
            block_values[action_id] = element_state(element, answer, answered=answered)
        remaining.pop(block_id, None)
        if block_values:
            values[block_id] = block_values
    if remaining:
        known = [b.get("block_id") for b in view.get("blocks") or []]
        raise ValueError(f"answers for unknown blocks {sorted(remaining)}; blocks: {known}")
    return values


def _has_initial(element: JsonDict) -> bool:
    return any(k.startswith("initial_") for k in element)


def _find_element(
    blocks: list[JsonDict], action_id: str, block_id: str | None = None
) -> tuple[JsonDict, JsonDict] | None:
    """The block and element with ``action_id`` (in the block ``block_id`` when given: several
    blocks may hold elements with the same action id, e.g. one "claim" button per ticket)."""
    if block_id is not None:
        same_block = [b for b in blocks if b.get("block_id") == block_id]
        found = _find_element(same_block, action_id)
        if found is not None:
            return found
    for block in blocks:
        candidates: list[JsonDict] = []
        for key in ("element", "accessory"):
            if isinstance(block.get(key), dict):
                candidates.append(block[key])
        candidates.extend(e for e in block.get("elements") or [] if isinstance(e, dict))
        for element in candidates:
            if element.get("action_id") == action_id:
                return block, element
    return None
