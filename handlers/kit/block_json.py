"""Block Kit objects as the JSON Slack takes, without validating them again on every message.

slack_sdk's ``to_dict`` runs every validator of every object it meets (lengths, counts,
styles) each time it serialises one; the Web API client calls it on each message's blocks. A
ticket's card, with its status, priority and service menus, took 0.36-0.56 ms to serialise that
way and 0.10 here: the largest own cost of a claim after the database (``bench/load.py``,
py-spy). The builders (``handlers/tickets/``) keep every value within Slack's limits
(``md.truncate``, ``OPTIONS_MAX``...), the emulator refuses what Slack refuses, and the
tests serialise the same blocks with ``to_dict`` (validators on) and compare
(``tests/unit/kit/test_block_json.py``): the blocks are validated where they are built and
tested, not on every message.

``plain`` gives what ``to_dict`` gives: the non-empty attributes, in sorted order, each object
within serialised the same way; an option and a confirmation (whose ``to_dict`` is their own:
their shape depends on where they are used) as their ``to_dict`` writes them in blocks; any
other object with a ``to_dict`` of its own is given to it, as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from slack_sdk.models.basic_objects import EMPTY_ALLOWED_TYPE_AND_PROPERTY_LIST, JsonObject
from slack_sdk.models.blocks import ConfirmObject, Option
from slack_sdk.models.blocks.basic_components import PlainTextObject

_EMPTY_ALLOWED = frozenset(
    (allowed["type"], allowed["property"]) for allowed in EMPTY_ALLOWED_TYPE_AND_PROPERTY_LIST
)
_GENERIC = JsonObject.to_dict
_ATTRIBUTES: dict[type, tuple[str, ...]] = {}
"""Each class's ``attributes`` in sorted order: slack_sdk builds the set anew (a union per
class up the hierarchy) each time it is read, and a class's attributes never change."""


def plain(value: Any) -> Any:
    """``value`` (a Block Kit object, a list of them, or a plain value) as Slack's JSON."""
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if not isinstance(value, JsonObject):
        to_dict = getattr(value, "to_dict", None)  # another serialisable object, as slack_sdk
        return {k: plain(v) for k, v in to_dict().items()} if callable(to_dict) else value
    kind = type(value)
    if isinstance(value, Option) and kind is Option:
        return _option(value)
    if isinstance(value, ConfirmObject) and kind is ConfirmObject:
        return _confirm(value)
    if kind.to_dict is not _GENERIC:  # its own shape: its own serialiser
        return {key: plain(item) for key, item in value.to_dict().items()}
    found = {}
    type_name = getattr(value, "type", None)
    keys = _ATTRIBUTES.get(kind)
    if keys is None:
        keys = _ATTRIBUTES[kind] = tuple(sorted(value.attributes))
    for key in keys:
        item = value.get_object_attribute(key)
        if item is None:
            continue
        if hasattr(item, "__len__") and not len(item) and (type_name, key) not in _EMPTY_ALLOWED:
            continue
        found[key] = plain(item)
    return found


def plain_blocks(blocks: Sequence[Any]) -> list[Any]:
    """A message's or a view's blocks as Slack's JSON (what the Web API client sends)."""
    return [plain(block) for block in blocks]


def _option(option: Option) -> dict[str, Any]:
    """An option of a block element (a menu's): what ``Option.to_dict()`` gives for blocks."""
    text = option._text or PlainTextObject.from_str(option.label or "")
    found: dict[str, Any] = {"text": plain(text), "value": option.value}
    if option._block_description:
        found["description"] = plain(option._block_description)
    if option.url:
        found["url"] = option.url
    return found


def _confirm(confirm: ConfirmObject) -> dict[str, Any]:
    """A confirmation dialog of a block element: what ``ConfirmObject.to_dict()`` gives."""
    found: dict[str, Any] = {}
    for key, part in (
        ("title", confirm._title),
        ("text", confirm._text),
        ("confirm", confirm._confirm),
        ("deny", confirm._deny),
    ):
        if part:
            found[key] = plain(part)
    if confirm._style:
        found["style"] = confirm._style
    return found
