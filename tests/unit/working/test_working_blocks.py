"""The pure parts of working a ticket: button values, the controls offered in each state, the
requester's buttons, and the refusal texts."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.domain.config import load_services_config
from bot.domain.errors import (
    GuichetError,
    IllegalTransition,
    NoChange,
    NotAllowed,
    StaleTicket,
    TicketNotFound,
    WrongStatus,
)
from bot.domain.models import (
    HistoryAction,
    HistoryEntry,
    Language,
    Level,
    MessageRef,
    Priority,
    Status,
    Ticket,
)
from bot.domain.workflow import next_statuses
from handlers.kit.refusals import explain
from handlers.kit.values import pack, unpack
from handlers.tickets.controls import ticket_controls
from handlers.tickets.requester_notices import requester_controls, retired_dm
from tests.e2e.harness import SERVICES_FILE
from tests.fakes import ticket as fake_ticket

CONFIG = load_services_config(SERVICES_FILE)
NOW = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def _ticket(status: Status = Status.NEW, **changes: object) -> Ticket:
    ticket = fake_ticket(
        at=NOW,
        id="INC-7",
        title="VPN",
        description="drops",
        impact=Level.LOW,
        urgency=Level.LOW,
        priority=Priority.P4,
        status=status,
        requester="U0REQ",
        message=MessageRef("C0DESK", "1.0"),
    )
    for name, value in changes.items():
        setattr(ticket, name, value)
    return ticket


def test_values_round_trip_and_refuse_what_is_not_ours() -> None:
    assert pack("INC-7", "new", "resolved") == "INC-7|new|resolved"
    assert pack("INC-7", None) == "INC-7|-"
    value = unpack("INC-7|-", parts=1)
    assert value is not None and value.ticket_id == "INC-7" and value.parts == (None,)
    for bad in (None, 42, "", "INC-7", "inc-7|a|b", "INC-7|a", "INC-7|a||", "x" * 200, "<!here>"):
        assert unpack(bad, parts=2) is None, bad
    with pytest.raises(ValueError):
        pack("INC-7", "x" * 200)


def _controls(ticket: Ticket) -> dict[str, dict]:
    block = ticket_controls(ticket, CONFIG, Language.EN)
    assert block is not None
    return {element["action_id"]: element for element in block.to_dict()["elements"]}


def test_a_duplicate_closed_by_a_merge_offers_nothing() -> None:
    duplicate = _ticket(Status.CLOSED, extra={"merged_into": "INC-2"})
    assert ticket_controls(duplicate, CONFIG, Language.EN) is None


@pytest.mark.parametrize("status", list(Status))
def test_status_menu_offers_exactly_the_legal_next_states(status: Status) -> None:
    ticket = _ticket(status)
    if status is Status.CLOSED:  # nothing changes it; its answer may still become an article
        assert list(_controls(ticket)) == ["knowledge_save"]
        return
    if not next_statuses(status):
        assert ticket_controls(ticket, CONFIG, Language.EN) is None
        return
    options = _controls(ticket)["ticket_status"]["options"]
    assert [o["value"] for o in options] == [f"INC-7|{status}|{s}" for s in next_statuses(status)]


def test_controls_of_an_open_ticket() -> None:
    unassigned = _controls(_ticket())
    assert list(unassigned) == [
        "ticket_claim",
        "ticket_assign",
        "ticket_edit",
        "ticket_status",
        "ticket_priority",
        "ticket_type",  # correct its type (tests/unit/working/test_reclassify.py)
        "ticket_declare_emergency",  # or make it one (tests/unit/paging/test_emergency_card.py)
        "ticket_reassign",
        "knowledge_reply",  # answer with a knowledge base article
        "ticket_merge",  # close it as a duplicate of another
    ]
    assert unassigned["ticket_assign"]["value"] == "INC-7|-"
    assert unassigned["ticket_edit"]["value"] == "INC-7"
    priorities = [o["value"] for o in unassigned["ticket_priority"]["options"]]
    assert priorities == ["INC-7|P4|P1", "INC-7|P4|P2", "INC-7|P4|P3", "INC-7|P4|P5"]
    services = [o["value"].split("|")[-1] for o in unassigned["ticket_reassign"]["options"]]
    assert services == ["internal_it", "app_dev", "security", "infra_network"]

    assigned = _controls(_ticket(Status.IN_PROGRESS, assignee="U0AG"))
    assert "ticket_claim" not in assigned
    assert assigned["ticket_assign"]["value"] == "INC-7|U0AG"
    assert assigned["ticket_unassign"]["value"] == "INC-7|U0AG"  # only once someone has it
    assert "ticket_unassign" not in unassigned
    # a resolved ticket can only be closed or reopened, or saved as an article (knowledge base)
    assert list(_controls(_ticket(Status.RESOLVED))) == ["knowledge_save", "ticket_status"]


def _buttons(ticket: Ticket) -> list[str]:
    blocks = [block.to_dict() for block in requester_controls(ticket)]
    return [e["action_id"] for b in blocks if b["type"] == "actions" for e in b["elements"]]


def test_the_requester_gets_the_buttons_they_may_use() -> None:
    assert _buttons(_ticket(Status.NEW)) == ["ticket_add_info", "ticket_cancel"]
    assert _buttons(_ticket(Status.WAITING_ON_REQUESTER)) == ["ticket_add_info", "ticket_cancel"]
    assert _buttons(_ticket(Status.RESOLVED)) == ["ticket_solved", "ticket_not_solved"]
    assert _buttons(_ticket(Status.CLOSED)) == [f"ticket_rate_{n}" for n in range(1, 6)]
    assert _buttons(_ticket(Status.CLOSED, satisfaction=3)) == []
    assert _buttons(_ticket(Status.CANCELLED)) == []


def test_a_request_awaiting_approval_may_only_be_withdrawn_in_either_language() -> None:
    for language, label, title in (
        (Language.EN, "Withdraw the request", "Withdraw INC-7?"),
        (Language.FR, "Retirer la demande", "Retirer INC-7\u00a0?"),
    ):
        ticket = _ticket(approval="pending", language=language)
        [block] = [block.to_dict() for block in requester_controls(ticket)]
        [button] = block["elements"]
        assert button["action_id"] == "ticket_cancel" and button["text"]["text"] == label
        assert button["value"] == "INC-7|pending"  # too late once approved (what was seen)
        assert button["confirm"]["title"]["text"] == title
    approved = _ticket(approval="approved")
    assert _buttons(approved) == ["ticket_add_info", "ticket_cancel"]
    assert requester_controls(approved)[0].to_dict()["elements"][1]["value"] == "INC-7"


def test_refusals_read_well_in_both_languages() -> None:
    def say(error: GuichetError | ValueError, language: Language = Language.EN) -> str:
        return explain(error, language, CONFIG, "INC-7")

    assert say(TicketNotFound("INC-99")) == "I cannot find ticket *INC-99*."
    assert say(NotAllowed("service_desk")) == "Only members of Service desk can work on INC-7."
    assert "Vous l’avez ouvert" in say(NotAllowed("service_desk", requester=True), Language.FR)
    assert say(IllegalTransition("new", "closed"), Language.FR) == (
        "INC-7 ne peut pas passer de *Nouveau* à *Clos*\u00a0: rien n’a été modifié."
    )
    assert say(WrongStatus("INC-7", "closed")).startswith("INC-7 is *Closed*")
    assert say(NoChange("INC-7", "priority", "P4")) == "INC-7 already has priority P4 · low."
    assert say(NoChange("INC-7", "service", "security")) == "INC-7 is already with IT security."
    assert (
        say(ValueError("x")) == "This button is no longer valid: use the ticket’s latest message."
    )
    stale = StaleTicket(
        _ticket(Status.IN_PROGRESS, assignee="U0AG"),
        HistoryEntry("INC-7", NOW, "U0AG", HistoryAction.CLAIMED, after="U0AG"),
    )
    assert say(stale) == (
        "INC-7 changed before your click: claimed by <@U0AG>. It is now *in progress*, "
        "assigned to <@U0AG>. Your action changed nothing."
    )


def test_an_earlier_dm_of_a_rejected_request_says_rejected_in_either_language() -> None:
    for language, said in (
        (Language.EN, "⛔ Request *INC-7* was rejected: nothing left to do here."),
        (Language.FR, "⛔ La demande *INC-7* a été refusée\u00a0: plus rien à faire ici."),
    ):
        ticket = _ticket(Status.CANCELLED, approval="rejected", language=language)
        _, blocks = retired_dm("asked", ticket, superseded=False, config=CONFIG)
        assert blocks[-1].to_dict()["elements"][0]["text"] == said
    withdrawn = _ticket(Status.CANCELLED, approval="withdrawn")
    _, blocks = retired_dm("asked", withdrawn, superseded=False, config=CONFIG)
    assert "is now cancelled" in blocks[-1].to_dict()["elements"][0]["text"]
