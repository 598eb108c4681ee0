"""The requester cancels their ticket: their DMs with buttons lose them as reliably as the other
DM updates, through an outbox item stored before it is tried (``REQUESTER_DMS_RETIRED``), tried
again while Slack cannot take it; a redelivery changes nothing."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot.domain.models import OutgoingKind, Status, Ticket
from bot.outbox.deliveries import backoff
from tests.e2e.harness import DESK_MEMBER, EMPLOYEE_EN, EMPLOYEE_FR, Harness
from tests.e2e.observations import action_ids, context_text


async def _filed_then_claimed(bot: Harness, user: str) -> tuple[Ticket, dict[str, Any]]:
    """A ticket ``user`` filed, claimed by an agent; returns it and the filed DM as the
    requester's Slack client still shows it (with its buttons: the claim's DM has them now)."""
    ticket = await bot.file(
        "information_request", "How do I reset my password?", "Where is it?", user=user
    )
    filed = bot.latest_dm(user, "ticket_cancel")
    await bot.claim(ticket, DESK_MEMBER)
    await bot.settled()
    return ticket, filed


async def _outbox(bot: Harness, ticket_id: str) -> list[dict[str, Any]]:
    kind = OutgoingKind.REQUESTER_DMS_RETIRED.value
    query = {"message.ticket_id": ticket_id, "message.kind": kind}
    return list(await bot.guichet.database.handle["outbox"].find(query).to_list(100))


async def _recorded(bot: Harness, ticket_id: str) -> list[dict[str, Any]]:
    document = await bot.guichet.database.handle["tickets"].find_one({"_id": ticket_id})
    return list((document or {}).get("requester_dms") or [])


async def test_the_buttons_come_off_once_slack_takes_the_update_again(bot: Harness) -> None:
    ticket, filed = await _filed_then_claimed(bot, EMPLOYEE_EN)
    dm = bot.slack.dm_channel_id(EMPLOYEE_EN)
    claimed = bot.latest_dm(EMPLOYEE_EN, "ticket_cancel")  # the live one, after the claim
    assert claimed["ts"] != filed["ts"] and not action_ids(bot.slack.message(dm, filed["ts"]))
    down = bot.slack.server_error("chat.update", channel=dm, times=100)

    # pressed in the filed DM as their client still showed it: the claim's DM is the live one
    status, _ = await bot.send.block_action(
        "ticket_cancel", None, user_id=EMPLOYEE_EN, channel_id=dm, message=filed
    )
    assert status == 200
    await bot.told_eventually(EMPLOYEE_EN, f"🚫 You cancelled *{ticket.id}*.")
    assert (await bot.ticket(ticket.id)).status is Status.CANCELLED

    async def refused() -> bool:  # stored, tried at once, refused by Slack
        items = await _outbox(bot, ticket.id)
        return len(items) == 1 and items[0]["state"] == "pending" and bool(items[0]["last_error"])

    await bot.eventually(refused, "the update stored and tried")
    assert action_ids(bot.slack.message(dm, claimed["ts"]))  # still there, for now
    assert [d["ts"] for d in await _recorded(bot, ticket.id)] == [claimed["ts"]]  # remembered

    down.times = 0  # Slack takes updates again
    await bot.tick(backoff(1))
    now = bot.slack.message(dm, claimed["ts"])
    assert not action_ids(now)
    assert context_text(now) == f"☑️ *{ticket.id}* is now cancelled: nothing left to do here."
    assert await _recorded(bot, ticket.id) == []
    (item,) = await _outbox(bot, ticket.id)
    assert item["state"] == "sent"

    # redelivered (the same announcement made again, a later tick): nothing changes
    updates = len(bot.slack.calls_to("chat.update"))
    await bot.guichet.helpdesk.notifier.retire_requester_dms(await bot.ticket(ticket.id))
    await bot.tick(timedelta(hours=1))
    assert len(bot.slack.calls_to("chat.update")) == updates
    assert len(await _outbox(bot, ticket.id)) == 1


async def test_the_buttons_come_off_at_once_in_french(bot: Harness) -> None:
    ticket, filed = await _filed_then_claimed(bot, EMPLOYEE_FR)
    dm = bot.slack.dm_channel_id(EMPLOYEE_FR)
    claimed = bot.latest_dm(EMPLOYEE_FR, "ticket_cancel")
    status, _ = await bot.send.block_action(
        "ticket_cancel", None, user_id=EMPLOYEE_FR, channel_id=dm, message=filed
    )
    assert status == 200
    await bot.told_eventually(EMPLOYEE_FR, f"🚫 Vous avez annulé *{ticket.id}*.")
    await bot.settled()
    now = bot.slack.message(dm, claimed["ts"])
    assert not action_ids(now)
    said = f"☑️ *{ticket.id}* est maintenant annulé\u00a0: plus rien à faire ici."
    assert context_text(now) == said
    (item,) = await _outbox(bot, ticket.id)
    assert item["state"] == "sent" and await _recorded(bot, ticket.id) == []
