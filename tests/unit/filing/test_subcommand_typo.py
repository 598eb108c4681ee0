"""A one-word slip for a sub-command, told apart from a one-word request."""

from __future__ import annotations

import pytest

from handlers.filing.command import TYPO_TARGETS
from handlers.kit.subcommand_typo import as_meant, meant_subcommand


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("lsit", "list"),  # two letters swapped
        ("stast", "stats"),
        ("exprot", "export"),
        ("hlep", "help"),
        ("LSIT", "list"),
        ("listr", "list"),  # one too many
        ("exprt", "export"),  # one left out
        ("afficehr", "afficher"),
        ("statistiqeus", "statistiques"),
    ],
)
def test_a_slip_names_the_subcommand(typed: str, meant: str) -> None:
    assert meant_subcommand(typed, TYPO_TARGETS) == meant


@pytest.mark.parametrize(
    "word",
    # requests, some one different letter from a sub-command; sub-commands themselves; short
    [
        *("vpn", "imprimante", "outlook", "voip", "audio", "lost", "test", "teams", "avoir"),
        *("start", "list", "stats", "ls", "lst", "kb", "wifi", "badge", "clavier"),
    ],
)
def test_a_request_or_a_subcommand_is_no_slip(word: str) -> None:
    assert meant_subcommand(word, TYPO_TARGETS) is None


@pytest.mark.parametrize(
    ("rest", "suggested"),
    [
        ([], "stats"),
        (["30d"], "stats 30d"),
        (["security", "7j"], "stats security 7j"),
        (["sécurité"], "stats sécurité"),
        (["<@U0JOHN>"], "stats"),  # a mention would not read right in the code span
        (["`x`"], "stats"),
        (["a" * 41], "stats"),  # too long to repeat
    ],
)
def test_the_suggested_command_repeats_plain_words_typed_after_the_slip(
    rest: list[str], suggested: str
) -> None:
    assert as_meant("stats", rest) == suggested
