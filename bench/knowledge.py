"""Knowledge base search: accuracy on labelled questions and latency at 2,000 articles.

    python bench/knowledge.py [--min-coverage 0.5] [--min-heading 0.0] [--questions FILE]
        [--semantic [--vectors FILE.npz]] [--size 2000]

The articles are the sandbox's (``sandbox/knowledge/``); the questions, French and English,
terse, misspelt and ticket-like, are in ``bench/knowledge_questions.yml``, in parts: those
used to tune weights, thresholds and word lists (``tune``, ``tune_2``, and the earlier held-out
parts, tuned on since) and ``GOAL_PART``, written before the last tuning and never tuned on.
For each part: how often the right article is among the three shown (goal >= 85 %) and first
(goal >= 70 %), and how often a question no article covers gets a suggestion anyway (goal <= 10 %);
the goals are judged on ``GOAL_PART`` alone.
Then the same questions against the articles plus generated filler articles up to 2,000, for
the search latency (goal < 20 ms) and to see that accuracy holds in a bigger base. With the
meaning check (``--semantic``), a question's first search (its vector computed when the word
search leaves it) and the next ones (its vector kept) are timed apart; ``--vectors`` keeps the
articles' vectors in a file between runs (2,000 articles take minutes to embed).

Last, learning from the organisation (not in the figures above, where nothing is learned): each
part again with every other part's questions learned for their articles as if people had said
they answered them, ``GOAL_PART`` left out of both: how much questions already answered help
new ones worded by other people (with the meaning check when ``--semantic``: it must agree with
an answer only the learned words make).
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from pathlib import Path

import numpy as np
import yaml

from bot.domain.knowledge import Article
from bot.domain.models import Language
from bot.knowledge.folder import load_folder
from bot.knowledge.index import LEARNED_PER_ARTICLE, MIN_COVERAGE, MIN_HEADING, ArticleIndex
from bot.knowledge.semantic import SemanticCheck, passage

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "sandbox" / "knowledge"
QUESTIONS = Path(__file__).with_name("knowledge_questions.yml")
FILLER_TEXT = (
    "quarterly budget invoice supplier contract warehouse delivery truck forklift inventory "
    "audit compliance marketing campaign brochure newsletter customer survey tender legal "
    "lawyer parking canteen menu garden plants furniture desk chair elevator stairs fire drill "
    "evacuation insurance pension travel train hotel booking visa passport training course "
    "catalogue pricing discount quote order shipment customs tax accounting ledger closing "
    "budget forecast reporting dashboard sales lead prospect partner event conference booth "
    "fournisseur facture contrat entrepot livraison camion inventaire audit conformite "
    "campagne brochure enquete client appel offre juridique avocat cantine menu jardin "
    "mobilier chaise ascenseur escalier exercice incendie assurance retraite voyage train "
    "hotel reservation formation catalogue tarif remise devis commande expedition douane"
)
FILLER_WORDS = FILLER_TEXT.split()
GOAL_PART = "held_out_8"
"""The part never tuned on: the goals are judged on it (the other parts were tuned on); the
goals are not met when the file has no such part (``held_out_8``, written blind at stop 29, joins
the file when its branch is merged; ``held_out_7`` is tuned on from stop 29)."""


def _labelled(row: str) -> tuple[str, str | None]:
    """``"question | topic"`` -> (question, topic or None for ``null``)."""
    question, _, topic = row.rpartition("|")
    return question.strip(), None if topic.strip() == "null" else topic.strip()


def accuracy(
    index: ArticleIndex, rows: list[tuple[str, str | None]], thresholds: tuple[float, float]
) -> dict[str, float]:
    covered = [(q, topic) for q, topic in rows if topic]
    uncovered = [q for q, topic in rows if not topic]
    top3 = first = 0
    for question, topic in covered:
        found = [m.article.topic_key for m in index.search(question, 3, None, *thresholds)]
        top3 += topic in found
        first += bool(found) and found[0] == topic
    false = sum(bool(index.search(q, 3, None, *thresholds)) for q in uncovered)
    return {
        "covered": len(covered),
        "top3": top3 / len(covered),
        "first": first / len(covered),
        "uncovered": len(uncovered),
        "false": false / max(len(uncovered), 1),
    }


def filler(count: int, seed: int = 7) -> list[Article]:
    """``count`` generated articles about everything but IT: they compete for every word."""
    rng = random.Random(seed)
    return [
        Article(
            id=f"filler-{i}",
            title=" ".join(rng.sample(FILLER_WORDS, 5)),
            body=" ".join(rng.choices(FILLER_WORDS, k=rng.randint(60, 250))),
            language=rng.choice([Language.FR, Language.EN]),
            tags=tuple(rng.sample(FILLER_WORDS, 3)),
        )
        for i in range(count)
    ]


def learning(
    articles: list[Article],
    questions: dict[str, list[tuple[str, str | None]]],
    thresholds: tuple[float, float],
    semantic: SemanticCheck | None = None,
) -> None:
    """Each part with the other parts' questions learned (see the module's docstring)."""
    topic_article: dict[str, str] = {}
    for article in articles:
        topic_article.setdefault(article.topic_key, article.id)
    print(
        "learning: each part, the other parts' questions learned as answered (real base; "
        f"the latest {LEARNED_PER_ARTICLE} of a topic)"
    )
    print("part        learned  top-3  first  false   nothing learned: top-3  first  false")
    plain = ArticleIndex(articles, semantic=semantic)
    for part, rows in questions.items():
        learned: dict[str, list[str]] = {}
        for other, asked in questions.items():
            for question, topic in asked if other != part else ():
                if topic:
                    learned.setdefault(topic_article[topic], []).append(question)
        taught = accuracy(ArticleIndex(articles, learned, semantic), rows, thresholds)
        before = accuracy(plain, rows, thresholds)
        print(
            f"{part:11} {sum(min(len(q), LEARNED_PER_ARTICLE) for q in learned.values()):7} "
            f"{taught['top3']:6.0%} "
            f"{taught['first']:6.0%} {taught['false']:6.0%}   {before['top3']:22.0%} "
            f"{before['first']:6.0%} {before['false']:6.0%}"
        )


def _timed(
    index: ArticleIndex, questions: list[str], thresholds: tuple[float, float]
) -> list[float]:
    """Each question's search time, in milliseconds."""
    timings = []
    for question in questions:
        t0 = time.perf_counter()
        index.search(question, 3, Language.EN, *thresholds)
        timings.append((time.perf_counter() - t0) * 1000)
    return timings


