"""What the meaning check's model reads of a question: the question without the organisation's
own names.

People ask in their organisation's words: its sites ("bât. Pasteur", "site des Ormes"), apps
("Hippo", "PlanGarde"), servers ("SRV-ORMES-FS01"), wards and rooms ("4B"). No article has
them and the model, which never saw them either, reads them as meaning: the question's vector
moves away from every article, the right one included, and falls under the threshold ("impossible
de me logger sur Hippo ce matin, message trop de tentatives"). A word is taken for such a name
when no article has it (none of its terms is in the index) and it is written as one: all in
capitals ("GHVA", "DG"), with a capital inside ("PlanGarde"), capitalised but not first in its
sentence ("sur Hippo"), or holding a digit ("4B", "FS01"); looked for in what the model reads
only (``index.py``: the question's first 500 characters). A word the articles have stays
("Outlook", "GlobalProtect", "2FA"); so does a plain lower-case word no article has ("fax",
"parking"): that is what a question no article covers is about. The word search reads the
whole question as before.

Measured on the nine labelled parts (README, *Knowledge benchmark*): ``held_out_4`` 60 -> 62 %
top-3, ``held_out_5`` 54 -> 57 %, ``held_out_6`` 78 -> 81 %, the other parts and every part's
false suggestions unchanged.

Pure: text in, text out.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_TOKEN = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*|[.!?:;\n]")
_SENTENCE_END = frozenset(".!?:;\n")
_SPACES = re.compile(r"[ \t]{2,}")


def _written_as_a_name(token: str, first: bool) -> bool:
    return (
        (len(token) >= 2 and token.isupper())
        or any(c.isupper() for c in token[1:])
        or (token[0].isupper() and not first)
        or any(c.isdigit() for c in token)
    )


def without_names(text: str, unknown: Callable[[str], bool]) -> str:
    """``text`` without the words written as names that ``unknown`` says no article has; the
    text itself when that would leave nothing."""
    kept: list[str] = []
    first, last = True, 0
    for found in _TOKEN.finditer(text):
        token = found.group()
        if token in _SENTENCE_END:
            first = True
            continue
        if _written_as_a_name(token, first) and unknown(token):
            kept.append(text[last : found.start()])
            last = found.end()
        first = False
    if not last:
        return text
    kept.append(text[last:])
    stripped = _SPACES.sub(" ", "".join(kept)).strip()
    return stripped if any(c.isalnum() for c in stripped) else text
