""".env.example is the reference of the environment (README's *Set up* points at it): every
setting the bot reads is there, nothing else is, and the value shown for an optional one is its
default."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic_core import PydanticUndefined

from bot.app.settings import SETTING_NAMES, Settings

EXAMPLE = Path(__file__).resolve().parents[3] / ".env.example"
LINE = re.compile(r"^#? ?([A-Z][A-Z0-9_]+)=(.*)$")
SHOWN_NOT_DEFAULT = {
    "SLACK_BOT_TOKEN",
    "SLACK_SIGNING_SECRET",
    "SLACK_APP_TOKEN",
    "MONGODB_URI",
    "GUICHET_CONFIG",
}
"""Placeholders or examples to fill in (required, or no default: unset means not used)."""
CHOICES = {"GUICHET_STORE": "memory"}
"""Set only to make a choice: the example shows the choice."""


def _documented() -> dict[str, str]:
    found = {}
    for line in EXAMPLE.read_text(encoding="utf-8").splitlines():
        if matched := LINE.match(line):
            found[matched.group(1)] = matched.group(2)
    return found


def test_every_setting_read_is_documented_and_nothing_else() -> None:
    assert set(_documented()) == set(SETTING_NAMES)


def test_the_value_shown_for_an_optional_setting_is_its_default() -> None:
    for name, shown in _documented().items():
        if name in SHOWN_NOT_DEFAULT:
            continue
        if name in CHOICES:
            assert shown == CHOICES[name]
            continue
        default = Settings.model_fields[name.lower()].default
        assert default is not PydanticUndefined and default is not None, name
        assert shown == str(default), f"{name}: .env.example shows {shown!r}, the code {default!r}"
