"""What an agent sends into the requester's DM thread through the outbox ("Reply with an
article", a saved reply) is there exactly once when Slack posted it but its answer was lost
(issue 19, point 2): the post carries its ticket, role and outbox item in Slack's message
metadata, and the retry looks in the thread (``conversations.replies``) and adopts what it finds
instead of posting again — never another send's message."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest

from bot.domain.config import load_services_config
from bot.domain.errors import StoreUnavailable
from bot.domain.knowledge import KnowledgeConfig
from bot.domain.models import HistoryAction, OutgoingKind, Ticket
from bot.outbox.deliveries import LEASE, backoff
from bot.working.merging import NOTICE_DELAY
from handlers.tickets.card_posting import EVENT_TYPE
from storage.client import Database
from tests.e2e.harness import DESK_MEMBER, EMPLOYEE_FR, INFRA_ONCALL_2, SERVICES_FILE, Harness
from tests.e2e.knowledge.test_reply_with_article import ARTICLES, DM
from tests.e2e.test_delivery import bot_with_dated_slack
from tests.e2e.test_delivery_dms import tried


@pytest.fixture
async def dated(database: Database) -> AsyncIterator[Harness]:
    config = load_services_config(SERVICES_FILE)
    config = config.model_copy(update={"knowledge": KnowledgeConfig(folder=ARTICLES)})
    async with bot_with_dated_slack(database, config=config) as harness:
        yield harness


def in_thread(bot: Harness, channel: str, ticket: Ticket, fragment: str) -> list[dict[str, Any]]:
    """The messages of the ticket's DM thread (its root aside) that contain ``fragment``."""
    thread = ticket.requester_thread
    assert thread is not None
    return [
        m
        for m in bot.slack.messages(channel)
        if m.get("thread_ts") == thread.ts and m["ts"] != thread.ts and fragment in m["text"]
    ]


async def test_an_article_whose_answer_was_lost_is_in_the_thread_once(dated: Harness) -> None:
    bot = dated
    ticket = await bot.file(
        "information_request", "How do I reset my password?", "Where is the procedure?"
    )
    assert ticket.message is not None
    card = bot.slack.message(ticket.message.channel, ticket.message.ts)
    opened = await bot.press_form(ticket.message.channel, card, "knowledge_reply", DESK_MEMBER)
    view = opened.response["view"]
    bot.slack.answer_lost("chat.postMessage", channel=DM)  # the article, in the DM thread
    status, _ = await bot.submit(view, {}, user=DESK_MEMBER)
    assert status == 200
    await tried(bot, ticket.id, OutgoingKind.ARTICLE)
    stored = await bot.ticket(ticket.id)
    assert len(in_thread(bot, DM, stored, "sent you an article")) == 1  # Slack has it
    await bot.tick(backoff(1))
    (article,) = in_thread(bot, DM, stored, "sent you an article")
    payload = article["metadata"]["event_payload"]
    assert article["metadata"]["event_type"] == EVENT_TYPE and payload["ticket_id"] == ticket.id
    looked = [c for c in bot.slack.calls_to("conversations.replies") if c.args["channel"] == DM]
    assert stored.requester_thread is not None
    assert looked and looked[-1].args["ts"] == stored.requester_thread.ts
    history = [e.action for e in await bot.guichet.helpdesk.tickets.history(ticket.id)]
    assert history.count(HistoryAction.ARTICLE_SENT) == 1
    notes = [m for m in bot.slack.messages(ticket.message.channel) if "📚" in m["text"]]
    assert len(notes) == 1  # the team is told once, by the attempt that adopted it


async def _infra_ticket(bot: Harness) -> Ticket:
    ticket = await bot.file(
        "incident", "VPN en panne à l’entrepôt", "Le VPN ne marche plus.", user=EMPLOYEE_FR
    )
    assert ticket.service == "infra_network" and ticket.message is not None
    return ticket


async def _send_saved_reply(bot: Harness, ticket: Ticket, text: str, count: int) -> None:
    """``INFRA_ONCALL_2`` sends the saved reply ``vpn_restart``, its text edited to ``text``
    (the ``count``-th saved reply of the ticket), and its first attempt ends."""
    view = (await bot.choose_form(ticket.id, "ticket_saved_reply", INFRA_ONCALL_2)).response["view"]
    block = next(b for b in view["blocks"] if b["block_id"].startswith("saved_reply_text:"))
    assert block["block_id"] == "saved_reply_text:vpn_restart"
    status, _ = await bot.submit(view, {block["block_id"]: text}, user=INFRA_ONCALL_2)
    assert status == 200
    await tried(bot, ticket.id, OutgoingKind.SAVED_REPLY, count=count)


async def test_a_saved_reply_whose_answer_was_lost_is_in_the_thread_once(dated: Harness) -> None:
    bot = dated
    ticket = await _infra_ticket(bot)
    dm = bot.slack.dm_channel_id(EMPLOYEE_FR)
    bot.slack.answer_lost("chat.postMessage", channel=dm)
    await _send_saved_reply(bot, ticket, "Quittez le VPN, puis relancez-le.", count=1)
    stored = await bot.ticket(ticket.id)
    assert len(in_thread(bot, dm, stored, "relancez-le")) == 1
    await bot.tick(backoff(1))
    assert len(in_thread(bot, dm, stored, "relancez-le")) == 1
    history = [e.action for e in await bot.guichet.helpdesk.tickets.history(ticket.id)]
    assert history.count(HistoryAction.SAVED_REPLY_SENT) == 1


