"""Merging a duplicate into a ticket (``bot/domain/merging.py`` says what a merge leaves).

An agent merges ticket A (the duplicate) into ticket B: both must be of services the agent works
(the rosters, on the STORED tickets), A open, B not ended, A not B, both of one service when
either is a private one (``may_link``: B's thread and card would show A's words and requester to
a public team, or the other way round), and neither a catalogue
request still awaiting approval (not its service's work yet: ``AwaitingApproval``, the refusal
of every other control; ``TicketDesk.refuse_ended``). Without transactions the two tickets are
written one after the other, each by one conditional update, in the order that leaves nothing
half-done:

1. the two requesters' notices are stored in the outbox, due a little later (a crash after the
   merge still tells them: the scheduler's ticks deliver them), and each says nothing unless A
   is found merged into B when it goes (a merge that did not happen tells nobody);
2. B absorbs A, only if B is still not ended, not merged itself, not awaiting approval and in
   the service it was read in: a B that ended meanwhile refuses the merge with nothing written;
3. A is closed as a duplicate of B, only if A still stands as it was read — its status, and the
   duplicates it absorbed (so A into B and B into A at the same moment cannot both happen: the
   second write of each sees the first write of the other) and in the service it was read in. If
   A changed meanwhile, B's
   absorption is withdrawn (recorded: ``absorb_undone``) and the agent is told what changed;
4. the notices are tried at once.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from bot.domain.approvals import ApprovalState
from bot.domain.errors import GuichetError, NotAllowed
from bot.domain.merging import ABSORBED, ENDED, MERGED_INTO, absorbed
from bot.domain.models import HistoryAction, Outgoing, OutgoingKind, Status, Ticket
from bot.domain.resolution import RESOLUTION, Category
from bot.governance.privacy import may_link
from bot.tickets.desk import TicketDesk
from bot.tickets.ports import Courier
from bot.working.changes import Changed, ChangeWriter
from storage.outbox import OutboxRepository

NOTICE_DELAY = timedelta(minutes=1)  # when the stored notices fall due if not sent at once
TICKET_ID_MAX = 20


class MergeRefusal(StrEnum):
    ITSELF = "itself"  # A into A
    TARGET_ENDED = "target_ended"  # B is closed or cancelled (a duplicate itself, perhaps)
    ACROSS_PRIVACY = "across_privacy"  # A and B of two services, one of them private


class CannotMerge(GuichetError):
    def __init__(self, ticket_id: str, target: str, reason: MergeRefusal) -> None:
        super().__init__(f"cannot merge {ticket_id} into {target}: {reason}")
        self.ticket_id = ticket_id
        self.target = target
        self.reason = reason


@dataclass(frozen=True)
class Merged:
    """Both writes of a merge: the duplicate closed, the ticket kept."""

    duplicate: Changed
    target: Changed


class Merging(ChangeWriter):
    def __init__(self, desk: TicketDesk, outbox: OutboxRepository, courier: Courier) -> None:
        super().__init__(desk)
        self._outbox = outbox
        self._courier = courier

    async def mergeable(self, ticket_id: str, actor: str) -> Ticket:
        """The open ticket ``actor`` may merge into another. Raises ``TicketNotFound``,
        ``NotAllowed``, ``TicketEnded`` (who ended it, and when) or ``AwaitingApproval``: the
        check every control passes (``TicketDesk.refuse_ended``)."""
        ticket = await self.desk.require(ticket_id)
        if not await self.desk.directory.may_work(ticket, actor):
            raise NotAllowed(ticket.service, requester=actor == ticket.requester)
        await self.desk.refuse_ended(ticket)
        return ticket

    async def merge(self, duplicate_id: str, target_id: str, actor: str) -> Merged:
        """Merge ``duplicate_id`` into ``target_id`` (see the module's note). Raises as
        ``mergeable`` (for either ticket), ``CannotMerge``, ``StaleTicket``; nothing is left
        written then."""
        target_id = target_id.strip().upper()[:TICKET_ID_MAX]
        duplicate = await self.mergeable(duplicate_id, actor)
        if target_id == duplicate.id:
            raise CannotMerge(duplicate.id, target_id, MergeRefusal.ITSELF)
        target = await self.desk.require(target_id)
        if not await self.desk.directory.may_work(target, actor):
            raise NotAllowed(target.service, requester=actor == target.requester)
        self.desk.refuse_awaiting_approval(target)  # not its service's work: takes nothing in
        if target.status in ENDED:
            raise CannotMerge(duplicate.id, target.id, MergeRefusal.TARGET_ENDED)
        if not may_link(self.desk.config, duplicate.service, target.service):
            raise CannotMerge(duplicate.id, target.id, MergeRefusal.ACROSS_PRIVACY)
        notices = await self._queue_notices(duplicate, target, actor)
        kept = await self._absorb(duplicate, target, actor)
        try:
            closed = await self._close(duplicate, target, actor)
        except GuichetError:
            await self._undo_absorb(duplicate, kept.ticket, actor)
            raise
        await self._courier.deliver_now(notices, self.desk.clock.now() + NOTICE_DELAY)
        return Merged(duplicate=closed, target=kept)

    async def _queue_notices(self, duplicate: Ticket, target: Ticket, actor: str) -> list[str]:
        now = self.desk.clock.now()
        attempt = uuid.uuid4().hex[:12]  # a merge called off and tried again is told anew
        pairs = [(duplicate, target), (target, duplicate)]
        items = [
            (
                f"{told.id}:{OutgoingKind.MERGE_NOTICE}:{duplicate.id}>{target.id}:{attempt}",
                Outgoing(
                    OutgoingKind.MERGE_NOTICE,
                    told.id,
                    told.requester,
                    about=other.id,
                    actor=actor,
                    token=attempt,
                ),
            )
            for told, other in pairs
        ]
        await self._outbox.add(items, now, due=now + NOTICE_DELAY)
        return [item_id for item_id, _ in items]

    async def _absorb(self, duplicate: Ticket, target: Ticket, actor: str) -> Changed:
        entry = self.entry(target, actor, HistoryAction.ABSORBED, after=duplicate.id)
        expect = {
            "status": {"$nin": [status.value for status in ENDED]},
            f"extra.{MERGED_INTO}": None,
            "approval": {"$ne": ApprovalState.PENDING.value},
            "service": target.service,  # sent across a private service's line meanwhile: stale
        }
        changed = await self.desk.apply_change(
            target, entry, {}, expect, add={f"extra.{ABSORBED}": [duplicate.id]}
        )
        if changed is not None:
            return Changed(before=target, ticket=changed, entry=entry)
        now = await self.desk.require(target.id)
        self.desk.refuse_awaiting_approval(now)
        if now.status in ENDED:
            raise CannotMerge(duplicate.id, target.id, MergeRefusal.TARGET_ENDED)
        raise await self.stale(target.id)

    async def _close(self, duplicate: Ticket, target: Ticket, actor: str) -> Changed:
        entry = self.entry(
            duplicate, actor, HistoryAction.MERGED, before=duplicate.status, after=target.id
        )
        resolution = {"note": "", "category": Category.DUPLICATE.value, "by": actor}
        changes: dict[str, object] = {
            "status": Status.CLOSED,
            f"extra.{MERGED_INTO}": target.id,
            f"extra.{RESOLUTION}": resolution,
        }
        taken_in = absorbed(duplicate.extra)
        expect: dict[str, object] = {
            "status": duplicate.status,
            "service": duplicate.service,
            f"extra.{MERGED_INTO}": None,
            "approval": duplicate.approval,
        }
        if taken_in:  # exactly what it had absorbed when read
            expect[f"extra.{ABSORBED}"] = taken_in
        else:  # nothing (absent, or emptied by an undone merge)
            expect[f"extra.{ABSORBED}.0"] = {"$exists": False}
        return await self.write(duplicate, entry, changes, expect)

    async def _undo_absorb(self, duplicate: Ticket, target: Ticket, actor: str) -> None:
        entry = self.entry(target, actor, HistoryAction.ABSORB_UNDONE, after=duplicate.id)
        await self.desk.apply_change(
            target, entry, {}, expect={}, remove={f"extra.{ABSORBED}": [duplicate.id]}
        )
