"""Where the card offers into and out of an emergency: "This is an emergency" on every open
ticket that is not one (red on its own row only when triage suspected one), "Not an emergency"
on every open emergency (beside Acknowledge while it pages, among the controls otherwise), and
neither while a problem link holds the type."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from bot.domain.config import load_services_config
from bot.domain.models import (
    SUSPECTED_EMERGENCY,
    Language,
    MessageRef,
    Paging,
    Priority,
    Status,
    Ticket,
    TicketType,
)
from bot.domain.reclassification import may_declare, may_dismiss
from handlers.tickets.card import ticket_message
from tests.e2e.harness import SERVICES_FILE
from tests.fakes import ticket as fake_ticket

CONFIG = load_services_config(SERVICES_FILE)
NOW = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
PAGING = Paging(started_at=NOW, next_at=NOW)
ACKED = Paging(started_at=NOW, next_at=None, acked_by="U0ON", acked_at=NOW)


def _ticket(**fields: Any) -> Ticket:
    return fake_ticket(at=NOW, id="INC-7", message=MessageRef("C0DESK", "1.0"), **fields)


def _emergency(**fields: Any) -> Ticket:
    return _ticket(type=TicketType.EMERGENCY, priority=Priority.P1, **fields)


def _rows(ticket: Ticket, language: Language = Language.EN) -> dict[str, list[dict]]:
    """Each actions block of the card by its block id, with its elements."""
    blocks = [block.to_dict() for block in ticket_message(ticket, CONFIG, language)]
    return {b["block_id"]: b["elements"] for b in blocks if b["type"] == "actions"}


def _where(ticket: Ticket, action_id: str) -> list[str]:
    return [
        row
        for row, elements in _rows(ticket).items()
        for e in elements
        if e["action_id"] == action_id
    ]


def test_an_ordinary_open_ticket_offers_the_declaration_beside_its_type_menu() -> None:
    for kind in (TicketType.INCIDENT, TicketType.SERVICE_REQUEST, TicketType.PROBLEM):
        row = _rows(_ticket(type=kind))["ticket_actions"]
        ids = [e["action_id"] for e in row]
        assert ids.index("ticket_declare_emergency") == ids.index("ticket_type") + 1
        button = row[ids.index("ticket_declare_emergency")]
        assert button["value"] == f"INC-7|{kind.value}"  # the type the card shows
        assert "style" not in button  # plain: only a suspected one is in red
        assert button["confirm"]["confirm"]["text"] == "Page on-call"
        assert button["confirm"]["style"] == "danger"
    french = _rows(_ticket(), Language.FR)["ticket_actions"]
    button = next(e for e in french if e["action_id"] == "ticket_declare_emergency")
    assert button["text"]["text"] == "C’est une urgence"
    assert button["confirm"]["title"]["text"] == "Déclarer une urgence\u00a0?"


def test_a_suspected_emergency_keeps_its_own_red_row_and_only_that_one() -> None:
    ticket = _ticket(priority=Priority.P2, extra={SUSPECTED_EMERGENCY: ["en panne"]})
    assert _where(ticket, "ticket_declare_emergency") == ["suspected_emergency_actions"]
    (button,) = _rows(ticket)["suspected_emergency_actions"]
    assert button["style"] == "danger"


def test_an_emergency_offers_not_an_emergency_whether_paging_acknowledged_or_never_paged() -> None:
    assert _where(_emergency(paging=PAGING), "ticket_not_emergency") == ["paging_actions"]
    assert _where(_emergency(paging=ACKED), "ticket_not_emergency") == ["ticket_actions"]
    assert _where(_emergency(), "ticket_not_emergency") == ["ticket_actions"]
    taken = _emergency(paging=ACKED, status=Status.IN_PROGRESS, assignee="U0ON")
    row = _rows(taken)["ticket_actions"]
    menu = next(e for e in row if e["action_id"] == "ticket_not_emergency")
    assert [o["value"] for o in menu["options"]] == [f"INC-7|{p.value}" for p in Priority]
    assert "ticket_declare_emergency" not in str(row) and "ticket_type" not in str(row)


def test_nothing_into_or_out_of_an_emergency_once_ended_or_while_a_link_holds_the_type() -> None:
    for ticket in (
        _ticket(status=Status.RESOLVED),
        _ticket(problem_id="PRB-1"),  # a symptom of a problem
        _ticket(extra={SUSPECTED_EMERGENCY: ["down"]}, problem_id="PRB-1"),
        _emergency(paging=ACKED, linked_incidents=("INC-8",)),  # incidents wait on it
        _emergency(paging=PAGING, linked_incidents=("INC-8",)),
        _emergency(status=Status.CLOSED),
    ):
        assert not may_declare(ticket) and not may_dismiss(ticket)
        card = str(_rows(ticket))
        assert "ticket_declare_emergency" not in card and "ticket_not_emergency" not in card
