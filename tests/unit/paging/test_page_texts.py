"""What an on-call person and the channel read of a paging, in French and English."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from bot.domain.config import load_services_config
from bot.domain.models import Language, Outgoing, OutgoingKind, Paging, Priority, TicketType
from handlers.paging.blocks import delivery_failure, last_level, page
from tests.e2e.harness import SERVICES_FILE
from tests.e2e.observations import searchable
from tests.fakes import ticket as fake_ticket

CONFIG = load_services_config(SERVICES_FILE)
NOW = datetime(2026, 1, 5, 3, 0, tzinfo=UTC)
EMERGENCY = fake_ticket(
    at=NOW,
    id="EMG-4",
    type=TicketType.EMERGENCY,
    priority=Priority.P1,
    service="infra_network",
    paging=Paging(started_at=NOW, next_at=NOW, level=1, pages=3),
)


def _page(message: Outgoing, language: Language, skipped_to: int = 0) -> str:
    assert EMERGENCY.paging is not None
    ticket = replace(EMERGENCY, paging=replace(EMERGENCY.paging, skipped_to=skipped_to))
    rendered = page(ticket, message, CONFIG, language, NOW + timedelta(minutes=10))
    return searchable([block.to_dict() for block in rendered.blocks])


def test_the_last_level_notice_reads_right_for_one_person_in_french() -> None:
    """« je les rappelle » spoke of one person as several: the level is paged again."""
    notice = Outgoing(OutgoingKind.LAST_LEVEL, "EMG-4", level=1, number=3)
    french = last_level(EMERGENCY, notice, CONFIG, Language.FR).text
    assert "(niveau 2\u00a0: <@U0INFRA2>)" in french
    assert "je rappelle ce niveau toutes les 5 min jusqu’à ce que quelqu’un acquitte" in french
    assert "les rappelle" not in french
    english = last_level(EMERGENCY, notice, CONFIG, Language.EN).text
    assert "I will page this level again every 5 min until someone acknowledges" in english


def test_a_first_page_above_level_one_says_why_it_came_up() -> None:
    first = Outgoing(OutgoingKind.PAGE, "EMG-4", recipient="U0INFRA2", level=1, number=1)
    by_time = _page(first, Language.FR)
    assert "L’alerte remonte jusqu’à vous\u00a0: personne n’a acquitté depuis <!date^" in by_time
    assert "(niveau 1\u00a0: <@U0INFRA1>)." in by_time and "Appel n°" not in by_time
    unreachable = _page(first, Language.FR, skipped_to=1)
    assert (
        "L’alerte remonte jusqu’à vous tout de suite\u00a0: je n’ai pu appeler personne en "
        "dessous (niveau 1\u00a0: <@U0INFRA1>)." in unreachable
    )
    again = Outgoing(OutgoingKind.PAGE, "EMG-4", recipient="U0INFRA2", level=1, number=2)
    assert "Page #2 to you: nobody has acknowledged since <!date^" in _page(again, Language.EN)


def test_a_page_above_pages_given_up_unanswered_says_they_may_have_arrived() -> None:
    """Level 1's page was given up with every answer lost: "I could not page anyone" would be
    false (it may be on their screen); the page above says Slack never confirmed it."""
    assert EMERGENCY.paging is not None
    unsure = replace(EMERGENCY.paging, skipped_to=1, unconfirmed={"U0INFRA1": 1})
    first = Outgoing(OutgoingKind.PAGE, "EMG-4", recipient="U0INFRA2", level=1, number=1)
    at = NOW + timedelta(minutes=10)
    for language, said in (
        (
            Language.FR,
            "L’alerte remonte jusqu’à vous tout de suite\u00a0: je ne sais pas si mes appels aux "
            "niveaux inférieurs sont arrivés (niveau 1\u00a0: <@U0INFRA1>).",
        ),
        (
            Language.EN,
            "Escalated to you at once: I cannot tell whether my pages reached anyone below you "
            "(level 1: <@U0INFRA1>).",
        ),
    ):
        rendered = page(replace(EMERGENCY, paging=unsure), first, CONFIG, language, at)
        text = searchable([block.to_dict() for block in rendered.blocks])
        assert said in text, text
        assert "n’ai pu appeler" not in text and "could not page" not in text


def test_the_channel_is_told_a_page_given_up_unanswered_may_have_arrived() -> None:
    lost = Outgoing(OutgoingKind.PAGE, "EMG-4", recipient="U0INFRA1", level=0, number=1)
    reason = "network: ServerDisconnectedError (8 attempts)"
    french = delivery_failure(lost, EMERGENCY, reason, Language.FR, "C0INFRA", maybe_sent=True)
    assert french == (
        "⚠️ Je ne sais pas si mon appel à <@U0INFRA1> pour *EMG-4* lui est parvenu (network: "
        "ServerDisconnectedError (8 attempts))\u00a0: il l’a peut-être reçu, ou non. Joignez "
        "cette personne autrement."
    ), french
    english = delivery_failure(lost, EMERGENCY, reason, Language.EN, "C0INFRA", maybe_sent=True)
    assert english.startswith("⚠️ I cannot tell whether my page to <@U0INFRA1> for *EMG-4*")
    refused = delivery_failure(lost, EMERGENCY, "user_disabled", Language.EN, "C0INFRA")
    assert refused.startswith("⚠️ I could not page <@U0INFRA1> for *EMG-4* (user_disabled)")
