"""The search index of the articles: BM25 (``bm25s``) over the terms of ``analysis``.

Why bm25s rather than rank-bm25: both implement Okapi BM25; rank-bm25 scores a question by
walking every article's term counts in Python (2.6 ms a question at 2,000 articles, growing with
the corpus), bm25s keeps a sparse matrix and scores with numpy (0.03 ms a question at 2,000
articles, 80 times faster), needs nothing but numpy (already installed for the digest's chart)
and is maintained (both measured on the same 2,000 generated articles of 150 words; the search's
own latency is measured by ``bench/knowledge.py``).

An article's title counts ``TITLE_WEIGHT`` times and each tag ``TAG_WEIGHT`` times (their terms
are repeated in the indexed text, the usual way of weighting fields in plain BM25). A question
word that no article has and that is close to one they have (``pasword``, ``imprimente``,
``telefone``) is read as that word: within one edit (letters swapped count as one) from five
letters, two from nine, first letter kept, like the "AUTO" fuzziness of search engines
(rapidfuzz's OSA distance), compared with the words as the articles and the lexicon write them
(not their stems: "recent" is not "recept", the stem of "reception"). A ratio threshold read
"intern" as "internet" (one is the start of the other); a number of edits by length does not.

A match is shown only when it answers the question's own words, by two tests on the question's
terms weighted by how rare they are (IDF), generic words ("new", "problème", "issue" of
``knowledge.yml``) weighing nothing:
- ``coverage``: the share of the question the article holds (title, tags or body);
- ``heading``: the share its title and tags hold. An article is about what its title and tags
  say; a question whose words an article only mentions in passing ("je voudrais un accès à
  l'application de compta" against the VPN article's "access", "application" and "account") is
  not answered by it. And the title and tags must hold a question word that is not one of the
  lexicon's ``broad_concepts`` (a computer, a phone, Teams): "problème avec teams" is not
  answered by the article on sound in Teams meetings.
Unrelated questions made of general words some article also has fail one or the other.

The organisation teaches it: the questions people said an article answered ("This answered my
question") and the titles of tickets an agent answered with it (``storage/learned_questions.py``)
are indexed with the article and its translations (generic and broad words aside), the most
recent ``LEARNED_PER_ARTICLE`` of each: their words rank it and cover questions. A learned word
counts as one of its tags (the ``heading`` test) once ``LEARNED_AGREEING`` of its questions have
it and no other topic has it in a title, tags or learned question: then the next person asking
in those words ("copieur du couloir en rade") finds it although no article or word list has
them. One question is not enough: with every other labelled part's questions learned, a single
question's incidental words ("ma caméra reste noire" -> "noir") made wrong suggestions
(bench/knowledge.py's learning table and README). With the meaning check on, an answer that
only its learned words make one must also be the model's most similar topic, or nearly
(``word_tests``).

With a meaning check (``semantic``), a question these tests leave unanswered is answered when
the best article whose title or tags name one of its words is also the one the model finds
most similar, similar enough: the second opinion for words no list has. That topic is shown,
then the next ones by meaning and words together (``fusion``) that the model finds similar
enough. Before that, an article that fails the tests only because its title and tags hold no
word of the question but broad ones ("online archiving in outlook": Outlook names the mailbox
article, its body says how to archive) answers when the model's most similar topic is its own
(``word_tests.answers_in_body``): six more right answers over the labelled parts, no false
suggestion; without the model such answers are not shown (two false suggestions, "mon pc
redémarre tout seul" among them).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import bm25s
import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.domain.knowledge import Article
from bot.domain.models import Language
from bot.domain.text import words
from bot.knowledge.analysis import broad_terms, generic_terms, terms, terms_of
from bot.knowledge.fusion import fused, one_per_topic, topic_similarity
from bot.knowledge.names import without_names
from bot.knowledge.semantic import MIN_SIMILARITY, QUESTION_CHARACTERS, SemanticCheck
from bot.knowledge.spellings import FUZZY_MIN_LENGTH, spellings
from bot.knowledge.word_tests import (
    LEARNED_MARGIN,
    WordSets,
    answers,
    answers_in_body,
    held,
    held_up_by_learning,
    model_agrees,
)

TITLE_WEIGHT = 3
TAG_WEIGHT = 2
LEARNED_WEIGHT = 1
LEARNED_PER_ARTICLE = 20
LEARNED_AGREEING = 2
MIN_COVERAGE = 0.5
MIN_HEADING = 0.0
"""Both tuned on bench/knowledge.py's tuning parts, never on ``held_out_3`` (see its questions)."""
UNKNOWN_WEIGHT = 1.0
FUZZY_TWO_EDITS_LENGTH = 9
MEANING_CANDIDATES = 32  # articles the meaning check's answer is chosen among


