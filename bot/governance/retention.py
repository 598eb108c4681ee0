"""Enforcing ``retention:``: each scheduler tick anonymises (or deletes) one batch of closed
tickets past their time, deletes one batch of old audit lines and one of old suggestions shown,
and says in the log how far it got. Nothing is done when the services file sets no retention.
The copies derived from them (the knowledge base's index learns from tickets' titles and the
questions of suggestions) are rebuilt in the tick that anonymised or deleted some.

A closed ticket that cannot be anonymised (or deleted) may fail the same way at every tick, and
as the oldest it stays at the head of its batch: ``batch`` of them would stop retention for good.
So this process remembers the tickets that failed (``passed_over``) and reads the batch that
many tickets longer (the same index scan, a longer limit): the tickets behind them are done
first, and those that failed are tried again only when the batch has room (a passing failure
mends itself; one that lasts is logged at most once a tick, as before). Remembering beats only
reading more: without it the failures stay first and stall again once they outnumber the margin.
Each replica remembers its own; a restart forgets, and so tries them first again.

The admins are told what retention did, once a day: each sweep adds what it did to its UTC
day's counts (``retention_days``), and the first sweep of a later day DMs every admin that
day's summary. Not a DM per sweep: tickets pass their time one by one all day long, and a sweep
runs every tick, so "once per sweep that did something" would be dozens of DMs a day."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import UTC, datetime

from bot.domain.config import ServicesConfig
from bot.domain.models import OutgoingKind
from bot.domain.outbox import Stored
from bot.domain.retention import ClosedTicketsAction, RetentionDone
from bot.governance.ports import DerivedCopy, TicketCards
from bot.governance.retention_notices import (
    Admins,
    anonymised_card,
    deleted_card,
    forgotten_messages,
    retention_report,
)
from bot.telemetry.isolation import isolated
from bot.tickets.ports import Courier
from storage.retention import RetentionStore

log = logging.getLogger(__name__)
FORGOTTEN = OutgoingKind.FORGOTTEN_MESSAGES


class Retention:
    def __init__(
        self,
        config: ServicesConfig,
        store: RetentionStore,
        copies: Sequence[DerivedCopy] = (),
        cards: TicketCards | None = None,
        courier: Courier | None = None,
        admins: Admins | None = None,
    ) -> None:
        """``courier`` (the outbox) redraws an anonymised ticket's channel message, which showed
        its requester, title and description, or replaces a deleted ticket's by one line,
        deletes the bot's messages about it, and tells ``admins`` what each day's sweeps did,
        the day after (``retention_notices.py``); without it, ``cards`` redraws the card once
        (a failure is only logged)."""
        self.rules = config.retention
        self.store = store
        self.copies = tuple(copies)
        self.cards = cards
        self.courier = courier
        self.admins = admins
        self.passed_over: set[str] = set()
        """Tickets whose anonymising or deletion failed in this process: tried again only when
        the tickets behind them leave room in the batch."""

    async def sweep(self, now: datetime) -> None:
        """A scheduler step: one batch of each kind past its time. A closed ticket that cannot
        be rewritten is logged and passed over while others wait (tried again when the batch
        has room), and holds up no other; a database down stops the step."""
        rules = self.rules
        tickets = audit = deflections = 0
        if rules.closed_tickets is not None:
            before = now - rules.closed_tickets
            limit = rules.batch + len(self.passed_over)
            found = await self.store.closed_before(before, limit)
            if len(found) < limit:  # all there is: forget those done or reopened meanwhile
                self.passed_over &= set(found)
            fresh = [ticket_id for ticket_id in found if ticket_id not in self.passed_over]
            again = [ticket_id for ticket_id in found if ticket_id in self.passed_over]
            ids = (fresh + again)[: rules.batch]
            done = 0
            for ticket_id in ids:
                with isolated(
                    log,
                    "retention: could not %s %s: tried again once the batch has room",
                    rules.closed_tickets_action.value,
                    ticket_id,
                    ticket_id=ticket_id,
                ) as guarded:
                    done += await self._forget(ticket_id, before, now)
                if guarded.failed:
                    self.passed_over.add(ticket_id)
                else:
                    self.passed_over.discard(ticket_id)
            if ids:
                log.info(
                    "retention: %s %d closed ticket(s) older than %s (%s)",
                    "deleted"
                    if rules.closed_tickets_action is ClosedTicketsAction.DELETE
                    else "anonymised",
                    done,
                    before.isoformat(),
                    "more next tick" if len(ids) == rules.batch else "all done",
                )
            if done:
                await self._forgotten()
            tickets = done
        if rules.audit is not None:
            before = now - rules.audit
            audit = await self.store.delete_audit_before(before, rules.batch)
            _said_deleted(audit, "audit line(s)", before, rules.batch)
        if rules.deflections is not None:
            before = now - rules.deflections
            deflections = await self.store.delete_deflections_before(before, rules.batch)
            _said_deleted(deflections, "suggestion(s) shown", before, rules.batch)
            if deflections:
                await self._forgotten()
        delete = rules.closed_tickets_action is ClosedTicketsAction.DELETE
        done_now = RetentionDone(
            anonymised=0 if delete else tickets,
            deleted=tickets if delete else 0,
            audit=audit,
            deflections=deflections,
        )
        if done_now:
            await self.store.counted(_day(now), done_now)
        kept = (rules.closed_tickets, rules.audit, rules.deflections)
        if self.admins is not None and self.courier is not None and kept != (None, None, None):
            with isolated(log, "retention: could not tell the admins what was done"):
                await self._tell_admins(now, self.admins, self.courier)

    async def _tell_admins(self, now: datetime, admins: Admins, courier: Courier) -> None:
        """Each past day that retention did something on, told to every admin once (a DM in
        their language, through the outbox: its id names the day and the admin, so telling
        again after a crash queues nothing twice)."""
        for day, _ in await self.store.untold_before(_day(now)):
            people = await admins.admins()
            if not people:
                log.warning("retention: no admin to tell what was done on %s", day)
            stored = await courier.store([retention_report(day, admin) for admin in people], now)
            await self.store.told(day)
            await courier.deliver_stored(stored, now)

    async def _forget(self, ticket_id: str, before: datetime, now: datetime) -> bool:
        """Anonymise (or delete) one closed ticket past its time; whether it was. What it
        left in Slack is stored first, as outbox items (where it is goes with the ticket: its
        card, the DMs of its requester, assignee and approvers): the card redrawn anonymised
        or replaced by one line, tried once the ticket is forgotten, then by the ticks while
        Slack fails; and the bot's messages about it deleted, by the ticks at the outbox's
        pace (``bulk``: a first sweep of 200 tickets would make thousands of ``chat.delete``
        calls in one tick, where Slack allows about 50 a minute; a 429 pauses them,
        ``retention_notices.py``)."""
        delete = self.rules.closed_tickets_action is ClosedTicketsAction.DELETE
        stored = None
        if self.courier is not None:
            traces = await self.store.traces_of(ticket_id)
            if traces is not None:
                items = forgotten_messages(ticket_id, traces)
                if delete and traces.card is not None:
                    items.append(
                        deleted_card(ticket_id, traces.service, traces.card, traces.changed_at)
                    )
                elif not delete:
                    items.extend(anonymised_card(ticket_id, traces))
                stored = await self.courier.store(items, now) if items else None
                if stored is not None:  # the card at once; the messages at the outbox's pace
                    stored = Stored(
                        tuple(i for i in stored.leased if i.message.kind is not FORGOTTEN),
                        tuple(i for i in stored.queued if FORGOTTEN.value not in i),
                    )
        if delete:
            forgotten = await self.store.delete(ticket_id, before)
        else:
            forgotten = await self.store.anonymise(ticket_id, before, now)
            if forgotten and self.courier is None and self.cards is not None:
                with isolated(log, "retention: card of %s", ticket_id, ticket_id=ticket_id):
                    await self.cards.redraw_card(ticket_id)
        if self.courier is not None and stored is not None:
            with isolated(log, "retention: Slack of %s", ticket_id, ticket_id=ticket_id):
                await self.courier.deliver_stored(stored, now)  # or the next ticks
        return forgotten

    async def _forgotten(self) -> None:
        """What was anonymised or deleted leaves the copies derived from it (the questions
        the knowledge base learned) in this tick."""
        for copy in self.copies:
            await copy.changed()


def _day(now: datetime) -> str:
    """The UTC day retention's counts are kept by (``YYYY-MM-DD``)."""
    return now.astimezone(UTC).date().isoformat()


def _said_deleted(deleted: int, what: str, before: datetime, batch: int) -> None:
    if deleted:
        log.info(
            "retention: deleted %d %s older than %s (%s)",
            deleted,
            what,
            before.isoformat(),
            "more next tick" if deleted == batch else "all done",
        )
