"""What buttons, menu options and modals carry: the ticket id, then what the person saw and what
they chose (``INC-42|in_progress|resolved``). Read back with ``unpack``, which refuses anything
that is not shaped like that (a forged or truncated value)."""

from __future__ import annotations

import re
from dataclasses import dataclass

TICKET_ID = re.compile(r"^[A-Z]{3}-\d{1,9}$")
SEPARATOR = "|"
NOBODY = "-"  # stands for "nothing" (e.g. no assignee) inside a value
VALUE_MAX = 150  # Slack's limit for an option's value (buttons allow more)


@dataclass(frozen=True)
class ActionValue:
    ticket_id: str
    parts: tuple[str | None, ...]


def pack(ticket_id: str, *parts: str | None) -> str:
    value = SEPARATOR.join([ticket_id, *(NOBODY if part is None else part for part in parts)])
    if len(value) > VALUE_MAX:
        raise ValueError(f"value too long for Slack: {value[:40]}…")
    return value


def unpack(value: object, parts: int = 0) -> ActionValue | None:
    """The ticket id and exactly ``parts`` more parts, or ``None`` when ``value`` is malformed."""
    if not isinstance(value, str) or len(value) > VALUE_MAX:
        return None
    pieces = value.split(SEPARATOR)
    if len(pieces) != parts + 1 or not TICKET_ID.match(pieces[0]):
        return None
    rest = tuple(None if piece == NOBODY else piece for piece in pieces[1:])
    if any(piece == "" for piece in rest):
        return None
    return ActionValue(ticket_id=pieces[0], parts=rest)
