"""Which text tells the requester of a change: the one that fits the ticket as it stands when
the DM goes (the outbox may send it late), not only what happened."""

from __future__ import annotations

from bot.domain.models import Status
from bot.tickets.ports import RequesterNotice
from handlers.tickets.notifier import notice_key
from tests.fakes import ticket


def test_waiting_on_the_requester_asks_them_for_an_answer() -> None:
    waiting = ticket(status=Status.WAITING_ON_REQUESTER, assignee="U2")
    assert notice_key(RequesterNotice.STATUS_CHANGED, waiting) == "working.dm.waiting_on_you"
    back = ticket(status=Status.IN_PROGRESS, assignee="U2")
    assert notice_key(RequesterNotice.STATUS_CHANGED, back) == "working.dm.status_changed"


def test_unassigned_says_nobody_has_it_unless_someone_took_it_since() -> None:
    queued = ticket(status=Status.NEW, assignee=None)
    assert notice_key(RequesterNotice.UNASSIGNED, queued) == "working.dm.unassigned"
    taken_again = ticket(status=Status.IN_PROGRESS, assignee="U3")
    assert notice_key(RequesterNotice.UNASSIGNED, taken_again) == "working.dm.assigned"


def test_reopened_by_the_requester_says_what_they_answered() -> None:
    taken = ticket(status=Status.IN_PROGRESS, assignee="U2")
    requester = taken.requester
    assert notice_key(RequesterNotice.REOPENED, taken, requester) == "working.dm.reopened_by_you"
    queued = ticket(status=Status.NEW, assignee=None)
    assert (
        notice_key(RequesterNotice.REOPENED, queued, requester)
        == "working.dm.reopened_by_you_queue"
    )
    # reopened by someone else (an agent): the DM tells the requester it is open again
    assert notice_key(RequesterNotice.REOPENED, taken, "U2") == "working.dm.reopened"


def test_closed_by_the_requester_says_what_they_answered() -> None:
    closed = ticket(status=Status.CLOSED, assignee="U2")
    assert notice_key(RequesterNotice.CLOSED, closed, closed.requester) == (
        "working.dm.closed_by_you"
    )
    # closed by someone else: the DM tells the requester it is closed
    assert notice_key(RequesterNotice.CLOSED, closed, "U2") == "working.dm.closed"
