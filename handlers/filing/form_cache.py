"""The filing form, rendered once per language and pre-fill and reused.

Turning a view built with ``slack_sdk.models`` into JSON validates every element against
Slack's limits, which costs more than everything else ``/ticket`` does; the form for a
language (with no pre-fill, as ``/ticket`` alone opens it) never changes, so it is validated
once and only its ``private_metadata`` (where it was opened from) is set per request.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from bot.domain.config import ServicesConfig
from bot.domain.models import Language
from handlers.filing.form import FormContext, Prefill, filing_modal

MAX_FORMS = 256


class FormCache:
    def __init__(self, config: ServicesConfig, size: int = MAX_FORMS) -> None:
        self._config = config
        self._size = size
        self._forms: OrderedDict[tuple[Language, Prefill], dict[str, Any]] = OrderedDict()

    def filing_form(
        self, language: Language, context: FormContext, prefill: Prefill
    ) -> dict[str, Any]:
        """The view for ``views.open``, as JSON-ready data, validated when first built."""
        key = (language, prefill)
        rendered = self._forms.get(key)
        if rendered is None:
            rendered = filing_modal(language, self._config, context, prefill).to_dict()
            self._forms[key] = rendered
            if len(self._forms) > self._size:
                self._forms.popitem(last=False)
        else:
            self._forms.move_to_end(key)
        return {**rendered, "private_metadata": context.encode()}
