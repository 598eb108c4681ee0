"""What every listener needs, built once by the composition root."""

from __future__ import annotations

from dataclasses import dataclass

from bot.acknowledge import Acknowledgements
from bot.changes import ChangeAnnouncer
from bot.config import ServicesConfig
from bot.conversation import Conversation
from bot.follow_up import RequesterFollowUp
from bot.helpdesk import Helpdesk
from bot.home import Home
from bot.message_filing import MessageFiling
from bot.problems import ProblemDesk
from bot.reports import Reports
from bot.work import TicketWork
from handlers.locale import LocaleResolver
from handlers.report_uploads import SlackReportPublisher


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
