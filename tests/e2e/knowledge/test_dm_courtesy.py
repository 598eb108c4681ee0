"""What a person writes to Guichet in its DM that is no question: a thanks, an acknowledgement
or a greeting is answered as a person would (no articles searched, no offer to file a ticket),
a file sent alone is told how to reach a ticket's team; real questions still get articles."""

from __future__ import annotations

from typing import Any

import pytest

from handlers.kit.ids import BLOCK_KNOWLEDGE_ACTIONS
from tests.e2e.harness import EMPLOYEE_EN, EMPLOYEE_FR, Harness
from tests.e2e.knowledge.asking import SLANG, dm_answer
from tests.e2e.observations import action_ids, searchable

THANKS_FR = "😊 Avec plaisir\u00a0! Écrivez-moi ici dès que vous avez besoin d’aide."
THANKS_EN = "😊 You’re welcome! Write to me here whenever you need help."
OK_FR = "👍 Très bien. Écrivez-moi ici dès que vous avez besoin d’aide."
OK_EN = "👍 All right. Write to me here whenever you need help."
HELLO_FR = (
    "👋 Bonjour\u00a0! Dites-moi ce dont vous avez besoin ou ce qui ne marche pas\u00a0: je "
    "cherche un article qui y réponde\u00a0; à défaut, je vous propose d’ouvrir un ticket."
)
HELLO_EN = (
    "👋 Hello! Tell me what you need or what is not working: I will look for an article "
    "that answers it and, if there is none, offer to file a ticket."
)


async def _reply(bot: Harness, user: str, text: str, **extra: Any) -> dict[str, Any]:
    asked = await bot.say(bot.slack.dm_channel_id(user), text, user, **extra)
    return await bot.dm_reply(user, asked)


@pytest.mark.parametrize(
    ("user", "text", "answer"),
    [
        (EMPLOYEE_FR, "merci !", THANKS_FR),
        (EMPLOYEE_FR, "Merci beaucoup pour votre aide 🙏", THANKS_FR),
        (EMPLOYEE_FR, "ok, ça marche", OK_FR),
        (EMPLOYEE_FR, "d’accord", OK_FR),
        (EMPLOYEE_EN, "thanks", THANKS_EN),
        (EMPLOYEE_EN, "Great, thank you so much! :pray:", THANKS_EN),
        (EMPLOYEE_EN, "ok", OK_EN),
        (EMPLOYEE_EN, ":+1:", OK_EN),
        (EMPLOYEE_FR, "Bonjour !", HELLO_FR),
        (EMPLOYEE_EN, "hi there", HELLO_EN),
    ],
)
async def test_a_thanks_or_an_ok_is_answered_as_a_person_would(
    kb: Harness, user: str, text: str, answer: str
) -> None:
    reply = await _reply(kb, user, text)
    assert reply["text"] == answer  # not « I could not find an article… File a ticket? »
    assert not action_ids(reply)
    await kb.settled()
    channel = kb.slack.dm_channel_id(user)
    assert [m for m in kb.slack.messages(channel) if m.get("bot_id")] == [reply]


@pytest.mark.parametrize(
    ("user", "text"),
    [
        (EMPLOYEE_FR, "merci mais ça ne marche toujours pas"),
        (EMPLOYEE_FR, "ok, et comment je change mon mot de passe"),
        (EMPLOYEE_EN, "thanks, and how do I change my password?"),
        (EMPLOYEE_EN, "ok it still does not work"),
        (EMPLOYEE_FR, "bonjour, mon mot de passe a expiré"),
    ],
)
async def test_a_question_with_a_thanks_in_it_is_still_a_question(
    kb: Harness, user: str, text: str
) -> None:
    answer = await dm_answer(kb, user, text)  # articles, or the offer to file: not a thanks
    assert any(b.get("block_id") == BLOCK_KNOWLEDGE_ACTIONS for b in answer["blocks"])


SHOT = {"id": "F1", "name": "x.png", "permalink": "https://x/x.png"}


