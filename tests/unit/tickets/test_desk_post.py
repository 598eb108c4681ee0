"""The desk's one post path: a filed ticket, and a reassigned one (which shows its move on the
new card and keeps the new message only while the ticket is still where it was posted)."""

from __future__ import annotations

from bot.domain.models import HistoryAction, MessageRef
from bot.tickets.desk import TicketDesk
from bot.tickets.ports import RequesterNotice
from bot.working.changes import ChangeAnnouncer
from bot.working.work import TicketWork
from storage.client import Database
from tests.fakes import KnownAgents, RecordingNotifier, memory_desk, ticket

AGENT = "U0AGENT"
OLD = MessageRef("C0DESK", "1.0")


async def _desk_with_one_ticket(database: Database, notifier: RecordingNotifier) -> TicketDesk:
    desk = await memory_desk(database, notifier=notifier, directory=KnownAgents(AGENT))
    await desk.tickets.import_tickets([ticket(message=OLD)])
    return desk


async def test_a_filed_ticket_is_posted_and_its_message_recorded(
    memory_database: Database,
) -> None:
    notifier = RecordingNotifier()
    desk = await memory_desk(memory_database, notifier=notifier)
    await desk.tickets.import_tickets([ticket()])
    posted = await desk.post(ticket())
    assert notifier.posts == [("INC-1", "service_desk", None)]
    assert posted.message == MessageRef("C0SERVICE_DESK", "1.0")
    stored = await desk.require("INC-1")
    assert stored.message == posted.message
    (entry,) = await desk.tickets.history("INC-1")
    assert entry.action == HistoryAction.POSTED and entry.after == "C0SERVICE_DESK"


async def test_a_reassigned_ticket_is_posted_in_its_new_channel(
    memory_database: Database,
) -> None:
    notifier = RecordingNotifier()
    desk = await _desk_with_one_ticket(memory_database, notifier)
    changed = await TicketWork(desk).reassign("INC-1", AGENT, "infra_network")
    shown = await ChangeAnnouncer(desk).announce(changed)
    assert notifier.posts == [("INC-1", "infra_network", changed.entry)]
    assert notifier.moved == [(OLD, "infra_network")]
    assert notifier.told == [("INC-1", RequesterNotice.REASSIGNED)]
    assert shown.message == MessageRef("C0INFRA_NETWORK", "1.0")
    assert (await desk.require("INC-1")).message == shown.message
    actions = [entry.action for entry in await desk.tickets.history("INC-1")]
    assert actions == [HistoryAction.REASSIGNED, HistoryAction.POSTED]


async def test_a_ticket_moved_again_while_posted_keeps_no_message(
    memory_database: Database,
) -> None:
    notifier = RecordingNotifier()
    desk = await _desk_with_one_ticket(memory_database, notifier)
    work = TicketWork(desk)
    first = await work.reassign("INC-1", AGENT, "infra_network")
    await work.reassign("INC-1", AGENT, "security")  # before the first move is announced
    shown = await ChangeAnnouncer(desk).announce(first)
    assert notifier.posted == ["INC-1"]
    assert shown.service == "infra_network" and shown.message is None
    stored = await desk.require("INC-1")
    assert stored.service == "security" and stored.message is None
    actions = [entry.action for entry in await desk.tickets.history("INC-1")]
    assert actions == [HistoryAction.REASSIGNED, HistoryAction.REASSIGNED]


async def test_a_refused_post_is_recorded_and_the_requester_still_told(
    memory_database: Database,
) -> None:
    notifier = RecordingNotifier(refuse="channel_not_found")
    desk = await _desk_with_one_ticket(memory_database, notifier)
    changed = await TicketWork(desk).reassign("INC-1", AGENT, "infra_network")
    shown = await ChangeAnnouncer(desk).announce(changed)
    assert shown.message is None and (await desk.require("INC-1")).message is None
    assert notifier.moved == [(OLD, "infra_network")]
    assert notifier.told == [("INC-1", RequesterNotice.REASSIGNED)]
    *_, failed = await desk.tickets.history("INC-1")
    assert failed.action == HistoryAction.POST_FAILED and failed.note == "channel_not_found"
