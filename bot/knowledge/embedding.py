"""The meaning check's article vectors, computed in the background: the bot answers (acks, the
word search's suggestions) while they are, and the meaning check joins once every article has
its vector.

Missing vectors are first read from the database (``storage/article_vectors.py``: what this or
another replica computed before, kept by the hash of the text embedded), then the rest are
embedded on a thread, ``BATCH`` texts at a time, each batch kept as soon as it is computed (a
restart midway keeps what was done). A restart re-embeds nothing unchanged; an edited article
is one embedding. The vectors of texts no article has any more are deleted from the database
when the index is rebuilt with other articles (``purge``): 1.5 KB each, they would otherwise
pile up with every edit.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime

import numpy as np

from bot.domain.clock import Clock
from bot.domain.errors import StoreUnavailable
from bot.domain.knowledge import Article
from bot.knowledge.ports import StoredVectors
from bot.knowledge.semantic import SemanticCheck

log = logging.getLogger(__name__)

BATCH = 4
"""About 1.2 s of the bundled model on a quiet machine (0.3 s a text): each batch is kept as soon
as it is computed, and a stop (Ctrl-C on the sandbox, a deploy) waits for the one on its thread,
which cannot be interrupted: 16 made that 5 s, and 12 s or more on a busy machine."""


class ArticleEmbedding:
    def __init__(
        self,
        semantic: SemanticCheck,
        stored: StoredVectors,
        clock: Clock,
        ready: Callable[[], Awaitable[None]],
    ) -> None:
        """``ready`` is called once the vectors asked for are in memory (to rebuild the
        index with them)."""
        self._semantic = semantic
        self._stored = stored
        self._clock = clock
        self._ready = ready
        self._task: asyncio.Task[None] | None = None
        self._purged_for: frozenset[str] | None = None  # the keys live at the last purge

    def needed(self, articles: Sequence[Article]) -> None:
        """Compute the vectors ``articles`` lack, in the background (once at a time: the
        index built when it ends asks again for what changed meanwhile)."""
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._fill(tuple(articles)))

    async def purge(self, articles: Sequence[Article], read_at: datetime) -> None:
        """Delete the stored vectors no text of ``articles`` (every live article, read at
        ``read_at``) uses: once per set of texts (a question learned changes none), one bulk
        delete. A failure is one warning line: the next rebuild tries again."""
        live = self._semantic.keys(articles)
        if live == self._purged_for:
            return
        try:
            deleted = await self._stored.purge(live, read_at)
        except StoreUnavailable as error:
            log.warning("knowledge: old article vectors not deleted (%s)", error)
            return
        self._purged_for = live
        if deleted:
            log.info("knowledge: %d article vector(s) no article uses deleted", deleted)

    async def settled(self) -> None:
        """Wait for the vectors being computed, if any."""
        while self._task is not None and not self._task.done():
            await asyncio.shield(self._task)

    async def stop(self) -> None:
        """At shutdown: stop after the batch being embedded (a thread cannot be interrupted)."""
        if self._task is not None and not self._task.done():
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)

    async def _fill(self, articles: tuple[Article, ...]) -> None:
        try:
            await self._compute(articles)
        except asyncio.CancelledError:
            raise
        except Exception:  # the word search answers alone meanwhile; the next change retries
            log.exception("knowledge: the article vectors could not be computed")

    def _embed(self, batch: list[tuple[str, str]]) -> dict[str, np.ndarray]:
        """On a worker thread: embed ``batch`` (key, text) and add the vectors to the check's
        memory there, so that a batch whose task was cancelled meanwhile (a stop; a sandbox
        torn down, which waits for the thread anyway) is not embedded again by the next index
        built in this process."""
        rows = self._semantic.embed([text for _, text in batch])
        vectors = {
            key: np.asarray(row, dtype=np.float32)
            for (key, _), row in zip(batch, rows, strict=True)
        }
        self._semantic.add(vectors)
        return vectors

    async def _compute(self, articles: tuple[Article, ...]) -> None:
        missing = self._semantic.missing(articles)
        try:
            stored = await self._stored.stored(list(missing))
        except StoreUnavailable as error:
            log.warning("knowledge: stored article vectors not read (%s): computing them", error)
            stored = {}
        self._semantic.add({k: np.frombuffer(v, dtype=np.float32) for k, v in stored.items()})
        todo = [(k, t) for k, t in missing.items() if k not in stored]
        if todo:
            log.info("knowledge: %d article vector(s) read, %d to compute", len(stored), len(todo))
        for start in range(0, len(todo), BATCH):
            vectors = await asyncio.to_thread(self._embed, todo[start : start + BATCH])
            try:
                await self._stored.keep(
                    {k: v.tobytes() for k, v in vectors.items()}, self._clock.now()
                )
            except StoreUnavailable as error:
                log.warning("knowledge: article vectors not kept (%s)", error)
        if missing:
            log.info("knowledge: article vectors ready (%d computed)", len(todo))
        self._task = None  # the index built now may ask again for what changed meanwhile
        await self._ready()
