"""What every listener needs, built once by the composition root."""

from __future__ import annotations

from dataclasses import dataclass

from bot.acknowledge import Acknowledgements
from bot.config import ServicesConfig
from bot.helpdesk import Helpdesk
from handlers.locale import LocaleResolver


@dataclass(frozen=True)
class HandlerContext:
    helpdesk: Helpdesk
    locales: LocaleResolver
    config: ServicesConfig
    acknowledgements: Acknowledgements
