"""The meaning check's threshold, chosen leave-one-part-out over the labelled parts.

    python -m bench.knowledge_calibration [--budget 0.07] [--questions FILE]

For each part of ``bench/knowledge_questions.yml`` in turn, the threshold is chosen on the other
parts alone (the lowest cosine at which their questions no article covers get a suggestion at
most ``--budget`` of the time, pooled), then the part left out is measured at it: how a
threshold chosen without a part does on it, the honest figure for questions nobody tuned on.
Last, the threshold chosen on every part (what ``MIN_SIMILARITY`` is set to). The sandbox's
articles, the bundled model (the ``semantic`` extra; its vectors are computed first, about
0.3 s an article).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import yaml

from bench.knowledge import ARTICLES, QUESTIONS, _labelled
from bot.knowledge.folder import load_folder
from bot.knowledge.index import MIN_COVERAGE, MIN_HEADING, ArticleIndex
from bot.knowledge.semantic import MIN_SIMILARITY, SemanticCheck

THRESHOLDS = [round(float(t), 4) for t in np.arange(0.8300, 0.9001, 0.0025)]
Counts = np.ndarray
"""top-3, first, covered, false, uncovered"""


def counts(index: ArticleIndex, rows: list[tuple[str, str | None]], threshold: float) -> Counts:
    top3 = first = false = 0
    for question, topic in rows:
        found = [
            m.article.topic_key
            for m in index.search(question, 3, None, MIN_COVERAGE, MIN_HEADING, threshold)
        ]
        if topic:
            top3 += topic in found
            first += bool(found) and found[0] == topic
        else:
            false += bool(found)
    covered = sum(1 for _, topic in rows if topic)
    return np.array([top3, first, covered, false, len(rows) - covered])


def total(rows: list[Counts]) -> Counts:
    return np.sum(rows, axis=0)


def chosen(table: dict[float, Counts], budget: float) -> float:
    """The lowest threshold keeping false suggestions within ``budget``."""
    return next((t for t in THRESHOLDS if table[t][3] <= budget * table[t][4]), THRESHOLDS[-1])


def line(label: str, c: Counts, threshold: float | None) -> str:
    chosen_at = "" if threshold is None else f"{threshold:.4f}"
    return (
        f"{label:11} {chosen_at:>9} {c[0] / c[2]:6.0%} {c[1] / c[2]:6.0%} "
        f"{c[3] / max(c[4], 1):6.0%}"
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--budget", type=float, default=0.07, help="false suggestions allowed")
    parser.add_argument("--questions", type=Path, default=QUESTIONS)
    args = parser.parse_args()
    parts = {
        part: [_labelled(row) for row in rows]
        for part, rows in yaml.safe_load(args.questions.read_text(encoding="utf-8")).items()
    }
    index = ArticleIndex(load_folder(ARTICLES), semantic=SemanticCheck.bundled())
    tables = {p: {t: counts(index, rows, t) for t in THRESHOLDS} for p, rows in parts.items()}
    print(f"leave-one-part-out, false suggestions within {args.budget:.0%} on the other parts")
    print("part left   threshold  top-3  first  false")
    pooled = np.zeros(5, dtype=int)
    for part in parts:
        others = {t: total([tables[p][t] for p in parts if p != part]) for t in THRESHOLDS}
        threshold = chosen(others, args.budget)
        pooled += tables[part][threshold]
        print(line(part, tables[part][threshold], threshold))
    print(line("pooled", pooled, None))
    every = {t: total([tables[p][t] for p in parts]) for t in THRESHOLDS}
    threshold = chosen(every, args.budget)
    print(line("all parts", every[threshold], threshold), f"(MIN_SIMILARITY {MIN_SIMILARITY})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
