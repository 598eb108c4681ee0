"""Linking and an agent's change of type race on one incident: the link expects the type it
read, so an incident reclassified as a request between the read and the write is not linked.
A catalogue request awaiting approval takes part in no link, on either side, even when its
approval was asked between the read and the write."""

from __future__ import annotations

from dataclasses import replace

from bot.domain.models import TicketType
from bot.problems.linking import Links
from storage.client import Database
from tests.fakes import memory_desk, ticket

PROBLEM = ticket(id="PRB-1", type=TicketType.PROBLEM)
INCIDENT = ticket(id="INC-4")


async def test_an_incident_reclassified_meanwhile_is_not_linked(database: Database) -> None:
    request = replace(INCIDENT, type=TicketType.SERVICE_REQUEST)  # what is stored now
    desk = await memory_desk(database)
    await desk.tickets.import_tickets([PROBLEM, request])
    problem, linked = await Links(desk).link(PROBLEM, [INCIDENT], "U0AGENT")  # as read before
    assert linked == [] and problem.linked_incidents == ()
    stored = await desk.tickets.get(INCIDENT.id)
    assert stored is not None and stored.problem_id is None
    assert await desk.tickets.history(INCIDENT.id) == []


async def test_an_incident_as_read_is_linked(database: Database) -> None:
    desk = await memory_desk(database)
    await desk.tickets.import_tickets([PROBLEM, INCIDENT])
    problem, linked = await Links(desk).link(PROBLEM, [INCIDENT], "U0AGENT")
    assert [i.id for i in linked] == [INCIDENT.id] and problem.linked_incidents == (INCIDENT.id,)


async def test_nothing_awaiting_approval_is_linked_either_side(database: Database) -> None:
    held_problem = replace(PROBLEM, id="PRB-2", approval="pending")
    held_incident = replace(INCIDENT, id="INC-5", approval="pending")
    desk = await memory_desk(database)
    await desk.tickets.import_tickets([held_problem, PROBLEM, INCIDENT, held_incident])
    problem, linked = await Links(desk).link(held_problem, [INCIDENT], "U0AGENT")
    assert linked == [] and problem.linked_incidents == ()
    # held for approval after it was read: the link expects the approval it read
    problem, linked = await Links(desk).link(PROBLEM, [replace(held_incident, approval=None)], "U")
    assert linked == [] and problem.linked_incidents == ()
    for ticket_id in (INCIDENT.id, held_incident.id):
        stored = await desk.tickets.get(ticket_id)
        assert stored is not None and stored.problem_id is None
        assert await desk.tickets.history(ticket_id) == []
    assert await desk.tickets.history(held_problem.id) == []
