"""/ticket help, list, show, and /healthz."""

from __future__ import annotations

from datetime import timedelta

import aiohttp
import pytest

from bot.domain.errors import StoreUnavailable
from bot.domain.models import (
    Classification,
    HistoryAction,
    HistoryEntry,
    Language,
    Level,
    NewTicket,
    Priority,
    Status,
    TicketType,
)
from tests.e2e.harness import DESK_AGENT, DESK_MEMBER, EMPLOYEE_EN, EMPLOYEE_FR, OUTSIDER, Harness
from tests.e2e.observations import searchable
from tests.e2e.workspace import ADMIN, GROUP_ADMIN


async def _answer(bot: Harness, text: str, user: str = EMPLOYEE_EN) -> dict:
    url = bot.send.new_response_url("C0GENERAL", None, user)
    status, body = await bot.send.command(text, user_id=user, response_url=url)
    assert status == 200 and not body, body  # acked at once, empty
    return await bot.answered(url, f"the answer to /ticket {text}")


async def test_help_in_both_languages(bot: Harness) -> None:
    english = await _answer(bot, "help")
    assert "/ticket list" in english["text"] and "open the form" in english["text"]
    french = await _answer(bot, "aide", user=EMPLOYEE_FR)
    assert "ouvrir le formulaire" in french["text"]
    for answer in (english, french):  # the knowledge base too
        assert "`/ticket kb [" in answer["text"], answer["text"]
    assert not bot.slack.calls_to("views.open")


async def test_help_shows_the_admin_commands_to_admins_only(bot: Harness) -> None:
    for admin in (ADMIN, GROUP_ADMIN):  # named in the services file, or through a user group
        shown = (await _answer(bot, "help", user=admin))["text"]
        assert "`/ticket audit [30" in shown and "`/ticket privacy export @" in shown
        assert "`/ticket privacy erase @" in shown
    assert "*Pour les administrateurs*" in shown  # the group admin reads French
    for someone in (EMPLOYEE_EN, EMPLOYEE_FR, DESK_MEMBER):  # an agent is not an admin
        shown = (await _answer(bot, "help", user=someone))["text"]
        assert "audit" not in shown and "privacy" not in shown


async def test_list_my_open_tickets(bot: Harness) -> None:
    empty = await _answer(bot, "list")
    assert "no open tickets" in str(empty["blocks"])
    first = await bot.file(title="Printer jams on floor 3")
    second = await bot.file("service_request", title="Install Visio please")
    await bot.file(title="Not mine", user=EMPLOYEE_FR)
    cancelled = HistoryEntry(
        first.id, bot.clock.now(), EMPLOYEE_EN, HistoryAction.STATUS, "new", "cancelled"
    )
    await bot.guichet.helpdesk.tickets.record(cancelled, {"status": Status.CANCELLED})
    answer = await _answer(bot, "list")
    text = str(answer["blocks"])
    assert second.id in text and "Install Visio please" in text
    assert first.id not in text and "Not mine" not in text
    assert answer.get("response_type", "ephemeral") == "ephemeral"


async def test_an_agents_list_shows_the_tickets_they_have(bot: Harness) -> None:
    """An agent's ``/ticket list`` said "You have no open tickets" while they were working
    several: it lists what they have too, what is due first, after what they filed."""
    later = await bot.file("information_request", "Excel macro?", "When you can", "low", "low")
    urgent = await bot.file("information_request", "Password procedure?", "Now", "high", "high")
    for ticket in (later, urgent):
        await bot.claim(ticket, DESK_MEMBER)
    queued = await bot.file(
        "information_request", "How do I reset my password?", "Where?", user=EMPLOYEE_FR
    )

    answer = await _answer(bot, "list", user=DESK_MEMBER)  # en-GB; filed nothing
    text = searchable(answer["blocks"])
    assert "no open tickets" not in text
    assert "*Your open tickets*" in text and "None of the tickets you filed is open." in text
    assert "*Assigned to you* (most pressing first)" in text
    assert text.index(urgent.id) < text.index(later.id)  # the P1 before the P4 filed earlier
    assert queued.id not in text, queued.service  # in the queue: nobody has it
    assert queued.service == "service_desk", queued

    mine = await bot.file(title="My own laptop is slow", user=DESK_AGENT)
    await bot.claim(queued, DESK_AGENT)
    french = searchable((await _answer(bot, "list", user=DESK_AGENT))["blocks"])
    assert "*Vos tickets ouverts*" in french and "*Pris en charge par vous*" in french
    assert french.index(mine.id) < french.index("Pris en charge") < french.index(queued.id)
    assert urgent.id not in french  # DESK_MEMBER's

    assert "no open tickets" in str((await _answer(bot, "list", user=OUTSIDER))["blocks"])


