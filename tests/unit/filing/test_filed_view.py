"""The cached "filed" confirmation is the view filed_modal builds, for every ticket and
language; a line too long for Slack is refused as the builder refuses it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from slack_sdk.errors import SlackObjectFormationError

from bot.domain.models import Language
from handlers.filing.filed_view import FiledViews
from handlers.filing.form import filed_modal
from tests.fakes import ticket as fake_ticket

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def test_same_view_as_the_builder_for_each_ticket() -> None:
    views = FiledViews()
    for number, service in enumerate(["Network", "Poste de travail & <accès>", "VPN", "Network"]):
        for language in Language:
            ticket = fake_ticket(at=T0, id=f"INC-{number + 1}")
            expected = filed_modal(language, ticket, service).to_dict()
            assert views.view(language, ticket, service) == expected
    assert len(views._views) == len(Language)  # one per language, whatever the tickets


def test_a_line_slack_would_refuse_is_refused() -> None:
    views = FiledViews()
    ticket = fake_ticket(at=T0, id="INC-1")
    views.view(Language.EN, ticket, "Network")
    with pytest.raises(SlackObjectFormationError):
        views.view(Language.EN, ticket, "x" * 3100)
