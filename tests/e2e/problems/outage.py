"""One outage (mail cannot be sent) reported by six people, and the steps the problem tests share:
report it, find the suggestion, create the problem."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot.domain.models import Ticket
from tests.e2e.harness import (
    DESK_AGENT,
    EMPLOYEE_EN,
    EMPLOYEE_FR,
    Harness,
)

DESK = "C0DESK"  # the service desk's channel; it speaks French (tests/data/services.yml)
TICK = timedelta(seconds=30)

# One outage (mail cannot be sent), reported by six people in their words and languages.
MAIL_DOWN = [
    ("Outlook cannot send emails", "Since 10am Outlook will not send any email."),
    (
        "Messagerie en panne",
        "Impossible d'envoyer des mails depuis ce matin, la messagerie est HS.",
    ),
    ("Emails stuck in the outbox", "Outlook will not send my emails, they stay in the outbox."),
    ("Outlook n'envoie plus les mails", "Mes mails restent dans la boîte d'envoi."),
    ("Cannot send email from Outlook", "Every email I send stays in the outbox."),
    (
        "Mails bloqués dans Outlook",
        "Aucun mail ne part, ils restent coincés dans la boîte d'envoi.",
    ),
]
PEOPLE = {"U0ANNA": "fr-FR", "U0BOB": "fr-FR", "U0CLARA": "en-US", "U0DAVID": "en-GB"}
REQUESTERS = [EMPLOYEE_EN, EMPLOYEE_FR, "U0ANNA", "U0BOB", "U0CLARA", "U0DAVID"]
FRENCH = {EMPLOYEE_FR, "U0ANNA", "U0BOB"}


async def report(bot: Harness, number: int) -> Ticket:
    """Requester ``number`` reports the outage (an incident for the service desk)."""
    title, description = MAIL_DOWN[number]
    ticket = await bot.file(
        "incident", title, description, impact="medium", urgency="medium", user=REQUESTERS[number]
    )
    assert ticket.service == "service_desk", ticket.service
    return ticket


def suggestion_posts(bot: Harness) -> list[Any]:
    return [c for c in bot.top_level(DESK) if "incidents similaires" in c.args["text"]]


def as_shown(bot: Harness, call: Any) -> dict[str, Any]:
    """A message as Slack shows it now (after updates)."""
    return bot.slack.message(call.response["channel"], call.response["ts"])


def buttons(message: dict[str, Any]) -> list[tuple[str, str]]:
    found = []
    for block in message.get("blocks") or []:
        elements = [block["accessory"]] if "accessory" in block else block.get("elements", [])
        found += [
            (e["action_id"], e.get("value", "")) for e in elements if e.get("type") == "button"
        ]
    return found


async def three_reports(bot: Harness) -> tuple[list[Ticket], Any]:
    tickets = [await report(bot, n) for n in range(3)]
    (post,) = await bot.eventually(lambda: suggestion_posts(bot), "the suggestion")
    return tickets, post


async def make_problem(bot: Harness) -> tuple[list[Ticket], Ticket]:
    """Three reports, the suggestion, "Create a problem", one tick: PRB-1 with its incidents."""
    tickets, post = await three_reports(bot)
    await bot.press(DESK, as_shown(bot, post), "problem_create", DESK_AGENT)

    async def created() -> Ticket | None:
        problem = await bot.guichet.helpdesk.tickets.get("PRB-1")
        return problem if problem and problem.message and problem.linked_incidents else None

    problem = await bot.eventually(created, "the problem")
    await bot.tick()
    return tickets, await bot.ticket(problem.id)


def dm_texts(bot: Harness, user: str) -> list[str]:
    return [c.args["text"] for c in bot.dms_to(user)]


def fixed_dms(bot: Harness, number: int, problem_id: str) -> list[str]:
    """The "the problem is fixed" DMs requester ``number`` got."""
    return [t for t in dm_texts(bot, REQUESTERS[number]) if problem_id in t and "✅" in t]
