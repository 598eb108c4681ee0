"""What a catalogue modal carries from one step to the next (its ``private_metadata``): the
reader's language, where the form was opened from, the item chosen, and the text typed after
``/ticket`` (so choosing "Something else" still pre-fills the free form with it)."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace

from bot.domain.models import Language

TEXT_KEPT = 2000  # private_metadata holds 3,000 characters; the rest is small


@dataclass(frozen=True)
class CatalogueMetadata:
    language: Language
    source: str = "command"
    channel: str | None = None
    item: str | None = None
    text: str = ""

    def encode(self) -> str:
        data = {"lang": self.language.value, "source": self.source, "channel": self.channel}
        if self.item:
            data["item"] = self.item
        if self.text:
            data["text"] = self.text[:TEXT_KEPT]
        return json.dumps(data, separators=(",", ":"), ensure_ascii=False)

    def choosing(self, item: str | None) -> CatalogueMetadata:
        return replace(self, item=item)

    @classmethod
    def decode(cls, text: str | None, fallback: Language) -> CatalogueMetadata:
        try:
            data = json.loads(text or "{}")
            return cls(
                language=Language(data.get("lang", fallback.value)),
                source=str(data.get("source") or "command"),
                channel=data.get("channel") or None,
                item=data.get("item") or None,
                text=str(data.get("text") or ""),
            )
        except (ValueError, TypeError, AttributeError):
            return cls(language=fallback)
