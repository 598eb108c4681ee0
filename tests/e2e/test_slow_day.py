"""On a slow day (every Web API call taking 1 s), each form a gesture opens still opens: the
bot opens it before its other calls, within the trigger's 3 seconds (Slack: "Triggers expire in
three seconds"), then completes it with views.update. The emulator counts the time on its own
clock (``slow_day``), so nothing waits for real."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest

from tests.e2e.harness import DESK_AGENT, DESK_MEMBER, EMPLOYEE_EN, EMPLOYEE_FR, Harness

pytestmark = pytest.mark.asyncio

SECONDS_PER_CALL = 1.0


async def _form_opened(
    bot: Harness, user: str, gesture: Callable[[str], Awaitable[object]]
) -> dict:
    """Run ``user``'s ``gesture`` (given its trigger id) on a slow day; the call to views.open
    it made (with that trigger id), which must succeed."""
    trigger = bot.send.new_trigger_id(user)
    bot.slack.slow_day(SECONDS_PER_CALL)
    try:
        await gesture(trigger)
        opened = await bot.opened_with(trigger)
    finally:
        bot.slack.slow_day(0)
    assert opened.ok, opened.response
    return opened.response["view"]


async def test_the_filing_form_of_someone_new(bot: Harness) -> None:
    form = await _form_opened(
        bot, EMPLOYEE_FR, lambda t: bot.send.command("", user_id=EMPLOYEE_FR, trigger_id=t)
    )
    assert form["title"]["text"] == "Nouveau ticket"


async def test_the_filing_form_from_a_text(bot: Harness) -> None:
    form = await _form_opened(
        bot,
        EMPLOYEE_EN,
        lambda t: bot.send.command("my VPN drops every hour", user_id=EMPLOYEE_EN, trigger_id=t),
    )
    assert "my VPN drops every hour" in str(form["blocks"])


async def test_the_filing_form_from_a_message(bot: Harness) -> None:
    message = bot.slack.add_message("C0GENERAL", "The printer is on fire", user=EMPLOYEE_FR)
    form = await _form_opened(
        bot,
        EMPLOYEE_EN,
        lambda t: bot.send.shortcut(
            "ticket_from_message",
            message=message,
            channel_id="C0GENERAL",
            user_id=EMPLOYEE_EN,
            trigger_id=t,
        ),
    )
    assert form["title"]["text"] == "New ticket"


async def test_the_filing_form_from_the_home_tab(bot: Harness) -> None:
    home = await bot.open_home(EMPLOYEE_EN)
    form = await _form_opened(
        bot,
        EMPLOYEE_EN,
        lambda t: bot.send.block_action(
            "home_new_ticket", user_id=EMPLOYEE_EN, view=home, trigger_id=t
        ),
    )
    assert form["title"]["text"] == "New ticket"


@pytest.mark.parametrize("action_id", ["ticket_edit", "ticket_assign", "knowledge_reply"])
async def test_the_forms_of_a_ticket_card(bot: Harness, action_id: str) -> None:
    ticket = await bot.file("information_request", "Password reset?", "Where is the procedure?")
    await _form_opened(
        bot, DESK_AGENT, lambda t: bot.choose(ticket.id, action_id, None, DESK_AGENT, None, t)
    )


async def test_the_requesters_add_information_form(bot: Harness) -> None:
    ticket = await bot.file(
        "information_request", "Password reset?", "Where is it?", user=EMPLOYEE_FR
    )
    await bot.choose(ticket.id, "ticket_claim", None, DESK_MEMBER)
    await bot.card_updated(ticket)  # the claim shown on its card
    form = await _form_opened(
        bot, EMPLOYEE_FR, lambda t: bot.press_in_dm(EMPLOYEE_FR, "ticket_add_info", trigger_id=t)
    )
    assert form["title"]["text"] == "Ajouter des informations"
