"""Searching the catalogue as someone types in "What do you need?" (a large catalogue's menu
loads its options from the bot: Slack's ``block_suggestion``).

Each item is found by the words of its names, descriptions and keywords in both languages,
folded (case and accents ignored: "ecran" finds "Écran"). Every typed word must begin a word
of the item ("lic" finds "Licence logicielle"); items whose name matches come first, then the
others, each in the services file's order.
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.domain.catalogue import CatalogueItem
from bot.domain.text import words


def _words(*texts: str) -> set[str]:
    return {word for text in texts for word in words(text)}


class CatalogueSearch:
    """Built once from the services file; ``find`` is a scan of folded words per keystroke."""

    def __init__(self, catalogue: Mapping[str, CatalogueItem]) -> None:
        self._names: dict[str, set[str]] = {}
        self._all: dict[str, set[str]] = {}
        for item_id, item in catalogue.items():
            names = _words(item.name.fr, item.name.en)
            described = (item.description.fr, item.description.en) if item.description else ()
            self._names[item_id] = names
            self._all[item_id] = names | _words(*described, *item.keywords)

    def find(self, typed: str, limit: int) -> list[str]:
        """The ids of the items ``typed`` finds, at most ``limit``, the best first (every item,
        in order, when nothing is typed)."""
        asked = words(typed)
        by_name: list[str] = []
        others: list[str] = []
        for item_id, known in self._all.items():
            if all(any(word.startswith(a) for word in known) for a in asked):
                names = self._names[item_id]
                if all(any(word.startswith(a) for word in names) for a in asked):
                    by_name.append(item_id)
                else:
                    others.append(item_id)
        return (by_name + others)[:limit]
