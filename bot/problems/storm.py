"""Storm mode: while a problem or an emergency is open, new incidents about it join it.

A new incident is compared (``bot/similarity.py``) with each open problem of its service and
each open emergency of any service: their title, their title and description, and the first
incidents linked to them. The best that matches (``bot.similarity.group_match``: similar to
one of those, or close to two) takes it: the incident is linked at once instead of being posted
in the channel; its requester is told right away that it is a known issue (which one) and that
they will hear when it is fixed; the problem's thread gets a reply listing it (with an Unlink
button) and its message an updated count, with the next scheduler tick (one reply and one
update for every incident linked meanwhile, however many).

Why problems match within their service and emergencies across all of them: a problem is one
service's investigation, grouped from that service's incidents, and an incident about it goes
to that service too (the same words route the same way). An emergency is a major outage: the
people hit by it file incidents in their own words, which the classifier sends to the service
desk, to infrastructure or to security; the emergency is where they all belong.

When nothing matches, the incident may still join a pending suggestion (``bot/recurring.py``);
otherwise it is posted as usual, then looked at for a recurring group. A replica decides for one
service's incidents one at a time (the decision and the post it leads to), so the report that
completes a group is posted and suggested before the next one is looked at: the next one joins
the suggestion instead of being posted too. Replicas do not wait for each other; at worst an
incident arriving on another at that very moment is posted as usual.
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from bot.domain import oncall as paging_rules
from bot.domain.models import OutgoingKind, Ticket, TicketType
from bot.governance.privacy import may_link
from bot.problems import notices
from bot.problems.linking import Links
from bot.problems.notices import ProblemNotices
from bot.problems.recurring import Recurring
from bot.problems.similarity import group_match
from bot.tickets.desk import TicketDesk
from storage.problem_tickets import ProblemTickets

log = logging.getLogger(__name__)

SAMPLE = 10  # linked incidents a newcomer is compared with (the first ones: the original group)
RECURRENCE_WINDOW = timedelta(hours=24)
"""How long after a problem's fix a like report is told to the team as a possible recurrence.
A fix that did not hold shows within a working day (the people who log in the next morning);
the storm window (``problems.window``, 2 h by default) is too short for that, and later than a
day a like report is a new occurrence, which the recurring-incidents suggestion handles."""
ACTOR = "guichet"


@dataclass(frozen=True)
class _Texts:
    """What a problem says, for comparing: kept while its first linked incidents stay."""

    sample: tuple[str, ...]
    texts: tuple[str, ...]


class Storm:
    """The filing triage (``TicketDesk.triage``) of problems and storms."""

    def __init__(
        self,
        desk: TicketDesk,
        queries: ProblemTickets,
        links: Links,
        recurring: Recurring,
        notices: ProblemNotices,
    ) -> None:
        self.desk = desk
        self.queries = queries
        self.links = links
        self.recurring = recurring
        self.notices = notices
        self._texts: dict[str, _Texts] = {}
        self._locks: defaultdict[str, asyncio.Lock] = defaultdict(asyncio.Lock)

    async def route(self, ticket: Ticket, post: Callable[[Ticket], Awaitable[Ticket]]) -> Ticket:
        """The ``FilingTriage`` of problems and storms (see the module's docstring)."""
        if not self.desk.config.problems.enabled:
            return await post(ticket)
        if ticket.type is TicketType.EMERGENCY:
            return await self._another_emergency(ticket, post)
        if ticket.type is not TicketType.INCIDENT:
            return await post(ticket)
        async with self._locks[ticket.service]:
            try:
                handled = await self.intercept(ticket)
            except Exception:  # never lose a ticket: it is posted as usual
                log.exception("could not look for a problem behind %s", ticket.id)
                handled = None
            if handled is not None:
                return handled
            posted = await post(ticket)
            await self.tell_recurrence(posted)
            if posted.message is not None:
                try:
                    await self.recurring.spot(posted)
                except Exception:
                    log.exception("could not look for incidents like %s", ticket.id)
            return posted

    async def intercept(self, ticket: Ticket) -> Ticket | None:
        """Link a new incident to the problem behind it, or hold it with a suggestion; returns
        it then, else ``None`` (it is to be posted)."""
        parent = await self.matching_parent(ticket)
        if parent is not None:
            linked = await self.join(ticket, parent)
            if linked is not None:
                return linked
        held = await self.recurring.hold(ticket)
        if held.problem_id is not None:  # its suggestion became a problem while we looked
            problem = await self.desk.tickets.get(held.problem_id)
            if problem is not None and problem.is_open:
                return await self.join(ticket, problem)
        return held.ticket

    async def _another_emergency(
        self, ticket: Ticket, post: Callable[[Ticket], Awaitable[Ticket]]
    ) -> Ticket:
        """A new emergency about an outage already declared (in either language, by anyone)
        joins the open emergency instead of paging on-call a second time; else it is posted."""
        try:
            parent = await self.matching_parent(ticket, emergencies_only=True)
            joined = await self.join(ticket, parent) if parent is not None else None
        except Exception:  # never lose a ticket: it is posted as usual
            log.exception("could not look for an emergency like %s", ticket.id)
            joined = None
        if joined is not None:
            return joined
        posted = await post(ticket)
        await self.tell_recurrence(posted)
        return posted

    # --- matching -------------------------------------------------------------------------------
    async def matching_parent(
        self, ticket: Ticket, emergencies_only: bool = False
    ) -> Ticket | None:
        """The open problem (same service) or emergency (any service) ``ticket`` is about; an
        emergency is only compared with the open emergencies filed before it."""
        problems = (
            []
            if emergencies_only
            else await self.queries.open_of_type(TicketType.PROBLEM, ticket.service)
        )
        emergencies = [
            parent
            for parent in await self.queries.open_of_type(TicketType.EMERGENCY)
            if parent.id != ticket.id
            and parent.problem_id is None
            and parent.created_at <= ticket.created_at
        ]
        best: tuple[float, Ticket] | None = None
        config = self.desk.config
        for parent in [*problems, *emergencies]:
            if not may_link(config, ticket.service, parent.service):
                continue  # a private case never joins another team's problem, nor the reverse
            score = group_match(ticket.text, await self._texts_of(parent))
            if score is not None and (best is None or score > best[0]):
                best = (score, parent)
        return best[1] if best else None

    async def _texts_of(self, parent: Ticket) -> tuple[str, ...]:
        sample = parent.linked_incidents[:SAMPLE]
        cached = self._texts.get(parent.id)
        if cached is not None and cached.sample == sample:
            return cached.texts
        linked = await self.queries.get_many(sample)
        texts = (parent.title, parent.text, *(incident.text for incident in linked))
        if len(self._texts) > 1000:
            self._texts.clear()
        self._texts[parent.id] = _Texts(sample, texts)
        return texts

    async def recently_fixed(self, ticket: Ticket) -> Ticket | None:
        """The problem (same service) or emergency (any service) fixed within
        ``RECURRENCE_WINDOW`` that ``ticket`` is like, the best match; ``None`` when none."""
        since = self.desk.clock.now() - RECURRENCE_WINDOW
        fixed = await self.queries.fixed_since((TicketType.PROBLEM, TicketType.EMERGENCY), since)
        best: tuple[float, Ticket] | None = None
        for parent in fixed:
            if parent.id == ticket.id or parent.problem_id is not None:
                continue  # itself, or an emergency that had joined another
            if parent.type is TicketType.PROBLEM and parent.service != ticket.service:
                continue
            if not may_link(self.desk.config, ticket.service, parent.service):
                continue
            score = group_match(ticket.text, await self._texts_of(parent))
            if score is not None and (best is None or score > best[0]):
                best = (score, parent)
        return best[1] if best else None

    async def tell_recurrence(self, posted: Ticket) -> None:
        """A report posted as usual that matches a problem fixed a short while ago: its team
        is told in its thread (a possible recurrence: the fix may not have held). Never holds
        up the filing: a failure is logged."""
        if not posted.is_open or posted.problem_id is not None:
            return
        try:
            parent = await self.recently_fixed(posted)
            if parent is None:
                return
            log.info(
                "%s matches %s, fixed recently",
                posted.id,
                parent.id,
                extra={"ticket_id": posted.id},
            )
            told = notices.recurrence(posted, parent.id)
            await self.notices.queue([told], at_once=[told[0]])
        except Exception:
            log.exception("could not look for a fixed problem like %s", posted.id)

    # --- joining --------------------------------------------------------------------------------
    def _quiet(self, incident: Ticket) -> dict[str, Any]:
        """What else changes when a ticket joins its parent: a second emergency stops paging
        (the first one's on-call people are on it)."""
        paging = incident.paging
        if paging is None or not paging.active:
            return {}
        return {"paging": paging_rules.stop(paging, self.desk.clock.now())}

    async def join(self, ticket: Ticket, parent: Ticket) -> Ticket | None:
        """Link a new incident to ``parent`` and tell everyone; ``None`` if it could not be
        linked (then it is posted as usual)."""
        parent, linked = await self.links.link(parent, [ticket], ACTOR, also=self._quiet)
        if not linked:
            return None
        incident = linked[0]
        if not parent.is_open:  # resolved at that very moment: its fan-out may have missed it
            await self.links.unlink(incident, parent, ACTOR)
            return None
        log.info("%s linked to %s", incident.id, parent.id, extra={"ticket_id": incident.id})
        told = notices.direct(OutgoingKind.KNOWN_ISSUE, incident, parent.id)
        await self.notices.queue(
            [told, notices.linked(incident, parent.id)],
            at_once=[told[0]],
        )
        return incident
