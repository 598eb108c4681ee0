"""The ticket and the vocabulary around it (types, services, impact, urgency, priority, status)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from bot.domain.approvals import ApprovalState
from bot.domain.catalogue_request import CatalogueRequest, FileRef
from bot.domain.thread_reply import ThreadReply


class TicketType(StrEnum):
    INCIDENT = "incident"
    SERVICE_REQUEST = "service_request"
    PROBLEM = "problem"
    INFORMATION_REQUEST = "information_request"
    IMPROVEMENT_REQUEST = "improvement_request"
    TRAINING_REQUEST = "training_request"
    EMERGENCY = "emergency"


# Prefix of the human-readable id of each type: INC-42, REQ-7, ...
TYPE_PREFIX: dict[TicketType, str] = {
    TicketType.INCIDENT: "INC",
    TicketType.SERVICE_REQUEST: "REQ",
    TicketType.PROBLEM: "PRB",
    TicketType.INFORMATION_REQUEST: "INF",
    TicketType.IMPROVEMENT_REQUEST: "IMP",
    TicketType.TRAINING_REQUEST: "TRN",
    TicketType.EMERGENCY: "EMG",
}


class Level(StrEnum):
    """Impact and urgency are both rated on this scale."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Priority(StrEnum):
    P1 = "P1"
    P2 = "P2"
    P3 = "P3"
    P4 = "P4"
    P5 = "P5"


class Status(StrEnum):
    NEW = "new"
    IN_PROGRESS = "in_progress"
    WAITING_ON_REQUESTER = "waiting_on_requester"
    RESOLVED = "resolved"
    CLOSED = "closed"
    CANCELLED = "cancelled"


OPEN_STATUSES: frozenset[Status] = frozenset(
    {Status.NEW, Status.IN_PROGRESS, Status.WAITING_ON_REQUESTER}
)


class Language(StrEnum):
    FR = "fr"
    EN = "en"


class SlaClock(StrEnum):
    """The two service-level clocks of a ticket."""

    RESPONSE = "response"
    RESOLUTION = "resolution"


@dataclass(frozen=True)
class MessageRef:
    """Where a ticket's message was posted in Slack."""

    channel: str
    ts: str


@dataclass(frozen=True)
class Origin:
    """The Slack message a ticket was made from (message shortcut or reaction).

    ``key`` is set when at most one ticket may ever come from that message (a reaction, which
    Slack may deliver again): the store keeps it unique.
    """

    channel: str
    ts: str
    permalink: str | None = None
    key: str | None = None


@dataclass(frozen=True)
class Classification:
    """The classifier's verdict: the service, how sure it is, and why."""

    service: str
    confidence: float
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class SlaClocks:
    """A ticket's service-level targets and where its clocks stand.

    The response clock runs until someone takes the ticket (``responded_at``); the resolution
    clock runs until it is resolved (``resolved_at``) and is paused while waiting on the
    requester (``paused_at``; on resume ``resolution_due`` moves out by the pause).
    """

    response_due: datetime | None = None
    resolution_due: datetime | None = None
    responded_at: datetime | None = None
    resolved_at: datetime | None = None
    paused_at: datetime | None = None
    # When both clocks started: the filing, or a catalogue request's approval (the wait for its
    # approvers is nobody's delay). ``None`` before they start, and in documents older than it.
    started_at: datetime | None = None
    # Up to when the business time each clock ran is counted in ``Ticket.sla_ran`` (settled at
    # each change of the clocks: ``bot/domain/sla.py`` ``settle``). ``None`` in documents older
    # than it: what their clocks ran is not known, and reports count as they did before.
    ran_until: datetime | None = None


@dataclass(frozen=True)
class SlaRan:
    """The business time each SLA clock has run, up to ``SlaClocks.ran_until``: each stretch
    counted on the calendar it ran on, when it ended (a change of service, priority or hold;
    a response, a resolution). The response clock runs from the start to the first response;
    the resolution clock from the start to the resolution, not while the ticket waits on its
    requester, nor while it stood resolved before a reopening. Written by the change that ends
    a stretch, in its update, on the condition that no other change ended it first (stored
    ``sla.ran_until`` unchanged: ``bot/domain/due_times.py`` ``EXPECT``), so a stretch is
    counted once."""

    response: timedelta = timedelta(0)
    resolution: timedelta = timedelta(0)


