"""What every listener needs, built once by the composition root."""

from __future__ import annotations

from dataclasses import dataclass

from bot.conversation.relay import Conversation
from bot.domain.config import ServicesConfig
from bot.filing.from_message import MessageFiling
from bot.home.snapshot import Home
from bot.paging.acknowledge import Acknowledgements
from bot.problems.desk import ProblemDesk
from bot.reports.reports import Reports
from bot.tickets.desk import Helpdesk
from bot.working.changes import ChangeAnnouncer
from bot.working.follow_up import RequesterFollowUp
from bot.working.work import TicketWork
from handlers.kit.locale import LocaleResolver
from handlers.reports.uploads import SlackReportPublisher


@dataclass(frozen=True)
class HandlerContext:
    helpdesk: Helpdesk
    locales: LocaleResolver
    config: ServicesConfig
    conversation: Conversation
    filing: MessageFiling
    home: Home
    work: TicketWork
    follow_up: RequesterFollowUp
    announcer: ChangeAnnouncer
    acknowledgements: Acknowledgements
    reports: Reports
    report_files: SlackReportPublisher
    problems: ProblemDesk
