"""Only the latest DM about a ticket keeps buttons, the approvers' too: a reminder takes the
buttons of the request it reminds, which says where they went; the decision then clears the
reminder as well."""

from __future__ import annotations

from datetime import timedelta

from tests.e2e.catalogue.steps import LICENCE, press, request
from tests.e2e.harness import DESK_MEMBER, INFRA_ONCALL_1, Harness
from tests.e2e.observations import action_ids


def _asked(bot: Harness, approver: str, ticket_id: str) -> list[dict]:
    """``approver``'s DMs about ``ticket_id`` (the request, the reminder), as they stand now."""
    channel = bot.slack.dm_channel_id(approver)
    return [m for m in bot.slack.messages(channel) if f"{ticket_id}" in str(m.get("blocks"))]


async def test_a_reminder_takes_the_buttons_of_the_request(bot: Harness) -> None:
    ticket = await request(bot, "software_licence", LICENCE)
    [asked] = _asked(bot, DESK_MEMBER, ticket.id)
    assert action_ids(asked) == ["request_approve", "request_reject"]
    await bot.tick(timedelta(minutes=61))  # the reminder
    first, reminder = _asked(bot, DESK_MEMBER, ticket.id)
    assert reminder["text"].startswith("Reminder:") and action_ids(reminder)
    assert action_ids(first) == []  # the request gave its buttons to the reminder
    assert first["text"] == asked["text"]  # what it asked stays
    assert f"Your decision on *{ticket.id}* is now asked for in the latest message" in str(
        first["blocks"]
    )
    french = _asked(bot, INFRA_ONCALL_1, ticket.id)  # the second step's approver: not asked yet
    assert not french

    await press(bot, DESK_MEMBER, "request_approve")
    await bot.eventually(
        lambda: not any(action_ids(m) for m in _asked(bot, DESK_MEMBER, ticket.id)),
        "the reminder decided too",
    )
