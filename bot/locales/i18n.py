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

A service's name put into a French text takes the article its services file gives it
(``article: {fr: le}``; the name arrives as a ``ServiceName``, which carries it): after « de »
and « à » contracted (« les membres du Centre de support », « transmis de l’Infrastructure et
réseau au Centre de support », « à la Sécurité informatique »), after another preposition put
after it (« pour le *Centre de support* », « chez la Sécurité informatique »), capitalised at
the start of a sentence (« Le Centre de support n’a aucune… »), and left out where the name
stands as a label (after « : », « · », « , », « ( », at the start of a line, as a card's field
under its bold label, after a noun: « l’équipe *{service}* »,
« du service *{service}* »). Markup stays around the name (« du *Centre de support* »). A name
without an article is elided instead: ``de {service}`` before a vowel reads ``d’{service}``
(« les membres d’Infrastructure et réseau »). A list of services (a tuple) after a preposition
is written out, each name with its own (« Aucun ticket du Centre de support et de la Sécurité
informatique »); elsewhere, and in English, it reads « A, B ».
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
from bot.domain.config import VOWELS, ServiceName
from bot.domain.models import Language, Level, Priority, Status, TicketType
from bot.locales.plurals import LOCALES as _LOCALES
from bot.locales.plurals import Plural

Text = str | Plural
"""What a key holds in one language."""

_PLACEHOLDER = re.compile(r"([*_]?)\{(\w+)\}")
_WORD_BEFORE = re.compile(r"(?:^|(?<=\s))(\w+) $")
_SENTENCE_START = re.compile(r"(?:^|[.!?][^\S\n]+)$")
"""Where a sentence starts: the text's start, or after its end on the same line (a value at the
start of a line is a field's, under its label: « *Service*\\nInfrastructure et réseau »)."""
_CONTRACTED: dict[str, dict[str, str]] = {
    "de": {"le": "du ", "les": "des ", "la": "de la ", "l’": "de l’"},
    "à": {"le": "au ", "les": "aux ", "la": "à la ", "l’": "à l’"},
}
PREPOSITIONS = frozenset(
    {
        "pour", "par", "dans", "vers", "sur", "avec", "chez", "entre", "sans", "contre",
        "selon", "envers", "depuis", "après", "avant", "sous", "parmi", "auprès",
    }
)  # fmt: skip
"""The prepositions a service's article follows as a word of its own (« pour le … »)."""


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
    if any(isinstance(v, tuple | list) for v in params.values()):  # a list of one: its name
        params = {
            n: v[0] if isinstance(v, tuple | list) and len(v) == 1 else v for n, v in params.items()
        }
    if language is Language.FR and params:
        text = with_articles(text, params)
    lists = {name: ", ".join(v) for name, v in params.items() if isinstance(v, tuple | list)}
    if lists:  # a list of services (English, or a French label): « A, B »
        params = {**params, **lists}
    return text.format(**params) if params else text


def with_articles(text: str, params: dict[str, object]) -> str:
    """The French ``text`` with each service's article (or elision) before its placeholder; a
    list of services after a preposition written out, each with its own (« du Centre de support
    et de la Sécurité informatique »)."""
    written = ""
    done = 0
    for match in _PLACEHOLDER.finditer(text):
        written += text[done : match.start()]
        done = match.start()
        markup, name = match.groups()
        value = params.get(name)
        if isinstance(value, tuple | list) and (listed := _listed(written, markup, value, name)):
            written, list_text = listed
            written += list_text.replace("{", "{{").replace("}", "}}")
            done = match.end()
        elif isinstance(value, ServiceName) and value.article is not None:
            written = _put_article(written, value.article)
        elif isinstance(value, str) and _elides(name, value):
            written = _elide(written)
    return written + text[done:]


def _listed(
    before: str, markup: str, names: tuple[object, ...] | list[object], key: str
) -> tuple[str, str] | None:
    """``before`` without its preposition, and the ``names`` each after its own (joined with
    « et »); ``None`` where the list stands as a label (« Services : A, B »)."""
    word = _WORD_BEFORE.search(before)
    preposition = word.group(1) if word else ""
    if not names or (
        preposition.lower() not in _CONTRACTED and preposition.lower() not in PREPOSITIONS
    ):
        return None
    items = []
    for name in names:
        lead = f"{preposition} "
        if isinstance(name, ServiceName) and name.article is not None:
            lead = _put_article(lead, name.article)
        elif isinstance(name, str) and _elides(key, name):
            lead = _elide(lead)
        items.append(f"{lead}{markup}{name}{markup}")
        preposition = preposition.lower()  # « De la Sécurité … et du Centre … »
    return before[: -len(preposition) - 1], ", ".join(items[:-1]) + " et " + items[-1]


def _elides(name: str, value: str) -> bool:
    """A bare name of a team starting with a vowel (not an id such as INC-1: « de INC-1 »)."""
    team = isinstance(value, ServiceName) or "service" in name
    return team and value[:1].lower() in VOWELS


def _elide(before: str) -> str:
    """``before`` a name starting with a vowel: ``… de `` -> ``… d’``."""
    word = _WORD_BEFORE.search(before)
    if word and word.group(1) in ("de", "De"):
        return before[:-2] + "’"
    return before


def _put_article(before: str, article: str) -> str:
    """``before`` a name taking ``article``: contracted with « de » or « à », after another
    preposition, capitalised at a sentence's start; unchanged before a label."""
    word = _WORD_BEFORE.search(before)
    preposition = word.group(1) if word else ""
    contracted = _CONTRACTED.get(preposition.lower())
    spaced = article if article.endswith("’") else f"{article} "
    if contracted is not None:
        joined = contracted[article]
        if preposition[:1].isupper():
            joined = joined[:1].upper() + joined[1:]
        return before[: -len(preposition) - 1] + joined
    if preposition.lower() in PREPOSITIONS:
        return before + spaced
    if _SENTENCE_START.search(before):
        return before + spaced[:1].upper() + spaced[1:]
    return before


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
