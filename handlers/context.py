"""What every listener needs, built once by the composition root."""

from __future__ import annotations

from dataclasses import dataclass

from bot.changes import ChangeAnnouncer
from bot.config import ServicesConfig
from bot.follow_up import RequesterFollowUp
from bot.helpdesk import Helpdesk
from bot.work import TicketWork
from handlers.locale import LocaleResolver


@dataclass(frozen=True)
class HandlerContext:
    helpdesk: Helpdesk
    locales: LocaleResolver
    config: ServicesConfig
    work: TicketWork
    follow_up: RequesterFollowUp
    announcer: ChangeAnnouncer
