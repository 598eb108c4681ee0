"""Rosters: being in a service's channel grants nothing (unless the service says so); its
agents, user groups and on-call people work it; admins see everything and work nothing."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from bot.domain.models import Status, Ticket
from tests.e2e.harness import EMPLOYEE_EN, OUTSIDER, Harness
from tests.e2e.workspace import (
    ADMIN,
    GROUP_ADMIN,
    INFRA_ONCALL_1,
    INTERNAL_AGENT,
    INTERNAL_GROUP,
    INTERNAL_NEWCOMER,
)


async def _infra_ticket(bot: Harness) -> Ticket:
    ticket = await bot.file("incident", "VPN down at the warehouse", "The VPN is down.")
    assert ticket.service == "infra_network" and ticket.message is not None
    return ticket


async def _answer(bot: Harness, text: str, user: str) -> str:
    answer = await bot.command_answer(text, user)
    return str(answer.get("blocks") or answer.get("text"))


async def test_an_outsider_who_joined_the_channel_is_refused_everywhere(bot: Harness) -> None:
    ticket = await _infra_ticket(bot)
    assert ticket.message is not None
    bot.slack.join(ticket.message.channel, OUTSIDER)  # a public channel: anyone may join

    await bot.choose(ticket.id, "ticket_claim", None, OUTSIDER)
    await bot.ephemeral_seen(
        OUTSIDER, containing="Only members of Infrastructure & network can claim"
    )
    await bot.choose(ticket.id, "ticket_status", "resolved", OUTSIDER)
    await bot.ephemeral_seen(
        OUTSIDER, containing="Only members of Infrastructure & network can work"
    )
    shown = await _answer(bot, f"show {ticket.id}", OUTSIDER)
    assert "VPN down" not in shown and ticket.id in shown
    stats = await _answer(bot, "stats infra_network", OUTSIDER)
    assert "are for the people who work in it" in stats
    export = await _answer(bot, "export", OUTSIDER)
    assert "Exports are for the people who work in a support service" in export
    home = await bot.open_home(OUTSIDER)
    assert ticket.id not in str(home) and "ticket_claim" not in str(home)
    await bot.say(ticket.message.channel, "I can fix it, DM me", OUTSIDER, ticket.message.ts)
    await bot.say(ticket.message.channel, "On it", INFRA_ONCALL_1, ticket.message.ts)
    relayed = await bot.wait_until(
        lambda: _relayed_to(bot, EMPLOYEE_EN), "the on-call reply relayed"
    )
    assert relayed == [f"<@{INFRA_ONCALL_1}> ({ticket.id}):\nOn it"]  # the outsider's is not

    stored = await bot.ticket(ticket.id)
    assert stored.assignee is None and stored.status is Status.NEW
    assert not bot.slack.uploads()
    assert [e.actor for e in await bot.guichet.helpdesk.tickets.history(ticket.id)].count(
        OUTSIDER
    ) == 0


async def _relayed_to(bot: Harness, user: str) -> list[str] | None:
    channel = bot.slack.dm_channel_id(user)
    texts = [
        c.args["text"]
        for c in bot.slack.calls_to("chat.postMessage")
        if c.args.get("channel") in (user, channel) and c.args.get("thread_ts")
    ]
    return texts or None


async def test_channel_members_work_a_service_only_when_it_says_so(bot: Harness) -> None:
    """service_desk says ``channel_members_are_agents: true`` (tests/data/services.yml)."""
    desk = await bot.file("information_request", "Password procedure?", "Where is it?")
    assert desk.service == "service_desk" and desk.message is not None
    bot.slack.join(desk.message.channel, OUTSIDER)
    cards = bot.card_updates(desk)
    await bot.choose(desk.id, "ticket_claim", None, OUTSIDER)
    await bot.card_updated(desk, cards)
    assert (await bot.ticket(desk.id)).assignee == OUTSIDER


async def test_a_user_group_is_the_roster_and_its_changes_take_effect(bot: Harness) -> None:
    assert bot.guichet.usergroups_synced is not None
    await bot.guichet.usergroups_synced.done.wait()  # the start-up read of the groups
    first = await bot.file("service_request", "Install Visio", "I need Visio for a diagram.")
    assert first.service == "internal_it"
    await bot.choose(first.id, "ticket_claim", None, INTERNAL_NEWCOMER)
    await bot.ephemeral_seen(INTERNAL_NEWCOMER, containing="Only members of Internal IT can claim")
    await bot.claim(first, INTERNAL_AGENT)  # the group member claims

    # Slack: the newcomer replaces the agent in the group, and tells the bot
    bot.slack.set_usergroup(INTERNAL_GROUP, [INTERNAL_NEWCOMER])
    event = {
        "type": "subteam_members_changed",
        "subteam_id": INTERNAL_GROUP,
        "team_id": "T0001",
        "added_users": [INTERNAL_NEWCOMER],
        "added_users_count": "1",
        "removed_users": [INTERNAL_AGENT],
        "removed_users_count": "1",
    }
    status, _ = await bot.send.event(event)
    assert status == 200
    second = await bot.file("service_request", "Install Teams", "Teams for the new intern.")
    await bot.eventually(lambda: _works(bot, INTERNAL_NEWCOMER), "the newcomer works internal_it")
    await bot.choose(second.id, "ticket_claim", None, INTERNAL_AGENT)
    await bot.ephemeral_seen(INTERNAL_AGENT, containing="Only members of Internal IT can claim")
    await bot.claim(second, INTERNAL_NEWCOMER)
    lists = bot.slack.calls_to("usergroups.users.list")  # those made after start-up
    assert [c.args["usergroup"] for c in lists] == [INTERNAL_GROUP]  # the event's group only


async def _works(bot: Harness, user: str) -> bool:
    return await bot.guichet.helpdesk.directory.works_for("internal_it", user)


async def test_an_event_about_another_group_reads_nothing(bot: Harness) -> None:
    assert bot.guichet.usergroups_synced is not None
    await bot.guichet.usergroups_synced.done.wait()
    before = len(bot.slack.calls_to("usergroups.users.list"))
    status, _ = await bot.send.event(
        {"type": "subteam_updated", "subteam": {"id": "S0OTHER", "users": [OUTSIDER]}}
    )
    assert status == 200
    status, _ = await bot.send.event(
        {"type": "subteam_updated", "subteam": {"id": INTERNAL_GROUP, "users": [OUTSIDER]}}
    )
    await bot.slack.wait_for("usergroups.users.list", count=before + 1)
    assert [c.args["usergroup"] for c in bot.slack.calls_to("usergroups.users.list")][before:] == [
        INTERNAL_GROUP
    ]  # and the event's own list is not trusted: Slack's is read
    assert not await bot.guichet.helpdesk.directory.works_for("internal_it", OUTSIDER)


async def test_admins_see_and_export_everything_but_work_nothing(bot: Harness) -> None:
    assert bot.guichet.usergroups_synced is not None
    await bot.guichet.usergroups_synced.done.wait()
    ticket = await _infra_ticket(bot)
    for admin in (ADMIN, GROUP_ADMIN):
        shown = await _answer(bot, f"show {ticket.id}", admin)
        assert "VPN down at the warehouse" in shown
    stats = await _answer(bot, "stats infra_network", ADMIN)
    assert "Infrastructure" in stats and "are for the people who work in it" not in stats
    bot.clock.advance(timedelta(minutes=1))  # an export reads the tickets filed before now
    told = await _answer(bot, "export", ADMIN)
    assert "1 ticket for all services" in told  # every service, said so
    (upload,) = bot.slack.uploads()
    rows = list(csv.reader(io.StringIO((upload.data or b"").decode("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == [ticket.id]
    await bot.choose(ticket.id, "ticket_claim", None, ADMIN)
    await bot.ephemeral_seen(ADMIN, containing="Only members of Infrastructure & network can claim")
