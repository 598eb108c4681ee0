"""The reply listing a problem's incidents, once the problem is fixed (FR and EN)."""

from __future__ import annotations

from dataclasses import replace

from bot.domain.models import Language, Status
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
