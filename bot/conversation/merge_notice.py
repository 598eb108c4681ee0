"""Telling both requesters of a merge (``bot/working/merging.py``), in each ticket's DM thread,
through the stored outbox: the duplicate's requester that their ticket was closed into the other,
the kept ticket's requester that a duplicate joined theirs. Each notice is stored before the
merge is written and says nothing unless the merge is found done when it goes. Once the
duplicate's requester is told, their earlier DMs about it lose their buttons (Cancel, Add
information: refused on a closed ticket) and say where it went (``LatestDms``), as a closing or
a cancellation does."""

from __future__ import annotations

from bot.conversation.ports import ThreadPost
from bot.conversation.relay import Conversation
from bot.conversation.requester_delivery import RequesterDelivery
from bot.domain.merging import merged_into
from bot.domain.models import Outgoing, Ticket
from bot.tickets.requester_dms import LatestDms


class MergeNoticeDelivery(RequesterDelivery):
    """The outbox's ``Sender`` of ``OutgoingKind.MERGE_NOTICE`` (``about``: the other ticket)."""

    def __init__(self, conversation: Conversation, latest: LatestDms) -> None:
        """``latest``: the requester's DMs that still carry buttons, retired on the duplicate."""
        super().__init__(conversation)
        self.latest = latest

    async def wanted(self, ticket: Ticket, message: Outgoing) -> bool:
        return await self._side(ticket, message) is not None

    async def post(self, ticket: Ticket, post: ThreadPost, message: Outgoing) -> None:
        absorbed = await self._side(ticket, message)
        await self.conversation.relay.tell_merged(
            ticket, post, message.about or "", bool(absorbed), message.actor or ""
        )
        if absorbed is False:  # the duplicate, closed: nothing its earlier buttons can do
            await self.latest.took_over(ticket, None)

    async def _side(self, ticket: Ticket, message: Outgoing) -> bool | None:
        """``False``: ``ticket`` is the duplicate merged into ``about``; ``True``: ``about`` was
        merged into ``ticket``; ``None``: no such merge (it did not happen)."""
        other_id = message.about or ""
        if merged_into(ticket.extra) == other_id:
            return False
        other = await self.conversation.desk.tickets.get(other_id)
        if other is not None and merged_into(other.extra) == ticket.id:
            return True
        return None
