"""The card a ticket leaves in its former channel once moved: where it went, linking the new
channel only when the former channel's people can open it (not a private service's)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.domain.config import load_services_config
from bot.domain.models import HistoryAction, HistoryEntry, Language, MessageRef
from handlers.tickets.controls import moved_message
from tests.e2e.harness import SERVICES_FILE
from tests.fakes import ticket

CONFIG = load_services_config(SERVICES_FILE)
AT = datetime(2026, 12, 5, 10, tzinfo=UTC)


def _said(service: str, channel: str, language: Language) -> str:
    moved = ticket(service=service, message=MessageRef(channel, "1.1"))
    change = HistoryEntry(
        moved.id, AT, "U0DESKMEMBER", HistoryAction.REASSIGNED, "service_desk", service
    )
    blocks = moved_message(moved, change, CONFIG, language)
    return str(blocks[1].to_dict())


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (Language.EN, "(its private channel) by <@U0DESKMEMBER>"),
        (Language.FR, "(son canal privé) par <@U0DESKMEMBER>"),
    ],
)
def test_a_private_services_channel_is_named_not_linked(language: Language, expected: str) -> None:
    assert CONFIG.services["security"].private
    said = _said("security", "C0SECURITY", language)
    assert expected in said and "<#C0SECURITY>" not in said


def test_a_public_services_channel_is_linked() -> None:
    public = next(s for s, c in CONFIG.services.items() if not c.private and s != "service_desk")
    channel = CONFIG.services[public].channel
    assert f"(<#{channel}>) by <@U0DESKMEMBER>" in _said(public, channel, Language.EN)
