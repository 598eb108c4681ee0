"""The outbox items retention stores for what a ticket left in Slack, before forgetting it."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.domain.models import MessageRef, OutgoingKind
from bot.governance.retention_notices import anonymised_card, forgotten_messages
from storage.retention import TicketTraces

CREATED = datetime(2026, 1, 1, 9, tzinfo=UTC)
CHANGED = datetime(2026, 1, 2, 9, tzinfo=UTC)
CARD = MessageRef("C0DESK", "1767258000.000100")
DM = MessageRef("DU0JOHN", "1767258000.000200")


def _traces(requester: str | None, card: MessageRef | None) -> TicketTraces:
    return TicketTraces("desk", card, requester, DM, CREATED, CHANGED)


def test_the_dm_and_the_cards_thread_each_get_an_item_named_by_the_last_change() -> None:
    items = forgotten_messages("INF-1", _traces("U0JOHN", CARD))
    assert [i for i, _ in items] == [
        "INF-1:forgotten_messages:dm:2026-01-02T09:00:00+00:00",
        "INF-1:forgotten_messages:thread:2026-01-02T09:00:00+00:00",
    ]
    dm, thread = (m for _, m in items)
    assert (dm.kind, dm.recipient, dm.ref, dm.about) == (
        OutgoingKind.FORGOTTEN_MESSAGES,
        "U0JOHN",
        DM,
        CREATED.isoformat(),
    )
    assert (thread.recipient, thread.ref) == (None, CARD)
    assert dm.bulk and thread.bulk  # at the outbox's pace


def test_no_person_no_card_nothing_to_clean() -> None:
    # an erased requester (their DMs went with the erasure) and a ticket never posted
    assert forgotten_messages("INF-1", _traces(None, None)) == []
    assert anonymised_card("INF-1", _traces(None, None)) == []
    (item,) = anonymised_card("INF-1", _traces(None, CARD))
    assert item[0] == "INF-1:anonymised_card:2026-01-02T09:00:00+00:00"
    assert item[1].ref == CARD