@dataclass(frozen=True)
class Paging:
    """An emergency paging the service's on-call levels until someone acknowledges."""

    started_at: datetime
    next_at: datetime | None  # when the next page is due; None once paging is over
    level: int = 0  # the highest on-call level paged so far (0 = the first)
    pages: int = 0  # paging rounds sent so far
    last_level_announced: bool = False
    acked_by: str | None = None
    acked_at: datetime | None = None
    stopped_at: datetime | None = None  # ended without an acknowledgement (claimed, closed)
    # how many pages each on-call person received so far (their own count: level 2's first page
    # is their first, whatever the ticket's round)
    paged: dict[str, int] = field(default_factory=dict, hash=False)
    # the lowest level reached whatever the time: nobody on the levels below could be paged
    # (their DMs failed for good), so the next one is paged at once
    skipped_to: int = 0
    # the service it was sent from while paging there (it started again here): each person it
    # pages here has their Home tab published again, showing the page at once
    moved_from: str | None = None
    # the pages given up on after attempts whose answers were all lost, per person: they may
    # have arrived (still counted in ``paged``), Slack never said (``bot/paging/unreachable.py``)
    unconfirmed: dict[str, int] = field(default_factory=dict, hash=False)

    @property
    def active(self) -> bool:
        return self.acked_by is None and self.stopped_at is None


class OutgoingKind(StrEnum):
    """What the scheduler sends."""

    REMINDER = "reminder"  # a stale ticket, to its assignee or its service channel
    PAGE = "page"  # an emergency, to an on-call person (or the channel when nobody is on call)
    LAST_LEVEL = "last_level"  # the channel is told paging reached its last on-call level
    # Problems and storms (``bot/storm.py``, ``bot/fanout.py``); ``about`` names the problem,
    # emergency or suggestion the message is about.
    KNOWN_ISSUE = "known_issue"  # DM: your incident is a known issue, you will hear of the fix
    GROUPED = "grouped"  # DM: your incident waits with similar ones for an agent's decision
    SEPARATED = "separated"  # DM: your incident turned out separate; it is posted on its own
    FIXED = "fixed"  # DM: the problem behind your incident is fixed (is it solved?)
    LINKED = "linked"  # a reply in the problem's thread listing incidents linked to it
    REFRESH = "refresh"  # the problem's channel message updated (its count of incidents)
    # a reply of the problem's thread listing its incidents (``ref``) redrawn as the problem
    # ended: no Unlink buttons on the incidents its fix resolved (``about``: the problem)
    LINKED_SHOWN = "linked_shown"
    # a reply in a new incident's thread: it matches a problem (or emergency) fixed a short
    # while ago, a possible recurrence (``about``: that problem)
    RECURRENCE = "recurrence"
    # that reply (``ref``) redrawn once its problem is reopened: a Link button while the
    # incident may join it, then who linked it (``actor``); ``about``: the problem
    RECURRENCE_SHOWN = "recurrence_shown"
    SUGGESTION = "suggestion"  # a suggestion's channel message updated (the incidents it holds)
    CARD = "card"  # a ticket's card in its service's channel; ``about`` names that service
    ARTICLE = "article"  # DM: an article an agent sends the requester (``about``: the article)
    SAVED_REPLY = "saved_reply"  # DM: a saved reply (``about``: its key; ``text``: as sent)
    MERGE_NOTICE = "merge_notice"  # DM: a merge told a requester (``about``: the other ticket)
    # Catalogue approvals (``bot/catalogue/approval_delivery.py``)
    APPROVAL_ASK = "approval_ask"  # DM: approve or reject (``level``: the step; ``about``: why)
    APPROVAL_NOTICE = "approval_notice"  # DM: the requester told (``about``: the notice)
    APPROVAL_WITHDRAWN = "approval_withdrawn"  # an approver's DMs updated: request withdrawn
    # The requester's DMs and the conversation relay (``bot/tickets/requester_dms.py``,
    # ``bot/conversation/relay_delivery.py``)
    REQUESTER_DM = "requester_dm"  # DM: what happened to your ticket (``about``: the notice)
    # the requester's DMs with buttons lose them: they ended the ticket themselves
    REQUESTER_DMS_RETIRED = "requester_dms_retired"
    RELAY_TO_REQUESTER = "relay_to_requester"  # a team reply, in the requester's DM thread
    RELAY_TO_TEAM = "relay_to_team"  # the requester's reply, in the ticket's channel thread
    # a relayed reply edited or deleted by its author: its copy updated or deleted (``about``:
    # the relay's outbox item; ``reply``: the reply as edited, ``None`` once deleted)
    RELAY_CORRECTED = "relay_corrected"
    # ``bot/working/assignee_dms.py``: DM: someone else took your ticket off you (``actor``: who)
    FORMER_ASSIGNEE = "former_assignee"
    # ``bot/governance/retention_notices.py``: the card of a ticket retention deleted, replaced
    # by one line saying so (``ref``: where the card was; ``about``: its service)
    DELETED_CARD = "deleted_card"
    # DM: what retention did on a day, to each admin (``about``: the day, ``YYYY-MM-DD``)
    RETENTION_REPORT = "retention_report"
    # the bot's own messages about a ticket retention anonymised or deleted, deleted from Slack
    # (``chat.delete``): with a ``recipient``, those in its DM with them (the ticket's DMs and
    # the replies relayed in its thread; ``ref``: a DM message the store knew, whose channel
    # stands in when ``conversations.open`` no longer answers for them); without, its replies
    # in the card's thread (``ref``: the card). ``about``: since when (the ticket's creation);
    # ``due``: the ticket's last change when stored (changed since: not forgotten, dropped)
    FORGOTTEN_MESSAGES = "forgotten_messages"
    # the card of a ticket retention anonymised, redrawn from the anonymised ticket
    ANONYMISED_CARD = "anonymised_card"
    # the card of a ticket an erasure changed, redrawn from it as stored (it showed the erased
    # person's mention and the texts that named them; ``bot/governance/erasure.py``)
    ERASED_CARD = "erased_card"
    # files a requester sent (uploaded in a form, or with a reply in their DM thread), copied
    # into the ticket's channel thread: Slack shows them to their uploader (or the DM) only, so
    # the team could not open their links (``actor``: the uploader; ``text``: the files' ids,
    # space-separated; ``token``: what they came with, one copy each)
    REQUESTER_FILES = "requester_files"
    # a notice to the people working a ticket, in its channel thread (``about``: the
    # ``AgentNotice``; ``actor``: who acted; ``text``: the information added; ``files``: the
    # files that came with it, named; ``token``: the change told, so a redelivered one is stored
    # once): information added, the ticket reopened, cancelled or given to someone
    TEAM_NOTICE = "team_notice"
    # a ticket's card redrawn from the ticket as stored, when Slack refused its redraw after a
    # change (the card would show the ticket as it was: status, assignee, buttons)
    REDRAWN_CARD = "redrawn_card"


