"""Filing from a message: titles, and the unique origin key deciding a race the pre-check
cannot see (two deliveries both finding no ticket, then both filing)."""

from __future__ import annotations

import asyncio
from typing import Any

from bot.domain.models import Language, NewTicket, Ticket
from bot.filing.classifier import Classifier
from bot.filing.filing import Filing
from bot.filing.from_message import MessageFiling, SourceMessage, title_and_description
from bot.telemetry.metrics import Metrics
from bot.tickets.ports import RequesterNotice
from storage.client import Database
from storage.tickets import TicketRepository
from tests.fakes import RecordingNotifier, memory_desk


class SlowStore(TicketRepository):
    """A store whose writes take time, like a real server's: concurrent callers interleave."""

    async def create(self, new: NewTicket, audit_line: Any = None) -> Ticket:
        await asyncio.sleep(0)
        return await super().create(new, audit_line)


async def test_racing_deliveries_make_one_ticket(memory_database: Database) -> None:
    store = SlowStore(memory_database)
    notifier = RecordingNotifier()
    desk = await memory_desk(memory_database, store=store, notifier=notifier)
    config = desk.config
    classifier = Classifier(
        type_defaults=config.type_services,
        default_service=config.default_service,
        extra_keywords=config.keywords,
        services=config.services.keys(),
    )
    filing = MessageFiling(Filing(desk, classifier, Metrics(), wake=lambda: None))
    message = SourceMessage("T1", "C0GENERAL", "17.5", "The VPN is down for everyone")
    outcomes = await asyncio.gather(
        *(filing.file_once(message, user, Language.EN) for user in ("U1", "U2", "U1"))
    )
    assert [o.created for o in outcomes].count(True) == 1
    assert len({o.ticket.id for o in outcomes}) == 1
    assert notifier.posted == [outcomes[0].ticket.id]
    assert notifier.told == [(outcomes[0].ticket.id, RequesterNotice.FILED)]
    winner = next(o.ticket for o in outcomes if o.created)
    assert winner.origin is not None and winner.origin.key == "T1/C0GENERAL/17.5"
    # both losers got as far as the insert (their ids were drawn), which the index refused
    prefix = winner.id.split("-")[0]
    assert await store.next_id(winner.type) == f"{prefix}-4"
    drawn = [f"{prefix}-{n}" for n in (1, 2, 3)]
    stored = [ticket_id for ticket_id in drawn if await store.get(ticket_id)]
    assert stored == [winner.id]


def test_title_and_description() -> None:
    title, description = title_and_description(
        "\n  Printer   jams \nagain and again\n", Language.EN
    )
    assert (title, description) == ("Printer jams", "Printer   jams \nagain and again")
    long = "word " * 40
    title, _ = title_and_description(long, Language.EN)
    assert len(title) == 80 and title.endswith("…")
    assert title_and_description("   ", Language.FR) == (
        "Message Slack sans texte",
        "Message Slack sans texte",
    )
