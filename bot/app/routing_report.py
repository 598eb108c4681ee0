"""What ``python -m bot routing check`` writes and prints: one prediction per ticket, then, when
the tickets say what was right, the accuracy, the service confusion matrix and the worst
confusions."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

from bot.domain.config import ServicesConfig
from bot.filing.classifier import Classifier
from bot.filing.history import HistoryLine
from bot.locales.i18n import t

COLUMNS = ("id", "service", "type", "confidence", "reasons")
WORST_SHOWN = 5


def _id(line: HistoryLine) -> str:
    """The line's ``id`` column, else its line number."""
    return str(line.line) if line.key.startswith("text:") else line.key


def write_predictions(
    classifier: Classifier, lines: list[HistoryLine], out: Path, config: ServicesConfig
) -> None:
    """Write one row per line to ``out``: ``type`` is suggested from the text alone; ``service``
    is the route given the line's own type (the requester's choice) when it has one."""
    chosen: list[tuple[HistoryLine, str, str]] = []
    with out.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(COLUMNS)
        for line in lines:
            suggested = classifier.suggest_type(line.text)
            route = classifier.classify(line.type or suggested, line.title, line.description)
            reasons = "; ".join(route.reasons)
            writer.writerow([_id(line), route.service, suggested.value, route.confidence, reasons])
            chosen.append((line, route.service, suggested.value))
    _report(chosen, config)


def _report(chosen: list[tuple[HistoryLine, str, str]], config: ServicesConfig) -> None:
    language = config.language
    routed = [(line.service, service) for line, service, _ in chosen if line.service]
    typed = [(line.type.value, kind) for line, _, kind in chosen if line.type]
    for what, pairs in (("service", routed), ("type", typed)):
        if pairs:
            right = sum(expected == got for expected, got in pairs)
            print(
                t(
                    language,
                    "filing.cli.accuracy",
                    what=t(language, f"filing.cli.what.{what}"),
                    right=right,
                    total=len(pairs),
                    percent=f"{100 * right / len(pairs):.1f}",
                )
            )
    if not routed:
        return
    services = sorted({s for pair in routed for s in pair})
    counts = Counter(routed)
    width = max(len(s) for s in services) + 2
    print(t(language, "filing.cli.confusion"))
    print(" " * width + "".join(s.rjust(width) for s in services))
    for expected in services:
        row = "".join(str(counts[(expected, got)]).rjust(width) for got in services)
        print(expected.ljust(width) + row)
    wrong = [(pair, n) for pair, n in counts.most_common() if pair[0] != pair[1]]
    if wrong:
        print(t(language, "filing.cli.worst"))
        for (expected, got), n in wrong[:WORST_SHOWN]:
            print(t(language, "filing.cli.worst_line", count=n, expected=expected, chosen=got))
