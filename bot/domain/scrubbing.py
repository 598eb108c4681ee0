"""Taking a person out of free text, for ``/ticket privacy erase``: their Slack mentions
(``<@U123>``, ``<@U123|marie>``), their bare id, and their names (display and real name, as Slack
gives them) become ``replacement``. Names are matched as whole words, ignoring case, and only
when at least ``NAME_MIN`` characters long, so "Al" does not eat "Alerts"."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

NAME_MIN = 3


@dataclass(frozen=True)
class Scrubber:
    person: str
    replacement: str
    names: tuple[str, ...] = ()
    _pattern: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        ids = [rf"<@{re.escape(self.person)}(?:\|[^>]*)?>", rf"\b{re.escape(self.person)}\b"]
        names = sorted(
            {" ".join(n.split()) for n in self.names if len(" ".join(n.split())) >= NAME_MIN},
            key=len,
            reverse=True,  # "Marie Dupont" before "Marie"
        )
        spelled = [r"\s+".join(re.escape(w) for w in n.split()) for n in names]
        words = [rf"(?<!\w){name}(?!\w)" for name in spelled]
        pattern = re.compile("|".join([*ids, *words]), re.IGNORECASE)
        object.__setattr__(self, "_pattern", pattern)

    @classmethod
    def of(cls, person: str, replacement: str, names: Iterable[str] = ()) -> Scrubber:
        return cls(person, replacement, tuple(n for n in names if n))

    def ids_only(self) -> Scrubber:
        """The same person, by id and mention only: for values that are not prose (a history
        entry's before and after: statuses, priorities, people), where a short name could match
        a word of ours."""
        return Scrubber(self.person, self.replacement)

    def text(self, value: str) -> str:
        return self._pattern.sub(self.replacement, value)

    def mentions(self, value: str) -> bool:
        return bool(self._pattern.search(value))

    def deep(self, value: Any) -> Any:
        """``value`` with every string in it scrubbed (lists and dicts walked, keys kept)."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, list):
            return [self.deep(item) for item in value]
        if isinstance(value, dict):
            return {key: self.deep(item) for key, item in value.items()}
        return value