@dataclass(frozen=True)
class Outgoing:
    """One message the scheduler owes someone; kept in the outbox until delivered."""

    kind: OutgoingKind
    ticket_id: str
    recipient: str | None = None  # a user (by DM), or None: the service channel
    level: int = 0  # PAGE, LAST_LEVEL: the on-call level (0 = the first)
    # PAGE: its reader's own count (1: the first page they get about this ticket, 2: their
    # first re-page, ...; for the channel, the channel's)
    number: int = 1
    clock: SlaClock | None = None  # REMINDER: the clock that ran out
    due: datetime | None = None  # REMINDER: when it ran out
    about: str | None = None  # problems: the problem, emergency or suggestion concerned
    bulk: bool = False  # one of many sent at once (a fan-out): delivered within the pace
    actor: str | None = None  # ARTICLE, SAVED_REPLY: the agent who sent it; REQUESTER_DM: who acted
    text: str | None = None  # SAVED_REPLY: the text the agent sent (edited or not)
    reply: ThreadReply | None = None  # RELAY_*: the reply relayed, as Slack sent it
    # ARTICLE, SAVED_REPLY, MERGE_NOTICE: what tells this send apart from another of the same
    # ``about`` (the outbox item's own identity), so a retry never adopts the other's message;
    # grouped kinds (LINKED): the claim that first sent it, set by the outbox as it delivers
    token: str | None = None
    # DELETED_CARD: the card to replace (its ticket is gone); FORGOTTEN_MESSAGES: see the kind;
    # LINKED_SHOWN, RECURRENCE_SHOWN: the reply redrawn
    ref: MessageRef | None = None
    files: tuple[FileRef, ...] = ()  # TEAM_NOTICE: the files added with the information


