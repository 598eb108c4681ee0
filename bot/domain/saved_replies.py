"""Saved replies: the answers a service gives often, written once in the services file
(``saved_replies:`` under a service), in French and/or English, and inserted by its agents from
the ticket's card ("Saved reply"), editable before they go to the requester.

```yaml
services:
  infra_network:
    saved_replies:
      vpn_restart:
        fr: {title: "Redémarrer le VPN", text: "Pouvez-vous quitter puis relancer le VPN ?"}
        en: {title: "Restart the VPN", text: "Could you quit and restart the VPN?"}
```

A reply needs at least one language; the requester gets theirs when the reply has it.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from bot.domain.models import Language
from bot.domain.slack_ids import LABEL_KEY

SAVED_REPLY_TEXT_MAX = 2800  # what one relayed message carries comfortably (a section: 3,000)
SAVED_REPLY_TITLE_MAX = 75  # a menu option's text in Slack
SavedReplyKey = Annotated[str, StringConstraints(pattern=LABEL_KEY)]


class SavedReplyText(BaseModel):
    """One language's wording of a saved reply: the title agents pick it by, and its text."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str = Field(min_length=1, max_length=SAVED_REPLY_TITLE_MAX)
    text: str = Field(min_length=1, max_length=SAVED_REPLY_TEXT_MAX)


class SavedReply(BaseModel):
    """A saved reply, in ``fr``, ``en`` or both."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    fr: SavedReplyText | None = None
    en: SavedReplyText | None = None

    @model_validator(mode="after")
    def _some_language(self) -> SavedReply:
        if self.fr is None and self.en is None:
            raise ValueError("give its title and text in fr, en or both")
        return self

    def wording(self, language: Language) -> tuple[Language, SavedReplyText]:
        """The wording in ``language`` when the reply has it, else its other one (and which)."""
        other = Language.EN if language is Language.FR else Language.FR
        for candidate in (language, other):
            wording = self.fr if candidate is Language.FR else self.en
            if wording is not None:
                return candidate, wording
        raise ValueError("a saved reply without any wording")  # the validator prevents it


SavedReplies = dict[SavedReplyKey, SavedReply]
