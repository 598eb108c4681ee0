"""Who a ticket names, as a reader sees them: a mention for a person, words for an erased or an
anonymised one (never a mention of no one), Guichet for the bot's own doings."""

from __future__ import annotations

from bot.domain.models import Language
from bot.domain.retention import ANONYMOUS
from bot.governance.erasure import FORMER
from handlers.kit.people import actor, person


def test_a_person_is_a_mention_and_who_is_no_one_now_is_in_words() -> None:
    assert person("U0JOHN", Language.EN) == "<@U0JOHN>"
    assert person(FORMER, Language.EN) == "_a former employee_"
    assert person(FORMER, Language.FR) == "_un ancien salarié_"
    assert person(ANONYMOUS, Language.EN) == "_an anonymised person_"
    assert person(ANONYMOUS, Language.FR) == "_une personne anonymisée_"


def test_the_history_says_who_did_it_and_the_erased_did_not_become_guichet() -> None:
    assert actor("W0GUEST", Language.EN) == "<@W0GUEST>"
    assert actor("guichet", Language.FR) == "Guichet"
    assert actor(FORMER, Language.FR) == "_un ancien salarié_"
    assert actor(ANONYMOUS, Language.EN) == "_an anonymised person_"
