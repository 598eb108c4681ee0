"""The composition root: every object constructed once, in the order they need each other, with
nothing patched in afterwards. No I/O happens here; the web app's start-up opens the Slack
clients, creates the indexes and starts the timer."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime

from aiohttp import web
from slack_bolt.async_app import AsyncApp

from bot.app.bolt_app import bolt_app
from bot.app.endpoints import add_operations_routes
from bot.app.health import HealthState
from bot.app.lifecycle import add_lifecycle
from bot.app.listener_matching import lighten as lighten_matchers
from bot.app.retry import RetryInBackground
from bot.app.settings import Settings
from bot.app.stores import Stores
from bot.app.timer import Timer
from bot.catalogue.approvals import Approvals
from bot.catalogue.filing import CatalogueFiling
from bot.conversation.article_reply import ArticleReplies
from bot.conversation.merge_notice import MergeNoticeDelivery
from bot.conversation.relay import Conversation
from bot.conversation.saved_reply import SavedReplies
from bot.domain.clock import Clock, SystemClock
from bot.domain.config import ServicesConfig
from bot.domain.due_times import schedule_hook
from bot.domain.models import OutgoingKind
from bot.filing.classifier import Classifier
from bot.filing.filing import Filing
from bot.filing.from_message import MessageFiling
from bot.filing.learning import Learning
from bot.filing.unannounced import Unannounced
from bot.filing.word_evidence import WordEvidence
from bot.governance.audit import AuditTrail
from bot.governance.dm_erasure import DmErasure
from bot.governance.erasure import ErasedCards, Erasure
from bot.governance.personal_data import PersonalData
from bot.governance.privacy import teaching_nothing
from bot.governance.retention import Retention
from bot.governance.retention_notices import (
    AnonymisedCards,
    DeletedCards,
    ForgottenMessages,
    RetentionReports,
)
from bot.governance.roster import Roster
from bot.governance.usergroups import UserGroupSync
from bot.home.snapshot import Home
from bot.knowledge.authoring import ArticleAuthoring
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.editing import ArticleEditing
from bot.knowledge.folder import load_folder
from bot.knowledge.semantic import meaning_check
from bot.outbox.deliveries import Deliveries
from bot.outbox.pacing import Pacer
from bot.outbox.receipts import Receipts
from bot.paging.acknowledge import Acknowledgements
from bot.paging.emergency_calls import EmergencyCalls
from bot.paging.pages_ended import PagesEnded
from bot.paging.reminders_answered import RemindersAnswered
from bot.paging.scheduler import Scheduler, TickReport
from bot.paging.unreachable import UnreachableLevels
from bot.problems.desk import ProblemDesk
from bot.problems.fanout import FanOut, fanout_hook
from bot.problems.linking import Links
from bot.problems.notices import ProblemNotices
from bot.problems.recurring import Recurring
from bot.problems.storm import Storm
from bot.reports.digest import DIGEST_JOB, WeeklyDigest
from bot.reports.reports import Reports
from bot.runtime.after_ack import AfterAck
from bot.telemetry.metrics import Metrics
from bot.tickets.cards import CardOutbox
from bot.tickets.desk import TicketDesk
from bot.tickets.requester_dms import LatestDms, RequesterDms, RetiredDms
from bot.tickets.team_notices import RedrawnCards, TeamNotices
from bot.working.assignee_dms import FormerAssigneeDms
from bot.working.changes import ChangeAnnouncer
from bot.working.claim import Claims
from bot.working.editing import TicketEditing
from bot.working.follow_up import RequesterFollowUp
from bot.working.merging import Merging
from bot.working.requester_files import RequesterFiles
from bot.working.resolving import Resolving
from bot.working.work import TicketWork
from handlers import register_listeners
from handlers.catalogue.approval_slack import SlackApprovalMessenger
from handlers.conversation.relay import SlackRelay
from handlers.governance.bot_dms import SlackBotDirectMessages
from handlers.governance.bot_files import SlackBotFileCopies
from handlers.governance.membership import (
    SlackChannelMembers,
    SlackChannelPrivacy,
    SlackPersonNames,
    SlackUserGroups,
)
from handlers.governance.retention_notices import (
    SlackAnonymisedCards,
    SlackDeletedCards,
    SlackForgottenMessages,
    SlackRetentionReports,
)
from handlers.home.paged import SlackPagedHomes
from handlers.home.tab import HomeTabs
from handlers.kit.context import HandlerContext
from handlers.kit.locale import LocaleResolver
from handlers.paging.messenger import SlackMessenger
from handlers.problems.board import SlackProblemBoard
from handlers.reports.uploads import SlackReportPublisher
from handlers.tickets.card_posting import SlackCards
from handlers.tickets.notifier import SlackNotifier
from handlers.transport.back_pressure import BackPressure
from handlers.transport.identity import SlackIdentity
from handlers.transport.routes import slack_web_app
from handlers.transport.slack_client import SlackClient
from handlers.transport.telemetry import RequestObserver
from handlers.working.former_assignee import SlackFormerAssigneeDms
from handlers.working.requester_files import SlackRequesterFiles
from storage.client import Database

INDEX_RETRY_SECONDS = 15.0


@dataclass
class Guichet:
    """The running bot: its Bolt app, its HTTP app and what they share."""

    bolt: AsyncApp
    web: web.Application
    helpdesk: TicketDesk  # the ticket desk (its repository is ``helpdesk.tickets``)
    filing: Filing
    claims: Claims
    scheduler: Scheduler
    timer: Timer
    database: Database
    digest: WeeklyDigest
    knowledge: KnowledgeBase
    metrics: Metrics = field(default_factory=Metrics)
    health: HealthState | None = None  # the scheduler reports its ticks here
    indexes: RetryInBackground | None = None
    usergroups_synced: RetryInBackground | None = None  # start-up read of the user groups
    after_ack: AfterAck | None = None  # the queue of work after the ack (and its back-pressure)
    after_clock_advance: list[Callable[[], Awaitable[None]]] = field(default_factory=list)
    """Run by the sandbox each time it moves the injected clock (``python -m bot --sandbox``,
    "+15 min"): whatever must notice that time passed, such as the scheduler's tick."""


