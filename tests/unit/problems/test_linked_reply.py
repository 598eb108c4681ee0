"""The reply listing a problem's incidents, once the problem is fixed (FR and EN)."""

from __future__ import annotations

from dataclasses import replace

from bot.domain.models import Language, Status
from handlers.kit.messages import Rendered
from handlers.problems.blocks import linked_reply
from tests.e2e.observations import searchable
from tests.fakes import ticket


def test_a_fixed_problems_reply_in_english_and_french() -> None:
    """Incidents resolved with the fix have no button and say so; one still open keeps its
    button; one that ended otherwise says how."""
    problem = replace(ticket(), id="PRB-1", status=Status.RESOLVED)
    fixed = replace(ticket(), id="INC-1", problem_id="PRB-1", status=Status.RESOLVED)
    cancelled = replace(ticket(), id="INC-2", problem_id="PRB-1", status=Status.CANCELLED)
    still = replace(ticket(), id="INC-3", problem_id="PRB-1", status=Status.NEW)
    english = linked_reply(problem, [fixed, cancelled, still], Language.EN)
    text = searchable([block.to_dict() for block in english.blocks])
    assert "✅ *PRB-1* is fixed: these incidents were resolved with it (3):" in text
    assert "*INC-1* · " in text and "— resolved with *PRB-1*." in text
    assert "— cancelled." in text
    assert english.text == "3 incidents resolved with PRB-1"
    drawn = [block.to_dict() for block in english.blocks]
    unlinks = [block["accessory"]["value"] for block in drawn if "accessory" in block]
    assert unlinks == ["INC-3"]
    french = linked_reply(problem, [fixed], Language.FR)
    text = searchable([block.to_dict() for block in french.blocks])
    assert "✅ *PRB-1* est résolu\u00a0: ces incidents l’ont été avec lui (1)\u00a0:" in text
    assert "— résolu avec *PRB-1*." in text
    assert french.text == "1 incident résolu avec PRB-1"


def _header(rendered: Rendered) -> str:
    return str(rendered.blocks[0].to_dict()["text"]["text"])


def test_a_reply_whose_incidents_were_all_unlinked_says_so_not_zero() -> None:
    """Every incident of the reply released ("not solved") or unlinked: the header says they
    are no longer linked, in the reply's words for one or several (before: « (0) » under
    "these incidents were resolved with it")."""
    fixed = replace(ticket(), id="PRB-1", status=Status.RESOLVED)
    open_problem = replace(ticket(), id="PRB-1", status=Status.IN_PROGRESS)
    cancelled = replace(ticket(), id="PRB-1", status=Status.CANCELLED)
    one = [replace(ticket(), id="INC-1", problem_id=None, status=Status.NEW)]
    two = [*one, replace(ticket(), id="INC-2", problem_id="PRB-9", status=Status.NEW)]
    cases = [
        (
            fixed,
            one,
            Language.FR,
            "✅ *PRB-1* est résolu\u00a0; cet incident ne lui est plus lié\u00a0:",
        ),
        (
            fixed,
            two,
            Language.FR,
            "✅ *PRB-1* est résolu\u00a0; ces 2 incidents ne lui sont plus liés\u00a0:",
        ),
        (fixed, one, Language.EN, "✅ *PRB-1* is fixed; this incident is no longer linked to it:"),
        (
            fixed,
            two,
            Language.EN,
            "✅ *PRB-1* is fixed; these 2 incidents are no longer linked to it:",
        ),
        (open_problem, one, Language.FR, "🔗 Cet incident n’est plus lié à *PRB-1*\u00a0:"),
        (cancelled, two, Language.FR, "🔗 Ces 2 incidents ne sont plus liés à *PRB-1*\u00a0:"),
        (open_problem, one, Language.EN, "🔗 This incident is no longer linked to *PRB-1*:"),
        (cancelled, two, Language.EN, "🔗 These 2 incidents are no longer linked to *PRB-1*:"),
    ]
    for problem, incidents, language, header in cases:
        rendered = linked_reply(problem, incidents, language)
        assert _header(rendered) == header, (problem.status, language)
        assert "(0)" not in searchable([b.to_dict() for b in rendered.blocks])
        assert [b.to_dict().get("accessory") for b in rendered.blocks[1:]] == [None] * len(
            incidents
        )
    assert linked_reply(fixed, two, Language.FR).text == "2 incidents déliés de PRB-1"
    assert linked_reply(fixed, one, Language.EN).text == "1 incident unlinked from PRB-1"
    still = [*one, replace(ticket(), id="INC-3", problem_id="PRB-1", status=Status.NEW)]
    assert _header(linked_reply(open_problem, still, Language.EN)) == "🔗 Linked to *PRB-1* (1):"
