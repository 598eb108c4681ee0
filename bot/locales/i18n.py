"""Every string a person reads, in French and English.

``t(language, key, **params)`` picks the text; ``language_for_locale`` maps a Slack locale
(``fr-FR``, ``en-US``, ...) to a language. The texts live in ``bot/locales/``, one module per
capability named like the code's folders (``working.py`` for ``bot/working`` and
``handlers/working``, plus ``vocabulary.py`` for the words every surface uses). A key starts with
its module's name (``working.assign.title``), so a key read in code says which file holds it; the
loader refuses any other, and a test checks every key has both languages with the same
placeholders.

A text that counts something is a ``Plural``: one variant per CLDR plural category of the
language (``one``, ``other``; French also ``many``, for a million and more), picked by Babel's
plural rules from the ``count`` parameter (or the one its ``by`` names: ``{rated}``, ``{max}``),
which is written as the language writes numbers (``1 234`` in French, ``1,234`` in English). A
text with several numbers to agree with is split into texts of one number each, or says its
numbers after labels (« apprises : 2 »). Hand-written rules get French wrong: 0 is singular
there (« 0 ticket »), plural in English ("0 tickets").

French typography is applied to the French texts once, when they are collected: a
non-breaking space before « : ; ? ! » and inside « », so that Slack never starts a line with
« : » or leaves a « » alone at the end of one (``french_spacing``; the texts are written with
ordinary spaces, as people type them).

French elision is applied to the services' names put into a text: ``de {service}`` before a name
starting with a vowel reads ``d’{service}`` (« les membres d’Infrastructure et réseau »).
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from dataclasses import replace
from datetime import date
from types import ModuleType

from babel.dates import format_date
from babel.numbers import format_decimal

from bot import locales
from bot.domain.models import Language, Level, Priority, Status, TicketType
from bot.locales.plurals import LOCALES as _LOCALES
from bot.locales.plurals import Plural

Text = str | Plural
"""What a key holds in one language."""

_ELIDABLE = re.compile(r"\b([Dd])e ([*_]?)\{(\w+)\}")
_VOWELS = frozenset("aeiouyàâäéèêëîïôöûùüœæ")


NOT_TEXTS = frozenset({"i18n", "plurals"})

_FRENCH_SPACE = re.compile(r" (?=[:;?!»])(?!:[a-z0-9_+-]+:)|(?<=«) ")
"""An ordinary space before « : ; ? ! » (not the colon of an emoji's ``:name:``) or after « «."""
NO_BREAK_SPACE = "\u00a0"


def french_spacing(text: Text) -> Text:
    """``text`` with a non-breaking space where French typography wants one (see above)."""
    if isinstance(text, Plural):
        many = _spaced(text.many) if text.many else None
        return replace(text, one=_spaced(text.one), other=_spaced(text.other), many=many)
    return _spaced(text)


def _spaced(text: str) -> str:
    return _FRENCH_SPACE.sub(NO_BREAK_SPACE, text)


def collect(package: ModuleType) -> dict[str, dict[Language, Text]]:
    """Every ``TEXTS`` of ``package``'s modules, refusing a key its module's name does not start.

    A key defined twice in one module is ruff's F601; across modules the prefix rule forbids it.
    """
    messages: dict[str, dict[Language, Text]] = {}
    for module_info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        name = module_info.name
        if name in NOT_TEXTS:
            continue  # the loader and the plural form: the others hold the texts
        module = importlib.import_module(f"{package.__name__}.{name}")
        for key, texts in module.TEXTS.items():
            if key.partition(".")[0] != name:
                raise RuntimeError(f"text {key!r} is in {name}.py: its key must start with {name}.")
            french = texts.get(Language.FR)
            messages[key] = (
                texts if french is None else {**texts, Language.FR: french_spacing(french)}
            )
    return messages


MESSAGES: dict[str, dict[Language, Text]] = collect(locales)


def language_for_locale(locale: str | None) -> Language:
    """``fr-FR``, ``fr-CA`` -> French; anything else (or nothing) -> English."""
    if locale and locale.lower().startswith("fr"):
        return Language.FR
    return Language.EN


def t(language: Language, key: str, **params: object) -> str:
    """The text of ``key`` in ``language``, with ``params`` filled in (a ``Plural`` picked by
    its number, ``count`` unless it names another)."""
    text = MESSAGES[key][language]
    if isinstance(text, Plural):
        name = text.by
        number = params.get(name)
        if not isinstance(number, int) or isinstance(number, bool):
            raise TypeError(f"{key} counts something: give it {name}=<int>")
        text = text.pick(language, number)
        params = {**params, name: number_text(language, number)}
    if language is Language.FR and params:
        text = _ELIDABLE.sub(lambda m: _elide(m, params), text)
    return text.format(**params) if params else text


def _elide(match: re.Match[str], params: dict[str, object]) -> str:
    """``de {name}`` -> ``d’{name}`` when the name put there starts with a vowel."""
    d, markup, name = match.groups()
    value = params.get(name)
    if "service" not in name:  # a name of a team; not an id such as INC-1 (« de INC-1 »)
        return match.group(0)
    if isinstance(value, str) and value[:1].lower() in _VOWELS:
        return f"{d}’{markup}{{{name}}}"
    return match.group(0)


def number_text(language: Language, number: int | float) -> str:
    """A number as ``language`` writes it (CLDR, through Babel): ``1 234``, ``1,234``."""
    return format_decimal(number, locale=_LOCALES[language])


def type_name(language: Language, ticket_type: TicketType) -> str:
    return t(language, f"vocabulary.type.{ticket_type.value}")


def status_name(language: Language, status: Status, awaiting_approval: bool = False) -> str:
    """A status's name; a catalogue request still awaiting its approvers is named so instead
    (its status is still the one it was filed with, but it is nobody's work yet)."""
    if awaiting_approval:
        return t(language, "vocabulary.status.awaiting_approval")
    return t(language, f"vocabulary.status.{status.value}")


def status_in_sentence(language: Language, status: Status, awaiting_approval: bool = False) -> str:
    """A status inside a sentence: « INC-3 est en cours », "INC-3 is in progress" (the names
    are capitalised to stand alone, on cards and in lists); « en attente d’approbation » for a
    catalogue request its approvers have not decided yet."""
    name = status_name(language, status, awaiting_approval)
    return name[:1].lower() + name[1:]


def level_name(language: Language, level: Level) -> str:
    return t(language, f"vocabulary.level.{level.value}")


def priority_name(language: Language, priority: Priority) -> str:
    return t(language, f"vocabulary.priority.{priority.value}")


def date_text(language: Language, day: date) -> str:
    """A calendar day as people of ``language`` write it (CLDR's short date, through Babel, in
    French: ``31/12/2025``; ISO in English, ``2025-12-31``, which no English reader misreads as
    the US or the UK order)."""
    if language is Language.FR:
        return format_date(day, format="short", locale=_LOCALES[language])
    return day.isoformat()


def iso_date(day: date) -> str:
    """A day in reports, ``2025-12-31`` in both languages: the export's title and comment and
    the digest's week read like the ISO times in the file beside them."""
    return day.isoformat()
