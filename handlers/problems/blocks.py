"""Block Kit for problems and storms: the suggestion in a service channel, the replies listing
the incidents linked to a problem (each with its Unlink button), and the requesters' messages."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from slack_sdk.models.blocks import (
    ActionsBlock,
    BlockElement,
    ButtonElement,
    ContextBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)
from slack_sdk.models.blocks.blocks import Block

from bot.domain.config import ServicesConfig
from bot.domain.models import (
    Language,
    OutgoingKind,
    ProblemSuggestion,
    Status,
    SuggestionState,
    Ticket,
    TicketType,
)
from bot.governance.privacy import shown_in_channel_of
from bot.locales.i18n import status_in_sentence, t
from bot.problems.linking import may_join
from bot.problems.titles import title_for
from handlers.kit import ids
from handlers.kit import mrkdwn as md
from handlers.kit.messages import Rendered, duration_text
from handlers.kit.values import pack
from handlers.tickets.card import HEADER_MAX, SECTION_MAX, requester_text, service_name
from handlers.tickets.requester_notices import requester_controls

SUGGESTION_LINES = 15
TITLE_SHOWN = 80
LINKED_PER_REPLY = 40  # sections in one reply; Slack allows 50 blocks a message
FIXED = (Status.RESOLVED, Status.CLOSED)

_DM_KEYS = {
    OutgoingKind.KNOWN_ISSUE: "problems.dm.known_issue",
    OutgoingKind.GROUPED: "problems.dm.grouped",
    OutgoingKind.SEPARATED: "problems.dm.separated",
    OutgoingKind.FIXED: "problems.dm.fixed",
}


def _section(
    text: str, block_id: str | None = None, accessory: BlockElement | None = None
) -> SectionBlock:
    return SectionBlock(
        block_id=block_id,
        text=MarkdownTextObject(text=md.truncate(text, SECTION_MAX)),
        accessory=accessory,
    )


def _title(ticket: Ticket) -> str:
    return md.escape(md.truncate(ticket.title, TITLE_SHOWN))


def incident_line(ticket: Ticket, language: Language, key: str = "problems.suggestion.line") -> str:
    return t(
        language,
        key,
        ticket_id=ticket.id,
        title=_title(ticket),
        requester=md.user(ticket.requester),
    )


# --- the suggestion ----------------------------------------------------------------------------
def suggestion_message(
    suggestion: ProblemSuggestion,
    incidents: Sequence[Ticket],
    config: ServicesConfig,
    language: Language,
    problem: Ticket | None = None,
) -> Rendered:
    """The suggestion as it stands: the incidents, and the two buttons while it is pending,
    or what was decided."""
    count = len(suggestion.incidents)
    service = md.escape(service_name(config, suggestion.service, language))
    window = duration_text(language, config.problems.window)
    shown = shown_in_channel_of(config, suggestion.service)
    lines = [
        incident_line(ticket, language)
        if ticket.service in shown
        # sent to another, private, team since: its id only, in this channel
        else t(language, "problems.suggestion.line_private", ticket_id=ticket.id)
        for ticket in incidents[:SUGGESTION_LINES]
    ]
    if count > SUGGESTION_LINES:
        lines.append(t(language, "problems.suggestion.more", count=count - SUGGESTION_LINES))
    blocks: list[Block] = [
        HeaderBlock(text=md.truncate(t(language, "problems.suggestion.header"), HEADER_MAX)),
        _section(
            t(language, "problems.suggestion.text", count=count, service=service, window=window)
        ),
        _section("\n".join(lines) or "—"),
    ]
    if suggestion.held and suggestion.state is SuggestionState.PENDING:  # once decided, the
        # held ones are linked to the problem or posted: nobody waits any more
        held = t(language, "problems.suggestion.held", count=len(suggestion.held))
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=held)]))
    decided_by = md.user(suggestion.decided_by) if suggestion.decided_by else ""
    if suggestion.state is SuggestionState.PENDING:
        blocks.append(_suggestion_buttons(suggestion, language))
    elif suggestion.state is SuggestionState.DISMISSED:
        blocks.append(_section(t(language, "problems.suggestion.dismissed", user=decided_by)))
    elif suggestion.problem_id is None:
        blocks.append(_section(t(language, "problems.suggestion.accepting", user=decided_by)))
    else:
        linked = len(problem.linked_incidents) if problem is not None else count
        text = t(
            language,
            "problems.suggestion.accepted",
            user=decided_by,
            problem_id=suggestion.problem_id,
            count=linked,
        )
        blocks.append(_section(text))
    return Rendered(t(language, "problems.suggestion.fallback", count=count), blocks)


def _suggestion_buttons(suggestion: ProblemSuggestion, language: Language) -> ActionsBlock:
    return ActionsBlock(
        block_id=ids.BLOCK_SUGGESTION_ACTIONS,
        elements=[
            ButtonElement(
                action_id=ids.ACTION_PROBLEM_CREATE,
                text=t(language, "problems.button.problem_create"),
                value=suggestion.id,
                style="primary",
            ),
            ButtonElement(
                action_id=ids.ACTION_PROBLEM_DISMISS,
                text=t(language, "problems.button.problem_dismiss"),
                value=suggestion.id,
            ),
        ],
    )


# --- the incidents linked to a problem ---------------------------------------------------------
def duplicate_reply(ticket: Ticket, earlier: Sequence[Ticket], language: Language) -> Rendered:
    """The reply in a ticket's thread saying its requester already reported the same thing."""
    ids = ", ".join(f"*{other.id}*" for other in earlier)
    text = t(
        language,
        "problems.duplicate.thread",
        ticket_id=ticket.id,
        user=md.user(ticket.requester),
        earlier=ids,
        count=len(earlier),
    )
    return Rendered(text, [])


