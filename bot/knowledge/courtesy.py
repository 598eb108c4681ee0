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

from bot.domain.text import words
from bot.lexicon import courtesy_words


class Courtesy(StrEnum):
    THANKS = "thanks"
    ACKNOWLEDGED = "acknowledged"
    GREETING = "greeting"
    FAREWELL = "farewell"
    THANKS_FAREWELL = "thanks_farewell"  # "thx bye", « merci, bonne soirée », "cheers"


_EMOJI_CODE = re.compile(r":([a-z0-9_+'-]+):")
# « à+ », « A+ », « @+ », « ++ »: « à plus » written short (its "+" is no word)
_A_PLUS = re.compile(r"(?<![\w+])(?:[aàAÀ@]\s?|\+)\+(?![\w+])")
_SKIN_TONE = re.compile(r"skin-tone-\d")
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
    said = words(rest)
    if len(said) > lexicon.max_words or not (said or codes or symbols):
        return None
    goodbye = _in_phrases(said, lexicon.farewell_phrases)
    said = [w for i, w in enumerate(said) if i not in goodbye]  # the rest says what it says
    listed = (
        lexicon.thanks
        | lexicon.acknowledgements
        | lexicon.greetings
        | lexicon.farewells
        | lexicon.fillers
    )
    if any(w not in listed for w in said) or any(c not in lexicon.emoji for c in codes):
        return None
    if any(ch not in _UNICODE_EMOJI for ch in symbols):
        return None
    farewell = bool(goodbye) or any(w in lexicon.farewells for w in said)
    if any(w in lexicon.thanks for w in said) or _THANKS_EMOJI & {*codes, *symbols}:
        return Courtesy.THANKS_FAREWELL if farewell else Courtesy.THANKS
    if any(w in lexicon.greetings for w in said):
        return Courtesy.GREETING
    if farewell:  # "bye 👋": the wave says goodbye
        return Courtesy.FAREWELL
    if _GREETING_EMOJI & {*codes, *symbols}:
        return Courtesy.GREETING
    if said and not any(w in lexicon.acknowledgements for w in said):
        return None  # fillers alone ("so", "you"): no thanks, no acknowledgement
    return Courtesy.ACKNOWLEDGED


def _in_phrases(said: list[str], phrases: tuple[tuple[frozenset[str], ...], ...]) -> set[int]:
    """The places in ``said`` of the words of any of ``phrases`` found there."""
    found: set[int] = set()
    for phrase in phrases:
        for start in range(len(said) - len(phrase) + 1):
            if all(said[start + i] in place for i, place in enumerate(phrase)):
                found.update(range(start, start + len(phrase)))
    return found
