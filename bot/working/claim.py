"""Claiming a ticket: whoever may work it takes it; of two simultaneous claims one wins."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from bot.domain.errors import AlreadyClaimed, IllegalTransition
from bot.domain.models import HistoryAction, HistoryEntry, Status, Ticket
from bot.domain.workflow import can_move
from bot.tickets.desk import TicketDesk
from bot.tickets.ports import RequesterNotice
from bot.working.changes import Changed, Follower

log = logging.getLogger(__name__)


class Claims:
    def __init__(self, desk: TicketDesk, followers: Sequence[Follower] = ()) -> None:
        """``followers``: what must happen once a claim is told (its channel reminders
        updated: ``bot/paging/reminders_answered.py``)."""
        self.desk = desk
        self.followers = list(followers)

    async def claim(self, ticket_id: str, user: str) -> Ticket:
        """Assign the ticket to ``user``; exactly one of two simultaneous claims wins.

        Raises ``TicketNotFound``, ``NotAllowed``, ``TicketEnded``, ``AlreadyClaimed`` or
        ``IllegalTransition``; nothing is written then.
        """
        desk = self.desk
        ticket = await desk.require_workable(ticket_id, user)
        if ticket.assignee:
            raise AlreadyClaimed(ticket.id, ticket.assignee)
        status = Status.IN_PROGRESS if can_move(ticket.status, Status.IN_PROGRESS) else None
        changes: dict[str, object] = {"assignee": user}
        if status and ticket.status is Status.NEW:
            changes["status"] = status
        entry = HistoryEntry(ticket.id, desk.clock.now(), user, HistoryAction.CLAIMED, after=user)
        claimed = await desk.apply_change(
            ticket, entry, changes, expect={"assignee": None, "status": ticket.status}
        )
        if claimed is None:
            current = await desk.require(ticket_id)
            if not current.is_open:
                raise await desk.ended(current)
            if current.assignee:
                raise AlreadyClaimed(current.id, current.assignee)
            raise IllegalTransition(current.status, Status.IN_PROGRESS)
        await desk.notifier.refresh_ticket(claimed)
        await desk.notifier.tell_requester(claimed, RequesterNotice.CLAIMED, user)
        for follower in self.followers:
            try:
                await follower(Changed(before=ticket, ticket=claimed, entry=entry))
            except Exception:  # the claim and its announcement stand; the follower logs why
                log.exception("after the claim of %s", ticket.id)
        return claimed