def linked_reply(parent: Ticket, incidents: Sequence[Ticket], language: Language) -> Rendered:
    """A reply in the problem's thread: the incidents linked to it, each with an Unlink button
    while it is still linked and open (else it says it was unlinked, resolved with the
    problem's fix, or how it ended); the count in its header and its fallback text is of those
    still linked, so an Unlink takes one off. Once the problem is fixed, its header says so;
    none of them linked any more, it says that (never a count of 0)."""
    shown = list(incidents[:LINKED_PER_REPLY])
    linked = sum(1 for ticket in shown if ticket.problem_id == parent.id)
    fixed = parent.status in FIXED
    header = "problems.linked.header_fixed" if fixed else "problems.linked.header"
    fallback_key = "problems.linked.fallback_fixed" if fixed else "problems.linked.fallback"
    counted = linked
    if not linked:
        header = "problems.linked.header_fixed_none" if fixed else "problems.linked.header_none"
        fallback_key, counted = "problems.linked.fallback_none", len(shown)
    blocks: list[Block] = [_section(t(language, header, parent_id=parent.id, count=counted))]
    for ticket in shown:
        block_id = f"{ids.BLOCK_LINKED_PREFIX}{ticket.id}"
        if ticket.problem_id != parent.id:
            text = t(
                language, "problems.linked.unlinked", ticket_id=ticket.id, title=_title(ticket)
            )
            blocks.append(_section(text, block_id))
        elif ticket.is_open:
            button = ButtonElement(
                action_id=ids.ACTION_UNLINK,
                text=t(language, "problems.button.unlink"),
                value=ticket.id,
            )
            blocks.append(
                _section(
                    incident_line(ticket, language, "problems.linked.line"),
                    block_id,
                    accessory=button,
                )
            )
        else:  # over: an Unlink would be refused, no button says otherwise
            blocks.append(_section(_ended_line(ticket, parent, language), block_id))
    fallback = t(language, fallback_key, count=counted, parent_id=parent.id)
    return Rendered(fallback, blocks)


def _ended_line(ticket: Ticket, parent: Ticket, language: Language) -> str:
    """A linked incident that is over: resolved with the problem's fix, or ended otherwise."""
    if parent.status in FIXED and ticket.status in FIXED:
        return t(
            language,
            "problems.linked.fixed",
            ticket_id=ticket.id,
            title=_title(ticket),
            requester=md.user(ticket.requester),
            parent_id=parent.id,
        )
    return t(
        language,
        "problems.linked.ended",
        ticket_id=ticket.id,
        title=_title(ticket),
        requester=md.user(ticket.requester),
        status=status_in_sentence(language, ticket.status),
    )


