"""Correcting a ticket's type: the types offered in each state (none into or out of an
emergency, none while a problem link holds it), the history line and the refusals in both
languages, and the use case's write: one conditional update that a link made meanwhile beats."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

import pytest

from bot.domain.config import load_services_config
from bot.domain.errors import NoChange, StaleTicket, TypeHeldByLinks
from bot.domain.models import (
    HistoryAction,
    HistoryEntry,
    Language,
    Status,
    Ticket,
    TicketType,
)
from bot.domain.reclassification import RECLASSIFIABLE, refuse_if_linked, type_choices
from bot.tickets.ports import RequesterNotice
from bot.working.changes import ChangeAnnouncer
from bot.working.work import TicketWork
from handlers.kit.history import describe_change
from handlers.kit.refusals import explain
from handlers.tickets.controls import ticket_controls
from storage.client import Database
from storage.tickets import TicketRepository
from tests.e2e.harness import SERVICES_FILE
from tests.fakes import T0, KnownAgents, RecordingNotifier, memory_desk, ticket

CONFIG = load_services_config(SERVICES_FILE)
AGENT = "U0AGENT"


def test_the_types_offered_are_the_other_non_emergency_ones() -> None:
    assert TicketType.EMERGENCY not in RECLASSIFIABLE and len(RECLASSIFIABLE) == 6
    incident = ticket()
    assert type_choices(incident) == [
        TicketType.SERVICE_REQUEST,
        TicketType.PROBLEM,
        TicketType.INFORMATION_REQUEST,
        TicketType.IMPROVEMENT_REQUEST,
        TicketType.TRAINING_REQUEST,
    ]
    request = ticket(type=TicketType.SERVICE_REQUEST, status=Status.WAITING_ON_REQUESTER)
    assert TicketType.INCIDENT in type_choices(request)
    assert TicketType.SERVICE_REQUEST not in type_choices(request)


@pytest.mark.parametrize(
    "held",
    [
        ticket(type=TicketType.EMERGENCY),  # leaving it is "Not an emergency"
        ticket(status=Status.RESOLVED),  # over: what it was is what it teaches
        ticket(status=Status.CANCELLED),
        ticket(problem_id="PRB-1"),  # a symptom of the problem
        ticket(id="PRB-1", type=TicketType.PROBLEM, linked_incidents=("INC-2",)),
    ],
)
def test_no_type_menu_when_the_type_is_not_the_agents_to_change(held: Ticket) -> None:
    assert type_choices(held) == []
    block = ticket_controls(held, CONFIG, Language.EN)
    elements = [] if block is None else block.to_dict()["elements"]
    assert "ticket_type" not in [element["action_id"] for element in elements]


def test_the_menu_carries_what_it_showed_and_fits_slacks_limits() -> None:
    block = ticket_controls(ticket(id="INC-7"), CONFIG, Language.FR)
    assert block is not None
    block.validate_json()  # slack_sdk's Block Kit limits (option text, value, elements)
    (menu,) = [e for e in block.to_dict()["elements"] if e["action_id"] == "ticket_type"]
    assert menu["placeholder"]["text"] == "Changer le type"
    assert [(o["value"], o["text"]["text"]) for o in menu["options"]][:2] == [
        ("INC-7|incident|service_request", "Demande de service"),
        ("INC-7|incident|problem", "Problème"),
    ]


def test_a_problem_without_links_may_become_an_incident() -> None:
    problem = ticket(id="PRB-2", type=TicketType.PROBLEM)
    refuse_if_linked(problem)  # nothing holds it
    assert TicketType.INCIDENT in type_choices(problem)
    with pytest.raises(TypeHeldByLinks) as held:
        refuse_if_linked(replace(problem, linked_incidents=("INC-1", "INC-3")))
    assert (held.value.problem_id, held.value.linked) == (None, 2)


def test_the_history_line_reads_in_both_languages() -> None:
    entry = HistoryEntry(
        "INC-7", T0, "U0LEA", HistoryAction.TYPE_CHANGED, "incident", "service_request"
    )
    assert describe_change(entry, Language.FR) == "type Incident → Demande de service par <@U0LEA>"
    assert describe_change(entry, Language.EN) == "type Incident → Service request by <@U0LEA>"


def test_the_refusals_read_in_both_languages() -> None:
    same = NoChange("INC-7", "type", "service_request")
    assert explain(same, Language.FR, CONFIG, "INC-7") == (
        "INC-7 est déjà du type «\u00a0Demande de service\u00a0»."
    )
    assert explain(same, Language.EN, CONFIG, "INC-7") == (
        "INC-7 already has the type “Service request”."
    )
    one = TypeHeldByLinks("PRB-1", None, 1)
    assert explain(one, Language.FR, CONFIG, "PRB-1") == (
        "PRB-1 a 1 incident lié\u00a0: son type ne change pas tant qu’il en a."
    )
    assert explain(one, Language.EN, CONFIG, "PRB-1") == (
        "PRB-1 has 1 linked incident: its type cannot change while it has any."
    )
    linked = TypeHeldByLinks("INC-4", "PRB-1", 0)
    assert explain(linked, Language.FR, CONFIG, "INC-4") == (
        "INC-4 est lié à PRB-1\u00a0: son type ne change pas tant qu’il y est lié "
        "(pour l’en délier\u00a0: bouton «\u00a0Délier\u00a0» dans le fil de PRB-1)."
    )
    assert explain(linked, Language.EN, CONFIG, "INC-4") == (
        "INC-4 is linked to PRB-1: its type cannot change while it is linked "
        "(to unlink it: the Unlink button in PRB-1’s thread)."
    )


class SnapshotReads(TicketRepository):
    """Answers the first read of a ticket with what the agent saw, later reads as stored."""

    def __init__(self, database: Database, snapshots: Iterable[Ticket]) -> None:
        super().__init__(database)
        self.snapshots = {t.id: t for t in snapshots}

    async def get(self, ticket_id: str) -> Ticket | None:
        return self.snapshots.pop(ticket_id, None) or await super().get(ticket_id)


async def _work(database: Database, stored: Ticket, seen: Ticket | None = None) -> TicketWork:
    store = SnapshotReads(database, [seen] if seen else [])
    desk = await memory_desk(database, store=store, directory=KnownAgents(AGENT))
    await store.import_tickets([stored])
    return TicketWork(desk)


async def test_a_change_is_one_write_with_its_history_and_tells_the_requester(
    database: Database,
) -> None:
    incident = ticket(id="INC-5", requester="U0REQ")
    work = await _work(database, incident)
    changed = await work.change_type(
        "INC-5", AGENT, TicketType.SERVICE_REQUEST, seen=TicketType.INCIDENT
    )
    assert changed.ticket.type is TicketType.SERVICE_REQUEST
    history = await work.desk.tickets.history("INC-5")
    assert [(e.action, e.before, e.after) for e in history] == [
        ("type_changed", "incident", "service_request")
    ]
    await ChangeAnnouncer(work.desk).announce(changed)
    notifier = work.desk.notifier
    assert isinstance(notifier, RecordingNotifier)
    assert notifier.refreshed == ["INC-5"]
    assert notifier.told == [("INC-5", RequesterNotice.TYPE_CHANGED)]


async def test_a_link_made_between_the_read_and_the_write_wins(database: Database) -> None:
    incident = ticket(id="INC-5")
    linked = replace(incident, problem_id="PRB-1")  # stored: storm mode linked it meanwhile
    work = await _work(database, linked, seen=incident)
    with pytest.raises(StaleTicket):
        await work.change_type("INC-5", AGENT, TicketType.PROBLEM, seen=TicketType.INCIDENT)
    stored = await work.desk.tickets.get("INC-5")
    assert stored is not None and stored.type is TicketType.INCIDENT
    assert await work.desk.tickets.history("INC-5") == []


async def test_a_problem_that_gained_incidents_meanwhile_keeps_its_type(
    database: Database,
) -> None:
    problem = ticket(id="PRB-1", type=TicketType.PROBLEM)
    gathered = replace(problem, linked_incidents=("INC-9",))
    work = await _work(database, gathered, seen=problem)
    with pytest.raises(StaleTicket):
        await work.change_type("PRB-1", AGENT, TicketType.INCIDENT, seen=TicketType.PROBLEM)
    stored = await work.desk.tickets.get("PRB-1")
    assert stored is not None and stored.type is TicketType.PROBLEM


@pytest.mark.parametrize(
    ("seen", "wanted"),
    [
        (TicketType.INCIDENT, TicketType.EMERGENCY),  # "This is an emergency" pages on-call
        (TicketType.EMERGENCY, TicketType.INCIDENT),  # "Not an emergency" stops the paging
    ],
)
async def test_emergencies_are_not_this_controls_to_make_or_unmake(
    database: Database, seen: TicketType, wanted: TicketType
) -> None:
    work = await _work(database, ticket(id="INC-5", type=seen))
    with pytest.raises(ValueError):
        await work.change_type("INC-5", AGENT, wanted, seen=seen)
    assert await work.desk.tickets.history("INC-5") == []