@dataclass(frozen=True)
class Handover:
    """What one scheduler tick claimed to send for a ticket, kept on the ticket until the
    messages are in the outbox, so a crash in between loses nothing (see ``bot/scheduler.py``)."""

    token: str
    messages: tuple[Outgoing, ...]
    next_ping_at: datetime | None


@dataclass
class NewTicket:
    """What a requester submits; the store turns it into a Ticket with an id."""

    type: TicketType
    title: str
    description: str
    impact: Level
    urgency: Level
    priority: Priority
    service: str
    requester: str
    language: Language
    classification: Classification
    created_at: datetime
    source: str = "modal"
    origin: Origin | None = None
    sla: SlaClocks = field(default_factory=SlaClocks)
    paging: Paging | None = None
    remind_at: datetime | None = None
    next_ping_at: datetime | None = None
    extra: dict[str, object] = field(default_factory=dict)
    request: CatalogueRequest | None = None  # filed from a catalogue item: its answers
    submission: str | None = None  # the form submission (view id) it came from: filed once
    # ``pending`` for a catalogue request held for approval: stored awaiting it, so no reader
    # ever sees it unapproved (``Ticket.awaiting_approval``; bot/catalogue/approvals.py)
    approval: str | None = None


@dataclass
class Ticket:
    id: str
    type: TicketType
    title: str
    description: str
    impact: Level
    urgency: Level
    priority: Priority
    service: str
    status: Status
    requester: str
    language: Language
    created_at: datetime
    updated_at: datetime
    classification: Classification
    assignee: str | None = None
    message: MessageRef | None = None
    source: str = "modal"
    origin: Origin | None = None
    # The requester's DM thread where the team's replies are relayed (opened on the first one).
    requester_thread: MessageRef | None = None
    satisfaction: int | None = None  # the requester's 1-5 rating once closed
    # Facts about the ticket kept for later: ``SUSPECTED_EMERGENCY`` (a ticket filed without a
    # form whose text reads as an emergency: its card offers "This is an emergency").
    extra: dict[str, object] = field(default_factory=dict)
    sla: SlaClocks = field(default_factory=SlaClocks)
    sla_ran: SlaRan = field(default_factory=SlaRan)  # what each clock ran (``SlaRan``)
    paging: Paging | None = None
    remind_at: datetime | None = None  # the next stale-ticket reminder
    next_ping_at: datetime | None = None  # the scheduler's next look: the earliest due time
    handover: Handover | None = None
    # An incident linked to the problem (or emergency) behind it: the problem's id.
    problem_id: str | None = None
    # A problem or an emergency: the incidents linked to it, in the order they were linked.
    linked_incidents: tuple[str, ...] = ()
    # A problem or emergency with linked incidents that was resolved or cancelled: since when
    # its incidents are owed the outcome (cleared once they all got it; see ``bot/fanout.py``).
    fanout_at: datetime | None = None
    request: CatalogueRequest | None = None  # filed from a catalogue item: its answers
    approval: str | None = None  # pending, approved, rejected (bot/catalogue/approvals.py)
    # Filed but not announced yet (posted, linked or held): since when. Cleared once announced;
    # the scheduler announces the ones a crash left behind (``bot/filing/unannounced.py``).
    announce_at: datetime | None = None
    # The latest history entry that changed the ticket, as its card tells it (kept with the
    # entry by the same update: ``bot/domain/card_changes.py``); ``None`` before the first.
    last_change: HistoryEntry | None = None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def awaiting_approval(self) -> bool:
        """A catalogue request its approvers have not decided yet: not its service's work, so
        nothing done in an agent's name acts on it (``TicketDesk.refuse_awaiting_approval``)."""
        return self.approval == ApprovalState.PENDING.value

    @property
    def details(self) -> str:
        """What the description says beyond the title: empty when it only repeats it (filed
        without one: "/ticket my VPN drops" stores the title as its description)."""
        same = " ".join(self.description.split()) == " ".join(self.title.split())
        return "" if same else self.description

    @property
    def text(self) -> str:
        """What the ticket says: its title and description, for comparing tickets."""
        return f"{self.title}\n{self.description}"


SUSPECTED_EMERGENCY = "suspected_emergency"
"""``Ticket.extra`` key: the words that made a ticket filed without a form look like an
emergency; it was filed as a high-priority incident and waits for a person to say."""
NOT_EMERGENCY_BY = "not_emergency_by"
"""``Ticket.extra`` key: who said the emergency paging was not one (the pages sent say so)."""


