"""A ticket's card names its status as people read it: a catalogue request its approvers have
not decided yet is "Awaiting approval" / « En attente d’approbation », never *New*; decided,
its own status again. The same in a sentence (« REQ-1 est en attente d’approbation »)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.domain.config import load_services_config
from bot.domain.models import Language, Status, Ticket, TicketType
from bot.locales.i18n import status_in_sentence
from handlers.tickets.card import ticket_detail_blocks, ticket_message
from tests.e2e.harness import SERVICES_FILE
from tests.fakes import ticket as fake_ticket

CONFIG = load_services_config(SERVICES_FILE)
NOW = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def _request(approval: str | None) -> Ticket:
    return fake_ticket(at=NOW, id="REQ-1", type=TicketType.SERVICE_REQUEST, approval=approval)


def _status(blocks: list, language: Language) -> str:
    label = "*Statut*\n" if language is Language.FR else "*Status*\n"
    fields = [
        f["text"]
        for b in (block.to_dict() for block in blocks)
        if b["type"] == "section"
        for f in b.get("fields") or []
    ]
    [status] = [f for f in fields if f.startswith(label)]
    return status.removeprefix(label)


@pytest.mark.parametrize(
    ("language", "pending", "decided"),
    [
        (Language.EN, "Awaiting approval", "New"),
        (Language.FR, "En attente d’approbation", "Nouveau"),
    ],
)
def test_the_card_and_the_details_name_a_request_awaiting_approval_so(
    language: Language, pending: str, decided: str
) -> None:
    waiting = _request("pending")
    assert waiting.awaiting_approval and waiting.status is Status.NEW
    assert _status(ticket_message(waiting, CONFIG, language), language) == pending
    assert _status(ticket_detail_blocks(waiting, [], CONFIG, language), language) == pending
    for approval in ("approved", None):  # approved, or never needed one: its own status
        ticket = _request(approval)
        assert _status(ticket_message(ticket, CONFIG, language), language) == decided
        assert _status(ticket_detail_blocks(ticket, [], CONFIG, language), language) == decided


def test_in_a_sentence_the_name_is_lower_case_in_both_languages() -> None:
    assert status_in_sentence(Language.FR, Status.NEW, True) == "en attente d’approbation"
    assert status_in_sentence(Language.EN, Status.NEW, True) == "awaiting approval"
    assert status_in_sentence(Language.EN, Status.NEW) == "new"
