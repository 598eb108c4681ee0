"""A sub-command mistyped (``/ticket lsit``, ``/ticket stast 30d``, ``/ticket audti``): which
word it was meant to be. Shared by the filing command and the governance one (``audit``,
``privacy``), whose listeners may not import each other.

A one-word text one typing slip away from a sub-command word — two letters swapped, one left out
or one too many (rapidfuzz's OSA distance 1, as the knowledge index counts typos) — is answered
"Did you mean ...?" instead of opening a form titled with the slip. A different letter does not
count: one-word requests sit one letter away from sub-commands (``voip``/``voir``,
``audio``/``audit``, ``lost``/``list``), and a slip that swaps or drops a letter keeps all of a
word's letters, which a real word of one other letter does not; and a slip keeps the first letter
(``avoir`` is no ``voir``). Words under 4 letters are left alone (``ls``, ``kb``, ``vpn``: too many
requests are that short), and so are sub-command words under 4 letters."""

from __future__ import annotations

import re

from rapidfuzz.distance import OSA

from handlers.kit import mrkdwn as md

MIN_LENGTH = 4
# what is repeated of the words after the slip: plain words ("30d", "security"), not mentions
# or code, which would not read right inside the suggested command's code span
_PLAIN = re.compile(r"^[\w.,:/+-]+$")
_REPEATED_MAX = 40


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


def as_meant(meant: str, rest: list[str]) -> str:
    """The command to suggest for a slip: the sub-command meant, then the words typed after the
    slip when they are plain ones (``stats 30d``), else the sub-command alone (``privacy``)."""
    if not rest or not all(_PLAIN.match(word) for word in rest):
        return meant
    typed = " ".join(rest)
    if len(typed) > _REPEATED_MAX:
        return meant
    return f"{meant} {md.escape(typed)}"
