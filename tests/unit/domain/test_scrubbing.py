"""Taking a person out of free text (``bot/domain/scrubbing.py``)."""

from __future__ import annotations

from bot.domain.scrubbing import Scrubber

FORMER = "former_employee"


def test_mentions_ids_and_names_are_replaced_whole_words_only() -> None:
    scrub = Scrubber.of("U0MARIE", FORMER, ["Marie Dupont", "marie", "Al"])
    text = (
        "Ask <@U0MARIE|marie> or <@U0MARIE> (U0MARIE): Marie  Dupont said MARIE knows."
        " Alerts, Mariette."
    )
    assert scrub.text(text) == (
        f"Ask {FORMER} or {FORMER} ({FORMER}): {FORMER} said {FORMER} knows. Alerts, Mariette."
    )
    assert scrub.mentions("call marie") and not scrub.mentions("call Mariette")


def test_nested_values_are_walked_and_other_people_kept() -> None:
    scrub = Scrubber.of("U0MARIE", FORMER, [])
    value = {"answers": ["for <@U0MARIE>", "for <@U0PAUL>"], "amount": 3}
    assert scrub.deep(value) == {"answers": [f"for {FORMER}", "for <@U0PAUL>"], "amount": 3}
    assert scrub.text("U0MARIEX stays") == "U0MARIEX stays"


def test_values_are_cleaned_of_ids_only_never_of_names() -> None:
    """A person called "New" leaves the prose, not the statuses of a ticket's history."""
    scrub = Scrubber.of("U0NEW", FORMER, ["New"])
    assert scrub.text("New asked") == f"{FORMER} asked"
    assert scrub.ids_only().text("new") == "new"
    assert scrub.ids_only().text("U0NEW,U0PAUL") == f"{FORMER},U0PAUL"