def _p99(sorted_timings: list[float]) -> float:
    return sorted_timings[int(len(sorted_timings) * 0.99) - 1]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--min-coverage", type=float, default=MIN_COVERAGE)
    parser.add_argument("--min-heading", type=float, default=MIN_HEADING)
    parser.add_argument("--size", type=int, default=2000)
    parser.add_argument("--questions", type=Path, default=QUESTIONS, help="another labelled file")
    parser.add_argument(
        "--semantic", action="store_true", help="with the meaning check (the semantic extra)"
    )
    parser.add_argument("--vectors", type=Path, help="article vectors kept between runs (.npz)")
    args = parser.parse_args()
    semantic = SemanticCheck.bundled() if args.semantic else None
    if semantic is not None and args.vectors is not None and args.vectors.exists():
        kept = np.load(args.vectors)
        semantic.add(dict(zip(kept["keys"].tolist(), kept["vectors"], strict=True)))
    thresholds = (args.min_coverage, args.min_heading)
    articles = load_folder(ARTICLES)
    questions = {
        part: [_labelled(row) for row in rows]
        for part, rows in yaml.safe_load(args.questions.read_text(encoding="utf-8")).items()
    }
    started = time.perf_counter()
    index = ArticleIndex(articles, semantic=semantic)
    print(
        f"{len(articles)} articles ({len({a.topic_key for a in articles})} topics), "
        f"indexed in {(time.perf_counter() - started) * 1000:.1f} ms; "
        f"meaning check {'on' if semantic else 'off'}; "
        f"min coverage {args.min_coverage}, min heading {args.min_heading}"
    )
    goals_met = GOAL_PART in questions
    big_started = time.perf_counter()
    big = ArticleIndex([*articles, *filler(args.size - len(articles))], semantic=semantic)
    big_seconds = time.perf_counter() - big_started
    if semantic is not None and args.vectors is not None:
        keys = [semantic.key(passage(a)) for a in big.articles]
        np.savez(args.vectors, keys=np.array(keys), vectors=semantic.vectors(big.articles))
    print("part        base   covered  top-3  first  uncovered  false")
    for part in questions:
        for label, idx in (("real", index), (str(len(big)), big)):
            r = accuracy(idx, questions[part], thresholds)
            print(
                f"{part:11} {label:5} {r['covered']:8} {r['top3']:6.0%} {r['first']:6.0%} "
                f"{r['uncovered']:10} {r['false']:6.0%}"
            )
            if part == GOAL_PART and label == "real":
                met = r["top3"] >= 0.85 and r["first"] >= 0.70 and r["false"] <= 0.10
                goals_met &= met
    asked = {p: rows for p, rows in questions.items() if p != GOAL_PART}
    learning(articles, asked, thresholds, semantic)
    every = [q for rows in questions.values() for q, _ in rows]
    if semantic is not None:
        semantic.forget_questions()  # each question's first search, then the next ones
    rounds = [_timed(big, every, thresholds) for _ in range(5)]
    timings = sorted(t for timed in rounds for t in timed)
    p99 = _p99(timings)
    print(
        f"latency at {len(big)} articles (indexed in {big_seconds:.2f} s): "
        f"median {statistics.median(timings):.2f} ms, p99 {p99:.2f} ms, "
        f"max {timings[-1]:.2f} ms over {len(timings)} searches"
    )
    if semantic is not None:
        first, again = sorted(rounds[0]), sorted(t for timed in rounds[1:] for t in timed)
        print(
            f"  a question's first search: median {statistics.median(first):.2f} ms, "
            f"p99 {_p99(first):.2f} ms; asked again: median {statistics.median(again):.2f} ms, "
            f"p99 {_p99(again):.2f} ms"
        )
    goals_met &= p99 < 20
    print(
        f"goals ({GOAL_PART}, real base: top-3 >= 85 %, first >= 70 %, false <= 10 %;"
        " p99 < 20 ms):",
        "met" if goals_met else "MISSED",
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
