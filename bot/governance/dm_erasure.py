"""Deleting the bot's own direct messages to an erased person, and its copies of their files in
the tickets' channel threads; redacting its relays of their replies there
(``/ticket privacy erase``).

Why delete rather than take the buttons off: those DMs repeat the person's ticket titles,
descriptions, their answers and the names of the people who worked them, and the person (who
has often left) can no longer act on any of it (every press is refused by the stored ticket).
An erasure that leaves that copy in Slack is not one; the bot may delete the messages it posted
itself (``chat.delete``), and nothing else of the bot's needs them once the tickets say
"a former employee". The person's own messages in that conversation are theirs (and Slack's
retention's): an app cannot delete them.

The copies: Slack keeps a file a person uploads in a form, or sends in their DM with the bot,
where they put it; the bot copies it into the ticket's channel thread for the team
(``bot/working/requester_files.py``), under a line naming them ("📎 The file @marie attached to
INC-1 …"). Those copies are the bot's (``files.delete``, then the line's ``chat.delete``: a
message deleted leaves its files in Slack); the person's own uploads stay theirs and Slack's
(an app cannot delete them). Where they are is read from the tickets, not the outbox (its
records are purged 7 days after sending): the cards of the tickets whose history says they
shared files, and of the catalogue requests they filed with files
(``DmErasureStore.known_threads``); in each thread, the bot's ``file_share`` messages whose line
mentions them, and no other (another person's copies stay).

The relays: a requester's reply in their DM thread is relayed by the bot into the card's thread
("💬 @marie, who filed INC-1, replies: <her words>", ``handlers/conversation/relay.py``). Each
is the bot's, so it can go; it is updated to one line saying a former employee's message was
removed (in the service's language) rather than deleted, because the team's replies in the
thread answered it: a gap would leave them answering nothing. Where they are is read from the
tickets too (their history's ``relayed_to_team`` entries by the person,
``DmErasureStore.relay_threads``); in each thread, only the bot's messages whose metadata says
relay and whose signature names the person (another person's relays stay). An agent's replies
in the card's thread are relayed the other way, into the requester's DM thread ("@alice
(INC-1): <her words>"): the same, in the threads of the tickets whose history's
``relayed_to_requester`` entries are theirs (``DmErasureStore.answer_threads``), in the
ticket's language. Every card a ticket had is looked in (the earlier ones of a ticket sent to
another team: ``storage/dm_erasures.py`` ``card_places``).

The step is stored before the erasure starts (``storage/dm_erasures.py``), tried at once, and
tried again by the scheduler's tick with a growing delay while Slack fails, a batch of messages
at a time (the DMs first, then the threads, one budget for both); it is forgotten once the
conversation and the threads hold nothing of the bot's about them, or given up (one error line
naming its document) after ``MAX_ATTEMPTS``."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.domain.clock import Clock
from bot.domain.errors import DeliveryFailed
from bot.domain.models import MessageRef
from bot.governance.ports import BotDirectMessages, BotFileCopies, CopySweep, DmSweep, Trace
from storage.dm_erasures import DmErasureJob, DmErasureStore

log = logging.getLogger(__name__)

BUDGET = 20
"""Messages deleted per attempt at most; the rest at the next tick. An attempt runs in the
scheduler's tick (beside the pages it sends) or in the erasure's turn of the queue of work
after the ack: a few seconds each, and 20 every 30 s stays under ``chat.delete``'s rate (Slack's
Tier 3, about 50 a minute), where 200 at once held either for minutes of 429 waits. The
threads' part counts each call against it (a thread's read, each ``files.delete``, Tier 3 too,
and each ``chat.delete``)."""
LEASE = timedelta(minutes=10)  # a replica that stops mid-attempt: another takes it over then
NEXT_BATCH = timedelta(seconds=1)
MAX_ATTEMPTS = 12
FIRST_DELAY = timedelta(minutes=1)
MAX_DELAY = timedelta(hours=6)


@dataclass(frozen=True)
class ErasureSweep:
    """What one attempt did: the bot's DMs deleted, the copies of the person's files deleted,
    whether the DMs are all gone, whether nothing is left at all, the relays of their replies
    redacted (to the team; to requesters), the threads still to clean (``left``), and what the
    one it stopped in midway (``stopped_in``) still holds of them (``stopped_with``)."""

    dms: int
    files: int
    dms_finished: bool
    finished: bool
    relays: int = 0
    requester_relays: int = 0
    left: tuple[MessageRef, ...] = ()
    stopped_in: MessageRef | None = None
    stopped_with: frozenset[Trace] = frozenset()

    def later(self, trace: Trace, threads: Sequence[MessageRef]) -> bool:
        """Whether some of ``threads`` (those that may hold ``trace``) are left for the
        scheduler with it: not reached yet, or stopped in with that trace still there."""
        return any(
            ref in self.left and (ref != self.stopped_in or trace in self.stopped_with)
            for ref in threads
        )


@dataclass
class _Progress:
    """What an attempt did so far, kept when Slack fails midway: the threads still to clean
    (the first is the one being cleaned), the DMs deleted, and what the threads cleaned held."""

    threads: list[MessageRef]
    dms: int = 0
    dms_finished: bool = False
    files: int = 0
    relays: int = 0
    requester_relays: int = 0

    def add(self, swept: CopySweep) -> None:
        self.files += swept.files
        self.relays += swept.relays
        self.requester_relays += swept.requester_relays

    def sweep(self, stopped: CopySweep | None = None) -> ErasureSweep:
        """What was done; ``stopped``: the first thread was left midway, with what it says."""
        return ErasureSweep(
            self.dms,
            self.files,
            self.dms_finished,
            self.dms_finished and not self.threads,
            self.relays,
            self.requester_relays,
            left=tuple(self.threads),
            stopped_in=self.threads[0] if stopped is not None else None,
            stopped_with=stopped.left if stopped is not None else frozenset(),
        )


class DmErasure:
    def __init__(
        self,
        store: DmErasureStore,
        slack: BotDirectMessages,
        clock: Clock,
        copies: BotFileCopies | None = None,
    ) -> None:
        """``copies`` deletes the bot's copies of the person's files in the card threads and
        redacts its relays of their replies (without it, the threads are left alone)."""
        self.store = store
        self.slack = slack
        self.clock = clock
        self.copies = copies

    async def known_channels(self, person: str) -> tuple[str, ...]:
        return await self.store.known_channels(person)

    async def known_threads(self, person: str) -> tuple[MessageRef, ...]:
        """The card threads that may hold the bot's copies of ``person``'s files."""
        return await self.store.known_threads(person) if self.copies is not None else ()

    async def relay_threads(self, person: str) -> tuple[MessageRef, ...]:
        """The card threads where the bot relayed ``person``'s replies."""
        return await self.store.relay_threads(person) if self.copies is not None else ()

    async def requester_relay_threads(self, person: str) -> tuple[MessageRef, ...]:
        """The requesters' DM threads where the bot relayed ``person``'s replies (an agent's)."""
        return await self.store.answer_threads(person) if self.copies is not None else ()

    async def plan(
        self, person: str, channels: tuple[str, ...], threads: tuple[MessageRef, ...] = ()
    ) -> DmErasureJob:
        """Store the step (before anything is erased): nothing is missed if what follows fails."""
        return await self.store.add(person, channels, self.clock.now(), threads)

    async def run(self, job: DmErasureJob) -> ErasureSweep | None:
        """One attempt at ``job`` now (the erasure's own): what it did, and what is left for
        the tick (all of it when Slack failed at once); ``None`` when another replica holds it."""
        claimed = await self.store.claim(job.id, self.clock.now(), LEASE)
        return await self._attempt(claimed) if claimed is not None else None

    async def sweep(self, now: datetime) -> None:
        """A scheduler step: every job that is due, one attempt each."""
        while (job := await self.store.claim(None, now, LEASE)) is not None:
            await self._attempt(job)

    async def _attempt(self, job: DmErasureJob) -> ErasureSweep:
        """One attempt; what it did, even when Slack failed midway (the rest is then left for
        a later attempt, with a growing delay)."""
        done = _Progress(list(job.threads) if self.copies is not None else [])
        try:
            swept = await self._sweep(job, done)
        except DeliveryFailed as failure:
            await self._failed(job, failure.reason)
            return done.sweep()
        if swept.finished:
            await self.store.done(job.id)
            log.info(
                "privacy erase: %d DM(s) of the bot and %d copied file(s) deleted, %d relay(s) "
                "redacted (%d to requesters); job %s done",
                swept.dms,
                swept.files,
                swept.relays + swept.requester_relays,
                swept.requester_relays,
                job.id,
            )
        else:  # the budget ran out: the rest at the next tick (not again in this one)
            await self.store.later(job.id, self.clock.now() + NEXT_BATCH, None)
            log.info(
                "privacy erase: %d DM(s) of the bot and %d copied file(s) deleted, %d relay(s) "
                "redacted (%d to requesters); job %s goes on",
                swept.dms,
                swept.files,
                swept.relays + swept.requester_relays,
                swept.requester_relays,
                job.id,
            )
        return swept

    async def _sweep(self, job: DmErasureJob, done: _Progress) -> ErasureSweep:
        """The DMs first, then the threads, within one ``BUDGET``; what is done is stored as it
        is done (a failure midway keeps it) and counted in ``done`` (which a failure keeps
        too)."""
        dms = DmSweep(0, finished=True)
        if not job.dms_done:
            dms = await self.slack.delete_ours(job.person, job.channels, BUDGET)
            if dms.finished:
                await self.store.dms_cleaned(job.id)
        done.dms, done.dms_finished = dms.deleted, dms.finished
        budget = BUDGET - dms.deleted
        while done.threads and dms.finished and budget > 0 and self.copies is not None:
            swept = await self.copies.clean_thread(job.person, done.threads[0], budget)
            done.add(swept)
            budget -= swept.spent
            if not swept.finished:
                return done.sweep(stopped=swept)
            await self.store.thread_cleaned(job.id, done.threads.pop(0))
        return done.sweep()

    async def _failed(self, job: DmErasureJob, reason: str) -> None:
        if job.attempts >= MAX_ATTEMPTS:
            log.error(
                "privacy erase: the bot's DMs of job %s (channels %s) and its copies of the "
                "person's files and relays of their replies (threads %s) given up after %d "
                "attempts: %s; delete them (the relays: edit them) by hand",
                job.id,
                "done" if job.dms_done else ", ".join(job.channels) or "unknown",
                ", ".join(f"{ref.channel}/{ref.ts}" for ref in job.threads) or "none",
                job.attempts,
                reason,
            )
            await self.store.done(job.id)
            return
        delay = min(MAX_DELAY, FIRST_DELAY * 2 ** max(0, job.attempts - 1))
        await self.store.later(job.id, self.clock.now() + delay, reason)
        log.warning(
            "privacy erase: the bot's DMs of job %s not deleted yet (%s): tried again in %s",
            job.id,
            reason,
            delay,
        )
