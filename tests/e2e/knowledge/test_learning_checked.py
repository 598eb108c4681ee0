"""With the meaning check on, what people marked answered still teaches the search, but an
answer only the learned words make must be the model's choice too: once "noise" was learned
for the article on sound in Teams, a question about a noisy laptop fan is not answered with
it, while "loud noise" (which the article's own words do not answer) still is."""

from __future__ import annotations

from tests.e2e.harness import DESK_AGENT, EMPLOYEE_EN, Harness
from tests.e2e.knowledge.asking import dm_answer, press_answered

TEAMS_AUDIO = "knowledge_actions:teams-audio"  # the buttons under the article, either language
UNRELATED = "my laptop fan makes a noise"  # shares "noise", not the article's topic
REWORDED = "loud noise"  # only the learned questions hold these words


async def test_learned_words_alone_answer_only_with_the_models_agreement(
    meaning: Harness,
) -> None:
    assert "could not find an article" in (await dm_answer(meaning, EMPLOYEE_EN, REWORDED))["text"]
    for user, question in [
        (EMPLOYEE_EN, "loud noise in my headset"),
        (DESK_AGENT, "noise during the call"),
    ]:
        answer = await dm_answer(meaning, user, question)
        assert TEAMS_AUDIO in str(answer["blocks"]), answer["blocks"]
        await press_answered(meaning, user, answer)
    learned = await meaning.guichet.database.handle["deflections"].count_documents(
        {"answered": {"$in": ["teams-audio-en", "teams-audio-fr"]}}
    )
    assert learned == 2

    unrelated = await dm_answer(meaning, EMPLOYEE_EN, UNRELATED)
    assert "could not find an article" in unrelated["text"], unrelated["blocks"]
    assert TEAMS_AUDIO not in str(unrelated.get("blocks"))

    reworded = await dm_answer(meaning, EMPLOYEE_EN, REWORDED)
    assert "could not find an article" not in reworded["text"]
    assert TEAMS_AUDIO in str(reworded["blocks"]), reworded["blocks"]