@pytest.mark.parametrize(
    ("user", "said"),
    [
        (
            EMPLOYEE_FR,
            "📎 J’ai bien reçu ce que vous m’avez envoyé, mais je ne sais pas à quel "
            "ticket cela se rapporte\u00a0: personne ne l’a vu. Pour l’envoyer à l’équipe qui "
            "traite un de vos tickets, renvoyez-le en réponse dans le fil d’un de mes messages sur "
            "ce ticket, ou utilisez son bouton *Ajouter des informations*. Pour un nouveau "
            "problème, ouvrez d’abord un ticket, puis ajoutez-y le fichier de la même façon.",
        ),
        (
            EMPLOYEE_EN,
            "📎 I got what you sent, but I cannot tell which ticket it is for: nobody "
            "has seen it. To send it to the team working on one of your tickets, reply with it in "
            "the thread of one of my messages about that ticket, or use its *Add information* "
            "button. For a new problem, file a ticket first, then add the file the same way.",
        ),
    ],
)
async def test_a_file_sent_alone_is_told_how_to_reach_a_team(
    kb: Harness, user: str, said: str
) -> None:
    reply = await _reply(kb, user, "", subtype="file_share", files=[SHOT])
    assert reply["text"] == said  # before: no answer at all
    assert action_ids(reply) == ["knowledge_file_ticket"]  # File a ticket, the form empty
    trigger = kb.send.new_trigger_id(user)
    status, _ = await kb.send.block_action(
        "knowledge_file_ticket",
        user_id=user,
        channel_id=kb.slack.dm_channel_id(user),
        message=reply,
        trigger_id=trigger,
    )
    assert status == 200
    view = (await kb.opened_with(trigger)).response["view"]
    assert view["callback_id"]


async def test_files_sent_with_a_question_are_told_they_reach_nobody(kb: Harness) -> None:
    """The question is answered (articles, or the offer to file); its files went nowhere and
    the form does not take them: said under the answer, by the number sent."""
    answer = await _with_files(kb, EMPLOYEE_FR, "voici l’erreur de mon imprimante", [SHOT])
    assert (
        "📎 Votre fichier n’est transmis à personne d’ici\u00a0: une fois votre ticket "
        in searchable(answer["blocks"])
    )
    second = {"id": "F2", "name": "y.png", "permalink": "https://x/y.png"}
    answer = await _with_files(kb, EMPLOYEE_EN, "thanks", [SHOT, second])  # not a mere thanks
    assert (
        "📎 Your 2 files reach nobody from here: once your ticket is filed, add them"
        in searchable(answer["blocks"])
    )


async def _with_files(bot: Harness, user: str, text: str, files: list[dict]) -> dict[str, Any]:
    """Guichet's answer (with the knowledge buttons) to ``text`` sent with ``files``."""
    channel = bot.slack.dm_channel_id(user)
    asked = await bot.say(channel, text, user, subtype="file_share", files=files)
    return await bot.dm_reply(user, asked, BLOCK_KNOWLEDGE_ACTIONS)


BYE_FR = "👋 À bientôt\u00a0! Écrivez-moi ici dès que vous avez besoin d’aide."
BYE_EN = "👋 See you! Write to me here whenever you need help."
THANKS_BYE_FR = "😊 Avec plaisir, à bientôt\u00a0! Écrivez-moi ici dès que vous avez besoin d’aide."
THANKS_BYE_EN = "😊 You’re welcome, see you! Write to me here whenever you need help."


@pytest.mark.parametrize(
    ("user", "text", "answer"),
    [
        (EMPLOYEE_EN, "have a good day", BYE_EN),
        (EMPLOYEE_EN, "ok, see you tomorrow", BYE_EN),
        (EMPLOYEE_EN, "take care 👋", BYE_EN),
        (EMPLOYEE_FR, "bonne semaine", BYE_FR),
        (EMPLOYEE_FR, "Parfait, à demain !", BYE_FR),
        (EMPLOYEE_FR, "bon week-end", BYE_FR),
        (EMPLOYEE_FR, "À+", BYE_FR),
        (EMPLOYEE_FR, "ok a+", BYE_FR),
        (EMPLOYEE_FR, "Bonne soirée à vous aussi", BYE_FR),
        (EMPLOYEE_EN, "ttyl", BYE_EN),
        (EMPLOYEE_FR, "merci et bonne soirée", THANKS_BYE_FR),
        (EMPLOYEE_EN, "thx bye", THANKS_BYE_EN),
        (EMPLOYEE_EN, "Cheers!", THANKS_BYE_EN),
    ],
)
async def test_a_goodbye_after_an_answer_is_answered_as_a_goodbye(
    kb: Harness, user: str, text: str, answer: str
) -> None:
    """ "have a good day" after Guichet's answer got « 👍 All right. » ("good" acknowledges),
    "see you" or « bonne semaine » the offer to file a ticket: a goodbye is answered as one."""
    await dm_answer(kb, user, "Do I have to change my password?")
    reply = await _reply(kb, user, text)
    assert reply["text"] == answer
    assert not action_ids(reply)


