"""What every listener needs, built once by the composition root: the use cases it calls, the
ticket desk's reads, each person's language and the services file."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.catalogue.filing import CatalogueFiling
from bot.conversation.article_reply import ArticleReplies
from bot.conversation.relay import Conversation
from bot.conversation.saved_reply import SavedReplies
from bot.domain.config import ServicesConfig
from bot.filing.filing import Filing
from bot.filing.from_message import MessageFiling
from bot.governance.audit import AuditTrail
from bot.governance.erasure import Erasure
from bot.governance.personal_data import PersonalData
from bot.governance.usergroups import UserGroupSync
from bot.home.snapshot import Home
from bot.knowledge.authoring import ArticleAuthoring
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.editing import ArticleEditing
from bot.outbox.receipts import Receipts
from bot.paging.acknowledge import Acknowledgements
from bot.paging.emergency_calls import EmergencyCalls
from bot.problems.desk import ProblemDesk
from bot.reports.ports import FileSender
from bot.reports.reports import Reports
from bot.runtime.after_ack import AfterAck
from bot.runtime.in_order import InOrder
from bot.telemetry.metrics import Metrics
from bot.tickets.desk import TicketDesk
from bot.working.changes import ChangeAnnouncer
from bot.working.claim import Claims
from bot.working.editing import TicketEditing
from bot.working.follow_up import RequesterFollowUp
from bot.working.merging import Merging
from bot.working.resolving import Resolving
from bot.working.work import TicketWork
from handlers.kit.locale import LocaleResolver


@dataclass(frozen=True)
class HandlerContext:
    desk: TicketDesk
    filing: Filing
    claims: Claims
    locales: LocaleResolver
    config: ServicesConfig
    metrics: Metrics
    conversation: Conversation
    from_message: MessageFiling
    home: Home
    work: TicketWork
    follow_up: RequesterFollowUp
    announcer: ChangeAnnouncer
    acknowledgements: Acknowledgements
    reports: Reports
    report_files: FileSender
    problems: ProblemDesk
    knowledge: KnowledgeBase
    authoring: ArticleAuthoring
    article_replies: ArticleReplies
    article_editing: ArticleEditing
    emergency_calls: EmergencyCalls
    catalogue: CatalogueFiling
    usergroups: UserGroupSync
    audit: AuditTrail
    editing: TicketEditing
    resolving: Resolving
    personal_data: PersonalData
    erasure: Erasure
    receipts: Receipts  # acting once on what Slack delivers twice
    saved_replies: SavedReplies  # bot/conversation/saved_reply.py
    merging: Merging  # bot/working/merging.py
    after_ack: AfterAck = field(default_factory=AfterAck)  # work after the ack, bounded
    in_order: InOrder = field(default_factory=InOrder)  # a thread's replies relayed in order
