"""Every string a person reads, in French and English.

``t(language, key, **params)`` picks the text; ``language_for_locale`` maps a Slack locale
(``fr-FR``, ``en-US``, ...) to a language. The texts live in ``bot/locales/``, one module per
capability named like the code's folders (``working.py`` for ``bot/working`` and
``handlers/working``, plus ``vocabulary.py`` for the words every surface uses). A key starts with
its module's name (``working.assign.title``), so a key read in code says which file holds it; the
loader refuses any other, and a test checks every key has both languages with the same
placeholders.
"""

from __future__ import annotations

import importlib
import pkgutil
from datetime import date
from types import ModuleType

from bot import locales
from bot.domain.models import Language, Level, Priority, Status, TicketType


def collect(package: ModuleType) -> dict[str, dict[Language, str]]:
    """Every ``TEXTS`` of ``package``'s modules, refusing a key its module's name does not start.

    A key defined twice in one module is ruff's F601; across modules the prefix rule forbids it.
    """
    messages: dict[str, dict[Language, str]] = {}
    for module_info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        name = module_info.name
        if name == __name__.rpartition(".")[2]:
            continue  # this module: the others hold the texts
        module = importlib.import_module(f"{package.__name__}.{name}")
        for key, texts in module.TEXTS.items():
            if key.partition(".")[0] != name:
                raise RuntimeError(f"text {key!r} is in {name}.py: its key must start with {name}.")
            messages[key] = texts
    return messages


MESSAGES: dict[str, dict[Language, str]] = collect(locales)


def language_for_locale(locale: str | None) -> Language:
    """``fr-FR``, ``fr-CA`` -> French; anything else (or nothing) -> English."""
    if locale and locale.lower().startswith("fr"):
        return Language.FR
    return Language.EN


def t(language: Language, key: str, **params: object) -> str:
    """The text of ``key`` in ``language``, with ``params`` filled in."""
    text = MESSAGES[key][language]
    return text.format(**params) if params else text


def type_name(language: Language, ticket_type: TicketType) -> str:
    return t(language, f"vocabulary.type.{ticket_type.value}")


def status_name(language: Language, status: Status) -> str:
    return t(language, f"vocabulary.status.{status.value}")


def level_name(language: Language, level: Level) -> str:
    return t(language, f"vocabulary.level.{level.value}")


def priority_name(language: Language, priority: Priority) -> str:
    return t(language, f"vocabulary.priority.{priority.value}")


def date_text(language: Language, day: date) -> str:
    """A calendar day as people of ``language`` write it: ``31/12/2025``, ``2025-12-31``."""
    return t(language, "vocabulary.date", day=day.day, month=day.month, year=day.year)
