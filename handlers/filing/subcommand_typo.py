"""A sub-command mistyped (``/ticket lsit``, ``/ticket hlep``): which word it was meant to be.

A one-word text one typing slip away from a sub-command word — two letters swapped, one left out
or one too many (rapidfuzz's OSA distance 1, as the knowledge index counts typos) — is answered
"Did you mean ...?" instead of opening a form titled with the slip. A different letter does not
count: one-word requests sit one letter away from sub-commands (``voip``/``voir``,
``audio``/``audit``, ``lost``/``list``), and a slip that swaps or drops a letter keeps all of a
word's letters, which a real word of one other letter does not; and a slip keeps the first letter
(``avoir`` is no ``voir``). Words under 4 letters are left alone (``ls``, ``kb``, ``vpn``: too many
requests are that short), and so are sub-command words under 4 letters."""

from __future__ import annotations

from rapidfuzz.distance import OSA

MIN_LENGTH = 4


def meant_subcommand(word: str, subcommands: tuple[str, ...]) -> str | None:
    """The sub-command word (of ``subcommands``, in order of preference) ``word`` is one slip
    away from, or None (``word`` itself a sub-command, a request, too short)."""
    typed = word.lower()
    if len(typed) < MIN_LENGTH or typed in subcommands:
        return None
    for candidate in (word for word in subcommands if len(word) >= MIN_LENGTH):
        if typed[0] != candidate[0] or OSA.distance(typed, candidate) != 1:
            continue
        if len(typed) != len(candidate) or sorted(typed) == sorted(candidate):
            return candidate  # a letter left out or one too many, or two swapped
    return None
