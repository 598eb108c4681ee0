"""The cached filing form is the form filing_modal builds (as JSON text), with the metadata of
each request."""

from __future__ import annotations

import json

from bot.domain.config import load_services_config
from bot.domain.models import Language
from handlers.filing.form import FormContext, Prefill, filing_modal
from handlers.filing.form_cache import FormCache
from tests.e2e.harness import SERVICES_FILE

CONFIG = load_services_config(SERVICES_FILE)


def test_same_form_as_the_builder_with_each_requests_metadata() -> None:
    cache = FormCache(CONFIG)
    for language in Language:
        for channel in ("C0GENERAL", "C0OTHER", None):
            context = FormContext(language=language, channel=channel)
            prefill = Prefill(title="VPN down") if channel else Prefill()
            expected = filing_modal(language, CONFIG, context, prefill).to_dict()
            text = cache.filing_form(language, context, prefill)
            assert json.loads(text) == expected


def test_least_recently_used_forms_are_dropped() -> None:
    cache = FormCache(CONFIG, size=2)
    context = FormContext(language=Language.EN)
    first = cache.filing_form(Language.EN, context, Prefill(title="a"))
    cache.filing_form(Language.EN, context, Prefill(title="b"))
    assert cache.filing_form(Language.EN, context, Prefill(title="a")) == first
    cache.filing_form(Language.EN, context, Prefill(title="c"))  # drops "b", the oldest
    assert len(cache._forms) == 2
    assert (Language.EN, Prefill(title="b")) not in cache._forms
