"""Which history entries are a ticket's "last change", the line its card shows.

The card is redrawn by many paths (a change, a reminder, a problem's fan-out, a post after a
move), and each must draw the same card: so the last change is kept on the stored ticket
(``Ticket.last_change``), written by the same atomic update as the history entry it copies
(``storage/tickets.py``), and every read of the ticket carries it — no path has to know it,
and no redraw reads the history.

A change is what a person (or Guichet on their behalf) did to the ticket itself: who has it,
its status, priority, type, service, text, links, the requester's answers. What Guichet merely
did *about* the ticket is not: filed and posted (the card says so already), reminders, pages,
approval requests, DMs and relays, articles and saved replies sent, failures to deliver. An
entry written together with a status change is a change whatever its kind (the requester's
reply that takes a ticket waiting on them back in progress).
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum

from bot.domain.models import HistoryAction, HistoryEntry, Status

CARD_CHANGES: frozenset[HistoryAction] = frozenset(
    {
        HistoryAction.CLAIMED,
        HistoryAction.ASSIGNED,
        HistoryAction.UNASSIGNED,
        HistoryAction.STATUS,
        HistoryAction.PRIORITY,
        HistoryAction.TYPE_CHANGED,
        HistoryAction.REASSIGNED,
        HistoryAction.INFO_ADDED,
        HistoryAction.CONFIRMED,
        HistoryAction.REOPENED,
        HistoryAction.RATED,
        HistoryAction.ACKNOWLEDGED,
        HistoryAction.EMERGENCY_DECLARED,
        HistoryAction.NOT_EMERGENCY,
        HistoryAction.LINKED,
        HistoryAction.UNLINKED,
        HistoryAction.INCIDENTS_LINKED,
        HistoryAction.INCIDENT_UNLINKED,
        HistoryAction.EDITED,
        HistoryAction.APPROVED,
        HistoryAction.REJECTED,
        HistoryAction.MERGED,
        HistoryAction.ABSORBED,
    }
)
"""The kinds of entry that are a change of the ticket (see the module's note)."""


def is_card_change(entry: HistoryEntry, changes: Mapping[str, object] | None = None) -> bool:
    """Whether ``entry``, written with ``changes`` (field -> value), becomes the ticket's
    last change."""
    return entry.action in CARD_CHANGES or "status" in (changes or {})


_FIELD_ACTIONS: dict[str, HistoryAction] = {
    "status": HistoryAction.STATUS,
    "priority": HistoryAction.PRIORITY,
    "type": HistoryAction.TYPE_CHANGED,
}
_TAKEN = frozenset({HistoryAction.CLAIMED, HistoryAction.ASSIGNED})  # NEW -> IN_PROGRESS


def _plain(value: object) -> str:
    return str(value.value) if isinstance(value, Enum) else str(value)


def own_change_explains(
    last: HistoryEntry | None, actor: str, field: str, seen: object, current: object
) -> bool:
    """Whether the ticket's last change (``last``) is ``actor``'s own and is what moved
    ``field`` from ``seen`` (what the control they pressed showed) to ``current``: their press
    came from a card drawn before a change of theirs, which they know of. A claim (or an
    assignment) moves a new ticket in progress; a status, priority or type change records the
    value before and after (``TicketWork``'s status, priority and type changes, resolving)."""
    if last is None or last.actor != actor:
        return False
    if field == "status" and last.action in _TAKEN:
        return seen == Status.NEW and current == Status.IN_PROGRESS
    action = _FIELD_ACTIONS.get(field)
    return (
        action is not None
        and last.action == action
        and last.before == _plain(seen)
        and last.after == _plain(current)
    )
