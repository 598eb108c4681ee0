"""The filing form, rendered once per language and pre-fill and reused, as JSON text.

Turning a view built with ``slack_sdk.models`` into JSON validates every element against
Slack's limits, which costs more than everything else ``/ticket`` does; and encoding the
form's few hundred nested objects for ``views.open`` cost a tenth of the command's CPU again.
The form for a language (with no pre-fill, as ``/ticket`` alone opens it) never changes, so it
is validated and encoded once; only its ``private_metadata`` (where it was opened from) is
added per request. Slack takes ``view`` as a JSON-encoded string (its type in the Web API).
"""

from __future__ import annotations

import json
from collections import OrderedDict

from bot.domain.config import ServicesConfig
from bot.domain.models import Language
from handlers.filing.form import FormContext, Prefill, filing_modal

MAX_FORMS = 256


class FormCache:
    def __init__(self, config: ServicesConfig, size: int = MAX_FORMS) -> None:
        self._config = config
        self._size = size
        self._forms: OrderedDict[tuple[Language, Prefill], str] = OrderedDict()

    def filing_form(self, language: Language, context: FormContext, prefill: Prefill) -> str:
        """The view for ``views.open``, as JSON text, validated when first built."""
        key = (language, prefill)
        opening = self._forms.get(key)
        if opening is None:
            rendered = filing_modal(language, self._config, context, prefill).to_dict()
            rendered.pop("private_metadata", None)
            opening = json.dumps(rendered, ensure_ascii=False)[:-1]  # without its closing "}"
            self._forms[key] = opening
            if len(self._forms) > self._size:
                self._forms.popitem(last=False)
        else:
            self._forms.move_to_end(key)
        metadata = json.dumps(context.encode(), ensure_ascii=False)
        return f'{opening}, "private_metadata": {metadata}}}'