PARENT_TYPES: frozenset[TicketType] = frozenset({TicketType.PROBLEM, TicketType.EMERGENCY})
"""The types incidents are linked to: a problem (the recurring cause) or an emergency."""


class SuggestionState(StrEnum):
    PENDING = "pending"  # waiting for an agent: "Create a problem" or "Not related"
    ACCEPTED = "accepted"  # a problem was created from it
    DISMISSED = "dismissed"  # not related


@dataclass(frozen=True)
class ProblemSuggestion:
    """Similar incidents of one service Guichet proposes to treat as one problem.

    ``incidents`` is the group in the order it formed; ``held`` those that joined while the
    suggestion was pending, kept out of the channel (shown in the suggestion instead) until an
    agent decides. An incident belongs to one suggestion at most, ever.
    """

    id: str
    service: str
    incidents: tuple[str, ...]
    state: SuggestionState
    created_at: datetime
    held: tuple[str, ...] = ()
    message: MessageRef | None = None
    decided_by: str | None = None
    decided_at: datetime | None = None
    problem_id: str | None = None


class HistoryAction(StrEnum):
    """What a history entry records (stored as its value; ``history.<value>`` names its text)."""

    CREATED = "created"
    POSTED = "posted"
    POST_FAILED = "post_failed"
    CLAIMED = "claimed"
    ASSIGNED = "assigned"
    STATUS = "status"
    PRIORITY = "priority"
    REASSIGNED = "reassigned"
    INFO_ADDED = "info_added"
    CONFIRMED = "confirmed"
    REOPENED = "reopened"
    RATED = "rated"
    REMINDED = "reminded"
    PAGED = "paged"
    # a page given up after attempts whose answers were all lost: it may have arrived
    # (``after``: to whom; ``note``: the attempts)
    PAGE_UNCONFIRMED = "page_unconfirmed"
    ACKNOWLEDGED = "acknowledged"
    LINKED = "linked"
    UNLINKED = "unlinked"
    INCIDENTS_LINKED = "incidents_linked"
    INCIDENT_UNLINKED = "incident_unlinked"
    HELD = "held"
    CONVERSATION_OPENED = "conversation_opened"
    RELAYED_TO_REQUESTER = "relayed_to_requester"
    RELAYED_TO_TEAM = "relayed_to_team"
    INTERNAL_NOTE = "internal_note"
    RELAY_TO_REQUESTER_FAILED = "relay_to_requester_failed"
    RELAY_TO_TEAM_FAILED = "relay_to_team_failed"
    DM_FAILED = "dm_failed"  # a DM to the requester never delivered (``after``: what it said)
    ARTICLE_SENT = "article_sent"  # a knowledge base article sent to the requester
    EMERGENCY_DECLARED = "emergency_declared"  # a person made it an emergency
    NOT_EMERGENCY = "not_emergency"  # a paged person made it an incident (before/after: priority)
    # Approvals of catalogue requests (``bot/catalogue/approvals.py``)
    APPROVAL_REQUESTED = "approval_requested"
    APPROVED = "approved"
    REJECTED = "rejected"
    APPROVAL_REMINDED = "approval_reminded"
    APPROVAL_FALLBACK = "approval_fallback"
    FILES_SHARED = "files_shared"  # files shared in a relayed reply (their names and links)
    # Agent tools (``bot/working/editing.py``)
    EDITED = "edited"  # title and/or description (before/after: the titles; note: which fields)
    UNASSIGNED = "unassigned"  # before: who had it
    SAVED_REPLY_SENT = "saved_reply_sent"  # after: its key (``bot/conversation/saved_reply.py``)
    # Merging a duplicate (``bot/working/merging.py``)
    MERGED = "merged"  # the duplicate, closed (before: its status; after: the ticket kept)
    ABSORBED = "absorbed"  # the ticket kept (after: the duplicate)
    ABSORB_UNDONE = "absorb_undone"  # the duplicate changed meanwhile: no merge (after: it)
    # Reclassifying (``bot/working/work.py``: ``change_type``; before/after: the types)
    TYPE_CHANGED = "type_changed"


@dataclass(frozen=True)
class HistoryEntry:
    """One change to a ticket: who, when, what, from -> to. Append-only."""

    ticket_id: str
    at: datetime
    actor: str
    action: HistoryAction
    before: str | None = None
    after: str | None = None
    note: str | None = None
