"""``/ticket privacy erase @person`` (GDPR art. 17): the person becomes "a former employee"
(``FORMER``) in every ticket, history entry, message copy, rating and audit line, and in every
other collection that names them (approvals, suggestions shown, articles, problem decisions,
messages owed, user groups: ``storage/erasure_elsewhere.py``); their mentions and names leave
the texts of the tickets they were part of or mentioned in; the bot's direct messages to them
and its copies of their files in the tickets' threads leave Slack, and its relays of their
replies there, and in the requesters' DM threads (an agent's), become one line saying they were
removed (``dm_erasure.py``). The figures stay.
Admins only, after a confirmation; erasing twice does nothing the second time. The erasure is
itself an audit line (by whom, how many documents; not whose id)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from bot.domain.audit import AuditEntry, Outcome, new_id
from bot.domain.clock import Clock
from bot.domain.models import MessageRef, Outgoing, OutgoingKind
from bot.domain.scrubbing import Scrubber
from bot.governance.audit import AuditTrail, NotAnAdmin
from bot.governance.dm_erasure import DmErasure, ErasureSweep
from bot.governance.ports import DerivedCopy, PersonNames, Trace
from bot.governance.retention_notices import AnonymisedCardPort
from bot.telemetry.isolation import isolated
from bot.tickets.audit_lines import current_surface
from bot.tickets.ports import Courier
from storage.erasure import ErasureStore
from storage.erasure_elsewhere import ElsewhereErasure
from storage.tickets import TicketRepository

log = logging.getLogger(__name__)

FORMER = "former_employee"
BATCH = 200


def erased_card(ticket_id: str, erasure: str) -> tuple[str, Outgoing]:
    """The outbox item redrawing the card of ``ticket_id`` once ``erasure`` (its own id: two
    erasures each redraw it) changed the ticket."""
    kind = OutgoingKind.ERASED_CARD
    return f"{ticket_id}:{kind.value}:{erasure}", Outgoing(kind, ticket_id)


class ErasedCards:
    """The outbox's ``Sender`` of ``OutgoingKind.ERASED_CARD``: the card of a ticket an erasure
    changed, redrawn from the ticket as stored (it showed the person's mention and the texts
    that named them); tried again by the ticks while Slack fails, then one error line."""

    grouped = False

    def __init__(self, tickets: TicketRepository, port: AnonymisedCardPort) -> None:
        self.tickets = tickets
        self.port = port

    async def send(
        self, messages: Sequence[Outgoing], now: datetime, since: datetime | None = None
    ) -> MessageRef | None:
        ticket = await self.tickets.get(messages[0].ticket_id)
        if ticket is None or ticket.message is None:
            return None  # deleted since, or never posted: no card shows them
        return await self.port.redraw(ticket)

    async def give_up(self, messages: Sequence[Outgoing], reason: str) -> None:
        for message in messages:
            log.error(
                "privacy erase: the card of %s may still show the erased person: %s; it is "
                "redrawn at the ticket's next change",
                message.ticket_id,
                reason,
                extra={"ticket_id": message.ticket_id},
            )


@dataclass(frozen=True)
class Erased:
    tickets: int
    audit_lines: int
    elsewhere: dict[str, int] = field(default_factory=dict)
    """Documents changed in the other collections, by collection."""

    dms: int = 0
    """The bot's own DMs to them deleted from Slack now (``dm_erasure.py``)."""
    dms_later: bool = False
    """Some of those DMs are left for the scheduler (Slack failed, or there were many)."""
    files: int = 0
    """The bot's copies of their files deleted from the tickets' threads now (the originals,
    their own uploads, stay: an app cannot delete them)."""
    files_later: bool = False
    """Some of those copies are left for the scheduler."""
    relays: int = 0
    """The bot's relays of their replies in the tickets' threads redacted now."""
    relays_later: bool = False
    """Some of those relays are left for the scheduler."""
    requester_relays: int = 0
    """The bot's relays of their replies to requesters (an agent's, in the requesters' DM
    threads) redacted now."""
    requester_relays_later: bool = False
    """Some of those relays are left for the scheduler."""

    @property
    def others(self) -> int:
        return sum(self.elsewhere.values())


