"""Flatten a modal's ``view.state.values`` once, so listeners never walk Slack's nesting."""

from __future__ import annotations

from typing import Any


def form_values(view: dict[str, Any]) -> dict[str, str | list[str] | None]:
    """``{block_id: value}`` for every input block: text, the selected option's value, the
    selected user(s), channel(s) or options (as a list), a date (``YYYY-MM-DD``)."""
    values: dict[str, str | list[str] | None] = {}
    state = (view.get("state") or {}).get("values") or {}
    for block_id, elements in state.items():
        if not isinstance(elements, dict):
            continue
        for element in elements.values():
            if isinstance(element, dict):
                values[str(block_id)] = _element_value(element)
                break
    return values


def _element_value(element: dict[str, Any]) -> str | list[str] | None:
    if "selected_option" in element:
        option = element.get("selected_option") or {}
        return option.get("value")
    if "selected_options" in element:
        return [o.get("value") for o in element.get("selected_options") or [] if o]
    if "selected_user" in element:
        return element.get("selected_user")
    if "selected_users" in element:
        return list(element.get("selected_users") or [])
    if "selected_conversation" in element:
        return element.get("selected_conversation")
    if "selected_date" in element:
        return element.get("selected_date")
    if "files" in element:  # a file_input: the ids of the files uploaded
        files = element.get("files") or []
        return [str(f["id"]) for f in files if isinstance(f, dict) and f.get("id")]
    for key in ("selected_channels", "selected_conversations"):
        if key in element:
            return list(element.get(key) or [])
    value = element.get("value")
    return value if isinstance(value, str) else None


def text_value(values: dict[str, str | list[str] | None], block_id: str) -> str | None:
    value = values.get(block_id)
    return value if isinstance(value, str) else None


def submission_key(view: dict[str, Any]) -> str | None:
    """What makes a form's submission the same one when delivered twice: its view id."""
    view_id = view.get("id")
    return f"view:{view_id}" if isinstance(view_id, str) and view_id else None
