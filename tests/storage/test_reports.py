"""What the reports read and the weekly digest's claims (in memory, and on a real server when
MONGODB_URI is set)."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from bot.domain.models import HistoryAction, HistoryEntry, MessageRef, Status, TicketType
from bot.domain.stats import TicketFacts
from storage.client import Database
from storage.digests import MAX_ATTEMPTS, DigestClaims, DigestState
from storage.reports import ReportStore
from storage.tickets import TicketRepository
from tests.report_dataset import DESK_WEEK, LINKS, NOW, tickets

WEEK_AGO = NOW - timedelta(days=7)
LEASE = timedelta(minutes=10)


async def seed(database: Database, links: bool = True) -> None:
    """The seeded data set, stored; the ``problem_id`` links set as a change would set them."""
    repo = TicketRepository(database)
    assert await repo.import_tickets(tickets()) == len(tickets())
    for ticket_id, problem_id in LINKS.items() if links else ():
        entry = HistoryEntry(ticket_id, NOW, "guichet", HistoryAction.LINKED, after=problem_id)
        await repo.record(entry, {"problem_id": problem_id})


async def test_filed_between_reads_the_facts_of_the_period(database: Database) -> None:
    await seed(database)
    store = ReportStore(database)
    await store.create_indexes()
    desk = await store.filed_between(WEEK_AGO, NOW, ["service_desk"], 100)
    assert sorted(f.id for f in desk) == sorted(DESK_WEEK)
    assert [f.created_at for f in desk] == sorted(f.created_at for f in desk)  # oldest first
    expected = {t.id: TicketFacts.of(t, problem_id=LINKS.get(t.id)) for t in tickets()}
    assert {f.id: f for f in desk} == {i: expected[i] for i in DESK_WEEK}  # every field
    everything = await store.filed_between(WEEK_AGO, NOW, None, 100)
    assert len(everything) == len(DESK_WEEK) + 1
    assert len(await store.filed_between(WEEK_AGO, NOW, None, 3)) == 3  # bounded


async def test_open_problems_and_problems_by_id(database: Database) -> None:
    await seed(database)
    store = ReportStore(database)
    assert [p.id for p in await store.open_problems(["service_desk"], 10)] == ["PRB-2", "PRB-1"]
    assert await store.open_problems(["security"], 10) == []
    found = await store.by_ids(["PRB-1", "NOPE-1"])
    assert [(p.id, p.type, p.status) for p in found] == [
        ("PRB-1", TicketType.PROBLEM, Status.IN_PROGRESS)
    ]
    assert await store.by_ids([]) == []


async def test_links_count_the_tickets_of_each_problem(database: Database) -> None:
    await seed(database)
    store = ReportStore(database)
    assert await store.links(["PRB-1", "PRB-2", "PRB-9"]) == {"PRB-1": 3, "PRB-2": 1}
    assert await store.links([]) == {}


async def test_without_problem_ids_nothing_is_linked(database: Database) -> None:
    await seed(database, links=False)
    store = ReportStore(database)
    assert await store.links(["PRB-1", "PRB-2"]) == {}
    desk = await store.filed_between(WEEK_AGO, NOW, ["service_desk"], 100)
    assert all(f.problem_id is None for f in desk)


async def test_a_digest_is_claimed_once(database: Database) -> None:
    claims = DigestClaims(database)
    key = claims.key("service_desk", "2025-12-29")
    results = await asyncio.gather(*(claims.claim(key, f"r{n}", NOW, LEASE) for n in range(5)))
    winners = [r for r in results if r is not None]
    assert len(winners) == 1 and winners[0].attempts == 1 and winners[0].message is None
    assert await claims.state(key) is DigestState.CLAIMED
    assert await claims.claim(key, "other", NOW + LEASE - timedelta(seconds=1), LEASE) is None
    owner = f"r{results.index(winners[0])}"
    await claims.finish(key, owner, NOW)
    assert await claims.state(key) is DigestState.POSTED
    assert await claims.claim(key, "other", NOW + timedelta(days=1), LEASE) is None
    assert await claims.claim(claims.key("service_desk", "2026-01-05"), "x", NOW, LEASE)


async def test_a_lost_claim_is_taken_over_and_a_failed_one_retried(database: Database) -> None:
    claims = DigestClaims(database)
    key = claims.key("security", "2025-12-29")
    assert await claims.claim(key, "dead", NOW, LEASE)
    first = await claims.claim(claims.key("security", "2026-01-05"), "dead", NOW, LEASE)
    assert first is not None and first.since is None  # never tried: nothing to look for
    taken = await claims.claim(key, "alive", NOW + LEASE, LEASE)  # the lease ran out
    assert taken is not None and taken.attempts == 2
    assert taken.since == NOW  # the first try may have posted: looked for from then
    figures = MessageRef("C0SECURITY", "1.000100")
    await claims.record_message(key, "alive", figures)
    await claims.finish(key, "dead", NOW, "too late")  # not the owner any more: ignored
    assert await claims.state(key) is DigestState.CLAIMED
    await claims.finish(key, "alive", NOW, "upload failed")
    assert await claims.state(key) is DigestState.FAILED
    retried = await claims.claim(key, "retry", NOW + 2 * LEASE, LEASE)
    assert retried is not None and retried.message == figures  # the figures are not re-posted
    await claims.finish(key, "retry", NOW, "failed again")
    assert retried.attempts == MAX_ATTEMPTS
    assert await claims.claim(key, "once more", NOW + 3 * LEASE, LEASE) is None  # given up