def recurrence_reply(
    incident: Ticket, parent: Ticket, config: ServicesConfig, now: datetime
) -> Rendered:
    """A reply in a new incident's thread, in its service's language: it matches ``parent``,
    fixed a short while ago (when, in the reader's time zone), a possible recurrence."""
    service = config.services.get(incident.service)
    language = service.language if service is not None else config.language
    fixed_at = parent.sla.resolved_at or parent.updated_at
    kind = "emergency" if parent.type is TicketType.EMERGENCY else "problem"
    text = t(
        language,
        f"problems.recurrence.{kind}",
        ticket_id=incident.id,
        parent_id=parent.id,
        title=md.escape(md.truncate(title_for(parent.title, language), 150)),
        when=md.date(fixed_at),
        ago=duration_text(language, now - fixed_at),
    )
    if parent.status is Status.RESOLVED:  # a closed one cannot be reopened: no such advice
        text += " " + t(language, f"problems.recurrence.reopen.{kind}", parent_id=parent.id)
    return Rendered(text, [_section(text)])


def recurrence_offer(
    incident: Ticket, parent: Ticket, config: ServicesConfig, linked_by: str | None
) -> Rendered:
    """The possible-recurrence reply redrawn once ``parent`` was reopened, in the incident's
    service's language: a button to link them while the incident may join it (open, unlinked,
    an incident); once linked to it, who did; else what it said, without advice."""
    service = config.services.get(incident.service)
    language = service.language if service is not None else config.language
    kind = "emergency" if parent.type is TicketType.EMERGENCY else "problem"
    title = md.escape(md.truncate(title_for(parent.title, language), 150))
    names = {"ticket_id": incident.id, "parent_id": parent.id, "title": title}
    if incident.problem_id == parent.id:
        by = md.user(linked_by) if linked_by else None
        key = "problems.recurrence.linked_by" if by else "problems.recurrence.linked"
        text = t(language, key, user=by or "", **names)
        return Rendered(text, [_section(text)])
    if not (parent.is_open and may_join(incident)):
        text = t(language, "problems.recurrence.over", **names)
        return Rendered(text, [_section(text)])
    text = t(language, f"problems.recurrence.reopened.{kind}", **names)
    button = ButtonElement(
        action_id=ids.ACTION_LINK_RECURRENCE,
        text=t(language, "problems.button.link", parent_id=parent.id),
        value=pack(incident.id, parent.id),
        style="primary",
    )
    return Rendered(text, [_section(text), ActionsBlock(elements=[button])])


# --- the requesters ----------------------------------------------------------------------------
def requester_message(
    kind: OutgoingKind, incident: Ticket, about: Ticket | None, config: ServicesConfig
) -> Rendered:
    """A direct message to the incident's requester, in their language, with the buttons they
    may use (add information, cancel; once resolved, is it solved?). The problem's title has
    its "recurring" prefix in the reader's language; a known issue is said followed by the
    team while nobody has claimed the problem, and worked on by whoever has."""
    key = _DM_KEYS[kind]
    if kind is OutgoingKind.KNOWN_ISSUE and about is not None and about.assignee:
        key = "problems.dm.known_issue_taken"  # someone is on it: say who
    title = title_for(about.title, incident.language) if about else ""
    text = requester_text(
        key,
        incident,
        config,
        problem_id=about.id if about else "",
        problem_title=md.escape(md.truncate(title, 150)),
        assignee=md.user(about.assignee) if about and about.assignee else "",
    )
    return Rendered(text, [_section(text), *requester_controls(incident)])


def failure_text(kind: OutgoingKind, incident: Ticket, reason: str, language: Language) -> str:
    return t(
        language,
        "problems.linked.failure",
        user=md.user(incident.requester),
        ticket_id=incident.id,
        reason=md.escape(reason),
    )
