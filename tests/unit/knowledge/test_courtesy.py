"""A thanks, an acknowledgement, a greeting or a goodbye written to Guichet, told apart from a
question (both languages): every word listed, one of them thanking, acknowledging or greeting, no
question mark."""

from __future__ import annotations

import pytest

from bot.domain.text import words
from bot.knowledge.courtesy import Courtesy, courtesy, says_not_solved
from bot.lexicon import courtesy_words


@pytest.mark.parametrize(
    "text",
    [
        "merci !",
        "Merci beaucoup 🙏",
        "mille mercis",
        "merci ❤️",
        "parfait, merci beaucoup 😊",
        "super merci",
        "thanks",
        "ty",
        "thanks a lot!",
        "Great, thanks!",
        "it works now, thank you so much",
        "ok :pray:",
    ],
)
def test_thanks(text: str) -> None:
    assert courtesy(text) is Courtesy.THANKS


@pytest.mark.parametrize(
    "text",
    [
        "ok",
        "d'accord",
        "D’accord",
        "ça marche",
        "top",
        ":+1:",
        ":+1::skin-tone-3:",
        "👍",
        "okay, got it",
    ],
)
def test_acknowledgements(text: str) -> None:
    assert courtesy(text) is Courtesy.ACKNOWLEDGED


@pytest.mark.parametrize(
    "text",
    [
        "bonne journée",
        "Bonne soirée !",
        "au revoir",
        "à bientôt",
        "C’est noté, bonne journée",
        "bye",
    ],
)
def test_farewells(text: str) -> None:
    """A goodbye alone got the offer to file a ticket."""
    assert courtesy(text) is Courtesy.FAREWELL


@pytest.mark.parametrize(
    "text",
    [
        "have a good day",
        "Have a nice day!",
        "ok, have a great weekend",
        "have a nice rest of your day",
        "see you",
        "See you later!",
        "ok, see you tomorrow 👋",
        "talk to you later",
        "take care",
        "good night",
        "enjoy your weekend!",
        "bye 👋",
        "bonne semaine",
        "Bon week-end !",
        "Parfait, bonne fin de semaine",
        "bonne fin d’après-midi",
        "à plus tard",
        "À demain !",
        "à la prochaine",
        "à tout à l’heure",
        "ok super, bonne continuation",
    ],
)
def test_goodbyes_of_several_words_are_goodbyes(text: str) -> None:
    """ "have a good day" was an acknowledgement ("good"), "see you" and « bonne semaine » a
    question: answered « 👍 All right. » or offered a ticket."""
    assert courtesy(text) is Courtesy.FAREWELL


@pytest.mark.parametrize(
    "text",
    [
        "have a good day, my VPN is down",
        "see you in the meeting room 3",
        "see you at the meeting?",
        "good night, the server is down again",
        "bonne journée, mon écran est noir",
        "à demain, l’imprimante ne marche plus",
        "bonne semaine ?",
    ],
)
def test_a_goodbye_with_anything_more_is_a_question(text: str) -> None:
    assert courtesy(text) is None


def test_goodbyes_of_several_words_are_written_folded() -> None:
    """Each word of a phrase as ``words`` gives it, or it never matches."""
    for phrase in courtesy_words().farewell_phrases:
        for place in phrase:
            for word in place:
                assert words(word) == [word], (phrase, word)


@pytest.mark.parametrize(
    "text",
    [
        "merci, bonne journée !",
        "thanks, have a good day",
        "merci et bonne soirée",
        "Merci à+",
        "a+ merci",
        "thx bye",
        "thx, bye!",
        "cheers",
        "Cheers mate!",
        "ty, ttyl",
    ],
)
def test_a_thanks_with_a_goodbye_is_both(text: str) -> None:
    """ "thx bye" was a thanks alone ("You're welcome! Write to me here..."), « merci et bonne
    soirée » a question ("et"): both are thanks and goodbye."""
    assert courtesy(text) is Courtesy.THANKS_FAREWELL


@pytest.mark.parametrize(
    "text",
    [
        "À+",
        "a+",
        "A+ !",
        "à +",
        "@+",
        "++",
        "ok a+",
        "ttyl",
        "later!",
        "bonne soirée",
        "Bonne soirée à vous aussi",
        "bonne soirée à tous",
    ],
)
def test_short_goodbyes_are_goodbyes(text: str) -> None:
    """« à+ » (its "+" no word: « a ») and « bonne soirée à vous » were questions."""
    assert courtesy(text) is Courtesy.FAREWELL


