"""Recurring incidents: spotting a group of similar ones, and holding newcomers with it.

After an incident is posted, Guichet looks at the open, unlinked incidents its service received
within ``problems.window``: when ``problems.threshold`` of them (this one included) are about
the same thing — a group grown from it, each member similar to one already in it or close to two
of them (``bot/similarity.py``) — it suggests in the channel that they have one cause. An incident
belongs to one suggestion at most, ever (the store refuses a second membership), so the same
group is never suggested twice, and one an agent called "not related" stays so.

While a suggestion waits for an agent, a new similar incident joins it instead of being posted:
the suggestion's message lists it and its requester hears that it is being looked at with
similar reports. That is what keeps a channel readable when an outage starts: the first
reports are posted, the next hundred wait in one message for the agent's decision
(``bot/problems.py``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot.domain.config import ProblemsConfig
from bot.domain.errors import DeliveryDeferred, DeliveryFailed
from bot.domain.models import (
    HistoryAction,
    HistoryEntry,
    MessageRef,
    OutgoingKind,
    ProblemSuggestion,
    SuggestionState,
    Ticket,
    TicketType,
)
from bot.problems import notices
from bot.problems.notices import ProblemNotices
from bot.problems.ports import ProblemBoard
from bot.problems.similarity import group_match
from bot.tickets.desk import TicketDesk
from storage.problem_tickets import ProblemTickets
from storage.suggestions import SuggestionRepository

log = logging.getLogger(__name__)

SAMPLE = 10  # the incidents of a suggestion a newcomer is compared with (the first ones)


@dataclass(frozen=True)
class Held:
    """What became of a new incident offered to the pending suggestions."""

    ticket: Ticket | None = None  # held with a suggestion (not to be posted)
    problem_id: str | None = None  # its suggestion was accepted meanwhile: link it there


def gather(ticket: Ticket, candidates: list[Ticket]) -> list[Ticket]:
    """The candidates about the same thing as ``ticket``: grown from it, each joining when it
    is similar to the group so far (``bot.similarity.group_match``: similar to one member, or
    close to two), until none joins. In the candidates' order."""
    group: list[Ticket] = []
    texts = [ticket.text]
    remaining = list(candidates)
    grew = True
    while grew and remaining:
        grew = False
        for other in list(remaining):
            if group_match(other.text, texts[:SAMPLE]) is not None:
                group.append(other)
                texts.append(other.text)
                remaining.remove(other)
                grew = True
    return sorted(group, key=candidates.index)


