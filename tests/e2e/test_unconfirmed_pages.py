"""A page whose every answer was lost: Slack may have shown it to its reader, or not. Given up
after its attempts, it is counted as *maybe sent* — kept in its reader's count, written in the
ticket's history, told to the channel as unconfirmed, counted in ``/metrics`` and marked in
``/healthz`` — and the level above is paged at once, as for a page that failed."""

from __future__ import annotations

from datetime import timedelta

from prometheus_client.parser import text_string_to_metric_families

from bot.domain.config import OncallLevel, load_services_config
from bot.domain.models import HistoryAction, Ticket
from bot.outbox.deliveries import MAX_ATTEMPTS
from storage.client import Database
from tests.e2e.harness import (
    INFRA_ONCALL_1,
    INFRA_ONCALL_2,
    SERVICES_FILE,
    Harness,
    running_bot,
)
from tests.e2e.observations import searchable
from tests.e2e.test_paging import OUTAGES, stored

M = timedelta(minutes=1)


def _slow_escalation() -> object:
    """The services file with infra_network's level 2 three hours after the start and a re-page
    every two hours: level 1's first page is given up (about an hour) long before either."""
    config = load_services_config(SERVICES_FILE)
    infra = config.services["infra_network"]
    levels = [infra.oncall[0], OncallLevel(users=[INFRA_ONCALL_2], after=timedelta(hours=3))]
    slow = infra.model_copy(update={"oncall": levels, "repage_every": timedelta(hours=2)})
    return config.model_copy(update={"services": {**config.services, "infra_network": slow}})


def _metric(text: str, name: str) -> float:
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == name and not sample.labels:
                return float(sample.value)
    return 0.0


async def _given_up(bot: Harness) -> Ticket:
    """An emergency whose level 1 page is posted, each answer lost, and every look for it after
    lost too (a network cut between the bot and Slack), until the outbox gives it up."""
    dm = bot.slack.dm_channel_id(INFRA_ONCALL_1)
    bot.slack.answer_lost("chat.postMessage", channel=INFRA_ONCALL_1, times=100)
    bot.slack.answer_lost("conversations.history", channel=dm, times=100)
    title, description = OUTAGES[0]
    ticket = await bot.file("emergency", title, description, impact="high", urgency="high")
    await bot.wait_dms(INFRA_ONCALL_1, 1)
    for _ in range(70):  # past the last of its attempts (about an hour after the first)
        await bot.tick(M)
    return await stored(bot, ticket.id)


async def test_a_page_whose_answers_were_all_lost_counts_as_maybe_sent(
    database: Database,
) -> None:
    """Before: the page was taken out of its reader's count, the channel told "I could not
    page" someone who may well have read it, nothing said so in the history or the metrics,
    and the level above was told nobody below "could be paged"."""
    async with running_bot(database, config=_slow_escalation()) as bot:  # type: ignore[arg-type]
        ticket = await _given_up(bot)
        assert ticket.paging is not None and ticket.paging.active
        assert ticket.paging.paged.get(INFRA_ONCALL_1) == 1  # it may have reached them
        assert ticket.paging.unconfirmed == {INFRA_ONCALL_1: 1}

        told = [c.args["text"] for c in bot.thread(ticket) if "⚠️" in c.args["text"]]
        assert len(told) == 1, told
        assert f"<@{INFRA_ONCALL_1}>" in told[0] and "could not page" not in told[0]
        assert (
            f"I cannot tell whether my page to <@{INFRA_ONCALL_1}> for *{ticket.id}* reached "
            "them (network: " in told[0]
        ), told[0]

        history = await bot.guichet.helpdesk.tickets.history(ticket.id)
        unsure = [e for e in history if e.action is HistoryAction.PAGE_UNCONFIRMED]
        note = f"network: ServerDisconnectedError ({MAX_ATTEMPTS} attempts)"
        assert [(e.after, e.note) for e in unsure] == [(INFRA_ONCALL_1, note)]

        # the level above is paged at once, as when a page fails, and told why
        (page,) = await bot.wait_dms(INFRA_ONCALL_2, 1)
        text = searchable(page.args["blocks"])
        assert "Escalated to you at once" in text
        assert "I could not page anyone below you" not in text
        assert (
            "Escalated to you at once: I cannot tell whether my pages reached anyone below you "
            f"(level 1: <@{INFRA_ONCALL_1}>)." in text
        ), text

        _, metrics = await bot.get("/metrics")
        assert _metric(metrics, "guichet_pages_unconfirmed_total") == 1
        _, health = await bot.get("/healthz")
        (failure,) = [
            f for f in health["deliveries"]["latest_failures"] if f["ticket_id"] == ticket.id
        ]
        assert failure["kind"] == "page" and failure["maybe_sent"] is True