@dataclass(frozen=True)
class Match:
    article: Article
    score: float
    coverage: float


@dataclass(frozen=True)
class _Analysed:
    """One article as the index needs it, its text folded once."""

    terms: list[str]
    """Title and tags repeated by their weight, then the body."""
    heading: frozenset[str]
    """The terms of its title and tags."""
    written: list[str]
    """Its words as written (folded), the spellings a typo is compared with."""


@dataclass(frozen=True)
class _Taught:
    """What a topic's learned questions add to each of its articles."""

    terms: list[str]
    """Every term of the questions (generic and broad ones aside): searched and covering."""
    distinctive: frozenset[str]
    """Those no other topic has in a title, tags or learned questions: they count as its tags.
    "chelou" learned only for phishing does; "password", also in a phishing question ("a mail
    asking for my password") and in the password article's title, does not make the phishing
    article an answer to "forgot my password"."""


NOTHING_TAUGHT = _Taught([], frozenset())


def _analysed(article: Article, taught: _Taught = NOTHING_TAUGHT) -> _Analysed:
    title, body = words(article.title), words(article.body)
    tags = [words(tag) for tag in article.tags]
    title_terms = terms_of(title)
    tag_terms = [term for tag in tags for term in terms_of(tag)]
    return _Analysed(
        terms=title_terms * TITLE_WEIGHT
        + tag_terms * TAG_WEIGHT
        + taught.terms * LEARNED_WEIGHT
        + terms_of(body),
        heading=frozenset(title_terms + tag_terms) | taught.distinctive,
        written=[*title, *(word for tag in tags for word in tag), *body],
    )


def _taught(
    articles: Sequence[Article],
    headings: Sequence[frozenset[str]],
    learned: Mapping[str, Sequence[str]],
) -> dict[str, _Taught]:
    """Each topic's learned questions, whichever of its translations they were answered by
    (the most recent ``LEARNED_PER_ARTICLE`` of each article), as terms."""
    questions: dict[str, list[str]] = {}
    for article in articles:
        questions.setdefault(article.topic_key, []).extend(
            learned.get(article.id, ())[:LEARNED_PER_ARTICLE]
        )
    ignored = generic_terms() | broad_terms()
    found = {
        topic: [t for question in asked for t in terms(question) if t not in ignored]
        for topic, asked in questions.items()
        if asked
    }
    owners: dict[str, set[str]] = {}
    for article, heading in zip(articles, headings, strict=True):
        for term in heading:
            owners.setdefault(term, set()).add(article.topic_key)
    for topic, taught in found.items():
        for term in taught:
            owners.setdefault(term, set()).add(topic)
    return {
        topic: _Taught(
            taught,
            frozenset(
                t for t in taught if owners[t] == {topic} and taught.count(t) >= LEARNED_AGREEING
            ),
        )
        for topic, taught in found.items()
    }


