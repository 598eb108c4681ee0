"""An article whose title and tags hold only broad words of a question ("outlook") while its
body holds the specific one ("archive") answers it, with the meaning check on, when the model's
most similar topic is the article's; the word search alone shows nothing, as before. The model
here is a fake one that reads every question as one chosen topic, so that it agrees or
disagrees at will."""

from __future__ import annotations

from bot.domain.knowledge import Article
from bot.domain.models import Language
from bot.knowledge.index import ArticleIndex
from tests.unit.knowledge.topic_model import TopicModel

ARTICLES = [
    Article(
        "mailbox",
        "Outlook mailbox full",
        "Turn on the online archive: old mail moves there.",
        Language.EN,
        ("outlook", "mailbox full"),
    ),
    Article("teams", "No sound in Teams", "Pick your headset.", Language.EN, ("teams", "sound")),
]
MODEL = TopicModel({"mailbox": ("mailbox",), "teams": ("sound",)})
QUESTION = "how to turn on online archiving in outlook"


def _index(model_topic: str) -> ArticleIndex:
    return ArticleIndex(ARTICLES, semantic=MODEL.check(model_topic))


def test_the_word_search_alone_needs_a_specific_word_in_the_title_or_tags() -> None:
    assert ArticleIndex(ARTICLES).search(QUESTION) == []


def test_the_body_answers_when_the_model_agrees() -> None:
    index = _index("mailbox")
    assert index.search_words(QUESTION) is None  # the model must be asked
    assert [m.article.id for m in index.search(QUESTION)] == ["mailbox"]


def test_the_body_does_not_answer_when_the_model_disagrees() -> None:
    assert _index("teams").search(QUESTION) == []


def test_broad_words_alone_still_answer_nothing() -> None:
    # the title names Outlook, the body "mail": no word of the question is specific
    assert _index("mailbox").search("problème avec outlook") == []


def test_the_title_and_tags_answer_as_before_whatever_the_model_says() -> None:
    found = _index("teams").search_words("my outlook mailbox is full")
    assert found is not None and [m.article.id for m in found] == ["mailbox"]
