"""The knowledge base as the rest of the bot uses it: find articles for a question, show them
before a ticket is filed (deflection) and count what came of it.

The index holds the folder's articles (read once at start-up) and the stored ones (read at
start-up, again whenever one changes), with the questions each answered ("This answered my
question", read with them and added as pressed); searching never touches the database.

Replicas: every change of what the index is built from moves a stored version
(``storage/knowledge_changes.py``); each scheduler tick compares it with the version this
process built at (``refresh``) and rebuilds only when it moved, so a question learned, an
article changed or a person erased on one replica is searched (or forgotten) on all within a
tick.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.domain.clock import Clock
from bot.domain.errors import StoreUnavailable
from bot.domain.knowledge import Article, DeflectionCounts
from bot.domain.models import Language, Ticket
from bot.knowledge.embedding import ArticleEmbedding
from bot.knowledge.index import LEARNED_PER_ARTICLE, ArticleIndex
from bot.knowledge.ports import (
    ArticleStore,
    DeflectionStore,
    KnowledgeVersion,
    LearnedQuestions,
    StoredVectors,
)
from bot.knowledge.semantic import SemanticCheck

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Suggestions:
    """Articles shown to a person for a question; ``id`` names the record their buttons carry."""

    id: str
    question: str
    articles: tuple[Article, ...]


class KnowledgeBase:
    def __init__(
        self,
        folder_articles: Sequence[Article],
        store: ArticleStore,
        deflections: DeflectionStore,
        learned: LearnedQuestions,
        changes: KnowledgeVersion,
        clock: Clock,
        limit: int = 3,
        semantic: SemanticCheck | None = None,
        vectors: StoredVectors | None = None,
        silent: frozenset[str] = frozenset(),
    ) -> None:
        """``vectors``: where the meaning check's article vectors are kept (with ``semantic``:
        then they are computed in the background, the word search answering meanwhile).
        ``silent``: the services whose tickets teach the search nothing (the private ones: the
        articles are suggested to everyone, searched with what they learned)."""
        self._silent = silent
        self._folder = tuple(folder_articles)
        self._store = store
        self._deflections = deflections
        self._learned_store = learned
        self._changes = changes
        self._version: int | None = None  # of the stored data the index was built from
        self._rebuilding = asyncio.Lock()  # one rebuild at a time: the last one read last
        self._clock = clock
        self._limit = limit
        self._articles: tuple[Article, ...] = self._folder
        self._learned: dict[str, list[str]] = {}
        self._semantic = semantic
        self._embedding = (
            ArticleEmbedding(semantic, vectors, clock, self._with_vectors)
            if semantic is not None and vectors is not None
            else None
        )
        # the word search at once; the meaning check's embeddings come with ``load``
        self._index = ArticleIndex(self._folder)

    async def load(self) -> bool:
        """Index the folder's articles with the stored ones (at start-up, and after a change).
        When the database does not answer, the folder's articles are still searched: one
        warning line, and False so that start-up can try again in the background."""
        try:
            await self.load_stored()
        except StoreUnavailable as error:
            log.warning(
                "knowledge: stored articles could not be read (%s); folder articles only", error
            )
            if self._semantic is not None:  # the folder's articles with the meaning check
                self._index = await self._indexed()
            return False
        return True

    async def load_stored(self) -> None:
        """Index the folder's and the stored articles; StoreUnavailable when the database does
        not answer (what ``RetryInBackground`` retries)."""
        async with self._rebuilding:
            # the version first: a change made while reading moves it again, and the next
            # ``refresh`` rebuilds with that change
            version = await self._changes.version()
            read_at = self._clock.now()
            stored = await self._store.active()
            learned = await self._learned_store.learned(LEARNED_PER_ARTICLE, self._silent)
            self._articles, self._learned = (*self._folder, *stored), learned
            self._index = await self._indexed()
            self._version = version
            if self._embedding is not None:  # every article read: what none uses goes
                await self._embedding.purge(self._index.articles, read_at)
        log.info("knowledge: %d article(s) indexed", len(self._index))

    async def refresh(self, now: datetime) -> None:
        """A scheduler sweep: rebuild when another replica (or this one's retention or
        erasure) changed what the index is built from since it was built; one read by
        ``_id`` otherwise. Not before the first build (start-up's ``load``, or its retry in
        the background, makes it)."""
        if self._version is not None and await self._changes.version() != self._version:
            await self.load_stored()

    async def changed(self) -> None:
        """What the index is built from changed in the database (an article published, edited
        or retired, a person erased, closed tickets anonymised or deleted): the version moves
        for every replica and this one rebuilds now."""
        await self._mark()
        await self.load()

    async def _mark(self) -> int | None:
        """Move the stored version for the other replicas; the new version, or None when the
        database does not answer: the change is stored already (and an article's delivery
        must not be retried for this), the other replicas see it at their next rebuild."""
        try:
            return await self._changes.moved(self._clock.now())
        except StoreUnavailable as error:
            log.warning("knowledge: the change could not be marked for the replicas (%s)", error)
            return None

    async def _indexed(self) -> ArticleIndex:
        """The index of the articles and what they learned, built off the event loop: 2,000
        articles take a few hundred milliseconds. The meaning check's vectors of new texts take
        far more: with ``vectors`` kept, they are computed in the background and the index is
        built again once they are."""
        embedding = self._embedding
        index = await asyncio.to_thread(
            ArticleIndex,
            self._articles,
            self._learned,
            self._semantic,
            embed_missing=embedding is None,
        )
        if embedding is not None and index.lacks_vectors:
            embedding.needed(index.articles)  # the word search answers meanwhile
        return index

    async def _with_vectors(self) -> None:
        """The background embedding is done: the index again, the meaning check with it."""
        async with self._rebuilding:
            self._index = await self._indexed()

    async def embedded(self) -> None:
        """Wait for the article vectors being computed, if any."""
        if self._embedding is not None:
            await self._embedding.settled()

    async def stop(self, _: object = None) -> None:
        """At shutdown: no article embedded after the batch being computed."""
        if self._embedding is not None:
            await self._embedding.stop()

    def search(self, question: str, language: Language | None = None) -> list[Article]:
        return [m.article for m in self._index.search(question, self._limit, language)]

    async def find(self, question: str, language: Language | None = None) -> list[Article]:
        """``search``, on a thread when the meaning check must read the question: that is one
        embedding (10-50 ms on one core, more on a busy machine) that must not hold the event
        loop, whose other requests wait for their acknowledgement (Slack gives 3 s). A
        question the words answer (most) is answered here, with no thread."""
        found = self._index.search_words(question, self._limit, language)
        if found is not None:
            return [m.article for m in found]  # well under a millisecond
        return await asyncio.to_thread(self.search, question, language)

    def browse(self, words: str, limit: int) -> list[Article]:
        """Articles for an agent looking through the base (``/ticket kb``): those holding any of
        ``words``, best first, or every article by title when no words are given."""
        if words.strip():
            return self._index.ranked(words, limit)
        return sorted(self._index.articles, key=lambda a: a.title.casefold())[:limit]

    def article(self, article_id: str) -> Article | None:
        return next((a for a in self._index.articles if a.id == article_id), None)

    def holds_articles(self) -> bool:
        """True when there is something to look through (App Home offers it then)."""
        return len(self._index) > 0

    async def suggest(
        self, user: str, question: str, language: Language, surface: str
    ) -> Suggestions | None:
        """The articles to show ``user`` for ``question``, recorded as shown; ``None`` when no
        article matches well enough (then nothing is recorded)."""
        articles = await self.find(question, language)
        if not articles:
            return None
        ids = [a.id for a in articles]
        deflection_id = await self._deflections.shown(
            user, question, ids, surface, self._clock.now()
        )
        log.info("knowledge: %d article(s) suggested on %s", len(ids), surface)
        return Suggestions(deflection_id, question, tuple(articles))

    async def answered(self, deflection_id: str, user: str, article_id: str) -> bool:
        """ "This answered my question": counted once, only for the person it was shown to;
        the question is then learned for the article."""
        counted = await self._deflections.answered(deflection_id, user, article_id)
        if counted:
            record = await self._deflections.get(deflection_id)
            await self.learn(article_id, str((record or {}).get("question") or ""))
        return counted

    async def learn_from(self, article_id: str, ticket: Ticket) -> None:
        """An agent answered ``ticket`` with the article: its title is learned, unless it is a
        private service's ticket (its words stay with its people)."""
        if ticket.service not in self._silent:
            await self.learn(article_id, ticket.title)

    async def learn(self, article_id: str, question: str) -> None:
        """``question`` was answered by the article: searched with it from now on (the index
        rebuilt off the event loop: 2,000 articles take a few hundred milliseconds). Stored by
        the record that says so (the suggestion answered, the ticket's history), read back at
        start-up and by every replica once the version this moves tells them."""
        if not question.strip() or self.article(article_id) is None:
            return
        async with self._rebuilding:
            learned = [question, *self._learned.get(article_id, ())][:LEARNED_PER_ARTICLE]
            self._learned = {**self._learned, article_id: learned}
            self._index = await self._indexed()
            version = await self._mark()
            # its own change indexed already: the next ``refresh`` rebuilds only for others'
            if self._version is not None and version == self._version + 1:
                self._version = version

    async def question(self, deflection_id: str, user: str) -> str | None:
        """The question behind suggestions shown to ``user`` (to pre-fill the filing form)."""
        record = await self._deflections.get(deflection_id)
        if record is None or record.get("user") != user:
            return None
        return str(record.get("question") or "")

    async def ticket_filed(self, deflection_id: str, user: str, ticket_id: str) -> None:
        """``user`` filed ``ticket_id`` after the suggestions ``deflection_id``: counted once."""
        await self._deflections.ticket_filed(deflection_id, user, ticket_id)

    async def counts(self, since: datetime) -> DeflectionCounts:
        return await self._deflections.counts(since)
