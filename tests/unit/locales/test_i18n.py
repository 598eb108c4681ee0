"""Every string exists in French and English, with the same placeholders."""

from __future__ import annotations

import importlib
import pkgutil
import string
from pathlib import Path

import pytest

from bot import locales
from bot.domain.models import Language, Level, Priority, Status, TicketType
from bot.locales.i18n import MESSAGES, NOT_TEXTS, Text, collect, language_for_locale, t
from bot.locales.plurals import Plural


def _variants(text: Text) -> tuple[str, ...]:
    return text.variants() if isinstance(text, Plural) else (text,)


def _placeholders(text: Text) -> set[str]:
    names = [
        {name for _, name, _, _ in string.Formatter().parse(variant) if name}
        for variant in _variants(text)
    ]
    # the "one" variant may say its number in words (« le dernier jour »), nothing else differs
    selector = text.by if isinstance(text, Plural) else "count"
    counted = [n - {selector} for n in names]
    assert all(n == counted[0] for n in counted), f"variants of {text} differ in placeholders"
    return set().union(*names)


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_both_languages_with_same_placeholders(key: str) -> None:
    texts = MESSAGES[key]
    assert set(texts) == set(Language), f"{key} misses a language"
    for language in Language:
        assert all(v.strip() for v in _variants(texts[language])), f"{key} empty in {language}"
    assert _placeholders(texts[Language.FR]) == _placeholders(texts[Language.EN]), key
    plural = [isinstance(texts[language], Plural) for language in Language]
    assert all(plural) or not any(plural), f"{key} counts in one language only"
    if any(plural):
        by = {text.by for text in texts.values() if isinstance(text, Plural)}
        assert len(by) == 1, f"{key} counts different numbers in each language: {by}"
        [selector] = by
        for language in Language:  # the number that picks the form is one the text says
            said = _placeholders(texts[language])
            assert selector in said, f"{key} counts {{{selector}}} but says {said} in {language}"


def test_a_keys_prefix_names_its_file() -> None:
    names = [m.name for m in pkgutil.iter_modules(locales.__path__) if m.name not in NOT_TEXTS]
    seen: set[str] = set()
    for name in names:
        keys = set(importlib.import_module(f"bot.locales.{name}").TEXTS)
        misplaced = sorted(key for key in keys if key.partition(".")[0] != name)
        assert not misplaced, f"{name}.py holds {misplaced}"
        seen |= keys
    assert seen == set(MESSAGES)


def test_locale_files_are_named_like_the_codes_folders() -> None:
    root = Path(locales.__file__).parents[2]
    folders = {
        p.name for layer in ("bot", "handlers") for p in (root / layer).iterdir() if p.is_dir()
    }
    names = {m.name for m in pkgutil.iter_modules(locales.__path__)}
    shared = {*NOT_TEXTS, "vocabulary", "operations"}  # the loader, common words, failures
    assert names - shared <= folders, names - shared - folders


def test_the_loader_refuses_a_key_outside_its_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "misplaced_locales"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "tickets.py").write_text(
        "TEXTS = {'tickets.header': {}, 'working.assign.title': {}}\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(RuntimeError, match=r"'working\.assign\.title' is in tickets\.py"):
        collect(importlib.import_module("misplaced_locales"))


@pytest.mark.parametrize(
    "prefix,values",
    [
        ("vocabulary.type", list(TicketType)),
        ("vocabulary.type_hint", list(TicketType)),
        ("vocabulary.status", list(Status)),
        ("vocabulary.level", list(Level)),
        ("vocabulary.impact_hint", list(Level)),
        ("vocabulary.urgency_hint", list(Level)),
        ("vocabulary.priority", list(Priority)),
    ],
)
def test_every_enum_value_has_a_name(prefix: str, values: list) -> None:
    for value in values:
        assert f"{prefix}.{value.value}" in MESSAGES


def test_modal_title_fits_slack_limit() -> None:
    for language in Language:
        assert len(t(language, "filing.modal.title")) <= 24
        assert len(t(language, "filing.modal.filed_title")) <= 24
        for key in ("working.assign.title", "working.info.title", "working.notice.title"):
            assert len(t(language, key)) <= 24, key


@pytest.mark.parametrize(
    "locale,expected",
    [
        ("fr-FR", Language.FR),
        ("fr-CA", Language.FR),
        ("FR", Language.FR),
        ("en-US", Language.EN),
        ("de-DE", Language.EN),
        (None, Language.EN),
        ("", Language.EN),
    ],
)
def test_locale(locale: str | None, expected: Language) -> None:
    assert language_for_locale(locale) is expected


def test_french_is_really_french() -> None:
    assert t(Language.FR, "vocabulary.status.in_progress") == "En cours"
    assert t(Language.EN, "vocabulary.status.in_progress") == "In progress"
