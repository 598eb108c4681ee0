"""What Slack refuses in Block Kit and ``slack_sdk.models`` lets through: empty text objects, a
``block_id`` twice in one surface, an ``action_id`` twice in one block, an ``initial_option(s)``
that is not among the options, options too long or too many, section fields too long.

Each rule is Slack's (https://docs.slack.dev/reference/block-kit/, as copied in the project's
slack-reference ``block_kit.json``); each problem is said the way Slack says it in
``response_metadata.messages``: what is wrong, then ``[json-pointer:/blocks/0/text/text]``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

TEXT_TYPES = ("plain_text", "mrkdwn")
OPTION_TEXT_MAX = 75
OPTION_VALUE_MAX = 150
OPTION_DESCRIPTION_MAX = 75
FIELD_TEXT_MAX = 2000
OPTIONS_MAX = {"radio_buttons": 10, "checkboxes": 10, "overflow": 5}


def block_problems(blocks: list[Any], pointer: str) -> list[str]:
    """Slack's messages for what it refuses in ``blocks`` (found at ``pointer``, e.g.
    ``/blocks`` or ``/view/blocks``); empty when Slack accepts them."""
    problems = list(_empty_texts(blocks, pointer))
    seen: dict[str, int] = {}
    for index, block in enumerate(blocks):
        if not isinstance(block, dict):
            continue
        where = f"{pointer}/{index}"
        block_id = block.get("block_id")
        if isinstance(block_id, str):
            if block_id in seen:
                problems.append(f'duplicate block_id "{block_id}" [json-pointer:{where}/block_id]')
            seen.setdefault(block_id, index)
        problems.extend(_field_lengths(block, where))
        problems.extend(_duplicate_action_ids(block, where))
        for element, at in _elements(block, where):
            problems.extend(_option_problems(element, at))
    return problems


def _empty_texts(node: Any, where: str) -> Iterator[str]:
    """Text objects whose text is empty ("Minimum length for the text in this field is 1")."""
    if isinstance(node, dict):
        if node.get("type") in TEXT_TYPES and node.get("text") == "":
            yield f"must be more than 0 characters [json-pointer:{where}/text]"
            return
        for key, value in node.items():
            yield from _empty_texts(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _empty_texts(value, f"{where}/{index}")


def _elements(block: dict[str, Any], where: str) -> Iterator[tuple[dict[str, Any], str]]:
    """The interactive elements of a block, with their json-pointers."""
    for key in ("element", "accessory"):
        if isinstance(block.get(key), dict):
            yield block[key], f"{where}/{key}"
    if block.get("type") == "actions":
        for index, element in enumerate(block.get("elements") or []):
            if isinstance(element, dict):
                yield element, f"{where}/elements/{index}"


def _duplicate_action_ids(block: dict[str, Any], where: str) -> Iterator[str]:
    seen: set[str] = set()
    for element, at in _elements(block, where):
        action_id = element.get("action_id")
        if isinstance(action_id, str):
            if action_id in seen:
                yield f'duplicate action_id "{action_id}" [json-pointer:{at}/action_id]'
            seen.add(action_id)


def _field_lengths(block: dict[str, Any], where: str) -> Iterator[str]:
    for index, field in enumerate(block.get("fields") or []):
        text = field.get("text") if isinstance(field, dict) else None
        if isinstance(text, str) and len(text) > FIELD_TEXT_MAX:
            yield (
                f"must be less than {FIELD_TEXT_MAX + 1} characters "
                f"[json-pointer:{where}/fields/{index}/text]"
            )


def _options(element: dict[str, Any], where: str) -> list[tuple[dict[str, Any], str]]:
    found = [
        (option, f"{where}/options/{index}")
        for index, option in enumerate(element.get("options") or [])
        if isinstance(option, dict)
    ]
    for group_index, group in enumerate(element.get("option_groups") or []):
        for index, option in enumerate(group.get("options") or []):
            if isinstance(option, dict):
                found.append((option, f"{where}/option_groups/{group_index}/options/{index}"))
    return found


def _identity(option: Any) -> tuple[Any, Any, Any]:
    """What makes an initial option "exactly match" one of the options."""
    if not isinstance(option, dict):
        return (None, None, None)
    text = option.get("text")
    if not isinstance(text, dict):
        text = {}
    return (option.get("value"), text.get("type"), text.get("text"))


def _option_problems(element: dict[str, Any], where: str) -> Iterator[str]:
    options = _options(element, where)
    most = OPTIONS_MAX.get(str(element.get("type")))
    if most is not None and len(element.get("options") or []) > most:
        yield f"must provide no more than {most} items [json-pointer:{where}/options]"
    for option, at in options:
        value, text = option.get("value"), option.get("text")
        if isinstance(value, str) and len(value) > OPTION_VALUE_MAX:
            yield f"must be less than {OPTION_VALUE_MAX + 1} characters [json-pointer:{at}/value]"
        if isinstance(text, dict) and len(str(text.get("text", ""))) > OPTION_TEXT_MAX:
            yield (
                f"must be less than {OPTION_TEXT_MAX + 1} characters [json-pointer:{at}/text/text]"
            )
        description = option.get("description")
        if isinstance(description, dict) and (
            len(str(description.get("text", ""))) > OPTION_DESCRIPTION_MAX
        ):
            yield (
                f"must be less than {OPTION_DESCRIPTION_MAX + 1} characters "
                f"[json-pointer:{at}/description/text]"
            )
    if not options:  # external selects: their options come later, from the app
        return
    known = {_identity(option) for option, _ in options}
    if "initial_option" in element and _identity(element["initial_option"]) not in known:
        yield (
            "initial_option must exactly match one of the options "
            f"[json-pointer:{where}/initial_option]"
        )
    for index, initial in enumerate(element.get("initial_options") or []):
        if _identity(initial) not in known:
            yield (
                "initial_options must exactly match options "
                f"[json-pointer:{where}/initial_options/{index}]"
            )
