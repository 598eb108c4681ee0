"""Questions an article answered, indexed with it: they find it in their own words, for its
translations too, as its tags would once two questions agree and no other topic has the word;
generic and broad words teach nothing; bounded."""

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
    once = ArticleIndex([*PHISHING, *OTHERS], {"ph-fr": ["mail chelou"]})
    assert once.search("c'est chelou ?") == []  # one question is not enough
    after = ArticleIndex([*PHISHING, *OTHERS], {"ph-fr": ["mail chelou"], "ph-en": ["chelou"]})
    assert [m.article.id for m in after.search("c'est chelou ?", language=Language.FR)] == ["ph-fr"]
    assert [m.article.id for m in after.search("chelou", language=Language.EN)] == ["ph-en"]
    assert after.search("printer") and after.search("printer")[0].article.id == "printer"


def test_generic_and_broad_words_of_a_learned_question_teach_nothing() -> None:
    # "problème avec teams" answered by the printer article: neither word makes it an answer
    index = ArticleIndex([*PHISHING, *OTHERS], {"printer": ["problème avec teams"]})
    assert [m.article.id for m in index.search("problème avec teams")] == []


def test_only_the_latest_questions_of_an_article_are_learned() -> None:
    learned = [f"question {i}" for i in range(LEARNED_PER_ARTICLE)] + ["zorglub", "zorglub"]
    index = ArticleIndex([*PHISHING, *OTHERS], {"ph-en": learned})
    assert index.search("zorglub") == []  # the oldest, beyond the bound
    assert ArticleIndex([*PHISHING], {"ph-en": ["zorglub", "zorglub"]}).search("zorglub")


def test_a_word_another_topic_has_is_not_learned_as_a_tag() -> None:
    # "a mail asking for my printer code" twice for phishing: "printer" is the printer
    # article's tag, so a question about printers is not answered by phishing
    learned = {"ph-en": ["mail asking for my printer code", "weird printer mail"]}
    index = ArticleIndex([*PHISHING, *OTHERS], learned)
    assert [m.article.id for m in index.search("printer")] == ["printer"]
    # learned by two topics: a tag of neither
    learned = {"ph-en": ["zorglub", "zorglub"], "printer": ["zorglub", "zorglub"]}
    assert ArticleIndex([*PHISHING, *OTHERS], learned).search("zorglub") == []
