"""A one-word slip for a sub-command, told apart from a one-word request."""

from __future__ import annotations

import pytest

from handlers.filing.command import TYPO_TARGETS
from handlers.filing.subcommand_typo import meant_subcommand


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
