"""Guichet learns its routes and types from the organisation's settled tickets.

When a ticket is resolved or closed, its final service and type are its lesson (an agent's
reassignment or type change on the way is a correction; the outcome is what counts). The lesson
is stored once per ticket (``storage/lessons.py``: a retry writes nothing, a new outcome
replaces the old one) and counted into this replica's ``WordEvidence``, which the classifier adds
to its built-in lexicon. Every scheduler tick each replica catches up with the lessons other
replicas wrote; at start it reads them all, so a restart keeps what was learned.

A private service's tickets teach nothing (``bot/governance/privacy.py``, ``teaching_nothing``):
what is learned steers everyone's tickets and shows its words on their cards. No lesson is
stored for them; at start the lessons of such services stored before (by an older Guichet, an
import, or when the service was not private yet) are deleted — once they are gone, doing it
again deletes nothing —, and none is counted if one is still read.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Protocol

from bot.domain.clock import Clock
from bot.domain.errors import StoreUnavailable
from bot.domain.lessons import Lesson, StoredLesson
from bot.domain.models import Status, Ticket
from bot.filing.word_evidence import WordEvidence, features
from storage.lessons import LessonRepository

log = logging.getLogger(__name__)

SETTLED = frozenset({Status.RESOLVED, Status.CLOSED})
# Lessons are read again from a little before the last look: a lesson written by another replica
# just before that look may only become visible after it (reading one twice changes nothing).
CATCH_UP_MARGIN = timedelta(minutes=5)


class ChangeSeen(Protocol):
    """A change to a ticket as ``ChangeAnnouncer`` hands it to its followers (``Changed``)."""

    @property
    def before(self) -> Ticket: ...

    @property
    def ticket(self) -> Ticket: ...


# Votes of a correction: a ticket that had to be moved to its service teaches more than one
# that confirms where Guichet sent it.
CORRECTION_WEIGHT = 3


def lesson_of(
    ticket_id: str, title: str, description: str, service: str, kind: str, weight: int = 1
) -> Lesson:
    """What a ticket with this text, service and type teaches."""
    found = features(f"{title}\n{description}")
    return Lesson(ticket_id, frozenset(found), service, kind, weight)


class Learning:
    def __init__(
        self,
        lessons: LessonRepository,
        evidence: WordEvidence,
        clock: Clock,
        silent: frozenset[str] = frozenset(),
    ) -> None:
        """``evidence`` is the classifier's (``Classifier.learned``): kept up to date here.
        ``silent``: the services whose tickets teach nothing (the private ones)."""
        self.lessons = lessons
        self.evidence = evidence
        self.clock = clock
        self.silent = silent
        self._looked_at: datetime | None = None

    def _take(self, stored: list[StoredLesson]) -> int:
        return sum(
            self.evidence.learn(item.lesson, item.revision)
            for item in stored
            if item.lesson.service not in self.silent
        )

    async def refresh(self, now: datetime | None = None) -> int:
        """Read the lessons this replica has not seen (all of them the first time); returns
        how many changed the model. Raises ``StoreUnavailable``; the model stays as it was."""
        now = now or self.clock.now()
        if self._looked_at is None:
            forgotten = await self.lessons.forget(self.silent)
            if forgotten:
                log.info("forgot %d lesson(s) of private services", forgotten)
            changed = self._take(await self.lessons.all())
        else:
            changed = self._take(await self.lessons.since(self._looked_at - CATCH_UP_MARGIN))
        self._looked_at = now
        return changed

    async def sweep(self, now: datetime) -> None:
        """A scheduler step: catch up with what other replicas learned."""
        try:
            await self.refresh(now)
        except StoreUnavailable as error:  # refused too: said, the model as it was, each tick
            log.warning("could not read the learned lessons (%s); the model stays as it was", error)

    async def settle(self, ticket: Ticket) -> bool:
        """Learn from a settled ticket (its service and type now); True when that taught
        something new (a repeat of the same outcome teaches nothing). A private service's
        ticket teaches nothing."""
        if ticket.service in self.silent:
            return False
        corrected = ticket.service != ticket.classification.service
        lesson = lesson_of(
            ticket.id,
            ticket.title,
            ticket.description,
            ticket.service,
            ticket.type.value,
            CORRECTION_WEIGHT if corrected else 1,
        )
        stored = await self.lessons.record(lesson, self.clock.now())
        if stored is None:
            return False
        self.evidence.learn(stored.lesson, stored.revision)
        log.info(
            "learned from %s",
            ticket.id,
            extra={"ticket_id": ticket.id, "service": ticket.service, "type": ticket.type.value},
        )
        return True

    async def after_change(self, changed: ChangeSeen) -> None:
        """A ``ChangeAnnouncer`` follower: a ticket just resolved or closed teaches."""
        if changed.ticket.status in SETTLED and changed.before.status != changed.ticket.status:
            await self.settle(changed.ticket)
