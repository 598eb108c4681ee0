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


SURFACE_PREFIX = "governance.audit.surface."
REASON_PREFIX = "governance.audit.reason."


def surface_name(surface: str, language: Language) -> str:
    """Where a line came from, for the reader: the interaction's own name when it has one
    (« bouton « Je prends » », "Claim button"), else its kind and id (« commande /ticket »,
    "Guichet (automatic)" for the scheduler's work); an unknown kind as it is stored."""
    kind, _, name = surface.partition(":")
    if name and has_name(name):
        return action_name(name, language)
    key = SURFACE_PREFIX + kind
    if key not in MESSAGES:
        return surface
    return t(language, key, name=name) if name else t(language, key, name="").strip()


def split_note(note: str) -> tuple[str, str]:
    """A refusal's note: its reason's code (the error's class, or a word) and what follows
    (the suggestion or article it was about)."""
    code, _, rest = note.partition(" ")
    return code, rest


def refusal_note(note: str, language: Language) -> str:
    """A refusal's note, its reason named for the reader (« pas autorisé », "not allowed");
    a reason with no name yet is shown as it is stored."""
    code, rest = split_note(note)
    if REASON_PREFIX + code not in MESSAGES:
        return note
    reason = t(language, REASON_PREFIX + code)
    return f"{reason} ({rest})" if rest else reason
