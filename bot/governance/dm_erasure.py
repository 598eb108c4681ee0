"""Deleting the bot's own direct messages to an erased person (``/ticket privacy erase``).

Why delete rather than take the buttons off: those DMs repeat the person's ticket titles,
descriptions, their answers and the names of the people who worked them, and the person (who
has often left) can no longer act on any of it (every press is refused by the stored ticket).
An erasure that leaves that copy in Slack is not one; the bot may delete the messages it posted
itself (``chat.delete``), and nothing else of the bot's needs them once the tickets say
"a former employee". The person's own messages in that conversation are theirs (and Slack's
retention's): an app cannot delete them.

The step is stored before the erasure starts (``storage/dm_erasures.py``), tried at once, and
tried again by the scheduler's tick with a growing delay while Slack fails, a batch of messages
at a time; it is forgotten once the conversation holds nothing of the bot's, or given up (one
error line naming its document) after ``MAX_ATTEMPTS``."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from bot.domain.clock import Clock
from bot.domain.errors import DeliveryFailed
from bot.governance.ports import BotDirectMessages, DmSweep
from storage.dm_erasures import DmErasureJob, DmErasureStore

log = logging.getLogger(__name__)

BUDGET = 20
"""Messages deleted per attempt at most; the rest at the next tick. An attempt runs in the
scheduler's tick (beside the pages it sends) or in the erasure's turn of the queue of work
after the ack: a few seconds each, and 20 every 30 s stays under ``chat.delete``'s rate (Slack's
Tier 3, about 50 a minute), where 200 at once held either for minutes of 429 waits."""
LEASE = timedelta(minutes=10)  # a replica that stops mid-attempt: another takes it over then
NEXT_BATCH = timedelta(seconds=1)
MAX_ATTEMPTS = 12
FIRST_DELAY = timedelta(minutes=1)
MAX_DELAY = timedelta(hours=6)


class DmErasure:
    def __init__(self, store: DmErasureStore, slack: BotDirectMessages, clock: Clock) -> None:
        self.store = store
        self.slack = slack
        self.clock = clock

    async def known_channels(self, person: str) -> tuple[str, ...]:
        return await self.store.known_channels(person)

    async def plan(self, person: str, channels: tuple[str, ...]) -> DmErasureJob:
        """Store the step (before anything is erased): nothing is missed if what follows fails."""
        return await self.store.add(person, channels, self.clock.now())

    async def run(self, job: DmErasureJob) -> DmSweep | None:
        """One attempt at ``job`` now (the erasure's own); ``None`` when another replica holds
        it or it failed (it is then tried again by the tick)."""
        claimed = await self.store.claim(job.id, self.clock.now(), LEASE)
        return await self._attempt(claimed) if claimed is not None else None

    async def sweep(self, now: datetime) -> None:
        """A scheduler step: every job that is due, one attempt each."""
        while (job := await self.store.claim(None, now, LEASE)) is not None:
            await self._attempt(job)

    async def _attempt(self, job: DmErasureJob) -> DmSweep | None:
        try:
            swept = await self.slack.delete_ours(job.person, job.channels, BUDGET)
        except DeliveryFailed as failure:
            await self._failed(job, failure.reason)
            return None
        if swept.finished:
            await self.store.done(job.id)
            log.info(
                "privacy erase: %d DM(s) of the bot deleted; job %s done", swept.deleted, job.id
            )
        else:  # the budget ran out: the rest at the next tick (not again in this one)
            await self.store.later(job.id, self.clock.now() + NEXT_BATCH, None)
            log.info(
                "privacy erase: %d DM(s) of the bot deleted; job %s goes on", swept.deleted, job.id
            )
        return swept

    async def _failed(self, job: DmErasureJob, reason: str) -> None:
        if job.attempts >= MAX_ATTEMPTS:
            log.error(
                "privacy erase: the bot's DMs of job %s (channels %s) given up after %d "
                "attempts: %s; delete them by hand",
                job.id,
                ", ".join(job.channels) or "unknown",
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
