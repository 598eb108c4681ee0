"""An audit line's action, named for the person reading the log: the change written (« prise en
charge », "claimed") or what was tried when it was refused (the button, menu, form or command:
« bouton « Je prends » », "Claim button"). The stored code stays beside it in the CSV's last
column, for a spreadsheet filter or a script; a code with no name yet (a new button) is shown as
it is stored rather than hidden."""

from __future__ import annotations

import re

from bot.domain.models import Language
from bot.locales.i18n import MESSAGES, t

PREFIX = "governance.audit.action."
RATING = re.compile(r"^ticket_rate_[1-5]$")  # one button per star: one name


def _key(code: str) -> str:
    return PREFIX + ("ticket_rate" if RATING.match(code) else code)


def has_name(code: str) -> bool:
    return _key(code) in MESSAGES


def action_name(code: str, language: Language) -> str:
    return t(language, _key(code)) if has_name(code) else code
