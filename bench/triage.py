"""Triage benchmark: how well Guichet types and routes tickets, cold and after learning.

    python bench/triage.py                 # this tree's classifier
    python bench/triage.py --tree ../main  # another checkout's (e.g. main, before this work)

The data (``bench/data/``) is written in the style of real helpdesk tickets (terse, lower-case,
typos, the organisation's own server, site and application names, French and English) and is
time-ordered. ``triage_tickets.csv``: the first ``TRAIN`` lines are the history Guichet learns
from, in order; the last ``HELD_OUT`` lines are never tuned on and are reported apart (the
lines in between are the validation part the weights were tuned on). ``triage_urgent.csv``:
"urgent"-but-ordinary requests (no emergency may be suggested) and genuine emergencies.

Printed: cold (nothing learned) and warm (learned from the history) route and type accuracy on
the held-out part and the validation part, the learning curve after 0, 25, 50, 100, 200, 300
tickets, false emergencies on ordinary urgent requests, emergencies caught, the time per ticket
and the learned model's size. Learning goes through ``bot.filing.history.learn``, as the bot and
``python -m bot routing check`` do.
"""

from __future__ import annotations

import argparse
import csv
import importlib
import inspect
import json
import sys
import time
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"
TRAIN = 300  # the history learned from (the oldest lines)
VALIDATION = 20  # lines after the history, used while tuning
HELD_OUT = 100  # the newest lines: never tuned on
CURVE = (0, 25, 50, 100, 200, 300)
DEFAULTS = {
    "incident": "service_desk",
    "service_request": "internal_it",
    "problem": "internal_it",
    "information_request": "service_desk",
    "improvement_request": "app_dev",
    "training_request": "service_desk",
    "emergency": "infra_network",
}
SERVICES = ("service_desk", "internal_it", "app_dev", "security", "infra_network")


def rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


class Tree:
    """The classifier of one checkout (imported from ``path``, first on ``sys.path``)."""

    def __init__(self, path: Path) -> None:
        sys.path.insert(0, str(path))
        self.models = importlib.import_module("bot.domain.models")
        classifier = importlib.import_module("bot.filing.classifier")
        self.Classifier = classifier.Classifier
        self.learns = "learned" in inspect.signature(self.Classifier).parameters
        self.history = importlib.import_module("bot.filing.history") if self.learns else None
        self.name = str(path)

    def fresh(self) -> Any:
        defaults = {self.models.TicketType(k): v for k, v in DEFAULTS.items()}
        return self.Classifier(defaults, "service_desk", services=SERVICES)

    def learn(self, classifier: Any, tickets: list[dict[str, str]]) -> None:
        if self.history is None or not tickets:
            return
        lines = [
            self.history.HistoryLine(
                i + 2,
                t["id"],
                t["title"],
                t["description"],
                self.models.TicketType(t["type"]),
                t["service"],
            )
            for i, t in enumerate(tickets)
        ]
        for _ in self.history.learn(classifier, lines):
            pass

    def score(self, classifier: Any, tickets: list[dict[str, str]]) -> tuple[float, float]:
        """(route accuracy given the ticket's type, suggested type accuracy)."""
        route = kind = 0
        for t in tickets:
            text = f"{t['title']}\n{t['description']}".strip()
            chosen = self.models.TicketType(t["type"])
            route += (
                classifier.classify(chosen, t["title"], t["description"]).service == (t["service"])
            )
            kind += classifier.suggest_type(text).value == t["type"]
        return route / len(tickets), kind / len(tickets)


def pct(value: float) -> str:
    return f"{100 * value:5.1f} %"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tree", type=Path, default=Path(__file__).resolve().parents[1])
    args = parser.parse_args()
    tree = Tree(args.tree.resolve())
    tickets = rows("triage_tickets.csv")
    history = tickets[:TRAIN]
    validation = tickets[TRAIN : TRAIN + VALIDATION]
    held_out = tickets[-HELD_OUT:]
    assert len(history) + len(validation) + len(held_out) <= len(tickets)
    learning = "yes" if tree.learns else "no (warm = cold)"
    print(f"Guichet triage benchmark — classifier of {tree.name} (learns: {learning})")
    print(
        f"data: {len(tickets)} time-ordered tickets: history {len(history)}, "
        f"validation {len(validation)} (tuned on), held-out {len(held_out)} (never tuned on)"
    )

    cold = tree.fresh()
    warm = tree.fresh()
    tree.learn(warm, history)
    print(f"{'part':<22}{'cold route':>12}{'cold type':>12}{'warm route':>12}{'warm type':>12}")
    for name, part in (("held-out", held_out), ("validation", validation)):
        cold_route, cold_type = tree.score(cold, part)
        warm_route, warm_type = tree.score(warm, part)
        print(
            f"{name:<22}{pct(cold_route):>12}{pct(cold_type):>12}"
            f"{pct(warm_route):>12}{pct(warm_type):>12}"
        )

    print("learning curve on the held-out part (route / type after N history tickets):")
    for n in CURVE:
        model = tree.fresh()
        tree.learn(model, history[:n])
        route, kind = tree.score(model, held_out)
        print(f"  N={n:<4} route {pct(route)}   type {pct(kind)}")

    urgent = rows("triage_urgent.csv")
    ordinary = [u for u in urgent if u["expect"] == "not_emergency"]
    genuine = [u for u in urgent if u["expect"] == "emergency"]
    false = [u for u in ordinary if warm.suggest_type(u["title"]).value == "emergency"]
    caught = [u for u in genuine if warm.suggest_type(u["title"]).value == "emergency"]
    print(f"false emergencies on ordinary 'urgent' requests: {len(false)}/{len(ordinary)}")
    for u in false:
        print(f"    {u['title']}")
    print(f"genuine emergencies suggested as such: {len(caught)}/{len(genuine)}")
    for u in genuine:
        if u not in caught:
            print(f"    missed: {u['title']}")

    rounds = 20
    started = time.perf_counter()
    for _ in range(rounds):
        for t in held_out:
            kind = warm.suggest_type(f"{t['title']}\n{t['description']}")
            warm.classify(kind, t["title"], t["description"])
    per_ticket = (time.perf_counter() - started) / (rounds * len(held_out))
    print(f"time per ticket (suggest type + route, warm): {per_ticket * 1e3:.3f} ms")
    if tree.learns:
        words, counts = warm.learned.size()
        size = len(json.dumps(warm.learned._words))
        print(f"learned model: {words} words, {counts} counts, ~{size / 1024:.1f} KiB as JSON")


if __name__ == "__main__":
    main()