@pytest.mark.parametrize(
    "text",
    [
        "bonjour",
        "Bonjour !",
        "salut",
        "hello",
        "Hi there",
        "good morning",
        "Good evening",
        "coucou 👋",
        ":wave:",
    ],
)
def test_greetings(text: str) -> None:
    assert courtesy(text) is Courtesy.GREETING


@pytest.mark.parametrize(
    "text",
    [
        "",
        "bonjour, mon imprimante ne marche plus",
        "hello, how do I reset my password",
        "?",
        "so",
        ":sob:",
        "merci mais ça ne marche toujours pas",
        "ça marche pas",
        "ok merci ?",
        "thanks, and the VPN?",
        "thanks but the printer is still broken",
        "my printer works",
        "ok 😡",
        "merci " * 9,  # too long to be only that: read as a question
        "a+ le VPN ne marche pas",
        "A+ en maths",
        "C++",
        "c++ plante au démarrage",
        "a++",
        "A+B",
        "thx bye?",
        "cheers, but it still fails",
        "bonne soirée mon VPN est en panne",
        "et le VPN",
        "and you?",
        "merci et l’imprimante",
        "à vous",
    ],
)
def test_anything_more_is_a_question(text: str) -> None:
    assert courtesy(text) is None


def test_the_lists_do_not_overlap() -> None:
    words = courtesy_words()
    kinds = (words.thanks, words.acknowledgements, words.greetings, words.fillers)
    for i, one in enumerate(kinds):
        for other in kinds[i + 1 :]:
            assert not one & other, one & other


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("merci bcp", Courtesy.THANKS),
        ("mrc", Courtesy.THANKS),
        ("merciiii !", Courtesy.THANKS),
        ("parfait merci bcp", Courtesy.THANKS),
        ("merci pour la réponse", Courtesy.THANKS),
        ("c'est bon merci", Courtesy.THANKS),
        ("résolu merci", Courtesy.THANKS),
        ("thank u", Courtesy.THANKS),
        ("much appreciated", Courtesy.THANKS),
        ("okk", Courtesy.ACKNOWLEDGED),
        ("oki", Courtesy.ACKNOWLEDGED),
        ("dacc", Courtesy.ACKNOWLEDGED),
        ("ça roule", Courtesy.ACKNOWLEDGED),
        ("c bon", Courtesy.ACKNOWLEDGED),
        ("ça remarche", Courtesy.ACKNOWLEDGED),
        ("ok vu", Courtesy.ACKNOWLEDGED),
        ("coool", Courtesy.ACKNOWLEDGED),
        ("bjr", Courtesy.GREETING),
        ("slt", Courtesy.GREETING),
        ("re bonjour", Courtesy.GREETING),
        ("bonne soiréee", Courtesy.FAREWELL),
        ("oui", Courtesy.YES),
        ("Oui merci", Courtesy.YES),
        ("oui s'il vous plaît", Courtesy.YES),
        ("yes please", Courtesy.YES),
        ("ouais", Courtesy.YES),
    ],
)
def test_short_and_typed_fast(text: str, kind: Courtesy) -> None:
    """What a person types on a phone: « merci bcp », "okk", « bjr », « oui » were questions
    (searched, then offered a ticket)."""
    assert courtesy(text) is kind


@pytest.mark.parametrize(
    "text",
    [
        "oui mais ça ne marche toujours pas",
        "oui ?",
        "c pas bon",
        "ça remarche pas",
        "pas résolu",
        "toujours pas",
        "yes but the vpn is still down",
        "non merci",
        "ok mais",
        "tooo",
    ],
)
def test_short_words_with_anything_more_are_questions(text: str) -> None:
    assert courtesy(text) is None


@pytest.mark.parametrize(
    "text",
    ["non", "Non, ça marche toujours pas", "toujours pas", "pas encore", "c pas réglé", "nope"],
)
def test_a_no_to_is_it_solved(text: str) -> None:
    assert says_not_solved(text)


@pytest.mark.parametrize(
    "text", ["oui c bon", "merci", "nonobstant ça marche", "ça marche", "c'est réglé"]
)
def test_no_no_to_is_it_solved(text: str) -> None:
    assert not says_not_solved(text)
