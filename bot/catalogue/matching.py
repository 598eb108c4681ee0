"""``/ticket <text>``: which catalogue item the text is most likely about.

Each item is described by the words of its names, descriptions and keywords in both languages
(folded and stemmed: "licences" meets "licence", "portable" meets "portables"). The text's
content words that an item shares, weighted by how rare they are among the items (a word every
item has says nothing), give its score; the best item wins when at least one distinctive word
is shared. Short function words never count.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from bot.domain.catalogue import CatalogueItem
from bot.domain.text import stem, words

MIN_WORD = 3  # "de", "la", "my", "to": too short to mean anything here
STOP = frozenset(
    {"the", "and", "for", "need", "want", "please", "new", "une", "des", "les", "pour", "mon"}
    | {"besoin", "voudrais", "veux", "nouveau", "nouvelle", "avec", "sur", "dans", "est"}
)


def _stems(text: str) -> set[str]:
    return {stem(word) for word in words(text) if len(word) >= MIN_WORD and word not in STOP}


def _item_text(item: CatalogueItem) -> str:
    parts = [item.name.fr, item.name.en, *item.keywords]
    if item.description:
        parts += [item.description.fr, item.description.en]
    return "\n".join(parts)


class CatalogueMatcher:
    """Built once from the services file; ``closest`` is pure arithmetic per request."""

    def __init__(self, catalogue: Mapping[str, CatalogueItem]) -> None:
        self._stems = {item_id: _stems(_item_text(item)) for item_id, item in catalogue.items()}
        count = max(len(self._stems), 1)
        seen: dict[str, int] = {}
        for stems in self._stems.values():
            for word in stems:
                seen[word] = seen.get(word, 0) + 1
        # Inverse document frequency, +1 so a word of every item still weighs a little.
        self._weight = {word: math.log(1 + count / n) for word, n in seen.items()}
        self._everywhere = {word for word, n in seen.items() if n == count and count > 1}

    def closest(self, text: str) -> str | None:
        """The id of the item ``text`` is most likely about, or ``None`` when none fits."""
        asked = _stems(text)
        best: tuple[float, str] | None = None
        for item_id, stems in self._stems.items():
            shared = (asked & stems) - self._everywhere
            if not shared:
                continue
            score = sum(self._weight[word] for word in shared)
            if best is None or score > best[0]:
                best = (score, item_id)
        return best[1] if best else None
