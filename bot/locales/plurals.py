"""The form of a text that counts something (see ``bot/locales/i18n.py``), importable by the
locale files without importing their loader."""

from __future__ import annotations

from dataclasses import dataclass

from babel import Locale

from bot.domain.models import Language

LOCALES = {Language.FR: Locale("fr"), Language.EN: Locale("en")}
"""Babel's CLDR data for each language: plural rules, number symbols."""


@dataclass(frozen=True)
class Plural:
    """The variants of a text that counts things, by CLDR plural category, picked by the number
    its parameter ``by`` holds: ``count`` unless the text names its number otherwise
    (``Plural(one="{rated} ticket noté", other="{rated} tickets notés", by="rated")``), so that a
    message whose number has a name of its own still agrees with it."""

    one: str
    other: str
    many: str | None = None  # French: « 1 000 000 de tickets »; else ``other``
    by: str = "count"  # the parameter whose number picks the variant

    def variants(self) -> tuple[str, ...]:
        return (self.one, self.other) + ((self.many,) if self.many else ())

    def pick(self, language: Language, count: int) -> str:
        category = LOCALES[language].plural_form(abs(count))
        if category == "one":
            return self.one
        if category == "many" and self.many:
            return self.many
        return self.other
