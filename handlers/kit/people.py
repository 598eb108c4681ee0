"""A person a ticket names, as a reader sees them: a Slack mention for a real user id; in words
for those who are no longer anyone — an erased person (``former_employee``, « un ancien
salarié ») and the people of an anonymised ticket (``anonymous``) —, whom a mention would show
as a broken ``<@former_employee>``; Guichet itself for the scheduler's and the bot's own doings."""

from __future__ import annotations

from bot.domain.models import Language
from bot.domain.retention import ANONYMOUS
from bot.governance.erasure import FORMER
from bot.locales.i18n import t
from handlers.kit import mrkdwn as md

_IN_WORDS = {FORMER: "governance.person.former", ANONYMOUS: "governance.person.anonymous"}


def person(user_id: str, language: Language) -> str:
    """``user_id`` as ``language`` names them: a mention, or words for who is no one now."""
    if user_id in _IN_WORDS:
        return t(language, _IN_WORDS[user_id])
    return md.user(user_id)


def actor(user_id: str, language: Language) -> str:
    """Who did something in a ticket's history: a person, or Guichet (the scheduler, the bot)."""
    if user_id in _IN_WORDS or user_id.startswith(("U", "W")):
        return person(user_id, language)
    return "Guichet"