class ArticleIndex:
    """An immutable index of ``articles`` (rebuilt whole when they change: 2,000 articles index
    in well under a second); ``learned``: article id -> questions it answered, latest first;
    ``semantic``: the meaning check, its article vectors computed here (or known already)."""

    def __init__(
        self,
        articles: Sequence[Article],
        learned: Mapping[str, Sequence[str]] | None = None,
        semantic: SemanticCheck | None = None,
        embed_missing: bool = True,
    ) -> None:
        """``embed_missing``: False when the articles' vectors are computed elsewhere (in the
        background, ``bot/knowledge/embedding.py``): until all are known the word search
        answers alone (``lacks_vectors``)."""
        self.articles: tuple[Article, ...] = tuple(a for a in articles if not a.retired)
        self._semantic = semantic
        self._vectors: np.ndarray | None = None
        if semantic is not None:
            self._vectors = (
                semantic.vectors(self.articles) if embed_missing else semantic.known(self.articles)
            )
        self.lacks_vectors = semantic is not None and self._vectors is None
        self._topics = np.array([a.topic_key for a in self.articles], dtype=object)
        self._translation = {(a.topic_key, a.language): a for a in reversed(self.articles)}
        own = [_analysed(a) for a in self.articles]
        analysed = own
        if learned:
            taught = _taught(self.articles, [a.heading for a in own], learned)
            analysed = [
                _analysed(a, taught[a.topic_key]) if a.topic_key in taught else plain
                for a, plain in zip(self.articles, own, strict=True)
            ]
        corpus = [a.terms for a in analysed]
        self._own_sets = [WordSets.of(a.terms, a.heading) for a in own]
        self._sets = [
            WordSets.of(a.terms, a.heading) if a is not plain else sets
            for a, plain, sets in zip(analysed, own, self._own_sets, strict=True)
        ]  # the same object when nothing was learned for the article: nothing to confirm
        frequency: Counter[str] = Counter(term for sets in self._sets for term in sets.terms)
        count = len(corpus)
        self._idf = {
            term: math.log(1 + (count - df + 0.5) / (df + 0.5)) for term, df in frequency.items()
        }
        # A word no article has weighs like a word only one article has, whatever the size of
        # the base, so the coverage threshold means the same with 20 articles or 2,000.
        self._unknown_idf = UNKNOWN_WEIGHT * math.log(1 + (count - 0.5) / 1.5)
        self._spellings = spellings({w for a in analysed for w in a.written}, frequency)
        self._by_initial: dict[str, list[str]] = {}
        for known in self._spellings:
            self._by_initial.setdefault(known[0], []).append(known)
        self._bm25: bm25s.BM25 | None = None
        if corpus:
            self._bm25 = bm25s.BM25()
            self._bm25.index(corpus, show_progress=False)

    def __len__(self) -> int:
        return len(self.articles)

    def question_terms(self, question: str) -> list[str]:
        """The question's terms, each misspelt word replaced by the known one it is close to."""
        return terms(question, self._correct)

    def _correct(self, word: str, term: str) -> str | None:
        """The known term ``word`` is a misspelling of, when ``term`` is unknown to the index."""
        if term in self._idf or len(word) < FUZZY_MIN_LENGTH or term in generic_terms():
            return None
        edits = 2 if len(word) >= FUZZY_TWO_EDITS_LENGTH else 1
        found = process.extractOne(
            word, self._by_initial.get(word[0], ()), scorer=OSA.distance, score_cutoff=edits
        )
        return None if found is None else self._spellings[found[0]]

    def search(
        self,
        question: str,
        limit: int = 3,
        language: Language | None = None,
        min_coverage: float = MIN_COVERAGE,
        min_heading: float = MIN_HEADING,
        min_similarity: float = MIN_SIMILARITY,
    ) -> list[Match]:
        """The best articles for ``question``, best first, one per topic (in ``language`` when
        the topic has it), only those covering at least ``min_coverage`` of the question with
        their whole text and more than ``min_heading`` with their title and tags; or, when
        none does, those the meaning check finds (``min_similarity``)."""
        found = self._search(question, limit, language, min_coverage, min_heading, min_similarity)
        assert found is not None  # the meaning check is asked when it is needed
        return found

    def search_words(
        self, question: str, limit: int = 3, language: Language | None = None
    ) -> list[Match] | None:
        """``search``'s answer when the words give it (well under a millisecond); ``None``
        when the meaning check must be asked (an embedding: ``search`` then, off the event
        loop)."""
        return self._search(
            question, limit, language, MIN_COVERAGE, MIN_HEADING, MIN_SIMILARITY, meaning=False
        )

    def _search(
        self,
        question: str,
        limit: int,
        language: Language | None,
        min_coverage: float,
        min_heading: float,
        min_similarity: float,
        meaning: bool = True,
    ) -> list[Match] | None:
        query = self.question_terms(question)
        if self._bm25 is None or not query:
            return []
        generic = generic_terms()
        weights = {
            term: self._idf.get(term, self._unknown_idf)
            for term in dict.fromkeys(query)  # in order: the same sums whatever the hash seed
            if term not in generic
        }
        total = sum(weights.values())
        if not total:
            return []
        scores = self._bm25.get_scores(query)
        # numpy's sort, not Python's: sorting 2,000 scores with a key function was most of a
        # search's time (stable, so ties keep the articles' order as before).
        ranked = np.argsort(-scores, kind="stable")[: max(limit * 4, 12)]
        by_topic: dict[str, Match] = {}
        named: Match | None = None  # the best article whose title or tags name the question
        similar: np.ndarray | None = None  # the model's reading, when an answer needs it
        in_body: list[Match] = []  # answers whose title and tags name only broad words
        for i in ranked.tolist():
            if scores[i] <= 0:
                break
            sets = self._sets[i]
            coverage = held(weights, sets.terms) / total
            if named is None and held(weights, sets.narrow):
                named = Match(self.articles[i], float(scores[i]), coverage)
            if not answers(sets, weights, min_coverage, min_heading):
                if self._reads_meaning() and answers_in_body(
                    sets, weights, min_coverage, min_heading
                ):
                    in_body.append(Match(self.articles[i], float(scores[i]), coverage))
                continue
            own = self._own_sets[i]
            if (
                own is not sets
                and self._reads_meaning()
                and held_up_by_learning(own, weights, min_coverage, min_heading)
            ):
                if not meaning:
                    return None  # the model must confirm what only learned words say
                if similar is None:
                    similar = self._similarities(question)
                if not model_agrees(similar, self._topics, self._topics[i], LEARNED_MARGIN):
                    continue
            match = Match(self.articles[i], float(scores[i]), coverage)
            by_topic.setdefault(match.article.topic_key, match)
        if not by_topic and in_body:
            if not meaning:
                return None  # the model must confirm what the words say in passing
            if similar is None:
                similar = self._similarities(question)
            for match in in_body:
                if model_agrees(similar, self._topics, match.article.topic_key, LEARNED_MARGIN):
                    by_topic.setdefault(match.article.topic_key, match)
        if not by_topic and named is not None and self._reads_meaning():
            if not meaning:
                return None
            return self._by_meaning(question, named, scores, limit, language, min_similarity)
        # each topic in the asker's language, whichever translation the words found: an English
        # question may hold only the French article's words ("ma boîte mail est pleine" asked
        # by someone whose Slack is in English is answered with the English article)
        return [self._in_language(match, language) for match in list(by_topic.values())[:limit]]

    def _reads_meaning(self) -> bool:
        return self._semantic is not None and self._vectors is not None and len(self.articles) > 0

    def _similarities(self, question: str) -> np.ndarray:
        """The model's cosine of ``question`` with each article (``_reads_meaning``), the
        organisation's own names aside (``names``)."""
        assert self._semantic is not None and self._vectors is not None
        read = without_names(question[:QUESTION_CHARACTERS], self._unknown)  # bounded: a DM
        return self._semantic.similarities(read, self._vectors)  # may hold 40,000 characters

    def _unknown(self, word: str) -> bool:
        """True when no article has ``word`` (none of its terms is indexed)."""
        found = terms(word)
        return bool(found) and all(term not in self._idf for term in found)

    def _by_meaning(
        self,
        question: str,
        named: Match,
        scores: np.ndarray,
        limit: int,
        language: Language | None,
        min_similarity: float,
    ) -> list[Match]:
        """The meaning check (``semantic``): when the model's most similar article is of the
        topic ``named`` (the best whose title or tags name the question), similar enough,
        that topic and then the best by meaning and words together, each similar enough;
        else none."""
        similar = self._similarities(question)
        topic = named.article.topic_key
        if not model_agrees(similar, self._topics, topic):
            return []
        agreed = int(np.argmax(similar))
        score = fused(similar, scores)
        # the best few only: ordering 2,000 articles in Python would be most of a search
        best = np.argsort(-score, kind="stable")[:MEANING_CANDIDATES].tolist()
        best = sorted({agreed, *best}, key=lambda i: (self._topics[i] != topic, -score[i]))
        preferred = [language is None or self.articles[i].language == language for i in best]
        topics = [self._topics[i] for i in best]
        shown = [best[p] for p in one_per_topic(range(len(best)), topics, limit, preferred)]
        return [
            self._in_language(Match(self.articles[i], float(score[i]), named.coverage), language)
            for i in shown
            if topic_similarity(similar, self._topics, self._topics[i]) >= min_similarity
        ]

    def _in_language(self, match: Match, language: Language | None) -> Match:
        """``match``'s translation in ``language`` when it has one (the same score: the
        topic's place among the answers stays)."""
        if language is None or match.article.language == language:
            return match
        article = self._translation.get((match.article.topic_key, language))
        return match if article is None else Match(article, match.score, match.coverage)

    def ranked(self, words: str, limit: int) -> list[Article]:
        """Every article holding some of ``words``, best first, translations apart: what an
        agent browsing the base looks for, with none of ``search``'s tests of a good answer."""
        query = self.question_terms(words)
        if self._bm25 is None or not query:
            return []
        scores = self._bm25.get_scores(query)
        best = np.argsort(-scores, kind="stable")[:limit].tolist()
        return [self.articles[i] for i in best if scores[i] > 0]