def build(
    settings: Settings,
    config: ServicesConfig,
    database: Database,
    clock: Clock | None = None,
    index_retry_seconds: float = INDEX_RETRY_SECONDS,
    timer: Timer | None = None,
) -> Guichet:
    """Wire everything; no I/O happens until the web app starts (which starts the scheduler).
    ``clock`` and ``timer`` are injected by the tests, the sandbox and the benchmarks."""
    clock = clock or SystemClock()
    metrics = Metrics()
    timer = timer or Timer(config.scheduler.tick, clock)
    token = settings.slack_bot_token.get_secret_value()
    slack = SlackClient(token, settings.slack_api_url)
    # what the outbox sends in bulk: rate limits wait in the outbox, posts never retried blindly
    bulk = SlackClient(token, settings.slack_api_url, retry_rate_limits=False, retries=False)
    # what the outbox posts: never retried blindly (an unanswered post is looked for first)
    owned = SlackClient(
        token, settings.slack_api_url, retries=False, timeout=settings.slack_api_timeout
    )
    client = slack.client
    identity = SlackIdentity(client)
    bolt = bolt_app(client, settings.slack_signing_secret.get_secret_value(), identity.authorize)

    stores = Stores.over(database)
    tickets, outbox, audit_log = stores.tickets, stores.outbox, stores.audit_log

    # Slack adapters of the ports
    locales = LocaleResolver(client, default=config.language)
    messenger = SlackMessenger(client, config, locales)
    board = SlackProblemBoard(client, bulk.client, config, clock)
    report_files = SlackReportPublisher(client, config)

    # use cases
    pacer = Pacer.for_tick(config.problems.notices_per_minute, config.scheduler.tick)
    roster = Roster(config, stores.usergroups, SlackChannelMembers(client))
    folder = config.knowledge.folder
    knowledge = KnowledgeBase(
        load_folder(folder, config.services.keys()) if folder else [],
        stores.articles,
        stores.deflections,
        stores.learned_questions,
        stores.knowledge_changes,
        clock,
        limit=config.knowledge.suggestions,
        semantic=meaning_check(config.knowledge.semantic),
        vectors=stores.article_vectors,
        silent=teaching_nothing(config),
    )
    after_ack = AfterAck(metrics)  # the queue of work after the ack
    home = Home(tickets, config, clock, roster)
    # the Home tabs of paged people, published again when their page ends (or a move pages them)
    paged_homes = SlackPagedHomes(client, after_ack, HomeTabs(locales, home, config, knowledge))
    # and the Home of someone whose only page failed for good is published without it
    unreachable = UnreachableLevels(
        outbox, tickets, config, wake=timer.wake, homes=paged_homes, audit=audit_log
    )
    deliveries = Deliveries(
        outbox,
        tickets,
        messenger,
        pacer=pacer,
        resume=timer.wake_at,
        metrics=metrics,
        gave_up=unreachable.after_give_up,  # a page failed for good: its level may be unreachable
    )
    slack_cards = SlackCards(owned.client, config, clock)
    slack_notifier = SlackNotifier(client, config, slack_cards, clock, owned.client)
    latest_dms = LatestDms(tickets, slack_notifier)  # only the latest DM has buttons
    notifier = RequesterDms(
        slack_notifier, slack_notifier, latest_dms, tickets, outbox, deliveries, clock, audit_log
    )
    cards = CardOutbox(tickets, outbox, deliveries, notifier, slack_cards, clock, audit_log)
    deliveries.add_senders(
        {
            OutgoingKind.CARD: cards,
            OutgoingKind.REQUESTER_DM: notifier,
            OutgoingKind.REQUESTER_DMS_RETIRED: RetiredDms(tickets, slack_notifier),
            # the team's notices in a ticket's thread (information added, reopened...)
            OutgoingKind.TEAM_NOTICE: TeamNotices(tickets, slack_notifier),
            # a card Slack would not redraw after a change, redrawn by the ticks
            OutgoingKind.REDRAWN_CARD: RedrawnCards(tickets, slack_notifier),
        }
    )
    usergroups = UserGroupSync(config, stores.usergroups, SlackUserGroups(client), clock)
    desk = TicketDesk(
        tickets,
        config,
        clock,
        notifier=notifier,
        directory=roster,
        change_hooks=[schedule_hook(config), fanout_hook],
        audit=audit_log,
        cards=cards,
    )
    audit = AuditTrail(audit_log, roster, clock)
    notices = ProblemNotices(
        desk, stores.problem_tickets, stores.suggestions, outbox, deliveries, board, latest_dms
    )
    links = Links(desk)
    recurring = Recurring(desk, stores.problem_tickets, stores.suggestions, board, notices)
    learning = Learning(stores.lessons, WordEvidence(), clock, teaching_nothing(config))
    filing = Filing(
        desk,
        Classifier.for_config(config, learning.evidence),
        metrics,
        wake=timer.wake,
        triage=Storm(desk, stores.problem_tickets, links, recurring, notices),
    )
    fanout = FanOut(desk, stores.problem_tickets, links, notices, wake=timer.wake)
    approvals = Approvals(
        desk,
        stores.approvals,
        SlackApprovalMessenger(client, config, locales, owned.client),
        filing.announce,
        outbox,
        deliveries,
        latest_dms,
    )
    reminders_answered = RemindersAnswered(outbox, messenger)  # a late ticket taken or ended
    # an emergency taken, ended or moved: its pages (moved: its new team paged at once)
    pages_ended = PagesEnded(outbox, messenger, wake=timer.wake, homes=paged_homes)
    claims = Claims(desk, followers=[reminders_answered.after_change, pages_ended.after_change])
    conversation = Conversation(
        desk, SlackRelay(client, config, owned.client), outbox, deliveries, audit
    )
    merge_notices = MergeNoticeDelivery(conversation, latest_dms)  # and the duplicate's old DMs
    deliveries.add_senders({OutgoingKind.MERGE_NOTICE: merge_notices})
    # someone else took a ticket off its assignee: they are told
    former_assignees = FormerAssigneeDms(
        desk, deliveries, SlackFormerAssigneeDms(client, config, locales)
    )
    deliveries.add_senders({OutgoingKind.FORMER_ASSIGNEE: former_assignees})
    # the files a requester uploaded in a form, copied into the ticket's thread for the team
    requester_files = RequesterFiles(desk, deliveries, SlackRequesterFiles(owned.client, config))
    deliveries.add_senders({OutgoingKind.REQUESTER_FILES: requester_files})
    redrawn_cards = SlackAnonymisedCards(owned.client, config, clock)
    # a ticket retention deleted: its card replaced by one line saying so
    deliveries.add_senders(
        {
            OutgoingKind.DELETED_CARD: DeletedCards(
                tickets, SlackDeletedCards(owned.client, config)
            ),
            # a ticket retention anonymised: its card redrawn
            OutgoingKind.ANONYMISED_CARD: AnonymisedCards(tickets, redrawn_cards),
            # a ticket an erasure changed: its card redrawn (bot/governance/erasure.py)
            OutgoingKind.ERASED_CARD: ErasedCards(tickets, redrawn_cards),
            # and the bot's messages about a ticket retention forgot, deleted from Slack
            OutgoingKind.FORGOTTEN_MESSAGES: ForgottenMessages(
                tickets, SlackForgottenMessages(owned.client, identity)
            ),
            # what retention did on a day, told to each admin the day after
            OutgoingKind.RETENTION_REPORT: RetentionReports(
                stores.retention, SlackRetentionReports(owned.client, locales)
            ),
        }
    )
    # an erased person's DMs from the bot and its copies of their files in the tickets'
    # threads, deleted from Slack, its relays of their replies there redacted (stored step,
    # retried by the tick)
    dm_erasure = DmErasure(
        stores.dm_erasures,
        SlackBotDirectMessages(client, identity),
        clock,
        SlackBotFileCopies(client, identity, config.language),
    )
    erasure = Erasure(
        stores.erasure,
        audit,
        clock,
        stores.erasure_elsewhere,
        SlackPersonNames(client),
        copies=[knowledge],
        courier=deliveries,
        dms=dm_erasure,
    )
    reports = Reports(stores.reports, desk.directory, config, clock)
    digest = WeeklyDigest(
        reports, stores.digests, report_files, config, clock, retry=timer.run_later
    )
    if config.digest.enabled:
        timer.add_timed_job(DIGEST_JOB, digest.trigger(), digest.scheduled_run)

    # transport and operations
    app, connection = slack_web_app(
        bolt,
        RequestObserver(metrics, BackPressure(after_ack, locales, config.language).refusal),
        signing_secret=settings.slack_signing_secret.get_secret_value(),
        app_token=settings.slack_app_token.get_secret_value() if settings.slack_app_token else None,
    )
    health = HealthState(
        tick_interval=config.scheduler.tick,
        slack=connection,
        deliveries=outbox.failures,
        identity=identity,
        after_ack=lambda: after_ack.report().as_dict(),
    )

    async def observe_tick(report: TickReport, at: datetime, seconds: float) -> None:
        health.scheduler_ticked(at)
        metrics.scheduler_tick_seconds.observe(seconds)
        metrics.pages_sent.inc(report.deliveries.pages)
        metrics.outbox_backlog.set(await outbox.backlog())

    catalogue = CatalogueFiling(filing, config, approvals)
    scheduler = Scheduler(
        desk,
        deliveries,
        config,
        clock,
        timer,
        sweeps=[
            fanout.sweep,
            learning.sweep,
            approvals.sweep,
            audit.sweep,
            dm_erasure.sweep,
            Retention(
                config,
                stores.retention,
                copies=[knowledge],
                cards=desk,
                courier=deliveries,
                admins=roster,
            ).sweep,
            knowledge.refresh,  # what other replicas changed, within a tick
            Unannounced(filing, catalogue.announce).sweep,  # held for approval if it must
        ],
        observer=observe_tick,
        homes=paged_homes,  # a person's first page of an emergency shows on their Home tab
    )

    register_listeners(
        bolt,
        HandlerContext(
            desk=desk,
            filing=filing,
            claims=claims,
            locales=locales,
            config=config,
            metrics=metrics,
            conversation=conversation,
            from_message=MessageFiling(filing),
            home=home,
            work=TicketWork(desk),
            follow_up=RequesterFollowUp(desk, approvals.withdrawal),
            announcer=ChangeAnnouncer(
                desk,
                followers=[
                    fanout.after_change,
                    learning.after_change,
                    pages_ended.after_change,
                    reminders_answered.after_change,
                    former_assignees.after_change,
                    requester_files.after_change,
                ],
            ),
            acknowledgements=Acknowledgements(desk, outbox, messenger, metrics, paged_homes),
            reports=reports,
            report_files=report_files,
            problems=ProblemDesk(
                filing, stores.problem_tickets, stores.suggestions, links, board, notices
            ),
            usergroups=usergroups,
            emergency_calls=EmergencyCalls(
                desk, outbox, messenger, wake=timer.wake, homes=paged_homes
            ),
            catalogue=catalogue,
            audit=audit,
            editing=TicketEditing(desk),
            resolving=Resolving(desk),
            personal_data=PersonalData(stores.personal_data, audit, clock),
            erasure=erasure,
            knowledge=knowledge,
            authoring=ArticleAuthoring(desk, stores.articles, knowledge),
            article_replies=ArticleReplies(conversation, knowledge, outbox, deliveries),
            article_editing=ArticleEditing(roster, stores.articles, knowledge, clock, audit_log),
            receipts=Receipts(stores.receipts, clock),
            saved_replies=SavedReplies(conversation, config, outbox, deliveries),
            merging=Merging(desk, outbox, deliveries),
            after_ack=after_ack,
        ),
    )
    lighten_matchers(bolt)  # after every listener is registered
    add_operations_routes(app, database, health, metrics, clock)

    background = add_lifecycle(
        app,
        clients=(slack, bulk, owned),
        privacy=SlackChannelPrivacy(client),
        identity=identity,
        connection=connection,
        config=config,
        stores=stores,
        usergroups=usergroups,
        scheduler=scheduler,
        knowledge=knowledge,
        after_ack=after_ack,
        retry_seconds=index_retry_seconds,
    )
    return Guichet(
        bolt=bolt,
        web=app,
        helpdesk=desk,
        filing=filing,
        claims=claims,
        scheduler=scheduler,
        timer=timer,
        database=database,
        digest=digest,
        knowledge=knowledge,
        metrics=metrics,
        health=health,
        indexes=background.indexes,
        usergroups_synced=background.usergroups_synced,
        after_ack=after_ack,
    )
