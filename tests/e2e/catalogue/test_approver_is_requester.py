"""An approver who files a request their step names: the others decide, never they. They were
asked to approve their own request, and one press approved it."""

from __future__ import annotations

from datetime import timedelta

from tests.e2e.catalogue.steps import LICENCE, press, request
from tests.e2e.harness import DESK_MEMBER, INFRA_ONCALL_2, SECURITY_ONCALL, Harness
from tests.e2e.observations import action_ids


def _asked(bot: Harness, user: str) -> bool:
    """Whether ``user`` was sent a DM with an Approve button."""
    dms = bot.slack.messages(bot.slack.dm_channel_id(user))
    return any("request_approve" in action_ids(message) for message in dms)


async def test_an_approver_filing_a_request_is_not_asked_to_approve_it(bot: Harness) -> None:
    ticket = await request(bot, "software_licence", LICENCE, user=DESK_MEMBER)
    assert ticket.approval == "pending"
    told = bot.told(DESK_MEMBER)[-1]
    assert f"waits for approval by <@{INFRA_ONCALL_2}>." in told, told
    assert f"<@{DESK_MEMBER}>" not in told.partition("approval by")[2]
    assert _asked(bot, INFRA_ONCALL_2)
    assert not _asked(bot, DESK_MEMBER)  # nothing of their own to decide
    stored = await bot.guichet.database.handle["approvals"].find_one({"_id": ticket.id})
    assert stored is not None and DESK_MEMBER not in stored["asked"]
    # a press forged from the other approver's DM decides nothing
    await press(
        bot,
        INFRA_ONCALL_2,
        "request_approve",
        as_user=DESK_MEMBER,
        message=bot.latest_dm(INFRA_ONCALL_2, "request_approve"),
    )
    await bot.settled()
    assert (await bot.ticket(ticket.id)).approval == "pending"
    # reminded and then the fallback: still never the requester
    await bot.tick(timedelta(minutes=61))
    await bot.tick(timedelta(hours=4))
    assert not _asked(bot, DESK_MEMBER)
    assert _asked(bot, SECURITY_ONCALL)
    await press(bot, INFRA_ONCALL_2, "request_approve")
    await bot.eventually(lambda: _approved(bot, ticket.id), "the request approved by someone else")


async def _approved(bot: Harness, ticket_id: str) -> bool:
    return (await bot.ticket(ticket_id)).approval == "approved"


async def test_a_group_member_filing_is_left_out_and_a_group_of_them_alone_falls_back(
    bot: Harness,
) -> None:
    bot.slack.set_usergroup("S0LEADS", [INFRA_ONCALL_2, DESK_MEMBER])
    first = await request(bot, "admin_rights", {"field_why": "Install drivers"}, user=DESK_MEMBER)
    assert f"approval by <@{INFRA_ONCALL_2}>." in bot.told(DESK_MEMBER)[-1]
    assert not _asked(bot, DESK_MEMBER) and _asked(bot, INFRA_ONCALL_2)
    bot.slack.set_usergroup("S0LEADS", [DESK_MEMBER])  # they alone: the fallback decides
    second = await request(bot, "admin_rights", {"field_why": "Again"}, user=DESK_MEMBER)
    assert f"approval by <@{SECURITY_ONCALL}>." in bot.told(DESK_MEMBER)[-1]
    assert not _asked(bot, DESK_MEMBER)
    assert first.id != second.id
