"""Every repository of the bot, each constructed once over the one database, and the start-up
step that creates their indexes (retried in the background while MongoDB does not answer)."""

from __future__ import annotations

from dataclasses import dataclass

from storage.approvals import ApprovalRepository
from storage.article_vectors import ArticleVectorRepository
from storage.articles import ArticleRepository
from storage.audit import AuditLog
from storage.client import Database
from storage.deflections import DeflectionRepository
from storage.digests import DigestClaims
from storage.dm_erasures import DmErasureStore
from storage.erasure import ErasureStore
from storage.erasure_elsewhere import ElsewhereErasure
from storage.knowledge_changes import KnowledgeChanges
from storage.learned_questions import LearnedQuestionRepository
from storage.lessons import LessonRepository
from storage.outbox import OutboxRepository
from storage.personal_data import PersonalDataStore
from storage.problem_tickets import ProblemTickets
from storage.receipts import ReceiptRepository
from storage.reports import ReportStore
from storage.retention import RetentionStore
from storage.rosters import UserGroupStore
from storage.suggestions import SuggestionRepository
from storage.tickets import TicketRepository


@dataclass(frozen=True)
class Stores:
    """The repositories, by what they keep."""

    database: Database
    tickets: TicketRepository
    outbox: OutboxRepository
    problem_tickets: ProblemTickets
    suggestions: SuggestionRepository
    reports: ReportStore
    receipts: ReceiptRepository
    approvals: ApprovalRepository
    usergroups: UserGroupStore
    lessons: LessonRepository
    audit_log: AuditLog
    retention: RetentionStore
    personal_data: PersonalDataStore
    articles: ArticleRepository
    deflections: DeflectionRepository
    learned_questions: LearnedQuestionRepository
    article_vectors: ArticleVectorRepository
    knowledge_changes: KnowledgeChanges
    digests: DigestClaims
    erasure: ErasureStore
    erasure_elsewhere: ElsewhereErasure
    dm_erasures: DmErasureStore

    @classmethod
    def over(cls, database: Database) -> Stores:
        return cls(
            database=database,
            tickets=TicketRepository(database),
            outbox=OutboxRepository(database),
            problem_tickets=ProblemTickets(database),
            suggestions=SuggestionRepository(database),
            reports=ReportStore(database),
            receipts=ReceiptRepository(database),
            approvals=ApprovalRepository(database),
            usergroups=UserGroupStore(database),
            lessons=LessonRepository(database),
            audit_log=AuditLog(database),
            retention=RetentionStore(database),
            personal_data=PersonalDataStore(database),
            articles=ArticleRepository(database),
            deflections=DeflectionRepository(database),
            learned_questions=LearnedQuestionRepository(database),
            article_vectors=ArticleVectorRepository(database),
            knowledge_changes=KnowledgeChanges(database),
            digests=DigestClaims(database),
            erasure=ErasureStore(database),
            erasure_elsewhere=ElsewhereErasure(database),
            dm_erasures=DmErasureStore(database),
        )

    async def create_indexes(self) -> None:
        """Each repository's indexes, in the order they were always created (idempotent: an
        index that exists is left as it is)."""
        for repository in (
            self.tickets,
            self.outbox,
            self.reports,
            self.problem_tickets,
            self.suggestions,
            self.lessons,
            self.approvals,
            self.usergroups,
            self.receipts,
            self.audit_log,
            self.retention,
            self.personal_data,
            self.articles,
            self.deflections,
            self.learned_questions,
            self.dm_erasures,
        ):
            await repository.create_indexes()