class Erasure:
    def __init__(
        self,
        store: ErasureStore,
        audit: AuditTrail,
        clock: Clock,
        elsewhere: ElsewhereErasure | None = None,
        names: PersonNames | None = None,
        copies: Sequence[DerivedCopy] = (),
        courier: Courier | None = None,
        dms: DmErasure | None = None,
    ) -> None:
        """``names`` tells the person's names (taken out of texts); ``elsewhere`` erases them
        outside the tickets and the audit log; ``copies`` are rebuilt without them after;
        ``courier`` (the outbox) redraws each changed ticket's channel message, which showed
        them (``ErasedCards``); ``dms`` deletes the bot's own direct messages to them from
        Slack."""
        self.store = store
        self.audit = audit
        self.clock = clock
        self.elsewhere = elsewhere
        self.names = names
        self.copies = tuple(copies)
        self.courier = courier
        self.dms = dms

    async def check_admin(self, admin: str) -> None:
        """Raise ``NotAnAdmin`` (recorded as a refusal) unless ``admin`` is one."""
        if not await self.audit.directory.is_admin(admin):
            refusal = NotAnAdmin(admin)
            await self.audit.refused(admin, "privacy_erase", None, refusal)
            raise refusal

    async def erase(self, admin: str, person: str) -> Erased:
        await self.check_admin(admin)
        now = self.clock.now()
        names = await self.names.names(person) if self.names is not None else ()
        scrub = Scrubber.of(person, FORMER, names)
        dm_job = None
        copied: tuple[MessageRef, ...] = ()
        relayed: tuple[MessageRef, ...] = ()
        answered: tuple[MessageRef, ...] = ()
        if self.dms is not None:  # stored first: a failure below leaves it for the tick
            channels = await self.dms.known_channels(person)
            # where the bot copied their files and relayed their replies (to the team; an
            # agent's, to the requesters): read before the history stops naming them
            copied = await self.dms.known_threads(person)
            relayed = await self.dms.relay_threads(person)
            answered = await self.dms.requester_relay_threads(person)
            threads = tuple(dict.fromkeys((*copied, *relayed, *answered)))
            dm_job = await self.dms.plan(person, channels, threads)
        tickets, after, erasure = 0, "", new_id()
        while ids := await self.store.tickets_with(person, BATCH, after):
            for ticket_id in ids:
                owed = None  # its card, which named them: stored first, redrawn once erased
                if self.courier is not None:
                    owed = await self.courier.store([erased_card(ticket_id, erasure)], now)
                tickets += await self.store.erase_in_ticket(ticket_id, scrub)
                if owed is not None and self.courier is not None:  # what fails: by the ticks
                    with isolated(log, "privacy erase: card of %s", ticket_id, ticket_id=ticket_id):
                        await self.courier.deliver_stored(owed, self.clock.now())
            after = ids[-1]
            log.info("privacy erase: %d ticket(s) done so far", tickets)
        lines = await self.store.erase_in_audit(scrub)
        elsewhere = await self.elsewhere.erase(scrub) if self.elsewhere is not None else {}
        if tickets or lines or any(elsewhere.values()):
            for copy in self.copies:  # the questions they typed leave the search index now
                await copy.changed()
        swept = None
        if self.dms is not None and dm_job is not None:  # at once; what is left, by the tick
            with isolated(log, "privacy erase: the bot's DMs left for the scheduler"):
                swept = await self.dms.run(dm_job)
        if swept is None and dm_job is not None:  # another replica has it: all left for now
            swept = ErasureSweep(0, 0, False, False, left=dm_job.threads)
        swept = swept or ErasureSweep(0, 0, True, True)
        dms, dms_later = swept.dms, dm_job is not None and not swept.dms_finished
        # each trace its own state: a thread left with relays only leaves no copies behind
        files, files_later = swept.files, swept.later(Trace.FILES, copied)
        relays, relays_later = swept.relays, swept.later(Trace.RELAY, relayed)
        requester_relays = swept.requester_relays
        requester_relays_later = swept.later(Trace.REQUESTER_RELAY, answered)
        noted = {
            **elsewhere,
            "bot_dms": dms,
            "bot_file_copies": files,
            "bot_relays": relays,
            "bot_requester_relays": requester_relays,
        }
        others = "".join(f", {count} {name}" for name, count in noted.items() if count)
        await self.audit.store.append(
            [
                AuditEntry(
                    id=new_id(),
                    at=self.clock.now(),
                    actor=admin,
                    action="privacy_erase",
                    outcome=Outcome.DONE,
                    surface=current_surface(),
                    after=FORMER,
                    note=f"{tickets} tickets, {lines} audit lines"
                    + (f", {others}" if others else ""),
                )
            ]
        )
        return Erased(
            tickets,
            lines,
            elsewhere,
            dms,
            dms_later,
            files,
            files_later,
            relays,
            relays_later,
            requester_relays,
            requester_relays_later,
        )
