"""A problem's title as a reader of another language reads it: a problem opened from incidents is
titled from the first one with the service language's prefix (« Récurrent : … », "Recurring: …"),
stored in the title; shown to a requester of the other language, that prefix is said in theirs
(the incident's own words stay as written). Titles stored so far stay readable: nothing is
rewritten."""

from __future__ import annotations

from bot.domain.models import Language
from bot.locales.i18n import t


def _prefix(language: Language) -> str:
    return t(language, "problems.title", title="")


def title_for(title: str, language: Language) -> str:
    """``title`` with its "recurring" prefix, if it has one, in ``language``."""
    for written in Language:
        prefix = _prefix(written)
        if prefix and title.startswith(prefix):
            return _prefix(language) + title[len(prefix) :]
    return title
