"""An organisation's past tickets, as a CSV file, read and turned into lessons.

The file (UTF-8, comma-separated, a header row, columns found by name): ``title``,
``description`` (optional), ``type`` (optional; one of Guichet's seven type ids), ``service``
(a service id of the services file; optional where only predictions are wanted), ``id``
(optional: the key that makes importing the same file twice count once; without it, the line's
own text is the key). Lines are taken in file order, oldest first.

Learning from a history is what the bot does as tickets settle (``bot/filing/learning.py``):
one lesson per line, and a line whose service differs from where the built-in lexicon would
send it is a correction (``CORRECTION_WEIGHT`` votes) — what the lexicon would have done, not
what the model learned so far would, so that importing the same file again teaches exactly the
same lessons (the bot's own corrections are facts: the ticket was moved). The command line
(``python -m bot history import`` / ``routing check``) and ``bench/triage.py`` use this module,
so they learn exactly as the bot would.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from typing import TextIO

from bot.domain.lessons import Lesson
from bot.domain.models import TicketType
from bot.filing.classifier import Classifier
from bot.filing.learning import CORRECTION_WEIGHT, lesson_of

__all__ = ["HistoryLine", "LineProblem", "learn", "lesson_for", "read_history"]

TITLE_MAX = 500
DESCRIPTION_MAX = 5000


@dataclass(frozen=True, slots=True)
class HistoryLine:
    """One usable line: where it is in the file, and what it says."""

    line: int
    key: str
    title: str
    description: str
    type: TicketType | None
    service: str | None

    @property
    def text(self) -> str:
        return f"{self.title}\n{self.description}"


@dataclass(frozen=True, slots=True)
class LineProblem:
    """A line that cannot be used, and why (``reason`` is a short id, ``detail`` the value)."""

    line: int
    reason: str
    detail: str = ""


def read_history(
    stream: TextIO,
    services: Collection[str],
    need_service: bool = True,
    silent: Collection[str] = (),
) -> tuple[list[HistoryLine], list[LineProblem]]:
    """The usable lines of a history file and the problems of the others. Raises ``ValueError``
    when the file itself is unusable (no header, no ``title`` column, no ``service`` column
    when ``need_service``). A line of a ``silent`` service (a private one: its tickets teach
    nothing) is not used."""
    reader = csv.DictReader(stream)
    columns = {(name or "").strip().lower(): name for name in reader.fieldnames or ()}
    if "title" not in columns:
        raise ValueError("the header row has no 'title' column")
    if need_service and "service" not in columns:
        raise ValueError("the header row has no 'service' column")
    lines: list[HistoryLine] = []
    problems: list[LineProblem] = []
    for number, row in enumerate(reader, start=2):
        parsed = _line(number, row, columns, services, need_service, silent)
        if isinstance(parsed, HistoryLine):
            lines.append(parsed)
        else:
            problems.append(parsed)
    return lines, problems


def _line(
    number: int,
    row: dict[str, str | None],
    columns: dict[str, str],
    services: Collection[str],
    need_service: bool,
    silent: Collection[str],
) -> HistoryLine | LineProblem:
    def get(name: str) -> str:
        column = columns.get(name)
        value = row.get(column) if column else None
        return value.strip() if isinstance(value, str) else ""

    title, description = get("title"), get("description")
    kind, service = get("type"), get("service")
    if not title:
        return LineProblem(number, "no_title")
    if len(title) > TITLE_MAX or len(description) > DESCRIPTION_MAX:
        return LineProblem(number, "too_long")
    ticket_type: TicketType | None = None
    if kind:
        try:
            ticket_type = TicketType(kind.lower())
        except ValueError:
            return LineProblem(number, "unknown_type", kind)
    if service and service not in services:
        return LineProblem(number, "unknown_service", service)
    if service and service in silent:
        return LineProblem(number, "private_service", service)
    if need_service and not service:
        return LineProblem(number, "no_service")
    key = get("id") or _text_key(title, description)
    return HistoryLine(number, key, title, description, ticket_type, service or None)


def _text_key(title: str, description: str) -> str:
    """A line without an id is known by its text: the same line imported twice counts once."""
    digest = hashlib.blake2b(f"{title}\x1f{description}".encode(), digest_size=8).hexdigest()
    return f"text:{digest}"


def lesson_for(classifier: Classifier, line: HistoryLine, key_prefix: str = "import:") -> Lesson:
    """What ``line`` teaches: a correction when the built-in lexicon would route it (from the
    line's type, else the type it suggests) elsewhere than its service."""
    assert line.service is not None
    kind = line.type or classifier.suggest_type(line.text, learned=False)
    route = classifier.classify(kind, line.title, line.description, learned=False).service
    weight = CORRECTION_WEIGHT if route != line.service else 1
    return lesson_of(
        key_prefix + line.key,
        line.title,
        line.description,
        line.service,
        line.type.value if line.type else "",
        weight,
    )


def learn(classifier: Classifier, lines: Iterable[HistoryLine]) -> Iterator[Lesson]:
    """Teach ``classifier`` the lines, in order; yields each lesson as it was learned."""
    for line in lines:
        lesson = lesson_for(classifier, line)
        classifier.learned.learn(lesson)
        yield lesson
