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
    floors = {  # part: (top-3 at least, first at least, false suggestions at most)
        "tune": (0.95, 0.95, 0.05),
        "tune_2": (0.94, 0.94, 0.02),
        "tune_3": (0.92, 0.92, 0.15),
        "held_out": (0.96, 0.96, 0.0),
        "held_out_2": (0.88, 0.86, 0.02),
        "held_out_3": (0.71, 0.71, 0.06),  # its misses read at the fourth stop: tuned on since
    }
    figures = {  # only the parts with a floor: the one the goals are judged on is not measured here
        part: accuracy(index, [_labelled(row) for row in parts[part]], (MIN_COVERAGE, MIN_HEADING))
        for part in floors
    }
    for part, (top3, first, false) in floors.items():
        got = figures[part]
        assert got["top3"] >= top3 and got["first"] >= first and got["false"] <= false, (part, got)
