"""How a service sorts its solved tickets: ``resolution_categories:`` under a service in the
services file, each key with its French and English label, in the order agents see them.

```yaml
services:
  infra_network:
    resolution_categories:
      hardware: {fr: "Matériel remplacé", en: "Hardware replaced"}
      fixed: {fr: "Réparé", en: "Fixed"}
```

Left out, a service offers the built-in list (``bot/domain/resolution.py``'s ``Category``, with
its labels in ``bot/locales/governance.py``). A merged duplicate is always ``duplicate``.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from bot.domain.models import Language
from bot.domain.resolution import Category
from bot.domain.slack_ids import LABEL_KEY

CATEGORY_LABEL_MAX = 75  # a menu option's text in Slack
CategoryKey = Annotated[str, StringConstraints(pattern=LABEL_KEY)]
BUILT_IN: tuple[str, ...] = tuple(category.value for category in Category)


class CategoryLabel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    fr: str = Field(min_length=1, max_length=CATEGORY_LABEL_MAX)
    en: str = Field(min_length=1, max_length=CATEGORY_LABEL_MAX)

    def in_language(self, language: Language) -> str:
        return self.fr if language is Language.FR else self.en


ResolutionCategories = Annotated[dict[CategoryKey, CategoryLabel], Field(min_length=1)]


def category_keys(configured: dict[str, CategoryLabel] | None) -> tuple[str, ...]:
    """The categories a service offers, in order: its own, or the built-in list."""
    return tuple(configured) if configured else BUILT_IN
