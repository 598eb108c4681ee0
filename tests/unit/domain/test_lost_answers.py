"""Every kind of outbox message is decided: found after a lost answer, or unable to double."""

from __future__ import annotations

import pytest

from bot.domain.lost_answers import CANNOT_DOUBLE, FOUND_AFTER_LOST_ANSWER, undecided
from bot.domain.models import OutgoingKind
from bot.outbox.deliveries import Deliveries
from storage.client import Database
from storage.outbox import OutboxRepository
from storage.tickets import TicketRepository
from tests.fakes import FakeSender, SilentMessenger


def test_every_kind_is_decided_once() -> None:
    assert undecided(OutgoingKind) == []
    assert FOUND_AFTER_LOST_ANSWER.isdisjoint(CANNOT_DOUBLE)
    assert all(reason.strip() for reason in CANNOT_DOUBLE.values())


def test_a_sender_for_an_undecided_kind_is_refused(
    monkeypatch: pytest.MonkeyPatch, memory_database: Database
) -> None:
    found = FOUND_AFTER_LOST_ANSWER - {OutgoingKind.LINKED}
    monkeypatch.setattr("bot.domain.lost_answers.FOUND_AFTER_LOST_ANSWER", found)
    deliveries = Deliveries(  # wiring only: nothing is stored or sent
        OutboxRepository(memory_database), TicketRepository(memory_database), SilentMessenger()
    )
    deliveries.add_senders({OutgoingKind.FIXED: FakeSender()})
    with pytest.raises(ValueError, match="linked"):
        deliveries.add_senders({OutgoingKind.LINKED: FakeSender(grouped=True)})