class Recurring:
    def __init__(
        self,
        desk: TicketDesk,
        queries: ProblemTickets,
        suggestions: SuggestionRepository,
        board: ProblemBoard,
        notices: ProblemNotices,
    ) -> None:
        self.desk = desk
        self.queries = queries
        self.suggestions = suggestions
        self.board = board
        self.notices = notices

    @property
    def settings(self) -> ProblemsConfig:
        return self.desk.config.problems

    # --- spotting a group -------------------------------------------------------------------------
    async def spot(self, ticket: Ticket) -> ProblemSuggestion | None:
        """After ``ticket`` (an incident) was posted: suggest a problem if enough similar open
        incidents of its service arrived within the window. Returns the new suggestion."""
        if ticket.type is not TicketType.INCIDENT or ticket.problem_id is not None:
            return None
        since = ticket.created_at - self.settings.window
        recent = await self.queries.recent_unlinked_incidents(ticket.service, since)
        # Those posted in the channel: one not announced yet waits for its own turn.
        others = [o for o in recent if o.id != ticket.id and o.message is not None]
        if len(others) + 1 < self.settings.threshold:
            return None
        taken = await self.suggestions.members_among([ticket.id, *(t.id for t in others)])
        if ticket.id in taken:
            return None
        group = gather(ticket, [other for other in others if other.id not in taken])
        if len(group) + 1 < self.settings.threshold:
            return None
        if all(other.requester == ticket.requester for other in group):
            await self._warn_duplicate(ticket, group)  # one person, again: not a problem
            return None
        return await self._suggest([*group, ticket])

    async def _warn_duplicate(self, ticket: Ticket, earlier: list[Ticket]) -> None:
        """The same person reported the same thing again: say so in the ticket's thread."""
        try:
            await self.board.warn_duplicate(ticket, earlier)
        except DeliveryFailed as failure:  # a hint only: the ticket is posted all the same
            log.warning("could not say %s is a duplicate: %s", ticket.id, failure.reason)

    async def _suggest(self, group: list[Ticket]) -> ProblemSuggestion | None:
        now = self.desk.clock.now()
        suggestion_id = await self.suggestions.next_id()
        ids = [ticket.id for ticket in group]
        claimed = await self.suggestions.claim_members(suggestion_id, ids, now)
        if ids[-1] not in claimed or len(claimed) < self.settings.threshold:
            await self.suggestions.release_members(suggestion_id, claimed)
            return None  # another filing grouped some of them first
        suggestion = ProblemSuggestion(
            id=suggestion_id,
            service=group[-1].service,
            incidents=tuple(claimed),
            state=SuggestionState.PENDING,
            created_at=now,
        )
        await self.suggestions.insert(suggestion)
        members = [ticket for ticket in group if ticket.id in claimed]
        try:
            ref = await self._post(suggestion, members)
        except DeliveryFailed as failure:  # nobody saw it: as if it never was
            log.error("could not post suggestion %s: %s", suggestion_id, failure.reason)
            await self._withdraw(suggestion_id)
            return None
        await self.suggestions.set_message(suggestion_id, ref)
        log.info(
            "suggested a problem for %s",
            ", ".join(claimed),
            extra={"service": suggestion.service},
        )
        return await self.suggestions.get(suggestion_id)

    async def _post(self, suggestion: ProblemSuggestion, members: list[Ticket]) -> MessageRef:
        """Post the suggestion. Slack may have posted it though the answer was lost (no answer,
        a 5xx): it is looked for by its metadata, and kept, before it counts as unseen (else
        its message would stay with buttons acting on nothing, and the next report suggest
        the same incidents again)."""
        try:
            return await self.board.post_suggestion(suggestion, members)
        except DeliveryDeferred:
            found = await self.board.find_suggestion(suggestion, suggestion.created_at)
            if found is None:
                raise
            log.warning("suggestion %s found after an unanswered post: kept", suggestion.id)
            return found

    async def _withdraw(self, suggestion_id: str) -> None:
        """Forget a suggestion nobody saw; what it held meanwhile is posted as usual."""
        gone = await self.suggestions.take(suggestion_id)
        if gone is None:
            return
        await self.suggestions.release_members(suggestion_id, gone.incidents)
        items = []
        for incident in await self.queries.get_many(gone.held):
            if incident.message is None and incident.problem_id is None:
                posted = await self.desk.post(incident)
                items.append(notices.direct(OutgoingKind.SEPARATED, posted, suggestion_id))
        await self.notices.queue(items, at_once=[item_id for item_id, _ in items])

    # --- holding newcomers ------------------------------------------------------------------------
    async def hold(self, ticket: Ticket) -> Held:
        """Before ``ticket`` (an incident) is posted: if a pending suggestion of its service
        is about the same thing, it joins it (not posted). When that suggestion was just
        accepted, ``Held.problem_id`` names the problem to link it to instead."""
        match = await self._pending_match(ticket)
        if match is None:
            return Held()
        now = self.desk.clock.now()
        if ticket.id not in await self.suggestions.claim_members(match.id, [ticket.id], now):
            return Held()
        held = await self.suggestions.hold(match.id, ticket.id)
        if held is None:  # decided a moment ago
            await self.suggestions.release_members(match.id, [ticket.id])
            decided = await self.suggestions.get(match.id)
            return Held(problem_id=decided.problem_id if decided else None)
        entry = HistoryEntry(ticket.id, now, "guichet", HistoryAction.HELD, after=match.id)
        ticket = await self.desk.apply_change(ticket, entry, {}, {}) or ticket
        if held.state is SuggestionState.PENDING:
            grouped = notices.direct(OutgoingKind.GROUPED, ticket, match.id)
            shown = notices.suggestion_refresh(match.id, ticket.id)  # its count, now
            await self.notices.queue([grouped, shown], at_once=[grouped[0], shown[0]])
        # else its problem is being created: the creation links it, and tells its requester
        return Held(ticket=ticket)

    async def _pending_match(self, ticket: Ticket) -> ProblemSuggestion | None:
        best: tuple[float, ProblemSuggestion] | None = None
        for suggestion in await self.suggestions.pending(ticket.service):  # waiting ones
            sample = await self.queries.get_many(suggestion.incidents[:SAMPLE])
            score = group_match(ticket.text, [other.text for other in sample])
            if score is not None and (best is None or score > best[0]):
                best = (score, suggestion)
        return best[1] if best else None
