"""The similarity measure, and its precision and recall on the labelled pairs."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.similarity import SIMILAR_THRESHOLD, concepts, is_similar, most_similar, similarity

PAIRS = yaml.safe_load(
    (Path(__file__).parent.parent / "data" / "similar_pairs.yml").read_text(encoding="utf-8")
)["pairs"]


def _scores(pairs: list[dict]) -> tuple[float, float]:
    tp = sum(1 for p in pairs if p["similar"] and is_similar(p["a"], p["b"]))
    fp = sum(1 for p in pairs if not p["similar"] and is_similar(p["a"], p["b"]))
    fn = sum(1 for p in pairs if p["similar"] and not is_similar(p["a"], p["b"]))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall


def test_labelled_set_is_big_and_balanced() -> None:
    assert len(PAIRS) >= 40
    for lang in ("en", "fr", "cross"):
        labels = {p["similar"] for p in PAIRS if p["lang"] == lang}
        assert labels == {True, False}, lang


def test_precision_and_recall() -> None:
    precision, recall = _scores(PAIRS)
    by_lang = {
        lang: _scores([p for p in PAIRS if p["lang"] == lang]) for lang in ("en", "fr", "cross")
    }
    print(f"\nsimilarity >= {SIMILAR_THRESHOLD}: precision {precision:.2f}, recall {recall:.2f}")
    for lang, (p, r) in by_lang.items():
        print(f"  {lang:5}: precision {p:.2f}, recall {r:.2f}")
    misses = [
        (p["a"], p["b"], similarity(p["a"], p["b"]))
        for p in PAIRS
        if p["similar"] != is_similar(p["a"], p["b"])
    ]
    for a, b, score in misses:
        print(f"  miss {score:.2f}: {a!r} / {b!r}")
    # Precision matters most: a wrong link hides a real incident inside a problem.
    assert precision >= 0.9
    assert recall >= 0.8


def test_folding_and_concepts() -> None:
    assert concepts("Le VPN est en PANNE") == ("outage", "vpn")
    assert concepts("VPN down") == ("outage", "vpn")
    assert concepts("mot de passe oublié") == concepts("Mot-de-passe OUBLIÉ")
    assert "password" in concepts("mot de passe")
    assert concepts("") == ()


def test_scores_are_bounded_and_symmetric() -> None:
    a, b = "Wifi down on floor 3", "No wifi on the 3rd floor"
    assert 0.0 <= similarity(a, b) <= 1.0
    assert similarity(a, b) == similarity(b, a)
    assert similarity(a, a) == 1.0
    assert similarity("", a) == 0.0
    assert similarity("le la les", a) == 0.0


def test_most_similar_picks_the_best_match() -> None:
    candidates = [("INC-1", "Printer jam"), ("INC-2", "VPN en panne"), ("INC-3", "VPN access")]
    assert most_similar("VPN down since 9am", candidates) == (
        "INC-2",
        similarity("VPN down since 9am", "VPN en panne"),
    )
    assert most_similar("Keyboard broken", candidates) is None
