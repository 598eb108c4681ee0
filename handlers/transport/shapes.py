"""The shape a payload must have before Bolt routes it.

Bolt's matchers and argument builders index payloads directly (``body["actions"][0]``,
``body["view"]["callback_id"]``, ``"id" in body["user"]``), so a payload of the wrong shape
makes Bolt itself fail — before any listener, and again inside the error handler. Slack never
sends such payloads; a correctly signed one is a bug or a forgery with a leaked secret, and gets
400 instead of reaching Bolt.
"""

from __future__ import annotations

from typing import Any

_REFERENCES = ("user", "team", "channel", "enterprise", "container", "message")
_CALLBACK_TYPES = {
    "shortcut",
    "message_action",
    "interactive_message",
    "dialog_submission",
    "dialog_cancellation",
    "dialog_suggestion",
    "workflow_step_edit",
}
_KNOWN_TYPES = {
    "event_callback",
    "url_verification",
    "app_rate_limited",
    "block_actions",
    "block_suggestion",
    "view_submission",
    "view_closed",
    *_CALLBACK_TYPES,
}


def _optional(value: Any, *types: type) -> bool:
    return value is None or isinstance(value, types)


def shape_problem(body: dict[str, Any]) -> str | None:
    """What is wrong with the payload's shape (``None`` when Bolt can route it)."""
    for key in _REFERENCES:
        if not _optional(body.get(key), str, dict):
            return f"{key} is neither an id nor an object"
    for key in ("authorizations", "response_urls"):
        items = body.get(key)
        if not _optional(items, list) or any(not isinstance(i, dict) for i in items or []):
            return f"{key} is not a list of objects"
    for key in ("response_url", "trigger_id", "callback_id", "action_id"):
        if not _optional(body.get(key), str):
            return f"{key} is not text"
    if "command" in body:
        if not isinstance(body["command"], str) or not _optional(body.get("text"), str):
            return "command or text is not text"
        return None
    kind = body.get("type")
    if not isinstance(kind, str) and "ssl_check" not in body:
        return "neither a command nor a typed payload"
    if isinstance(kind, str) and kind not in _KNOWN_TYPES:
        return f"unknown payload type {kind[:40]!r}"  # Bolt would answer 404: Slack retries it
    if kind == "event_callback":
        return _event_problem(body.get("event"))
    if kind in ("block_actions", "interactive_message"):
        actions = body.get("actions")
        if not isinstance(actions, list) or not actions:
            return "actions is not a non-empty list"
        if any(not isinstance(a, dict) or not isinstance(a.get("action_id"), str) for a in actions):
            return "an action has no action_id"
    elif kind in ("view_submission", "view_closed"):
        view = body.get("view")
        if not isinstance(view, dict) or not all(
            isinstance(view.get(key), str) for key in ("callback_id", "type")
        ):
            return "view has no callback_id or type"
        if not _optional(view.get("state"), dict):
            return "view.state is not an object"
    elif kind == "block_suggestion":
        if not isinstance(body.get("action_id"), str):
            return "block_suggestion has no action_id"
    elif kind in _CALLBACK_TYPES and not isinstance(body.get("callback_id"), str):
        return f"{kind} has no callback_id"
    elif kind == "workflow_step_edit" and not isinstance(body.get("workflow_step"), dict):
        return "workflow_step_edit has no workflow_step"
    return None


def _event_problem(event: Any) -> str | None:
    if not isinstance(event, dict) or not isinstance(event.get("type"), str):
        return "event has no type"
    if not _optional(event.get("subtype"), str):
        return "event.subtype is not text"
    for key in ("user", "channel", "item", "message", "previous_message"):
        if not _optional(event.get(key), str, dict):
            return f"event.{key} is neither an id nor an object"
    return None