async def test_two_saved_replies_retried_together_are_each_delivered_once(
    dated: Harness,
) -> None:
    """The same saved reply sent twice: the first posted with its answer lost, the second
    refused (503). Both are retried; each finds only its own message, so the second, never
    posted, is posted and not taken for the first."""
    bot = dated
    ticket = await _infra_ticket(bot)
    dm = bot.slack.dm_channel_id(EMPLOYEE_FR)
    bot.slack.answer_lost("chat.postMessage", channel=dm)
    await _send_saved_reply(bot, ticket, "Premier essai : quittez le VPN.", count=1)
    bot.slack.server_error("chat.postMessage", channel=dm, status=503)
    await _send_saved_reply(bot, ticket, "Second essai : redémarrez le poste.", count=2)
    stored = await bot.ticket(ticket.id)
    assert in_thread(bot, dm, stored, "Second essai") == []
    await bot.tick(backoff(1))
    (first,) = in_thread(bot, dm, stored, "Premier essai")
    (second,) = in_thread(bot, dm, stored, "Second essai")
    roles = [m["metadata"]["event_payload"]["role"] for m in (first, second)]
    assert roles[0] != roles[1]  # the same saved reply, told apart by its outbox item
    history = [e.action for e in await bot.guichet.helpdesk.tickets.history(ticket.id)]
    assert history.count(HistoryAction.SAVED_REPLY_SENT) == 2


@pytest.fixture
async def lagging(database: Database) -> AsyncIterator[Harness]:
    """Slack's clock 30 s behind the bot's: what ``CLOCK_SKEW`` is there for."""
    async with bot_with_dated_slack(database, lag=timedelta(seconds=30)) as harness:
        yield harness


async def test_a_merge_notice_whose_answer_was_lost_is_in_the_thread_once(
    lagging: Harness,
) -> None:
    """The notices fall due a minute after they are stored (the merge is written meanwhile),
    but a retry looks for them from when they were stored, Slack's clock skew allowed for."""
    bot = lagging
    kept = await bot.file("incident", "VPN down at the warehouse", "Nobody can connect.")
    duplicate = await _infra_ticket(bot)
    assert kept.service == duplicate.service
    view = (await bot.choose_form(duplicate.id, "ticket_merge", INFRA_ONCALL_2)).response["view"]
    dm = bot.slack.dm_channel_id(EMPLOYEE_FR)
    bot.slack.answer_lost("chat.postMessage", channel=dm)  # the notice, in her DM thread
    status, _ = await bot.submit(view, {"merge_target": kept.id}, INFRA_ONCALL_2)
    assert status == 200
    await tried(bot, duplicate.id, OutgoingKind.MERGE_NOTICE)
    stored = await bot.ticket(duplicate.id)
    assert len(in_thread(bot, dm, stored, "doublon")) == 1
    await bot.tick(NOTICE_DELAY + backoff(1))
    (notice,) = in_thread(bot, dm, stored, "doublon")
    assert notice["metadata"]["event_payload"]["ticket_id"] == duplicate.id


async def test_the_team_s_note_of_a_saved_reply_tried_again_is_in_the_thread_once(
    dated: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reply and the team's note in the channel thread were posted, then the database failed
    before the send was recorded: the outbox tries the item again once its lease ends. The
    reply is found in the DM thread, and the note in the channel thread (its metadata names the
    item too): neither is posted again."""
    bot = dated
    ticket = await _infra_ticket(bot)
    assert ticket.message is not None
    desk = bot.guichet.helpdesk
    record = desk.apply_change
    failed: list[HistoryAction] = []

    async def database_down_once(*args: Any, **kwargs: Any) -> Any:
        entry = args[1] if len(args) > 1 else kwargs["entry"]
        if entry.action is HistoryAction.SAVED_REPLY_SENT and not failed:
            failed.append(entry.action)
            raise StoreUnavailable("the database did not answer")
        return await record(*args, **kwargs)

    monkeypatch.setattr(desk, "apply_change", database_down_once)
    dm = bot.slack.dm_channel_id(EMPLOYEE_FR)
    view = (await bot.choose_form(ticket.id, "ticket_saved_reply", INFRA_ONCALL_2)).response["view"]
    block = "saved_reply_text:vpn_restart"
    await bot.submit(view, {block: "Quittez le VPN, puis relancez-le."}, user=INFRA_ONCALL_2)
    await bot.eventually(lambda: failed, "both posted, then the send not recorded")
    await bot.tick(LEASE + backoff(1))
    stored = await bot.ticket(ticket.id)
    assert len(in_thread(bot, dm, stored, "relancez-le")) == 1
    root = ticket.message
    notes = [
        m
        for m in bot.slack.messages(root.channel)
        if m.get("thread_ts") == root.ts
        and "vpn_restart" not in m["text"]
        and m["ts"] != root.ts
        and INFRA_ONCALL_2 in m["text"]
    ]
    assert len(notes) == 1, [m["text"] for m in notes]
    assert notes[0]["metadata"]["event_payload"]["ticket_id"] == ticket.id
    history = [e.action for e in await bot.guichet.helpdesk.tickets.history(ticket.id)]
    assert history.count(HistoryAction.SAVED_REPLY_SENT) == 1
