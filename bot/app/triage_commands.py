"""``python -m bot history import FILE.csv [--dry-run]`` and ``python -m bot routing check
[--history H.csv] TICKETS.csv --out PREDICTIONS.csv``: an organisation's past tickets, before
go-live. Both use the bot's own classifier (``Classifier.for_config``) and learn as the bot does
(``bot.filing.history``); texts in the services file's ``language``.

``history import`` teaches the database-backed model (``MONGODB_URI``, ``MONGODB_DB``,
``GUICHET_CONFIG``): each line is one lesson, kept once however often the file is imported.
``routing check`` needs no database and no Slack: it learns from ``--history`` in memory and
writes what Guichet would choose for each ticket.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from pathlib import Path

from dotenv import dotenv_values

from bot.app.routing_report import write_predictions
from bot.app.settings import ENV_FILE
from bot.domain.clock import SystemClock
from bot.domain.config import ServicesConfig, load_services_config
from bot.domain.errors import ConfigError, StoreRejected, StoreUnavailable
from bot.domain.models import Language, TicketType
from bot.filing.classifier import Classifier
from bot.filing.history import HistoryLine, LineProblem, learn, read_history
from bot.filing.learning import Learning
from bot.filing.word_evidence import WordEvidence
from bot.governance.privacy import teaching_nothing
from bot.locales.i18n import t
from storage.client import Database, connect
from storage.lessons import LessonRepository

COMMANDS = ("history", "routing")


def run(argv: list[str]) -> int:
    """Run one of the commands; the exit status (0 done, 1 database down, 2 bad input)."""
    options = _arguments(argv)
    env = _environment()
    try:
        config = load_services_config(env.get("GUICHET_CONFIG") or None)
    except ConfigError as error:
        print(f"guichet: configuration error: {error}", file=sys.stderr)
        return 2
    if options.command == "routing":
        return check_routing(config, options.history, options.tickets, options.out)
    uri = env.get("MONGODB_URI") or None
    if uri is None and not options.dry_run:
        print(t(config.language, "filing.cli.no_database"), file=sys.stderr)
        return 2
    try:
        database = connect(uri, env.get("MONGODB_DB") or "guichet")
    except ConfigError as error:
        print(f"guichet: configuration error: {error}", file=sys.stderr)
        return 2
    try:
        return asyncio.run(import_history(database, config, options.file, options.dry_run))
    finally:
        database.close()


def _environment() -> dict[str, str]:
    """The settings as the bot reads them: the environment, then ``.env`` in the working
    directory for what it does not set (the bot's own ``MONGODB_URI`` in ``.env`` was not seen
    here: ``history import`` said no database was set)."""
    env_file = dotenv_values(ENV_FILE) if Path(ENV_FILE).is_file() else {}
    found = {name.upper(): value for name, value in env_file.items() if value is not None}
    return found | {name.upper(): value for name, value in os.environ.items()}


def _read(
    path: Path, config: ServicesConfig, need_service: bool, learned: bool = True
) -> tuple[list[HistoryLine], list[LineProblem]] | None:
    """The lines of a CSV file, its problems printed; ``None`` (said why) when unusable.
    ``learned``: a history to learn from, whose lines of a private service are left out (its
    tickets teach nothing, as in the bot: ``teaching_nothing``)."""
    silent = teaching_nothing(config) if learned else frozenset()
    language = config.language
    try:
        with path.open(encoding="utf-8", newline="") as stream:
            lines, problems = read_history(stream, config.services.keys(), need_service, silent)
    except (OSError, UnicodeDecodeError, ValueError) as error:
        print(t(language, "filing.cli.file_error", path=path, error=error), file=sys.stderr)
        return None
    for problem in problems:
        reason = _reason(problem, config)
        print(t(language, "filing.cli.line", line=problem.line, reason=reason), file=sys.stderr)
    return lines, problems


def _reason(problem: LineProblem, config: ServicesConfig) -> str:
    expected = (
        ", ".join(kind.value for kind in TicketType)
        if problem.reason == "unknown_type"
        else ", ".join(config.services)
    )
    return t(
        config.language,
        f"filing.cli.reason.{problem.reason}",
        detail=problem.detail,
        expected=expected,
    )


def _skipped(problems: list[LineProblem], config: ServicesConfig) -> None:
    counts: dict[str, int] = {}
    for problem in problems:
        counts[problem.reason] = counts.get(problem.reason, 0) + 1
    for reason, count in sorted(counts.items()):
        label = t(config.language, f"filing.cli.kind.{reason}")
        print(t(config.language, "filing.cli.skipped", reason=label, count=count))


async def import_history(
    database: Database, config: ServicesConfig, path: Path, dry_run: bool
) -> int:
    """Teach the model kept in ``database`` the lines of ``path`` (``dry_run``: only say what
    would be learned). Every usable line is read before anything is written."""
    language: Language = config.language
    read = _read(path, config, need_service=True)
    if read is None:
        return 2
    lines, problems = read
    try:
        repository = LessonRepository(database)
        learning = Learning(repository, WordEvidence(), SystemClock())
        classifier = Classifier.for_config(config, learning.evidence)
        await learning.refresh()  # learn each line on top of what is already known
        lessons = list(learn(classifier, lines))
        new = 0
        if not dry_run:
            await repository.create_indexes()
            new = await repository.record_many(lessons, learning.clock.now())
    except StoreUnavailable as error:
        key = (
            "filing.cli.store_refused"
            if isinstance(error, StoreRejected)
            else "filing.cli.store_down"
        )
        print(t(language, key, error=error), file=sys.stderr)
        return 1
    print(
        t(
            language,
            "filing.cli.summary_dry" if dry_run else "filing.cli.summary",
            read=len(lines) + len(problems),
            learned=len(lessons),
            new=new,
            known=len(lessons) - new,
            skipped=len(problems),
        )
    )
    _skipped(problems, config)
    if dry_run:
        print(t(language, "filing.cli.dry_run", learned=len(lessons)))
    return 0


def check_routing(config: ServicesConfig, history: Path | None, tickets: Path, out: Path) -> int:
    """Learn from ``history`` in memory, then write Guichet's choice for each of ``tickets``."""
    classifier = Classifier.for_config(config, WordEvidence())
    learned = 0
    if history is not None:
        read = _read(history, config, need_service=True)
        if read is None:
            return 2
        learned = sum(1 for _ in learn(classifier, read[0]))
    read = _read(tickets, config, need_service=False, learned=False)
    if read is None:
        return 2
    try:
        write_predictions(classifier, read[0], out, config)
    except OSError as error:
        print(t(config.language, "filing.cli.file_error", path=out, error=error), file=sys.stderr)
        return 2
    print(t(config.language, "filing.cli.written", count=len(read[0]), path=out, learned=learned))
    return 0


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bot")
    commands = parser.add_subparsers(dest="command", required=True)
    history = commands.add_parser("history", help="an organisation's past tickets")
    history_actions = history.add_subparsers(dest="action", required=True)
    importing = history_actions.add_parser(
        "import",
        help="teach Guichet the tickets of FILE (CSV: title, description, type, service, id)",
    )
    importing.add_argument("file", type=Path, metavar="FILE.csv")
    importing.add_argument("--dry-run", action="store_true", help="check and count, store nothing")
    routing = commands.add_parser("routing", help="how Guichet would route tickets")
    routing_actions = routing.add_subparsers(dest="action", required=True)
    check = routing_actions.add_parser(
        "check", help="write Guichet's service and type for each ticket of TICKETS"
    )
    check.add_argument("tickets", type=Path, metavar="TICKETS.csv")
    check.add_argument("--history", type=Path, metavar="H.csv", help="learn from these first")
    check.add_argument("--out", type=Path, required=True, metavar="PREDICTIONS.csv")
    return parser.parse_args(argv)
