"""``bench/triage.py``: the issue's goals hold on the held-out part, and cold equals the lexicon."""

from __future__ import annotations

from pathlib import Path

from bench.triage import HELD_OUT, TRAIN, Tree, rows

ROOT = Path(__file__).resolve().parents[2]


def test_the_goals_hold_on_the_held_out_part() -> None:
    tree = Tree(ROOT)
    tickets = rows("triage_tickets.csv")
    history, held_out = tickets[:TRAIN], tickets[-HELD_OUT:]
    cold, warm = tree.fresh(), tree.fresh()
    tree.learn(warm, history)
    cold_route, _ = tree.score(cold, held_out)
    warm_route, warm_type = tree.score(warm, held_out)
    assert warm_route >= 0.86 and warm_type >= 0.88
    assert warm_route > cold_route  # the organisation's own names were learned
    urgent = rows("triage_urgent.csv")
    said = {u["id"]: warm.suggest_type(u["title"]).value for u in urgent}
    ordinary = [u for u in urgent if u["expect"] == "not_emergency"]
    genuine = [u for u in urgent if u["expect"] == "emergency"]
    assert not [u["title"] for u in ordinary if said[u["id"]] == "emergency"]
    assert sum(said[u["id"]] == "emergency" for u in genuine) >= 0.8 * len(genuine)
