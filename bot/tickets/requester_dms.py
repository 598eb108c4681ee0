"""Only the latest DM about a ticket keeps buttons.

Every DM to the requester may carry buttons (cancel, "is it solved?", a rating). Once a later DM
is sent, or the ticket is closed, cancelled or answered, the earlier ones would be live and
misleading: a red "Cancel ticket" on a closed ticket, a Yes/No already answered. ``LatestDms``
keeps the rule: each DM sent is recorded on the ticket when it carries buttons, and the ones
recorded before lose theirs, saying what became of the ticket. This notifier wraps the Slack one
with it; the problem board's DMs (known issue, fixed, ...) go through it too
(``bot/problems/notices.py``).
"""

from __future__ import annotations

import logging

from bot.domain.errors import StoreUnavailable
from bot.domain.models import HistoryEntry, MessageRef, Ticket
from bot.domain.sent_dm import SentDm
from bot.tickets.ports import AgentNotice, Notifier, RequesterNotice
from storage.tickets import TicketRepository

log = logging.getLogger(__name__)


class LatestDms:
    """The requester's DMs about a ticket that still carry buttons: the latest only."""

    def __init__(self, tickets: TicketRepository, slack: Notifier) -> None:
        self._tickets = tickets
        self._slack = slack  # takes the buttons off (``retire_dm``)

    async def took_over(self, ticket: Ticket, sent: SentDm | None) -> None:
        """``sent`` (a DM with buttons, or ``None``) went to ``ticket``'s requester: record it
        and take the buttons off the DMs recorded before (a failure here is logged: the DM
        itself went out). A DM without buttons about an open ticket (or one Slack refused)
        leaves the earlier ones live."""
        if sent is None and ticket.is_open:
            return  # an open ticket's earlier buttons still fit, unless a new DM has them
        try:
            earlier = await self._tickets.swap_requester_dms(ticket.id, [sent] if sent else [])
        except StoreUnavailable:
            log.warning("could not record the DM about %s", ticket.id, exc_info=True)
            return
        for dm in earlier:
            await self._slack.retire_dm(dm, ticket, superseded=sent is not None)


class LatestDmNotifier:
    """A ``Notifier`` whose ``tell_requester`` retires the earlier DMs' buttons."""

    def __init__(self, inner: Notifier, latest: LatestDms) -> None:
        self._inner = inner
        self._latest = latest

    async def post_ticket(self, ticket: Ticket, change: HistoryEntry | None = None) -> MessageRef:
        return await self._inner.post_ticket(ticket, change)

    async def refresh_ticket(self, ticket: Ticket, change: HistoryEntry | None) -> None:
        await self._inner.refresh_ticket(ticket, change)

    async def mark_moved(self, old: MessageRef, ticket: Ticket, change: HistoryEntry) -> None:
        await self._inner.mark_moved(old, ticket, change)

    async def tell_agents(
        self, ticket: Ticket, notice: AgentNotice, actor: str, note: str | None = None
    ) -> None:
        await self._inner.tell_agents(ticket, notice, actor, note)

    async def retire_dm(self, dm: SentDm, ticket: Ticket, superseded: bool) -> None:
        await self._inner.retire_dm(dm, ticket, superseded)

    async def tell_requester(
        self, ticket: Ticket, notice: RequesterNotice, actor: str
    ) -> SentDm | None:
        """Send the DM, then keep the rule (``LatestDms.took_over``)."""
        sent = await self._inner.tell_requester(ticket, notice, actor)
        await self._latest.took_over(ticket, sent)
        return sent