async def test_list_shows_all_of_sixty_open_tickets_as_the_home_tab_says(bot: Harness) -> None:
    long = "Problème d’impression & de numérisation au 3e étage, bâtiment B, très long titre"
    for n in range(60):
        bot.clock.advance(timedelta(minutes=1))
        new = NewTicket(
            type=TicketType.INCIDENT,
            title=f"{long} {n}",
            description="Rien ne sort.",
            impact=Level.MEDIUM,
            urgency=Level.MEDIUM,
            priority=Priority.P3,
            service="infra_network",
            requester=EMPLOYEE_FR,
            language=Language.FR,
            classification=Classification("infra_network", 0.8, ()),
            created_at=bot.clock.now(),
        )
        await bot.guichet.helpdesk.tickets.create(new)
    home = await bot.open_home(EMPLOYEE_FR)
    assert "`/ticket list` les montre tous" in str(home["blocks"])  # 15 there, the rest here

    answer = await _answer(bot, "list", user=EMPLOYEE_FR)
    sections = [b["text"]["text"] for b in answer["blocks"][1:]]
    assert len(answer["blocks"]) <= 50 and all(len(s) <= 3000 for s in sections)
    lines = "\n".join(sections).split("\n")
    assert len(lines) == 60 and not any("de plus" in line for line in lines)  # before: 20
    assert {line.split("*")[1] for line in lines} == {f"INC-{n}" for n in range(1, 61)}
    assert all(line.endswith("· P3 · Infrastructure et réseau") for line in lines)
    assert "numérisation au 3e étage" in lines[0] and "&amp;" in lines[0]  # whole, escaped


async def test_show_a_ticket_with_its_history(bot: Harness) -> None:
    ticket = await bot.file(title="VPN drops every hour", user=EMPLOYEE_FR)
    answer = await _answer(bot, f"show {ticket.id.lower()}", user=EMPLOYEE_FR)
    text = str(answer["blocks"])
    assert ticket.id in text and "VPN drops every hour" in text
    assert "Historique" in text and "ouvert par <@U0MARIE>" in text and "publié dans" in text
    assert "ticket_claim" not in text  # details, not buttons
    shortcut = await _answer(bot, ticket.id, user=EMPLOYEE_FR)
    assert ticket.id in str(shortcut["blocks"])


async def test_show_takes_an_id_as_people_type_it(bot: Harness) -> None:
    """``/ticket show`` with the id written with a ``#``, in bold, followed by punctuation or
    without its hyphen shows the ticket; a word with a number that is no id is answered (it is
    not a request to file: no form titled "show 42")."""
    ticket = await bot.file(title="VPN drops every hour")
    for text in (f"show #{ticket.id}", f"show {ticket.id}.", "show inc1", f"*{ticket.id}*"):
        answer = await _answer(bot, text)
        assert ticket.id in str(answer["blocks"]) and "VPN drops every hour" in answer["text"], text
    assert "“42” is not a ticket id" in (await _answer(bot, "show 42"))["text"]
    french = await _answer(bot, "voir INC_1", user=EMPLOYEE_FR)
    assert "«\u00a0INC_1\u00a0» n’est pas un numéro de ticket" in french["text"], french["text"]
    assert not bot.slack.calls_to("views.open")[1:]  # only the form the ticket was filed with
    # a word alone that only looks like one is a request: the form, pre-filled
    view = await bot.open_form("Win10")
    assert "Win10" in str(view["blocks"])


async def test_an_id_typed_fast_is_shown_not_filed(bot: Harness) -> None:
    """ "/ticket inc1", "/ticket inc 1", "/ticket voir INC 1" opened the filing form titled
    with what was typed: one of Guichet's own prefixes and a number is that ticket."""
    ticket = await bot.file(title="VPN drops every hour", user=EMPLOYEE_FR)
    opened = len(bot.slack.calls_to("views.open"))
    for text in ("inc1", "Inc 1", "voir INC 1", "show #inc 1"):
        answer = await _answer(bot, text, user=EMPLOYEE_FR)
        assert ticket.id in str(answer["blocks"]) and "VPN drops" in answer["text"], text
    assert len(bot.slack.calls_to("views.open")) == opened  # no form
    view = await bot.open_form("vpn 2")  # not a prefix of ours: a request
    assert "vpn 2" in str(view["blocks"])


async def test_my_tickets_in_so_many_words_lists_them(bot: Harness) -> None:
    """« /ticket mes tickets » opened a form titled « mes tickets »."""
    ticket = await bot.file(title="VPN drops every hour", user=EMPLOYEE_FR)
    for text in ("mes tickets", "Mes  demandes", "my tickets"):
        answer = await _answer(bot, text, user=EMPLOYEE_FR)
        assert ticket.id in str(answer["blocks"]), text
    assert "Vos tickets ouverts" in answer["text"]
    assert len(bot.slack.calls_to("views.open")) == 1  # the filing only


