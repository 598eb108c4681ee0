"""What agents do with problems: answer a suggestion ("Create a problem" / "Not related") and
unlink an incident that was linked by mistake.

Only the people of the suggestion's (or the problem's) service may. A suggestion is answered
once: the decision is one conditional write, so of two agents pressing at the same moment one
decides and the other is told what was decided.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot.domain.errors import (
    AlreadyDecided,
    AwaitingApproval,
    CannotLink,
    NotAllowed,
    NotLinked,
    StoreUnavailable,
    SuggestionNotFound,
    TicketNotFound,
)
from bot.domain.models import (
    Language,
    Level,
    OutgoingKind,
    ProblemSuggestion,
    SuggestionState,
    Ticket,
    TicketType,
)
from bot.filing.drafts import DESCRIPTION_MAX, TITLE_MAX, ValidDraft
from bot.filing.filing import Filing
from bot.governance.privacy import may_link
from bot.locales.i18n import t
from bot.problems import notices
from bot.problems.linking import Links, may_join
from bot.problems.notices import ProblemNotices
from bot.problems.ports import ProblemBoard
from bot.problems.recurring import SAMPLE
from bot.problems.similarity import group_match
from bot.tickets.audit_lines import decision_line, settle
from storage.audit import SUGGESTIONS
from storage.problem_tickets import ProblemTickets
from storage.suggestions import SuggestionRepository

log = logging.getLogger(__name__)

DESCRIBED_MAX = 30  # incidents listed in a new problem's description
_URGENCY_ORDER = (Level.LOW, Level.MEDIUM, Level.HIGH)


@dataclass(frozen=True)
class ProblemCreated:
    suggestion: ProblemSuggestion
    problem: Ticket
    linked: list[Ticket]


class ProblemDesk:
    def __init__(
        self,
        filing: Filing,
        queries: ProblemTickets,
        suggestions: SuggestionRepository,
        links: Links,
        board: ProblemBoard,
        notices: ProblemNotices,
    ) -> None:
        self.filing = filing
        self.desk = filing.desk
        self.wake = filing.wake
        self.queries = queries
        self.suggestions = suggestions
        self.links = links
        self.board = board
        self.notices = notices

    # --- answering a suggestion -------------------------------------------------------------------
    async def create_problem(
        self, suggestion_id: str, agent: str, language: Language
    ) -> ProblemCreated:
        """File a problem (same service, requester ``agent``) for the suggestion's incidents
        and link them to it; post it; tell their requesters it is a known issue.

        Raises ``SuggestionNotFound``, ``NotAllowed``, ``AlreadyDecided``, ``StoreUnavailable``.
        """
        await self._decidable(suggestion_id, agent)
        decided = await self._decide(suggestion_id, SuggestionState.ACCEPTED, agent)
        # one sent to a private team since (or from one) is not this problem's: nor its text
        incidents = [
            incident
            for incident in await self.queries.get_many(decided.incidents)
            if may_link(self.desk.config, incident.service, decided.service)
        ]
        try:
            problem = await self.filing.file(
                self._draft(incidents, language),
                agent,
                language,
                source="suggestion",
                service=decided.service,
            )
        except StoreUnavailable:
            await self.suggestions.reopen(suggestion_id, agent)
            raise
        problem, linked = await self.links.link(problem, incidents, agent)
        adopted = await self._like(decided, incidents)
        if adopted:  # posted before the group formed, and like it: the same problem
            problem, more = await self.links.link(problem, adopted, agent)
            linked += more
        done = await self.suggestions.set_problem(suggestion_id, problem.id) or decided
        late = [i for i in done.incidents if i not in {incident.id for incident in incidents}]
        if late:  # held while the problem was being created
            problem, more = await self.links.link(problem, await self.queries.get_many(late), agent)
            linked += more
        problem = await self.desk.post(problem)
        log.info(
            "problem %s created from %s: %d incidents linked",
            problem.id,
            suggestion_id,
            len(linked),
            extra={"ticket_id": problem.id},
        )
        items = [notices.direct(OutgoingKind.KNOWN_ISSUE, i, problem.id, bulk=True) for i in linked]
        items += [notices.linked(incident, problem.id) for incident in linked]
        items += [
            notices.refresh(incident.id, f"linked:{problem.id}")
            for incident in linked
            if incident.message is not None
        ]
        shown = notices.suggestion_refresh(suggestion_id, "decided")
        await self.notices.queue([*items, shown], at_once=[shown[0]])
        self.wake()  # the requesters hear it from the next tick on, paced
        return ProblemCreated(done, problem, linked)

    async def dismiss(self, suggestion_id: str, agent: str) -> ProblemSuggestion:
        """ "Not related": record it; the incidents held with the suggestion are posted as
        usual and their requesters told. Raises like ``create_problem``."""
        await self._decidable(suggestion_id, agent)
        decided = await self._decide(suggestion_id, SuggestionState.DISMISSED, agent)
        items = []
        for incident in await self.queries.get_many(decided.held):
            if incident.is_open and incident.message is None and incident.problem_id is None:
                posted = await self.desk.post(incident)
                items.append(notices.direct(OutgoingKind.SEPARATED, posted, decided.id, bulk=True))
        shown = notices.suggestion_refresh(suggestion_id, "decided")
        await self.notices.queue([*items, shown], at_once=[shown[0]])
        if items:
            self.wake()
        return decided

    async def _like(self, suggestion: ProblemSuggestion, members: list[Ticket]) -> list[Ticket]:
        """The other open incidents of the service, posted within the window and in no
        suggestion, that are like the group: reported before the group formed, in other
        words, they were missed by it (the storm would link them from now on)."""
        since = self.desk.clock.now() - self.desk.config.problems.window
        recent = await self.queries.recent_unlinked_incidents(suggestion.service, since)
        ids = {member.id for member in members}
        others = [t for t in recent if t.id not in ids and t.message is not None]
        taken = await self.suggestions.members_among([t.id for t in others])
        texts = [member.text for member in members[:SAMPLE]]
        return [t for t in others if t.id not in taken and group_match(t.text, texts) is not None]

    async def _decidable(self, suggestion_id: str, agent: str) -> ProblemSuggestion:
        suggestion = await self.suggestions.get(suggestion_id)
        if suggestion is None:
            raise SuggestionNotFound(suggestion_id)
        if not await self.desk.directory.works_for(suggestion.service, agent):
            raise NotAllowed(suggestion.service)
        if suggestion.state is not SuggestionState.PENDING:
            raise _already(suggestion)
        return suggestion

    async def _decide(
        self, suggestion_id: str, state: SuggestionState, agent: str
    ) -> ProblemSuggestion:
        now = self.desk.clock.now()
        line = decision_line(agent, f"suggestion_{state.value}", now, after=suggestion_id)
        decided = await self.suggestions.decide(suggestion_id, state, agent, now, line)
        if decided is not None:
            await settle(self.desk.audit, suggestion_id, [line], SUGGESTIONS)
        if decided is None:
            current = await self.suggestions.get(suggestion_id)
            if current is None:
                raise SuggestionNotFound(suggestion_id)
            raise _already(current)
        return decided

    def _draft(self, incidents: list[Ticket], language: Language) -> ValidDraft:
        """The problem's text, from its incidents: the first one's title, and the list."""
        first = incidents[0].title if incidents else ""
        lines = [
            t(language, "problems.description.line", ticket_id=i.id, title=i.title)
            for i in incidents[:DESCRIBED_MAX]
        ]
        if len(incidents) > DESCRIBED_MAX:
            lines.append(
                t(language, "problems.description.more", count=len(incidents) - DESCRIBED_MAX)
            )
        description = "\n".join([t(language, "problems.description", count=len(incidents)), *lines])
        urgencies = [incident.urgency for incident in incidents] or [Level.MEDIUM]
        return ValidDraft(
            type=TicketType.PROBLEM,
            title=t(language, "problems.title", title=first)[:TITLE_MAX],
            description=description[:DESCRIPTION_MAX],
            impact=Level.HIGH,  # several people are hit: that is what makes it a problem
            urgency=max(urgencies, key=_URGENCY_ORDER.index),
        )

    # --- unlinking ------------------------------------------------------------------------------
    async def link_recurrence(self, incident_id: str, parent_id: str, agent: str) -> Ticket:
        """Link a report told as a possible recurrence of ``parent_id`` (a reply stored in the
        outbox says so: the button's pair is checked against it) to it, reopened since: its
        requester is told it is a known issue, the problem's thread lists it, its card and the
        reply show the link. Returns the incident. Raises ``ValueError`` (no such reply),
        ``TicketNotFound``, ``NotAllowed``, ``TicketEnded`` (either is over),
        ``AwaitingApproval`` or ``CannotLink``; writes nothing then."""
        incident = await self.desk.require(incident_id)
        parent = await self.desk.require(parent_id)
        replies = await self.notices.recurrence_replies(parent.id)
        refs = [ref for ticket_id, ref in replies if ticket_id == incident.id]
        if not refs:
            raise ValueError(f"{incident.id} was not told as a recurrence of {parent.id}")
        if not await self.desk.directory.may_work(parent, agent):
            raise NotAllowed(parent.service)
        for ticket in (parent, incident):
            if not ticket.is_open:
                raise await self.desk.ended(ticket)
        if incident.awaiting_approval:
            raise AwaitingApproval(incident.id)
        if incident.problem_id is not None or not may_join(incident):
            raise CannotLink(incident.id, parent.id, incident.problem_id)
        parent, linked = await self.links.link(parent, [incident], agent)
        if not linked:  # changed since it was read
            fresh = await self.desk.require(incident.id)
            if not fresh.is_open:
                raise await self.desk.ended(fresh)
            raise CannotLink(incident.id, parent.id, fresh.problem_id)
        incident = linked[0]
        log.info("%s linked to %s by %s", incident.id, parent.id, agent)
        told = notices.direct(OutgoingKind.KNOWN_ISSUE, incident, parent.id)
        at = self.desk.clock.now().isoformat()
        shown = notices.recurrence_shown(incident.id, parent.id, refs[-1], f"linked:{at}", agent)
        items = [told, shown, notices.linked(incident, parent.id)]
        if incident.message is not None:
            items.append(notices.refresh(incident.id, f"linked:{parent.id}:{at}"))
        await self.notices.queue(items, at_once=[told[0], shown[0]])
        return incident

    async def unlink(self, incident_id: str, agent: str) -> tuple[Ticket, Ticket]:
        """Take an incident out of the problem (or emergency) it was linked to: it is posted
        in its channel as a ticket of its own (unless it already was) and its requester told.
        Returns the incident and the problem. Raises ``TicketNotFound``, ``NotLinked``,
        ``NotAllowed``, or ``TicketEnded`` when the incident is over: resolved with the problem's
        fix, its requester was told so, and a ticket "of its own" would be nobody's work."""
        incident = await self.desk.require(incident_id)
        if incident.problem_id is None:
            raise NotLinked(incident.id)
        parent = await self.desk.tickets.get(incident.problem_id)
        if parent is None:
            raise TicketNotFound(incident.problem_id)
        if not await self.desk.directory.may_work(parent, agent):
            raise NotAllowed(parent.service)
        if not incident.is_open:  # resolved with the fix (its requester told so), or ended
            raise await self.desk.ended(incident)
        try:
            incident = await self.links.unlink(incident, parent, agent, open_only=True)
        except NotLinked:  # changed since it was read: ended meanwhile (the fix's fan-out)?
            fresh = await self.desk.require(incident_id)
            if fresh.problem_id == parent.id and not fresh.is_open:
                raise await self.desk.ended(fresh) from None
            raise
        items = [notices.refresh(parent.id, f"unlinked:{incident.id}")]
        if incident.is_open and incident.message is None:
            incident = await self.desk.post(incident)
        elif incident.message is not None:
            items.append(notices.refresh(incident.id, f"unlinked:{parent.id}"))
        told = notices.direct(OutgoingKind.SEPARATED, incident, parent.id)
        at_once = [told[0]]
        try:  # the reply that listed it shows it unlinked, without its button: stored, retried
            reply, _ = await self.notices.linked_reply(incident.id, parent.id)
        except LookupError:
            pass
        else:
            shown = notices.linked_shown(parent.id, reply, f"unlinked:{incident.id}")
            items.append(shown)
            at_once.append(shown[0])
        await self.notices.queue([told, *items], at_once=at_once)
        parent = await self.desk.tickets.get(parent.id) or parent
        return incident, parent


def _already(suggestion: ProblemSuggestion) -> AlreadyDecided:
    return AlreadyDecided(
        suggestion.id, suggestion.state.value, suggestion.decided_by, suggestion.problem_id
    )
