"""The services file's governance keys: optional, with defaults that change nothing, and one
line naming the key when a value is wrong."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.domain.config import parse_services_config
from bot.domain.errors import ConfigError
from bot.domain.resolution import ResolutionNote
from bot.domain.retention import ClosedTicketsAction

MINIMAL = """
default_service: service_desk
services:
  service_desk:
    name: {fr: "Centre de support", en: "Service desk"}
    channel: C0DESK
"""


def _error(text: str) -> str:
    with pytest.raises(ConfigError) as caught:
        parse_services_config(text, "services file x.yml")
    return str(caught.value)


def test_left_out_nothing_is_asked_or_removed() -> None:
    config = parse_services_config(MINIMAL)
    assert config.services["service_desk"].resolution_note is None
    assert config.retention.closed_tickets is None and config.retention.audit is None


def test_written_they_are_read() -> None:
    text = MINIMAL + (
        "    resolution_note: required\n"
        "retention:\n  closed_tickets: 365d\n  closed_tickets_action: delete\n  audit: 730d\n"
        "  deflections: 90d\n"
    )
    config = parse_services_config(text)
    assert config.services["service_desk"].resolution_note is ResolutionNote.REQUIRED
    assert config.retention.closed_tickets == timedelta(days=365)
    assert config.retention.closed_tickets_action is ClosedTicketsAction.DELETE
    assert config.retention.audit == timedelta(days=730)
    assert config.retention.deflections == timedelta(days=90)


def test_a_wrong_value_names_its_key() -> None:
    message = _error(MINIMAL + "    resolution_note: sometimes\n")
    assert "services.service_desk.resolution_note" in message and "\n" not in message
    message = _error(MINIMAL + "retention:\n  closed_tickets_action: shred\n")
    assert "retention.closed_tickets_action" in message and "\n" not in message
    assert "retention.audit" in _error(MINIMAL + "retention:\n  audit: forever\n")
    assert "retention.deflections" in _error(MINIMAL + "retention:\n  deflections: soon\n")