@pytest.mark.parametrize(
    ("user", "text", "answer"),
    [
        (EMPLOYEE_EN, "great, have a nice weekend", "👋 See you!"),
        (EMPLOYEE_FR, "à plus tard", "👋 À bientôt\u00a0!"),
        (EMPLOYEE_FR, "a+", "👋 À bientôt\u00a0!"),
        (EMPLOYEE_EN, "thanks, bye!", "😊 You’re welcome, see you!"),
    ],
)
async def test_a_goodbye_under_the_articles_is_answered_as_a_goodbye(
    kb: Harness, user: str, text: str, answer: str
) -> None:
    shown = await dm_answer(kb, user, "Do I have to change my password?")
    channel = kb.slack.dm_channel_id(user)
    await kb.say(channel, text, user, shown["ts"])

    def told() -> dict[str, Any] | None:
        return next(
            (
                m
                for m in kb.slack.messages(channel)
                if m.get("bot_id") and m.get("thread_ts") == shown["ts"] and m["ts"] != shown["ts"]
            ),
            None,
        )

    said = await kb.eventually(told, "the answer in the thread")
    assert said["text"] == answer  # not « 👍 All right. » nor "reaches nobody, file a ticket"


async def test_a_goodbye_with_a_question_is_still_a_question(kb: Harness) -> None:
    answer = await dm_answer(kb, EMPLOYEE_EN, "see you, and how do I change my password")
    assert any(b.get("block_id") == BLOCK_KNOWLEDGE_ACTIONS for b in answer["blocks"])


YES_FR = (
    "📝 Appuyez sur *Ouvrir un ticket*\u00a0: le formulaire reprend votre message, vous n’avez "
    "plus qu’à le compléter."
)


def _file_button(message: dict[str, Any]) -> dict[str, Any]:
    return next(
        e
        for b in message["blocks"]
        for e in b.get("elements") or []
        if e.get("action_id") == "knowledge_file_ticket"
    )


async def test_a_yes_to_the_offer_to_file_offers_the_form_again(kb: Harness) -> None:
    """« Voulez-vous ouvrir un ticket ? » — « oui »: searched as a question, it got « Je n’ai
    pas trouvé d’article… Voulez-vous ouvrir un ticket ? » again, its form pre-filled with
    « oui ». It is the yes it says: the button again, with the first message."""
    offer = await dm_answer(kb, EMPLOYEE_FR, SLANG)
    assert "Voulez-vous ouvrir un ticket" in offer["text"]
    reply = await _reply(kb, EMPLOYEE_FR, "oui svp")
    assert reply["text"] == YES_FR
    button = _file_button(reply)
    assert button["text"]["text"] == "Ouvrir un ticket" and button["value"] == SLANG


async def test_a_yes_under_the_offer_offers_the_form_with_the_question_alone(kb: Harness) -> None:
    offer = await dm_answer(kb, EMPLOYEE_FR, SLANG)
    channel = kb.slack.dm_channel_id(EMPLOYEE_FR)
    await kb.say(channel, "Oui !", EMPLOYEE_FR, offer["ts"])

    def told() -> dict[str, Any] | None:
        return next(
            (
                m
                for m in kb.slack.messages(channel)
                if m.get("bot_id") and m.get("thread_ts") == offer["ts"] and m["ts"] != offer["ts"]
            ),
            None,
        )

    said = await kb.eventually(told, "the answer in the thread")
    assert said["text"] == YES_FR
    assert _file_button(said)["value"] == SLANG  # not « …\n\nOui ! »


async def test_a_yes_to_nothing_is_an_acknowledgement(kb: Harness) -> None:
    reply = await _reply(kb, EMPLOYEE_FR, "ouais")
    assert reply["text"] == OK_FR
    assert not action_ids(reply)
