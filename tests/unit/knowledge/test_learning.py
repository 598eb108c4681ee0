"""Questions an article answered, indexed with it: they find it in their own words, for its
translations too, as its tags would; generic and broad words teach nothing; bounded."""

from __future__ import annotations

from bot.domain.knowledge import Article
from bot.domain.models import Language
from bot.knowledge.index import LEARNED_PER_ARTICLE, ArticleIndex

PHISHING = [
    Article("ph-en", "Report a phishing email", "Forward it.", Language.EN, topic="ph"),
    Article("ph-fr", "Signaler un hameçonnage", "Transférez-le.", Language.FR, topic="ph"),
]
OTHERS = [
    Article("printer", "Add a printer", "Use FollowMe.", Language.EN, ("printer",)),
    Article("teams", "No sound in Teams", "Pick your headset.", Language.EN, ("teams",)),
]


def test_a_learned_question_finds_the_article_and_its_translation() -> None:
    before = ArticleIndex([*PHISHING, *OTHERS])
    assert before.search("c'est chelou ?") == []
    after = ArticleIndex([*PHISHING, *OTHERS], {"ph-fr": ["mail chelou"]})
    assert [m.article.id for m in after.search("c'est chelou ?", language=Language.FR)] == ["ph-fr"]
    assert [m.article.id for m in after.search("chelou", language=Language.EN)] == ["ph-en"]
    assert after.search("printer") and after.search("printer")[0].article.id == "printer"


def test_generic_and_broad_words_of_a_learned_question_teach_nothing() -> None:
    # "problème avec teams" answered by the printer article: neither word makes it an answer
    index = ArticleIndex([*PHISHING, *OTHERS], {"printer": ["problème avec teams"]})
    assert [m.article.id for m in index.search("problème avec teams")] == []


def test_only_the_latest_questions_of_an_article_are_learned() -> None:
    learned = [f"question {i}" for i in range(LEARNED_PER_ARTICLE)] + ["zorglub"]
    index = ArticleIndex([*PHISHING, *OTHERS], {"ph-en": learned})
    assert index.search("zorglub") == []  # the oldest, beyond the bound
    assert ArticleIndex([*PHISHING], {"ph-en": ["zorglub"]}).search("zorglub")
