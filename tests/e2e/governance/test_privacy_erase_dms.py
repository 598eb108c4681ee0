"""``/ticket privacy erase``: the bot's own direct messages to the erased person (their ticket's
notices with buttons, the relayed replies in the DM's threads) are deleted from Slack, through a
stored step tried at once and again by the scheduler while Slack fails; the person's own words
in that conversation stay (an app cannot delete them)."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from bot.domain.models import Ticket
from tests.e2e.governance.test_privacy_erase import _erase_form
from tests.e2e.harness import DESK_MEMBER, EMPLOYEE_EN, Harness
from tests.e2e.workspace import ADMIN, GROUP_ADMIN

DM = f"D{EMPLOYEE_EN}"


def _from_bot(bot: Harness) -> list[dict[str, Any]]:
    """What the bot posted in its DM with EMPLOYEE_EN, threads included."""
    return [m for m in bot.slack.messages(DM) if m.get("bot_id")]


async def _a_ticket_with_a_conversation(bot: Harness) -> Ticket:
    """EMPLOYEE_EN's ticket, claimed, with a team reply relayed to their DM's thread and their
    own answer there."""
    ticket = await bot.file("information_request", "Password procedure?", "Where is it?")
    assert ticket.message is not None
    cards = bot.card_updates(ticket)
    await bot.choose(ticket.id, "ticket_claim", None, DESK_MEMBER)
    await bot.card_updated(ticket, cards)
    channel, root = ticket.message.channel, ticket.message.ts
    await bot.say(channel, "Which browser do you use?", DESK_MEMBER, thread_ts=root)

    async def with_thread() -> Ticket | None:
        current = await bot.ticket(ticket.id)
        return current if current.requester_thread else None

    ticket = await bot.wait_until(with_thread, "the DM thread")
    assert ticket.requester_thread is not None
    relayed = "Which browser do you use?"
    await bot.eventually(lambda: any(relayed in m["text"] for m in _from_bot(bot)), relayed)
    await bot.say(DM, "Firefox", EMPLOYEE_EN, ticket.requester_thread.ts)
    await bot.settled()  # every DM owed is sent: none arrives after the erasure counted them
    return ticket


async def _confirm(bot: Harness, admin: str = ADMIN) -> str:
    told = len(bot.told(admin))
    status, _ = await bot.send.view_submission(
        await _erase_form(bot, EMPLOYEE_EN, admin), {}, user_id=admin
    )
    assert status == 200
    await bot.eventually(lambda: len(bot.told(admin)) > told, "the admin told")
    return bot.told(admin)[-1]


async def test_the_bots_dms_to_the_erased_person_are_deleted_and_theirs_stay(
    bot: Harness,
) -> None:
    await _a_ticket_with_a_conversation(bot)
    sent = _from_bot(bot)
    assert any("Password procedure?" in str(m) for m in sent)  # their ticket, in the bot's DMs
    assert any(m.get("blocks") and "actions" in str(m["blocks"]) for m in sent)  # with buttons
    theirs = [m["ts"] for m in bot.slack.messages(DM) if m.get("user") == EMPLOYEE_EN]
    assert theirs

    told = await _confirm(bot)
    assert _from_bot(bot) == []  # notices, the thread's opening and its relayed reply: gone
    assert [m["ts"] for m in bot.slack.messages(DM)] == theirs  # their own words stay
    assert told.endswith(
        f"{len(sent)} direct messages Guichet had sent them are deleted from Slack. "
        "1 reply of theirs Guichet had relayed in a ticket’s thread is replaced by a line saying "
        "it was removed."  # in the card's thread (test_privacy_erase_relays.py)
    ), told
    handle = bot.guichet.database.handle
    assert await handle["dm_erasures"].count_documents({}) == 0  # the step is forgotten once done
    assert EMPLOYEE_EN not in str(await handle["audit"].find({}).to_list(1000))

    # erasing again: nothing stored, nothing left in Slack, nothing said to have been deleted
    deletes = len(bot.slack.calls_to("chat.delete"))
    assert "nothing to erase" in await _confirm(bot)
    assert len(bot.slack.calls_to("chat.delete")) == deletes


async def test_dms_slack_would_not_delete_are_deleted_by_the_next_ticks(bot: Harness) -> None:
    await _a_ticket_with_a_conversation(bot)
    sent = len(_from_bot(bot))
    bot.slack.fail_next("chat.delete", "fatal_error", times=2)  # Slack in trouble a while

    told = await _confirm(bot, GROUP_ADMIN)  # in French
    assert told.endswith(
        "Les messages directs que Guichet lui avait envoyés n’ont pas encore pu être supprimés "
        "de Slack\u00a0: Guichet réessaiera de lui-même. Ses réponses que Guichet avait "
        "relayées dans les fils des tickets n’ont pas encore pu être retirées de Slack\u00a0: "
        "Guichet réessaiera de lui-même."  # the threads come after the DMs
    ), told
    assert len(_from_bot(bot)) == sent  # nothing deleted yet, and nothing forgotten:
    jobs = bot.guichet.database.handle["dm_erasures"]
    assert await jobs.count_documents({}) == 1  # the step is stored

    await bot.tick()  # too early: the next attempt waits a minute
    assert len(_from_bot(bot)) == sent
    await bot.tick(timedelta(minutes=1))  # the second failure: waits two more
    assert len(_from_bot(bot)) == sent and await jobs.count_documents({}) == 1
    await bot.tick(timedelta(minutes=2))
    assert _from_bot(bot) == []
    assert await jobs.count_documents({}) == 0


async def test_a_deactivated_account_s_dms_are_found_where_the_tickets_recorded_them(
    bot: Harness,
) -> None:
    """Slack no longer opens a DM with a deactivated account: the DM channels the store knew
    (their tickets' DMs, the outbox's records, read before the erasure drops them) stand in."""
    await _a_ticket_with_a_conversation(bot)
    sent = len(_from_bot(bot))
    opened = len(bot.slack.calls_to("conversations.open"))
    bot.slack.fail_next("conversations.open", "user_disabled")

    told = await _confirm(bot)
    assert len(bot.slack.calls_to("conversations.open")) == opened + 1  # asked, refused
    assert _from_bot(bot) == []
    assert f"{sent} direct messages Guichet had sent them are deleted from Slack." in told


async def test_a_pending_dm_erasure_step_is_in_the_persons_export(bot: Harness) -> None:
    """The stored step that will delete the bot's DMs holds the person's id (and their DM
    channels) until it is done: the export of « everything kept about them » lists it."""
    await _a_ticket_with_a_conversation(bot)
    bot.slack.fail_next("chat.delete", "fatal_error", times=2)
    await _confirm(bot)
    assert await bot.guichet.database.handle["dm_erasures"].count_documents({}) == 1

    told = (await bot.command_answer(f"privacy export <@{EMPLOYEE_EN}>", ADMIN)).get("text")
    assert "sent to your direct messages" in str(told), told
    upload = bot.slack.uploads()[-1]
    data = json.loads((upload.data or b"").decode("utf-8"))
    (step,) = data["dm_erasures"]
    assert step["person"] == EMPLOYEE_EN and DM in step["channels"], step
    assert "direct messages and copies of files Guichet still has to delete" in str(
        upload.initial_comment
    ), upload
