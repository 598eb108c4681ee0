"""The "filed" confirmation a submitted form turns into, as the dict Bolt sends with the ack.

``filed_modal`` builds it with ``slack_sdk.models``, whose conversion to a dict validates every
element, on the ack path of every filing. All but one line of it depends only on the language:
it is built and validated once per language, and each ticket's line is put into a copy.
"""

from __future__ import annotations

from typing import Any

from bot.domain.models import Language, Ticket
from handlers.filing.form import filed_modal, filed_text

SECTION_TEXT_MAX = 3000  # Slack's limit on a section's text, which the first build checked


class FiledViews:
    def __init__(self) -> None:
        self._views: dict[Language, dict[str, Any]] = {}  # one per language: bounded

    def view(self, language: Language, ticket: Ticket, service_name: str) -> dict[str, Any]:
        """The same view as ``filed_modal(...).to_dict()``."""
        built = self._views.get(language)
        if built is None:
            built = filed_modal(language, ticket, service_name).to_dict()
            self._views[language] = built
        text = filed_text(language, ticket, service_name)
        if len(text) > SECTION_TEXT_MAX:  # let the builder refuse it as it would have
            return filed_modal(language, ticket, service_name).to_dict()
        section = built["blocks"][0]
        return {**built, "blocks": [{**section, "text": {**section["text"], "text": text}}]}
