"""What the outbox keeps of a delivered message, and for how long; items stored leased."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.domain.models import MessageRef, Outgoing, OutgoingKind
from bot.domain.outbox import OutboxState
from bot.domain.thread_reply import ThreadReply
from storage.client import Database
from storage.outbox import RETENTION, SENT_RETENTION, OutboxRepository

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
LEASE = timedelta(minutes=2)
REF = MessageRef("DU0A", "1.1")
REPLY = ThreadReply("C0DESK", "2.2", "1.0", "U0AGENT", "The password is on the wiki")


def _relay(ticket_id: str = "INC-1") -> Outgoing:
    return Outgoing(OutgoingKind.RELAY_TO_REQUESTER, ticket_id, "U0A", reply=REPLY)


def _saved_reply(ticket_id: str = "INC-1") -> Outgoing:
    return Outgoing(OutgoingKind.SAVED_REPLY, ticket_id, "U0A", about="vpn", text="Reboot it.")


async def test_a_delivered_item_keeps_where_it_landed_not_what_it_said(database: Database) -> None:
    outbox = OutboxRepository(database)
    await outbox.add([("relay", _relay()), ("saved", _saved_reply())], T0)
    await outbox.mark_sent("relay", REF, T0, OutgoingKind.RELAY_TO_REQUESTER)
    await outbox.mark_sent_many(["saved"], REF, T0, OutgoingKind.SAVED_REPLY)
    raw = database.handle["outbox"]
    for item_id in ("relay", "saved"):
        document = await raw.find_one({"_id": item_id})
        assert "reply" not in document["message"] and "text" not in document["message"]
        assert document["message"]["recipient"] == "U0A"  # who it went to: erasure finds it
        item = await outbox.get(item_id)
        assert item is not None and item.state is OutboxState.SENT and item.sent == REF
    relay = await outbox.get("relay")
    assert relay is not None
    assert relay.message == Outgoing(OutgoingKind.RELAY_TO_REQUESTER, "INC-1", "U0A")


async def test_what_is_not_delivered_keeps_what_it_says(database: Database) -> None:
    """A failed relay is told to the team with its text; a pending one is still to send."""
    outbox = OutboxRepository(database)
    await outbox.add([("failed", _relay()), ("pending", _relay("INC-2"))], T0)
    await outbox.mark_failed("failed", "channel_not_found", T0)
    failed, pending = await outbox.get("failed"), await outbox.get("pending")
    assert failed is not None and failed.message.reply == REPLY
    assert pending is not None and pending.message.reply == REPLY


async def test_delivered_items_go_after_a_week_unless_found_again_later(
    database: Database,
) -> None:
    """DMs, cards and relays go ``SENT_RETENTION`` after delivery; pages (updated when the
    emergency is acknowledged), approval asks (when decided) and problem replies (listing their
    incidents) are found again by where they landed, and stay ``RETENTION`` like failures."""
    outbox = OutboxRepository(database)
    page = Outgoing(OutgoingKind.PAGE, "EMG-1", "U0A")
    dm = Outgoing(OutgoingKind.REQUESTER_DM, "INC-1", "U0A", about="filed")
    await outbox.add([("dm", dm), ("page", page), ("failed", _relay()), ("kindless", dm)], T0)
    await outbox.mark_sent("dm", REF, T0, OutgoingKind.REQUESTER_DM)
    await outbox.mark_sent("page", REF, T0, OutgoingKind.PAGE)
    await outbox.mark_sent("kindless", REF, T0)  # kind not said: kept as long as any
    await outbox.mark_failed("failed", "channel_not_found", T0)
    assert await outbox.purge(T0 + SENT_RETENTION - timedelta(seconds=1)) == 0
    assert await outbox.purge(T0 + SENT_RETENTION) == 1
    assert await outbox.get("dm") is None
    assert await outbox.sent_for("EMG-1", [OutgoingKind.PAGE]) == [(page, REF)]
    assert await outbox.purge(T0 + RETENTION) == 3


async def test_an_item_stored_leased_is_not_due_until_its_lease_ends(database: Database) -> None:
    outbox = OutboxRepository(database)
    dm = Outgoing(OutgoingKind.REQUESTER_DM, "INC-1", "U0A", about="filed")
    await outbox.add([("old", dm)], T0)
    leased = await outbox.add_leased([("old", dm), ("new", dm)], T0, T0 + LEASE)
    assert [(item.id, item.attempts) for item in leased] == [("new", 1)]  # "old" left as it was
    assert [item.id for item in await outbox.due(T0, 10)] == ["old"]
    assert [item.id for item in await outbox.due(T0 + LEASE, 10)] == ["old", "new"]
    again = (await outbox.due(T0 + LEASE, 10))[1]  # the lease ended: the holder died
    retried = await outbox.claim(again, T0 + 2 * LEASE)
    assert retried is not None and retried.attempts == 2  # a retry looks for the first attempt
    old = await outbox.get("old")
    assert old is not None and old.attempts == 0
