"""``bench/knowledge.py``: the search keeps its measured figures on the sandbox's articles.

Floors, not goals: the figures ``bench/knowledge.py`` printed when the decision rule was last
tuned (README, *Knowledge benchmark*), so a change that loses ground shows here.
"""

from __future__ import annotations

import yaml

from bench.knowledge import ARTICLES, MIN_COVERAGE, MIN_HEADING, QUESTIONS, _labelled, accuracy
from bot.knowledge.folder import load_folder
from bot.knowledge.index import ArticleIndex


def test_the_search_keeps_its_figures_on_every_part() -> None:
    index = ArticleIndex(load_folder(ARTICLES))
    parts = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))
    figures = {
        part: accuracy(index, [_labelled(row) for row in rows], (MIN_COVERAGE, MIN_HEADING))
        for part, rows in parts.items()
    }
    assert figures["tune"]["top3"] >= 0.90 and figures["tune"]["false"] <= 0.12
    assert figures["held_out"]["top3"] >= 0.87 and figures["held_out"]["false"] <= 0.10
    assert figures["held_out_2"]["top3"] >= 0.68 and figures["held_out_2"]["false"] <= 0.14
