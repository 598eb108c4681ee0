"""Pure text helpers: fold text to a comparable form and split it into words.

Folding makes French and English text comparable whatever the writer's keyboard: lower case,
accents stripped (``"Hameçonnage"`` -> ``"hameconnage"``), ligatures spelled out (``"œ"`` ->
``"oe"``), apostrophes, typographic quotes and all other punctuation turned into word
boundaries, whitespace collapsed. ``words`` gives the folded tokens; ``Tokenized`` (and ``tokens``)
also keep their position in the (NFC-normalised) text, so a caller can quote what the user wrote.
``stem`` reduces a folded word to its stem (Snowball, English then French), so "imprimantes" and
"imprimante", "printing" and "print" compare equal.

No I/O; safe to call on every message. The only library used is snowballstemmer (pure Python,
the Snowball project's own generated stemmers).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import accumulate
from typing import NamedTuple

import snowballstemmer

__all__ = ["Token", "Tokenized", "fold", "nfc", "stem", "tokens", "words"]

# A word is a run of letters and digits; everything else (punctuation, apostrophes, quotes,
# underscores, spaces, symbols) separates words.
_WORD_RE = re.compile(r"[^\W_]+")
# The same, capturing: ``split`` alternates separators and words, so offsets are cumulative lengths.
_SPLIT_RE = re.compile(r"([^\W_]+)")

# Letters that NFKD does not decompose but that people expect to fold to plain ASCII.
_LIGATURES = str.maketrans(
    {"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"}
)


class Token(NamedTuple):
    """One folded word and where it came from: ``text[start:end]`` of the NFC text."""

    word: str
    start: int
    end: int


def nfc(text: str) -> str:
    """The text in Unicode NFC form (composed accents), which offsets here refer to."""
    return text if text.isascii() else unicodedata.normalize("NFC", text)


# raw run of letters/digits -> its folded word(s). Bounded: cleared when it grows too large.
_FOLD_CACHE: dict[str, tuple[str, ...]] = {}
_FOLD_CACHE_MAX = 50_000
# Raw runs that fold to no word or to several ("½" -> 1, 2): words and runs no longer align.
_IRREGULAR: set[str] = set()


def _fold_raw(raw: str) -> tuple[str, ...]:
    """Fold one run of letters/digits; may yield several words (``"½"`` -> 1, 2) or none."""
    folded = _FOLD_CACHE.get(raw)
    if folded is None:
        if raw.isascii():
            folded = (raw.lower(),)
        else:
            lowered = raw.lower().translate(_LIGATURES)
            decomposed = unicodedata.normalize("NFKD", lowered)
            stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
            folded = tuple(w.lower() for w in _WORD_RE.findall(stripped))
        if len(_FOLD_CACHE) >= _FOLD_CACHE_MAX:
            _FOLD_CACHE.clear()
            _IRREGULAR.clear()
        _FOLD_CACHE[raw] = folded
        if len(folded) != 1:
            _IRREGULAR.add(raw)
    return folded


class Tokenized:
    """A text split into folded words, able to quote back the original text of any words.

    ``words`` is computed at once (one C-level regex pass plus a cached fold per word); the
    offsets needed by ``quote`` only on first use, since most callers never need them.
    """

    __slots__ = ("_offsets", "_owner", "_pieces", "text", "words")

    def __init__(self, text: str) -> None:
        self.text: str = nfc(text)
        # separator, word, separator, word, ..., separator
        self._pieces: list[str] = _SPLIT_RE.split(self.text)
        raws: list[str] = self._pieces[1::2]
        cached = _FOLD_CACHE.get
        folded = [cached(raw) or _fold_raw(raw) for raw in raws]
        if _IRREGULAR.isdisjoint(raws):
            self.words: list[str] = [f[0] for f in folded]
            self._owner: list[int] | None = None  # word i comes from raw run i
        else:
            self.words = [w for f in folded for w in f]
            self._owner = [i for i, f in enumerate(folded) for _ in f]
        self._offsets: list[int] | None = None

    def span(self, index: int) -> tuple[int, int]:
        """Offsets in ``text`` of the run of letters/digits word ``index`` was folded from."""
        if self._offsets is None:
            self._offsets = list(accumulate(map(len, self._pieces)))
        run = index if self._owner is None else self._owner[index]
        return self._offsets[2 * run], self._offsets[2 * run + 1]

    def quote(self, first: int, last: int) -> str:
        """The original text of words ``first..last`` (inclusive), lower-cased, spaces collapsed."""
        start = self.span(first)[0]
        end = self.span(last)[1]
        return " ".join(self.text[start:end].lower().split())


def tokens(text: str) -> list[Token]:
    """The folded words of ``text`` with their offsets in ``nfc(text)``."""
    tokenized = Tokenized(text)
    return [Token(word, *tokenized.span(i)) for i, word in enumerate(tokenized.words)]


def words(text: str) -> list[str]:
    """The folded words of ``text``: ``"L'Imprimante ne marche pas!"`` -> l, imprimante, ..."""
    out: list[str] = []
    for raw in _WORD_RE.findall(nfc(text)):
        out.extend(_fold_raw(raw))
    return out


def fold(text: str) -> str:
    """Lower-case, accent-free, punctuation-free text with single spaces between words."""
    return " ".join(words(text))


_ENGLISH = snowballstemmer.stemmer("english")
_FRENCH = snowballstemmer.stemmer("french")


def stem(word: str) -> str:
    """The stem of a folded word of either language (``_stem``); a number is its own stem,
    returned at once: tickets are full of numbers each seen once (error codes, rooms, form
    counters), which would each run both stemmers and push known words out of the cache."""
    if word.isascii() and word.isdigit():
        return word
    return _stem(word)


@lru_cache(maxsize=50_000)
def _stem(word: str) -> str:
    """The stem of a folded word of either language: English Snowball, then French Snowball.

    Tickets mix French and English, often in one sentence, so a word's language is unknown.
    Each stemmer alone gets the other language's plurals wrong ("servers" -> "server" but
    "server" -> "serv" in French; "réseaux" is left alone in English), and picking the shorter
    of the two stems is not consistent either; chained, singular and plural of both languages
    meet ("server(s)", "réseau(x)", "imprimante(s)", "printing"/"print"), and often the two
    languages' spellings too ("batterie"/"battery"). Measured against the labelled tickets and
    pairs: the same accuracy as the hand-written plural trimmers it replaced."""
    return _FRENCH.stemWord(_ENGLISH.stemWord(word))
