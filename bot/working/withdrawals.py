"""What cancelling a catalogue request that awaits approval needs from the approvals.

The requester's Cancel (``RequesterFollowUp.cancel``) is the one cancel; a request still held
for approval has approvers waiting with buttons, so before the ticket is cancelled its approval
is closed as withdrawn (one conditional update, which an approver's decision at the same
instant either beats or loses to), and once it is cancelled the approvers' DMs are updated.
Implemented by ``bot/catalogue/withdrawal.py`` (the catalogue sits above working).
"""

from __future__ import annotations

from typing import Protocol

from bot.domain.models import Ticket


class Withdrawals(Protocol):
    async def withdraw(self, ticket: Ticket) -> None:
        """Close ``ticket``'s pending approval as withdrawn. Raises ``StaleTicket`` (saying
        who decided) when an approver decided first: nothing is withdrawn then."""
        ...

    async def withdrawn(self, ticket: Ticket) -> None:
        """After ``ticket`` is cancelled: every approver's DM updated (through the outbox),
        the withdrawal settled."""
        ...
