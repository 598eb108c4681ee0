"""The outbox's other kinds (problems and storms): grouped messages, bulk messages within the
pace, rate limits waited out and never given up, items tried at once (in memory, and on a real
server when MONGODB_URI is set)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.domain.errors import DeliveryDeferred
from bot.domain.models import Outgoing, OutgoingKind
from bot.domain.outbox import OutboxState
from bot.outbox.deliveries import Deliveries, backoff
from bot.outbox.pacing import Pacer
from storage.client import Database
from storage.outbox import OutboxRepository
from storage.tickets import TicketRepository
from tests.fakes import FakeSender, SilentMessenger

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
S = timedelta(seconds=1)


def setup(
    database: Database, burst: int = 5
) -> tuple[OutboxRepository, Deliveries, FakeSender, FakeSender]:
    outbox = OutboxRepository(database)
    direct, grouped = FakeSender(), FakeSender(grouped=True)
    deliveries = Deliveries(
        outbox,
        TicketRepository(database),
        messenger=SilentMessenger(),  # no scheduler message is queued here
        senders={
            OutgoingKind.FIXED: direct,
            OutgoingKind.KNOWN_ISSUE: direct,
            OutgoingKind.LINKED: grouped,
        },
        pacer=Pacer(per_minute=60, burst=burst),
    )
    return outbox, deliveries, direct, grouped


def fixed(number: int, bulk: bool = True) -> tuple[str, Outgoing]:
    kind = OutgoingKind.FIXED if bulk else OutgoingKind.KNOWN_ISSUE
    message = Outgoing(kind, f"INC-{number}", recipient=f"U{number}", about="PRB-1", bulk=bulk)
    return f"INC-{number}:{kind.value}", message


async def test_bulk_messages_go_out_within_the_pace(database: Database) -> None:
    outbox, deliveries, direct, _ = setup(database)
    assert await outbox.add([fixed(n) for n in range(12)], T0) == 12
    assert await outbox.add([fixed(n) for n in range(12)], T0) == 0  # a repeat adds nothing
    assert (await deliveries.deliver_due(T0)).sent == 5  # a burst
    assert (await deliveries.deliver_due(T0)).sent == 0
    assert (await deliveries.deliver_due(T0 + 3 * S)).sent == 3  # one a second
    assert (await deliveries.deliver_due(T0 + 60 * S)).sent == 4
    assert sorted(ids[0] for ids in direct.sent) == sorted(f"INC-{n}" for n in range(12))


async def test_answers_to_one_person_are_not_paced(database: Database) -> None:
    outbox, deliveries, direct, _ = setup(database, burst=1)
    await outbox.add([fixed(n, bulk=False) for n in range(8)], T0)
    assert (await deliveries.deliver_due(T0)).sent == 8
    assert len(direct.sent) == 8


async def test_items_about_one_thing_go_out_as_one_message(database: Database) -> None:
    outbox, deliveries, _, grouped = setup(database)
    items = [
        (f"INC-{n}:linked", Outgoing(OutgoingKind.LINKED, f"INC-{n}", about=about))
        for n, about in ((1, "PRB-1"), (2, "PRB-1"), (3, "PRB-2"), (4, "PRB-1"))
    ]
    await outbox.add(items, T0)
    report = await deliveries.deliver_due(T0)
    assert report.sent == 4
    assert sorted(grouped.sent) == [["INC-1", "INC-2", "INC-4"], ["INC-3"]]
    for item_id, _ in items:
        item = await outbox.get(item_id)
        assert item is not None and item.state is OutboxState.SENT and item.attempts == 1


async def test_a_rate_limit_is_waited_out_and_never_gives_up(database: Database) -> None:
    outbox, deliveries, direct, _ = setup(database, burst=50)
    resumed: list[datetime] = []
    deliveries.resume = resumed.append
    await outbox.add([fixed(n) for n in range(3)], T0)
    direct.failures = [DeliveryDeferred("ratelimited", retry_after=2) for _ in range(20)]
    now = T0
    for _ in range(20):  # Slack says "slow down" twenty times in a row
        report = await deliveries.deliver_due(now)
        assert report.rate_limited == 1 and report.sent == 0  # the pass stops at once
        assert deliveries.paused(now + S) and resumed[-1] == now + 2 * S
        assert (await deliveries.deliver_due(now + S)).rate_limited == 0  # Retry-After
        now += 2 * S
    report = await deliveries.deliver_due(now)
    assert report.sent == 3 and direct.given_up == []
    items = [await outbox.get(item_id) for item_id, _ in [fixed(n) for n in range(3)]]
    assert all(i is not None and i.state is OutboxState.SENT and i.attempts == 1 for i in items)


async def test_an_item_a_person_waits_for_is_tried_at_once(database: Database) -> None:
    outbox, deliveries, direct, _ = setup(database, burst=1)
    await outbox.add([fixed(1, bulk=False), fixed(2, bulk=False)], T0)
    assert await deliveries.deliver_now([fixed(1, bulk=False)[0]], T0) == 1
    assert direct.sent == [["INC-1"]]
    assert await deliveries.deliver_now([fixed(1, bulk=False)[0]], T0) == 0  # sent already
    direct.failures = [DeliveryDeferred("ratelimited", retry_after=5)]
    assert await deliveries.deliver_now([fixed(2, bulk=False)[0]], T0) == 0
    assert await deliveries.deliver_now([fixed(2, bulk=False)[0]], T0 + S) == 0  # paused
    assert (await deliveries.deliver_due(T0 + 5 * S)).sent == 1  # then the tick takes it


async def test_a_grouped_retry_goes_apart_from_the_items_never_tried(database: Database) -> None:
    """The message saying INC-1 and INC-2 may have been posted, its answer lost: tried again, it
    is looked for as it was (``since``), and INC-3, queued meanwhile and never tried, cannot be
    in it: it goes as a message of its own, not looked for."""
    outbox, deliveries, _, grouped = setup(database)
    linked = [
        (f"INC-{n}:linked", Outgoing(OutgoingKind.LINKED, f"INC-{n}", about="PRB-1"))
        for n in (1, 2, 3)
    ]
    await outbox.add(linked[:2], T0)
    grouped.failures = [DeliveryDeferred("ServerDisconnectedError")]
    assert (await deliveries.deliver_due(T0)).deferred == 2
    await outbox.add(linked[2:], T0 + 10 * S)
    assert (await deliveries.deliver_due(T0 + backoff(1))).sent == 3
    assert grouped.sent == [["INC-1", "INC-2"], ["INC-3"]]
    assert grouped.since == [T0, None]


async def test_two_grouped_messages_tried_again_together_stay_two(database: Database) -> None:
    """INC-1 and INC-2 went as one message, INC-3 and INC-4 as another, both answers lost: when
    they are due together, each goes again as the message it was, with its own token (its role
    in Slack's metadata), looked for: neither is taken for the other, nor merged."""
    outbox, deliveries, _, grouped = setup(database)
    linked = [
        (f"INC-{n}:linked", Outgoing(OutgoingKind.LINKED, f"INC-{n}", about="PRB-1"))
        for n in (1, 2, 3, 4)
    ]
    lost = DeliveryDeferred("ServerDisconnectedError")
    await outbox.add(linked[:2], T0)
    grouped.failures = [lost]
    assert (await deliveries.deliver_due(T0)).deferred == 2  # tried again at T0 + 30 s
    await outbox.add(linked[2:], T0 + 10 * S)
    grouped.failures = [lost]
    assert (await deliveries.deliver_due(T0 + 10 * S)).deferred == 2  # at T0 + 40 s
    assert (await deliveries.deliver_due(T0 + 40 * S)).sent == 4
    assert grouped.sent == [["INC-1", "INC-2"], ["INC-3", "INC-4"]]
    assert grouped.since == [T0, T0 + 10 * S]
    first, second = grouped.tokens
    assert len(first) == len(second) == 1 and None not in first and first != second
