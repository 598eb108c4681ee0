"""Whose a ticket is when nobody has it any more: a reopened ticket goes back to its last
assignee (if they still work its service), else back to the queue, new — never "in progress
with nobody on it"."""

from __future__ import annotations

from bot.domain.models import HistoryAction, HistoryEntry, Status, Ticket
from bot.tickets.ports import Directory

_TAKING = (HistoryAction.CLAIMED, HistoryAction.ASSIGNED, HistoryAction.ACKNOWLEDGED)


def last_assignee(history: list[HistoryEntry]) -> str | None:
    """The person the ticket was last given to (claimed, assigned, or taken by acknowledging),
    from its history (oldest first); ``None`` when nobody ever had it."""
    for entry in reversed(history):
        if entry.action in _TAKING and entry.after:
            return entry.after
    return None


async def reopening(
    ticket: Ticket, history: list[HistoryEntry], directory: Directory
) -> tuple[Status, str | None]:
    """The status and assignee of ``ticket`` reopened: in progress with its assignee (the
    current one, or the last one who still works its service), else new with nobody."""
    if ticket.assignee:
        return Status.IN_PROGRESS, ticket.assignee
    last = last_assignee(history)
    if last and await directory.may_work(ticket, last):
        return Status.IN_PROGRESS, last
    return Status.NEW, None
