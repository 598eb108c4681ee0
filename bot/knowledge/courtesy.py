"""A thanks or an acknowledgement written to Guichet in its DM (« merci ! », "ok", "thanks a
lot 🙏"), or a greeting alone (« bonjour »): answered as a person would, not searched in the
articles (which found none and offered to file a ticket). A message is courtesy only when every
word of it is one of ``bot/lexicon/courtesy.yml``'s and one of them thanks, acknowledges or
greets: a message saying anything more (« merci mais ça ne marche toujours pas », "thanks, and
the VPN?", « bonjour, mon imprimante ne marche plus ») is a question. A goodbye of several
words ("have a good day", "see you", « bonne semaine ») is one, though its words alone say
something else ("good" acknowledges, "evening" greets): "👍 All right." answered "have a nice
day"; "have a good day, my VPN is down" holds other words, and is a question. A thanks that
says goodbye too ("thx bye", « merci, bonne soirée », "cheers") is answered both ways; « à+ »
is « à plus » written short."""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum
from functools import cache

from bot.domain.text import words
from bot.lexicon import courtesy_words


class Courtesy(StrEnum):
    THANKS = "thanks"
    ACKNOWLEDGED = "acknowledged"
    GREETING = "greeting"
    FAREWELL = "farewell"
    THANKS_FAREWELL = "thanks_farewell"  # "thx bye", « merci, bonne soirée », "cheers"
    YES = "yes"  # « oui », "yes please": to an offer to file, yes; else an acknowledgement


_EMOJI_CODE = re.compile(r":([a-z0-9_+'-]+):")
# « à+ », « A+ », « @+ », « ++ »: « à plus » written short (its "+" is no word)
_A_PLUS = re.compile(r"(?<![\w+])(?:[aàAÀ@]\s?|\+)\+(?![\w+])")
_SKIN_TONE = re.compile(r"skin-tone-\d")
_HELD = re.compile(r"(\w)\1+")
_UNICODE_EMOJI = frozenset("👍🙏👌🙌👏❤😊🙂😀😁😃🎉✅✔💪☺😉✨🤗👋")
_THANKS_EMOJI = frozenset({"pray", "🙏"})
_GREETING_EMOJI = frozenset({"wave", "👋"})


def courtesy(text: str) -> Courtesy | None:
    """What ``text`` is when it only thanks or acknowledges; ``None`` for anything more."""
    lexicon = courtesy_words()
    if "?" in text:
        return None
    codes = [c for c in _EMOJI_CODE.findall(text.lower()) if not _SKIN_TONE.fullmatch(c)]
    rest = _A_PLUS.sub(" a plus ", _EMOJI_CODE.sub(" ", text))
    symbols = [ch for ch in rest if unicodedata.category(ch).startswith("S")]
    stretched = _stretched()
    said = [w if w in stretched.listed else stretched.get(_squeezed(w), w) for w in words(rest)]
    if len(said) > lexicon.max_words or not (said or codes or symbols):
        return None
    goodbye = _in_phrases(said, lexicon.farewell_phrases)
    said = [w for i, w in enumerate(said) if i not in goodbye]  # the rest says what it says
    listed = _listed()
    if any(w not in listed for w in said) or any(c not in lexicon.emoji for c in codes):
        return None
    if any(ch not in _UNICODE_EMOJI for ch in symbols):
        return None
    farewell = bool(goodbye) or any(w in lexicon.farewells for w in said)
    greets = any(w in lexicon.greetings for w in said)
    if any(w in lexicon.yes for w in said) and not farewell and not greets:
        return Courtesy.YES
    if any(w in lexicon.thanks for w in said) or _THANKS_EMOJI & {*codes, *symbols}:
        return Courtesy.THANKS_FAREWELL if farewell else Courtesy.THANKS
    if greets:
        return Courtesy.GREETING
    if farewell:  # "bye 👋": the wave says goodbye
        return Courtesy.FAREWELL
    if _GREETING_EMOJI & {*codes, *symbols}:
        return Courtesy.GREETING
    if said and not any(w in lexicon.acknowledgements for w in said):
        return None  # fillers alone ("so", "you"): no thanks, no acknowledgement
    return Courtesy.ACKNOWLEDGED


def says_not_solved(text: str) -> bool:
    """Whether ``text`` says no to *is it solved?* (« non », « ça marche toujours pas »,
    "still not working"): it starts with a no, or holds a phrase saying it is not solved."""
    lexicon = courtesy_words()
    said = words(text)
    if said and said[0] in lexicon.not_solved_openers:
        return True
    return any(
        said[start : start + len(phrase)] == list(phrase)
        for phrase in lexicon.not_solved_phrases
        for start in range(len(said) - len(phrase) + 1)
    )


@cache
def _listed() -> frozenset[str]:
    """Every word a courtesy may hold, but those only found in a goodbye phrase."""
    lexicon = courtesy_words()
    return (
        lexicon.thanks
        | lexicon.acknowledgements
        | lexicon.greetings
        | lexicon.yes
        | lexicon.farewells
        | lexicon.fillers
    )


@cache
def _stretched() -> _Stretched:
    """Each listed word (and each word of a goodbye phrase) by its letters held squeezed
    ("merci", "good" as "god"): « merciii », "okk", « soiréee » are those words typed."""
    phrases = courtesy_words().farewell_phrases
    phrased = {word for phrase in phrases for place in phrase for word in place}
    known = _listed() | phrased
    return _Stretched({_squeezed(word): word for word in sorted(known)}, known)


class _Stretched(dict[str, str]):
    """Squeezed word -> a listed word, and the words listed as written (``listed``: "to" and
    "too", "c" and "cc" squeeze alike, and each stays itself)."""

    def __init__(self, words: dict[str, str], listed: frozenset[str]) -> None:
        super().__init__(words)
        self.listed = listed


def _squeezed(word: str) -> str:
    """``word`` with each run of one letter written once."""
    return _HELD.sub(r"\1", word)


def _in_phrases(said: list[str], phrases: tuple[tuple[frozenset[str], ...], ...]) -> set[int]:
    """The places in ``said`` of the words of any of ``phrases`` found there."""
    found: set[int] = set()
    for phrase in phrases:
        for start in range(len(said) - len(phrase) + 1):
            if all(said[start + i] in place for i, place in enumerate(phrase)):
                found.update(range(start, start + len(phrase)))
    return found