async def test_show_refusals(bot: Harness) -> None:
    assert "Give the ticket id" in (await _answer(bot, "show"))["text"]
    assert "cannot find ticket *INC-99*" in (await _answer(bot, "show INC-99"))["text"]
    ticket = await bot.file(title="Password expired")
    refused = await _answer(bot, f"show {ticket.id}", user=OUTSIDER)
    assert "visible only to its requester and its team" in refused["text"]
    # members of the service's channel may see it
    allowed = await _answer(bot, f"show {ticket.id}", user=DESK_MEMBER)
    assert ticket.id in str(allowed["blocks"])


async def test_database_down_answers_try_again(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def down(*args: object, **kwargs: object) -> None:
        raise StoreUnavailable("connection refused")

    monkeypatch.setattr(bot.guichet.helpdesk.tickets, "list_for_requester", down)
    answer = await _answer(bot, "list", user=EMPLOYEE_FR)
    assert "ne répond pas" in answer["text"]


async def test_database_down_while_filing_shows_in_the_modal(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def down(*args: object, **kwargs: object) -> None:
        raise StoreUnavailable("connection refused")

    view = await bot.open_form()
    monkeypatch.setattr(bot.guichet.helpdesk.tickets, "create", down)
    _, body = await bot.submit(
        view,
        {"type": "incident", "title": "t", "description": "d", "impact": "low", "urgency": "low"},
    )
    assert body["response_action"] == "errors"
    assert "Nothing was saved" in body["errors"]["description"]
    assert not bot.slack.calls_to("chat.postMessage")


async def test_a_mistyped_subcommand_with_its_words_is_answered_not_filed(bot: Harness) -> None:
    """``/ticket stast 30d``, ``/ticket exprot security``: a slip for a sub-command that takes
    words after it is answered with the command meant, words and all, and opens no form titled
    with the slip; a slip for one that takes none, followed by words, is still a request."""
    typed = (
        ("stast 30d", EMPLOYEE_EN, "Did you mean `/ticket stats 30d`?"),
        ("exprot security", EMPLOYEE_EN, "Did you mean `/ticket export security`?"),
        ("shwo INC-42", EMPLOYEE_EN, "Did you mean `/ticket show INC-42`?"),
        (
            "exporetr sécurité 7j",
            EMPLOYEE_FR,
            "Vouliez-vous dire `/ticket exporter sécurité 7j`\u00a0?",
        ),
    )
    for text, user, said in typed:
        answer = await _answer(bot, text, user=user)
        assert said in answer["text"], answer["text"]
    assert not bot.slack.calls_to("views.open")
    view = await bot.open_form("lsit of printers to replace")
    assert "lsit of printers to replace" in str(view["blocks"])


async def test_healthz(bot: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    async with aiohttp.ClientSession() as session:
        async with session.get(f"{bot.base_url}/healthz") as response:
            assert response.status == 200
            body = await response.json()
            assert {key: body[key] for key in ("status", "database", "store")} == {
                "status": "ok",
                "database": "up",
                "store": "in-memory" if not bot.guichet.database.persistent else "mongodb",
            }

        async def no_answer() -> bool:
            return False

        monkeypatch.setattr(bot.guichet.database, "ping", no_answer)
        async with session.get(f"{bot.base_url}/healthz") as response:
            assert response.status == 503
            assert (await response.json())["database"] == "down"


async def test_a_mistyped_subcommand_is_answered_not_filed(bot: Harness) -> None:
    """``/ticket lsit`` (a slip: two letters swapped, one left out or one too many) answers
    "Did you mean `/ticket list`?" and how to file, and opens no form titled "lsit"; one-word
    requests one *different* letter from a sub-command (``voip``, ``audio``) are still filed."""
    for typed, meant in (("lsit", "list"), ("stast", "stats"), ("exprot", "export")):
        answer = await _answer(bot, typed)
        assert f"Did you mean `/ticket {meant}`?" in answer["text"], answer["text"]
        assert "`/ticket <your request>`" in answer["text"]
        assert answer.get("response_type", "ephemeral") == "ephemeral"
    french = await _answer(bot, "hlep", user=EMPLOYEE_FR)
    assert "Vouliez-vous dire `/ticket help`\u00a0?" in french["text"], french["text"]
    assert "`/ticket <votre demande>`" in french["text"]
    assert not bot.slack.calls_to("views.open")
    for request in ("vpn", "imprimante", "outlook", "voip", "audio"):
        view = await bot.open_form(request)
        assert request in str(view["blocks"]), request
