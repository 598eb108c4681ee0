"""A private service (security, ``private: true`` in tests/data/services.yml): a private
channel checked at start-up, its tickets shown to their people only, never linked to another
team's emergency."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from aiohttp import web

from bot.app.build import build
from bot.domain.clock import ManualClock
from bot.domain.config import load_services_config
from bot.domain.errors import ConfigError
from bot.domain.models import Ticket
from sandbox.emulator import SlackEmulator
from storage.client import Database
from tests.e2e.harness import (
    DESK_AGENT,
    EMPLOYEE_EN,
    OUTSIDER,
    SECURITY_ONCALL,
    SERVICES_FILE,
    TOKEN,
    Harness,
    populate,
    settings_for,
)
from tests.e2e.workspace import ADMIN


@pytest.mark.parametrize(
    "channel,problem",
    [
        ("public", "C0SECURITY is a public channel; a private service (private: true) needs"),
        ("missing", "C0SECURITY cannot be found (invite Guichet to the private channel)"),
    ],
)
async def test_start_up_refuses_a_private_service_without_a_private_channel(
    memory_database: Database, channel: str, problem: str
) -> None:
    async with SlackEmulator(token=TOKEN) as slack:
        populate(slack)
        if channel == "public":
            slack.add_channel("C0SECURITY", name="it-security", is_private=False)
        else:
            slack._channels.pop("C0SECURITY")
        guichet = build(
            settings_for(slack),
            load_services_config(SERVICES_FILE),
            memory_database,
            clock=ManualClock(),
        )
        runner = web.AppRunner(guichet.web)
        with pytest.raises(ConfigError) as refused:
            await runner.setup()
        await runner.cleanup()
    message = str(refused.value)
    assert message.startswith("services file: services.security.channel: ") and problem in message
    assert "\n" not in message


async def _security_ticket(bot: Harness) -> Ticket:
    ticket = await bot.file(
        "incident", "Phishing email from the CEO", "Someone sent a phishing link to payroll."
    )
    assert ticket.service == "security" and ticket.message is not None
    assert ticket.message.channel == "C0SECURITY"
    return ticket


async def _answer(bot: Harness, text: str, user: str) -> str:
    answer = await bot.command_answer(text, user)
    return str(answer.get("blocks") or answer.get("text"))


async def test_a_private_ticket_is_seen_by_its_people_only(bot: Harness) -> None:
    ticket = await _security_ticket(bot)
    for stranger in (OUTSIDER, DESK_AGENT):  # nobody, and another team's agent
        assert "Phishing email" not in await _answer(bot, f"show {ticket.id}", stranger)
        assert ticket.id not in str(await bot.open_home(stranger))
    for insider in (EMPLOYEE_EN, SECURITY_ONCALL, ADMIN):  # requester, its people, an admin
        assert "Phishing email from the CEO" in await _answer(bot, f"show {ticket.id}", insider)
    assert ticket.id in str(await bot.open_home(SECURITY_ONCALL))
    bot.clock.advance(timedelta(minutes=1))  # reports read the tickets filed before now
    overall = await _answer(bot, "stats", OUTSIDER)
    assert "*Tickets*\\n1" in overall and "Phishing" not in overall  # counted, not named
    desk_export = await _answer(bot, "export", DESK_AGENT)  # another team's agent
    assert "Aucun ticket du Centre de support" in desk_export and ticket.id not in desk_export
    await _answer(bot, "export", SECURITY_ONCALL)
    (security_file,) = bot.slack.uploads()
    rows = list(csv.reader(io.StringIO((security_file.data or b"").decode("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == [ticket.id]


async def test_a_private_incident_never_joins_another_teams_emergency(bot: Harness) -> None:
    emergency = await bot.file(
        "emergency",
        "Production site down",
        "The whole network of the warehouse is down, nobody can work.",
        impact="high",
        urgency="high",
    )
    assert emergency.service == "infra_network"
    public = await bot.file(
        "incident", "Production site down", "The whole network of the warehouse is down."
    )
    assert public.problem_id == emergency.id  # storm mode: a public incident joins it
    private = await bot.file(
        "incident",
        "Production site down",
        "Phishing and ransomware: the whole network of the warehouse is down.",
    )
    assert private.service == "security"
    assert private.problem_id is None and private.message is not None  # posted, on its own
    assert private.message.channel == "C0SECURITY"
    assert private.id not in (await bot.ticket(emergency.id)).linked_incidents
