"""Every string a person reads, in French and English.

``t(language, key, **params)`` picks the text; ``language_for_locale`` maps a Slack locale
(``fr-FR``, ``en-US``, ...) to a language. The texts live in ``bot/locales/`` (one module per
feature); a test checks every key has both languages with the same placeholders.
"""

from __future__ import annotations

import importlib
import pkgutil
from datetime import date

from bot import locales
from bot.domain.models import Language, Level, Priority, Status, TicketType


def _collect() -> dict[str, dict[Language, str]]:
    messages: dict[str, dict[Language, str]] = {}
    for module_info in sorted(pkgutil.iter_modules(locales.__path__), key=lambda m: m.name):
        if module_info.name == __name__.rpartition(".")[2]:
            continue  # this module: the others hold the texts
        module = importlib.import_module(f"{locales.__name__}.{module_info.name}")
        for key, texts in module.TEXTS.items():
            if key in messages:
                raise RuntimeError(f"text {key!r} is defined twice (in {module_info.name})")
            messages[key] = texts
    return messages


MESSAGES: dict[str, dict[Language, str]] = _collect()


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
