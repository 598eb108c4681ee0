"""Which history entries become a ticket's "last change" (``bot/domain/card_changes.py``):
every kind of entry is decided, so a new kind cannot silently slip into (or out of) the card."""

from __future__ import annotations

from bot.domain.card_changes import CARD_CHANGES, is_card_change, own_change_explains
from bot.domain.models import HistoryAction, HistoryEntry, Status
from tests.fakes import T0

NOT_CHANGES = {
    HistoryAction.CREATED,
    HistoryAction.POSTED,
    HistoryAction.POST_FAILED,
    HistoryAction.REMINDED,
    HistoryAction.PAGED,
    HistoryAction.PAGE_UNCONFIRMED,
    HistoryAction.HELD,
    HistoryAction.CONVERSATION_OPENED,
    HistoryAction.RELAYED_TO_REQUESTER,
    HistoryAction.RELAYED_TO_TEAM,
    HistoryAction.INTERNAL_NOTE,
    HistoryAction.RELAY_TO_REQUESTER_FAILED,
    HistoryAction.RELAY_TO_TEAM_FAILED,
    HistoryAction.DM_FAILED,
    HistoryAction.ARTICLE_SENT,
    HistoryAction.APPROVAL_REQUESTED,
    HistoryAction.APPROVAL_REMINDED,
    HistoryAction.APPROVAL_FALLBACK,
    HistoryAction.FILES_SHARED,
    HistoryAction.SAVED_REPLY_SENT,
    HistoryAction.ABSORB_UNDONE,
}


def test_every_kind_of_entry_is_decided() -> None:
    assert set(HistoryAction) - CARD_CHANGES == NOT_CHANGES
    assert not CARD_CHANGES & NOT_CHANGES


def test_a_reminder_is_not_a_change_but_a_reply_that_moves_the_status_is() -> None:
    reminded = HistoryEntry("INC-1", T0, "guichet", HistoryAction.REMINDED, after="C0DESK")
    claimed = HistoryEntry("INC-1", T0, "U0AGENT", HistoryAction.CLAIMED, after="U0AGENT")
    replied = HistoryEntry("INC-1", T0, "U0REQ", HistoryAction.RELAYED_TO_TEAM)
    assert not is_card_change(reminded, {"remind_at": T0})
    assert is_card_change(claimed, {"assignee": "U0AGENT"})
    assert not is_card_change(replied)
    assert is_card_change(replied, {"status": "in_progress"})


def _last(actor: str, action: HistoryAction, before: str | None, after: str | None) -> HistoryEntry:
    return HistoryEntry("INF-2", T0, actor, action, before, after)


def test_ones_own_claim_explains_a_new_ticket_now_in_progress() -> None:
    claim = _last("U0ME", HistoryAction.CLAIMED, None, "U0ME")
    assert own_change_explains(claim, "U0ME", "status", Status.NEW, Status.IN_PROGRESS)
    assert not own_change_explains(claim, "U0OTHER", "status", Status.NEW, Status.IN_PROGRESS)
    assert not own_change_explains(
        claim, "U0ME", "status", Status.WAITING_ON_REQUESTER, Status.IN_PROGRESS
    )
    assert not own_change_explains(None, "U0ME", "status", Status.NEW, Status.IN_PROGRESS)


def test_ones_own_status_change_explains_only_its_own_move() -> None:
    change = _last("U0ME", HistoryAction.STATUS, "in_progress", "waiting_on_requester")
    moved = (Status.IN_PROGRESS, Status.WAITING_ON_REQUESTER)
    assert own_change_explains(change, "U0ME", "status", *moved)
    assert not own_change_explains(change, "U0ME", "status", Status.NEW, moved[1])
    assert not own_change_explains(change, "U0ME", "priority", "P2", "P1")
