"""Deflection: articles answer before a ticket, from a DM to Guichet and from /ticket <text>;
"This answered my question" is counted, "I still need help" opens the form pre-filled and the
ticket filed from it counts as filed after a suggestion."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from handlers.knowledge.blocks import read_file_value
from tests.e2e.harness import EMPLOYEE_EN, EMPLOYEE_FR, Harness
from tests.e2e.knowledge.asking import dm_answer
from tests.e2e.observations import action_ids

GENERAL = "C0GENERAL"

LONG_AGO = datetime(2000, 1, 1)


def _buttons(message: dict[str, Any]) -> list[tuple[str, str]]:
    return [
        (e["action_id"], e.get("value", ""))
        for block in message.get("blocks", [])
        if block["type"] == "actions"
        for e in block["elements"]
    ]


async def _command_answer(bot: Harness, text: str, user: str) -> dict[str, Any]:
    return await bot.command_answer(text, user)


async def test_a_french_dm_outside_a_thread_gets_the_french_article(kb: Harness) -> None:
    answer = await dm_answer(kb, EMPLOYEE_FR, "Est-ce que je dois changer mon mot de passe ?")
    shown = str(answer["blocks"])
    articles = action_ids(answer).count("knowledge_answered")
    intro = "Cet article répond" if articles == 1 else "Ces articles répondent"
    assert f"📚 {intro} peut-être à votre question" in shown  # agreeing with the number shown
    assert "Changer ou réinitialiser son mot de passe" in shown  # the French version only
    assert "Change or reset your password" not in shown
    assert "<https://account.example.com/reset|la page de réinitialisation>" in shown
    actions = [action for action, _ in _buttons(answer)]
    assert actions[0] == "knowledge_answered" and actions[-1] == "knowledge_need_help"
    counts = await kb.guichet.knowledge.counts(LONG_AGO)
    assert (counts.shown, counts.answered, counts.tickets_after) == (1, 0, 0)


async def test_this_answered_my_question_is_counted_once(kb: Harness) -> None:
    answer = await dm_answer(kb, EMPLOYEE_EN, "how do I reset my password")
    channel = kb.slack.dm_channel_id(EMPLOYEE_EN)
    urls = [kb.send.new_response_url(channel, answer["ts"], EMPLOYEE_EN) for _ in range(2)]
    for url in urls:  # pressed twice: counted once
        status, _ = await kb.send.block_action(
            "knowledge_answered",
            user_id=EMPLOYEE_EN,
            channel_id=channel,
            message=answer,
            response_url=url,
        )
        assert status == 200
    replaced = [await kb.answered(url, "the answer to a press") for url in urls]
    assert "Glad it helped" in replaced[-1]["text"]
    counts = await kb.guichet.knowledge.counts(LONG_AGO)
    assert (counts.shown, counts.answered, counts.tickets_after) == (1, 1, 0)


async def test_still_need_help_in_a_dm_retires_the_articles_message(kb: Harness) -> None:
    for user, said in (
        (EMPLOYEE_EN, "📝 You asked for help: the form to file a ticket is open."),
        (EMPLOYEE_FR, "📝 Vous avez demandé de l’aide\u00a0: le formulaire pour ouvrir un ticket"),
    ):
        answer = await dm_answer(kb, user, "how do I reset my password")
        need_help = next(v for a, v in _buttons(answer) if a == "knowledge_need_help")
        channel = kb.slack.dm_channel_id(user)
        url = kb.send.new_response_url(channel, answer["ts"], user)
        trigger = kb.send.new_trigger_id(user)
        status, _ = await kb.send.block_action(
            "knowledge_need_help",
            need_help,
            user_id=user,
            channel_id=channel,
            message=answer,
            response_url=url,
            trigger_id=trigger,
        )
        assert status == 200
        assert (await kb.opened_with(trigger)).ok  # the form opened
        replaced = await kb.answered(url, "the articles' message updated")
        assert replaced["text"].startswith(said), replaced["text"]
        assert not _buttons(replaced)  # no "This answered my question" left live


async def test_someone_else_pressing_answered_counts_nothing(kb: Harness) -> None:
    answer = await dm_answer(kb, EMPLOYEE_EN, "printer on the 2nd floor")
    url = kb.send.new_response_url("D0X", answer["ts"], EMPLOYEE_FR)
    await kb.send.block_action(
        "knowledge_answered",
        user_id=EMPLOYEE_FR,
        channel_id="D0X",
        message=answer,
        response_url=url,
    )
    await kb.answered(url, "the refusal")
    assert (await kb.guichet.knowledge.counts(LONG_AGO)).answered == 0


async def test_a_dm_no_article_covers_offers_the_form_pre_filled(kb: Harness) -> None:
    answer = await dm_answer(kb, EMPLOYEE_EN, "the coffee machine is broken")
    assert "could not find an article" in answer["text"]
    assert _buttons(answer) == [("knowledge_file_ticket", "the coffee machine is broken")]
    trigger = kb.send.new_trigger_id(EMPLOYEE_EN)
    status, _ = await kb.send.block_action(
        "knowledge_file_ticket",
        user_id=EMPLOYEE_EN,
        channel_id=kb.slack.dm_channel_id(EMPLOYEE_EN),
        message=answer,
        trigger_id=trigger,
    )
    assert status == 200
    view = (await kb.opened_with(trigger)).response["view"]
    assert "the coffee machine is broken" in str(view["blocks"])
    assert (await kb.guichet.knowledge.counts(LONG_AGO)).shown == 0


async def test_ticket_text_suggests_and_still_need_help_files_a_counted_ticket(
    kb: Harness,
) -> None:
    answer = await _command_answer(kb, "forgot my password", EMPLOYEE_EN)
    assert "Change or reset your password" in str(answer["blocks"])
    assert not kb.slack.calls_to("views.open")  # articles first, not the form
    need_help = next(v for a, v in _buttons(answer) if a == "knowledge_need_help")
    trigger = kb.send.new_trigger_id(EMPLOYEE_EN)
    status, _ = await kb.send.block_action(
        "knowledge_need_help",
        need_help,
        user_id=EMPLOYEE_EN,
        channel_id="C0DESK",
        trigger_id=trigger,
    )
    assert status == 200
    view = (await kb.opened_with(trigger)).response["view"]
    title = next(b for b in view["blocks"] if b.get("block_id") == "title")
    assert title["element"]["initial_value"] == "forgot my password"
    status, body = await kb.submit(
        view,
        {
            "type": "incident",
            "title": "forgot my password",
            "description": "The reset page says my account is unknown.",
            "impact": "low",
            "urgency": "medium",
        },
    )
    assert status == 200 and body["response_action"] == "update", body
    counts = await kb.guichet.knowledge.counts(LONG_AGO)
    assert (counts.shown, counts.answered, counts.tickets_after) == (1, 0, 1)
    assert ("password-en", 1) in counts.unhelpful  # shown, and a ticket filed anyway

    stats = str((await _command_answer(kb, "stats 7d", EMPLOYEE_EN))["blocks"])
    assert "Suggestions shown: 1 · answered without a ticket: 0" in stats
    assert "tickets filed after a suggestion: 1" in stats
    assert "most often did not help: " in stats and "Change or reset your password (1)" in stats


async def test_ticket_text_nothing_matches_opens_the_form_as_before(kb: Harness) -> None:
    view = await kb.open_form("the ERP crashes when I export invoices")
    assert view["callback_id"] == "file_ticket"
    assert (await kb.guichet.knowledge.counts(LONG_AGO)).shown == 0


async def test_read_the_whole_article_opens_it_in_a_modal(kb: Harness) -> None:
    answer = await dm_answer(kb, EMPLOYEE_EN, "vpn keeps dropping when working from home")
    reads = [v for a, v in _buttons(answer) if a == "knowledge_read"]
    article = reads[0] if reads else "vpn-laptop-en"
    trigger = kb.send.new_trigger_id(EMPLOYEE_EN)
    status, _ = await kb.send.block_action(
        "knowledge_read", article, user_id=EMPLOYEE_EN, channel_id="D0X", trigger_id=trigger
    )
    assert status == 200
    view = (await kb.opened_with(trigger)).response["view"]
    assert view["callback_id"] == "knowledge_article"
    assert "Working from home with the VPN" in str(view["blocks"])


async def test_an_article_that_cannot_open_is_explained(kb: Harness) -> None:
    """*Read the whole article* when Slack cannot open it (the click's 3 seconds gone): the
    person is told to try again rather than seeing nothing happen."""
    kb.slack.fail_next("views.open", "expired_trigger_id")
    status, _ = await kb.send.block_action(
        "knowledge_read", "vpn-laptop-en", user_id=EMPLOYEE_EN, channel_id="D0X"
    )
    assert status == 200
    await kb.told_eventually(EMPLOYEE_EN, "The form could not open in time. Please try again.")


async def test_a_form_that_cannot_open_is_explained_where_the_button_was_pressed(
    kb: Harness,
) -> None:
    """ "I still need help" under the articles ``/ticket <text>`` showed: when the form cannot
    open (its trigger expired), the person reads why under the articles, only for them, even in
    a channel they are not a member of, rather than in a DM."""
    assert EMPLOYEE_EN not in kb.slack.channel_info(GENERAL)["members"]
    await _command_answer(kb, "forgot my password", EMPLOYEE_EN)
    articles = kb.ephemerals_to(EMPLOYEE_EN)[-1]  # the answer shows only to them
    need_help = next(v for a, v in _buttons(articles) if a == "knowledge_need_help")
    kb.slack.fail_next("views.open", "expired_trigger_id")
    ts, blocks = articles["ts"], articles["blocks"]
    status, _ = await kb.send.block_action(
        "knowledge_need_help",
        need_help,
        user_id=EMPLOYEE_EN,
        channel_id=GENERAL,
        message={"type": "message", "ts": ts, "text": articles["text"], "blocks": blocks},
        container={
            "type": "message",
            "message_ts": ts,
            "channel_id": GENERAL,
            "is_ephemeral": True,
        },
    )
    assert status == 200
    told = await kb.ephemeral_seen(EMPLOYEE_EN, containing="The form could not open in time")
    assert told["channel"] == GENERAL
    assert not kb.dms_to(EMPLOYEE_EN)


async def test_a_chatty_dm_full_of_the_organisations_names_gets_the_article(kb: Harness) -> None:
    # when it started, who said what and the site's name: none in an article or a word list
    question = "bonjour, depuis hier soir la photocopieuse de Kerbrat dit que mon badge est refusé"
    answer = await dm_answer(kb, EMPLOYEE_FR, question)
    assert "Ajouter une imprimante" in str(answer["blocks"]), answer["blocks"]
    counts = await kb.guichet.knowledge.counts(LONG_AGO)
    assert counts.shown == 1


def _thread_answer(bot: Harness, user: str, root: dict[str, Any]) -> dict[str, Any] | None:
    channel = bot.slack.dm_channel_id(user)
    return next(
        (
            m
            for m in bot.slack.messages(channel)
            if m.get("bot_id") and m.get("thread_ts") == root["ts"] and m["ts"] != root["ts"]
        ),
        None,
    )


async def test_a_reply_under_the_articles_is_told_it_reaches_nobody(kb: Harness) -> None:
    """« ça n’a pas marché » under Guichet's articles got no answer at all: the person thought
    they had asked for help. Told in that thread, with the button to file a ticket."""
    answer = await dm_answer(kb, EMPLOYEE_FR, "Est-ce que je dois changer mon mot de passe ?")
    channel = kb.slack.dm_channel_id(EMPLOYEE_FR)
    await kb.say(channel, "ça n’a pas marché, le lien est cassé", EMPLOYEE_FR, answer["ts"])
    told = await kb.eventually(lambda: _thread_answer(kb, EMPLOYEE_FR, answer), "the answer")
    assert told["text"] == (
        "Les réponses écrites ici ne sont transmises à personne, pas même à l’équipe de "
        "support. Si ma réponse ne vous a pas été utile, ouvrez un ticket\u00a0: le formulaire "
        "reprend ce que vous venez d’écrire."
    )
    ((action, value),) = _buttons(told)  # the form says what they wrote, after the articles
    assert action == "knowledge_file_ticket"
    assert read_file_value(value)[0] == "ça n’a pas marché, le lien est cassé"


async def test_a_ticket_filed_from_a_reply_under_the_articles_counts_after_a_suggestion(
    kb: Harness,
) -> None:
    """Filed from the button under « ça n’a pas marché », the ticket follows the articles that
    did not help: counted as filed after a suggestion, the articles as unhelpful (it counted
    as a ticket filed with no suggestion shown)."""
    answer = await dm_answer(kb, EMPLOYEE_FR, "Est-ce que je dois changer mon mot de passe ?")
    channel = kb.slack.dm_channel_id(EMPLOYEE_FR)
    await kb.say(channel, "ça n’a pas marché, le lien est cassé", EMPLOYEE_FR, answer["ts"])
    told = await kb.eventually(lambda: _thread_answer(kb, EMPLOYEE_FR, answer), "the answer")
    ((action, value),) = _buttons(told)
    trigger = kb.send.new_trigger_id(EMPLOYEE_FR)
    status, _ = await kb.send.block_action(
        action, value, user_id=EMPLOYEE_FR, channel_id=channel, trigger_id=trigger
    )
    assert status == 200
    view = (await kb.opened_with(trigger)).response["view"]
    title = next(b for b in view["blocks"] if b.get("block_id") == "title")
    assert title["element"]["initial_value"].startswith("ça n’a pas marché")
    answers = {
        "type": "incident",
        "title": "Lien de réinitialisation cassé",
        "description": "Le lien du mail renvoie une erreur 404.",
        "impact": "low",
        "urgency": "medium",
    }
    status, body = await kb.submit(view, answers, user=EMPLOYEE_FR)
    assert status == 200 and body["response_action"] == "update", body
    counts = await kb.guichet.knowledge.counts(LONG_AGO)
    assert (counts.shown, counts.answered, counts.tickets_after) == (1, 0, 1)


async def test_a_thanks_under_the_articles_is_answered_as_a_person_would(kb: Harness) -> None:
    """« merci ! » under the article that helped was told it reaches nobody, with the offer to
    file a ticket: answered « Avec plaisir ! » in that thread instead."""
    answer = await dm_answer(kb, EMPLOYEE_FR, "Est-ce que je dois changer mon mot de passe ?")
    channel = kb.slack.dm_channel_id(EMPLOYEE_FR)
    await kb.say(channel, "super, merci !", EMPLOYEE_FR, answer["ts"])
    told = await kb.eventually(lambda: _thread_answer(kb, EMPLOYEE_FR, answer), "the answer")
    assert told["text"] == "😊 Avec plaisir\u00a0!"  # not "write to me here": nobody reads it
    assert not _buttons(told)


async def test_a_file_alone_under_the_articles_is_told_how_to_reach_a_team(kb: Harness) -> None:
    """A screenshot sent alone under Guichet's articles got no answer at all: nobody sees it
    there. Told so, and how to send it to a ticket's team, with File a ticket."""
    answer = await dm_answer(kb, EMPLOYEE_EN, "Do I have to change my password?")
    channel = kb.slack.dm_channel_id(EMPLOYEE_EN)
    shot = {"id": "F1", "name": "x.png", "permalink": "https://x/x.png"}
    await kb.say(channel, "", EMPLOYEE_EN, answer["ts"], subtype="file_share", files=[shot])
    told = await kb.eventually(lambda: _thread_answer(kb, EMPLOYEE_EN, answer), "the answer")
    assert told["text"].startswith(
        "📎 I got what you sent, but I cannot tell which ticket it is for: nobody has seen it."
    )
    ((action, value),) = _buttons(told)
    assert action == "knowledge_file_ticket"
    assert read_file_value(value)[0] == ""  # the articles keep no question


def _context_texts(message: dict[str, Any]) -> list[str]:
    return [
        e["text"]
        for block in message.get("blocks", [])
        if block["type"] == "context"
        for e in block["elements"]
    ]


async def test_words_and_a_file_under_the_articles_say_the_form_takes_the_words_only(
    kb: Harness,
) -> None:
    """« the link gives this error » + a screenshot under Guichet's articles: the button filed a
    ticket pre-filled with the words, and the screenshot was dropped without a word. The filing
    form takes no file (Slack cannot pre-fill a file input): told so plainly, and how to add it
    once the ticket is filed."""
    answer = await dm_answer(kb, EMPLOYEE_EN, "Do I have to change my password?")
    channel = kb.slack.dm_channel_id(EMPLOYEE_EN)
    shot = {"id": "F1", "name": "x.png", "permalink": "https://x/x.png"}
    await kb.say(
        channel,
        "the link gives this error",
        EMPLOYEE_EN,
        answer["ts"],
        subtype="file_share",
        files=[shot],
    )
    told = await kb.eventually(lambda: _thread_answer(kb, EMPLOYEE_EN, answer), "the answer")
    assert told["text"].startswith("Replies written here reach nobody")
    ((action, value),) = _buttons(told)
    assert action == "knowledge_file_ticket"
    assert read_file_value(value)[0] == "the link gives this error"
    assert _context_texts(told)[-1] == (
        "📎 Your file reaches nobody from here: once your ticket is filed, add it with its "
        "*Add information* button."
    )


async def test_a_thanks_with_files_under_the_articles_is_not_taken_for_a_thanks(
    kb: Harness,
) -> None:
    """« merci, voici les captures » + two files was answered « Avec plaisir ! », the files
    dropped without a word: offered the form, told the files must be added to the ticket."""
    answer = await dm_answer(kb, EMPLOYEE_FR, "Est-ce que je dois changer mon mot de passe ?")
    channel = kb.slack.dm_channel_id(EMPLOYEE_FR)
    files = [{"id": f"F{n}", "name": f"capture{n}.png"} for n in (1, 2)]
    await kb.say(channel, "merci", EMPLOYEE_FR, answer["ts"], subtype="file_share", files=files)
    told = await kb.eventually(lambda: _thread_answer(kb, EMPLOYEE_FR, answer), "the answer")
    assert [a for a, _ in _buttons(told)] == ["knowledge_file_ticket"]
    assert _context_texts(told)[-1] == (
        "📎 Vos 2 fichiers ne sont transmis à personne d’ici\u00a0: une fois votre ticket "
        "ouvert, ajoutez-les avec son bouton *Ajouter des informations*."
    )


async def test_a_reply_under_the_offer_to_file_keeps_the_question(kb: Harness) -> None:
    offer = await dm_answer(kb, EMPLOYEE_EN, "the coffee machine upstairs beeps")
    assert [a for a, _ in _buttons(offer)] == ["knowledge_file_ticket"]
    channel = kb.slack.dm_channel_id(EMPLOYEE_EN)
    await kb.say(channel, "and it smells burnt", EMPLOYEE_EN, offer["ts"])
    told = await kb.eventually(lambda: _thread_answer(kb, EMPLOYEE_EN, offer), "the answer")
    assert told["text"].startswith("Replies written here reach nobody, not even the support")
    assert _buttons(told) == [
        ("knowledge_file_ticket", "the coffee machine upstairs beeps\n\nand it smells burnt")
    ]


async def test_a_ticket_filed_after_answered_is_not_answered_without_a_ticket(kb: Harness) -> None:
    """Both buttons pressed on the articles before Slack redrew them (two taps): "This answered
    my question", then "I still need help" and a ticket filed. /ticket stats counted it in both
    "answered without a ticket" and "tickets filed after a suggestion" (1 and 1 of 1 shown)."""
    answer = await dm_answer(kb, EMPLOYEE_EN, "how do I reset my password")
    channel = kb.slack.dm_channel_id(EMPLOYEE_EN)
    buttons = dict(_buttons(answer))
    status, _ = await kb.send.block_action(
        "knowledge_answered",
        buttons["knowledge_answered"],
        user_id=EMPLOYEE_EN,
        channel_id=channel,
        message=answer,
        response_url=kb.send.new_response_url(channel, answer["ts"], EMPLOYEE_EN),
    )
    assert status == 200
    assert (await kb.guichet.knowledge.counts(LONG_AGO)).answered == 1  # so far, it did
    trigger = kb.send.new_trigger_id(EMPLOYEE_EN)
    status, _ = await kb.send.block_action(
        "knowledge_need_help",
        buttons["knowledge_need_help"],
        user_id=EMPLOYEE_EN,
        channel_id=channel,
        message=answer,
        response_url=kb.send.new_response_url(channel, answer["ts"], EMPLOYEE_EN),
        trigger_id=trigger,
    )
    assert status == 200
    view = (await kb.opened_with(trigger)).response["view"]
    fields = {"type": "incident", "title": "reset password", "impact": "low", "urgency": "low"}
    status, body = await kb.submit(view, {**fields, "description": "The reset link is dead."})
    assert status == 200 and body["response_action"] == "update", body
    counts = await kb.guichet.knowledge.counts(LONG_AGO)
    assert (counts.shown, counts.answered, counts.tickets_after) == (1, 0, 1)
    stats = str((await _command_answer(kb, "stats 7d", EMPLOYEE_EN))["blocks"])
    assert "Suggestions shown: 1 · answered without a ticket: 0" in stats
