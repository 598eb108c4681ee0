"""When a problem (or an emergency) ends, its linked incidents end with it.

- **Resolved**: each of its open incidents is resolved too, with a history entry naming the
  problem, and its requester is told once, in their language, that the cause is fixed (with the
  usual "is it solved?" buttons), through the outbox, paced (``bot/problem_notices.py``).
- **Cancelled**: its open incidents are released: unlinked, posted in their channel as tickets
  of their own, their requesters told.

Nothing is lost when the process dies midway: the change that resolves (or cancels) the problem
also marks it ``fanout_at`` (a change hook, so in the same atomic write), the fan-out runs right
after, and clears the mark when every incident got its outcome. A fan-out still marked a minute
later (its process died) is run again by the scheduler's tick, on any replica. Running it twice
does nothing twice: each incident is resolved by a write that expects it open and linked, and
each message has an id saying what it is about.

An incident resolved this way whose requester says "not solved" is taken out of the problem
and posted on its own: the fix did not work for them, the team must see it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import datetime, timedelta
from typing import Any

from bot.domain.errors import NotLinked
from bot.domain.models import (
    PARENT_TYPES,
    HistoryAction,
    HistoryEntry,
    OutgoingKind,
    Status,
    Ticket,
)
from bot.problems import notices
from bot.problems.linking import Links
from bot.problems.notices import Item, ProblemNotices
from bot.telemetry.isolation import Guarded, isolated
from bot.tickets.desk import TicketDesk
from bot.working.changes import Changed
from storage.problem_tickets import ProblemTickets

log = logging.getLogger(__name__)

GRACE = timedelta(minutes=1)  # a fan-out still owed after this is taken over by a tick
ACTOR = "guichet"
ENDINGS = (Status.RESOLVED, Status.CANCELLED)


def fanout_hook(ticket: Ticket, changes: dict[str, Any], at: datetime) -> dict[str, Any]:
    """The ``ChangeHook`` marking a problem whose incidents are owed its outcome."""
    status = changes.get("status")
    if (
        status in ENDINGS
        and status != ticket.status
        and ticket.type in PARENT_TYPES
        and ticket.linked_incidents
    ):
        return {"fanout_at": at}
    return {}


class FanOut:
    def __init__(
        self,
        desk: TicketDesk,
        queries: ProblemTickets,
        links: Links,
        notices: ProblemNotices,
        wake: Callable[[], None],
    ) -> None:
        """``wake`` asks the scheduler for a tick now."""
        self.desk = desk
        self.wake = wake
        self.queries = queries
        self.links = links
        self.notices = notices

    async def after_change(self, changed: Changed) -> None:
        """A ``ChangeAnnouncer`` follower: fan out a problem's end; release an incident whose
        requester says the problem's fix did not solve it; offer a reopened problem the
        reports told as a possible recurrence of it."""
        ticket = changed.ticket
        if ticket.fanout_at is not None and ticket.type in PARENT_TYPES:
            await self.run(ticket, changed.entry.actor)
        elif (
            ticket.type in PARENT_TYPES
            and changed.before.status is Status.RESOLVED
            and ticket.is_open
        ):
            await self._offer_recurrences(ticket, changed.entry.at)
        elif changed.entry.action == HistoryAction.REOPENED and ticket.problem_id is not None:
            await self._release_reopened(ticket, changed.entry.actor)

    async def sweep(self, now: datetime) -> None:
        """A scheduler step: run again the fan-outs cut short. One that fails is logged and
        left marked for the next tick, and holds up no other; a database down stops the step."""
        for parent in await self.queries.fanouts_due(now - GRACE):
            log.warning(
                "taking over the unfinished fan-out of %s",
                parent.id,
                extra={"ticket_id": parent.id},
            )
            with isolated(
                log,
                "could not fan out the end of %s: tried again at the next tick",
                parent.id,
                ticket_id=parent.id,
            ):
                await self.run(parent, ACTOR)

    async def run(self, parent: Ticket, actor: str) -> None:
        """Give ``parent``'s open incidents its outcome, then clear the mark. An incident that
        fails is logged and holds up no other: the mark stays, and the sweep runs the fan-out
        again (what was done is not done twice); a database down stops it."""
        since = parent.fanout_at
        if since is None:
            return
        incidents = await self.queries.linked_to(parent.id)
        items: list[Item] = []
        failed = 0
        if parent.status in (Status.RESOLVED, Status.CLOSED):
            for incident in incidents:
                with _given_the_end(incident, parent) as resolving:
                    items += await self._resolve(incident, parent, actor, since)
                failed += 1 if resolving.failed else 0
            await self.notices.queue(items)
        elif parent.status is Status.CANCELLED:
            for incident in incidents:
                if incident.is_open:
                    with _given_the_end(incident, parent) as releasing:
                        released = await self._release(incident, parent, actor)
                        await self.notices.queue(released)
                        items += released
                    failed += 1 if releasing.failed else 0
        if not failed:  # every incident has its outcome: the thread's replies show it
            replies = await self.notices.linked_replies(parent.id)
            shown = [notices.linked_shown(parent.id, ref, since.isoformat()) for ref in replies]
            await self.notices.queue(shown)
            items += shown
            await self.queries.finish_fanout(parent.id, since)
        if items:
            log.info(
                "%s ended: %d linked incidents told",
                parent.id,
                len(incidents) - failed,
                extra={"ticket_id": parent.id},
            )
            self.wake()  # the outbox goes out from the next tick on, paced

    async def _resolve(
        self, incident: Ticket, parent: Ticket, actor: str, since: datetime
    ) -> list[Item]:
        """Resolve an open incident; what its requester is owed. One this fan-out resolved
        already (a run cut short between the two) is owed it again: the ids make it once."""
        if not incident.is_open:
            resolved_at = incident.sla.resolved_at
            ended = incident.status in (Status.RESOLVED, Status.CLOSED)
            if ended and resolved_at is not None and resolved_at >= since:
                return self._told_fixed(incident, parent, since)
            return []
        entry = HistoryEntry(
            incident.id,
            self.desk.clock.now(),
            actor,
            HistoryAction.STATUS,
            before=incident.status.value,
            after=Status.RESOLVED.value,
            note=parent.id,
        )
        resolved = await self.desk.apply_change(
            incident,
            entry,
            {"status": Status.RESOLVED},
            expect={"status": incident.status, "problem_id": parent.id},
        )
        if resolved is None:
            return []  # changed meanwhile (resolved, cancelled, unlinked): left as it is
        return self._told_fixed(resolved, parent, since)

    def _told_fixed(self, incident: Ticket, parent: Ticket, since: datetime) -> list[Item]:
        tag = since.isoformat()
        items = [notices.direct(OutgoingKind.FIXED, incident, parent.id, tag, bulk=True)]
        if incident.message is not None:
            items.append(notices.refresh(incident.id, f"fixed:{parent.id}:{tag}"))
        return items

    async def _release(self, incident: Ticket, parent: Ticket, actor: str) -> list[Item]:
        items = await self._unlinked(incident, parent, actor)
        if items:
            items.append(notices.direct(OutgoingKind.SEPARATED, incident, parent.id, bulk=True))
        return items

    async def _unlinked(self, incident: Ticket, parent: Ticket, actor: str) -> list[Item]:
        """Post on its own (when it never was: first, so that a run cut short leaves nothing
        unseen), unlink, update its message; what to deliver for it (nothing if it moved
        meanwhile)."""
        if incident.message is None:
            incident = await self.desk.post(incident)
        try:
            released = await self.links.unlink(incident, parent, actor)
        except NotLinked:
            return []
        return [notices.refresh(released.id, f"unlinked:{parent.id}")]

    async def _offer_recurrences(self, parent: Ticket, at: datetime) -> None:
        """``parent`` was reopened: the reports filed since its fix that were told as a
        possible recurrence of it (within ``RECURRENCE_WINDOW`` of the fix) were posted as
        tickets of their own, and the storm only links the later ones; their replies are
        redrawn with a button to link them (each one's redraw decides, as it is delivered,
        whether it may still join)."""
        replies = await self.notices.recurrence_replies(parent.id)
        tag = f"reopened:{at.isoformat()}"
        items = [
            notices.recurrence_shown(incident, parent.id, ref, tag) for incident, ref in replies
        ]
        if items:
            await self.notices.queue(items)
            self.wake()

    async def _release_reopened(self, incident: Ticket, actor: str) -> None:
        parent = await self.desk.tickets.get(incident.problem_id or "")
        if parent is None or parent.is_open:
            return  # the problem is still being worked: the incident stays with it
        items = await self._unlinked(incident, parent, actor)
        if items:  # the reply listing it said it was resolved with the fix: no longer
            try:
                reply, _ = await self.notices.linked_reply(incident.id, parent.id)
            except LookupError:
                pass
            else:
                items.append(notices.linked_shown(parent.id, reply, f"unlinked:{incident.id}"))
        await self.notices.queue(items)
        self.wake()


def _given_the_end(incident: Ticket, parent: Ticket) -> AbstractContextManager[Guarded]:
    """Around one incident of a fan-out: its failure is logged and holds up no other."""
    return isolated(
        log,
        "could not give %s the end of %s: tried again at the next tick",
        incident.id,
        parent.id,
        ticket_id=incident.id,
    )
