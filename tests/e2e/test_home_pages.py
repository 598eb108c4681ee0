"""The Home tab of someone being paged: their live pages first, with Acknowledge."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot.domain.models import Status, Ticket, TicketType
from tests.e2e.harness import (
    DESK_MEMBER,
    EMPLOYEE_EN,
    INFRA_ONCALL_1,
    INFRA_ONCALL_2,
    OUTSIDER,
    SECURITY_ONCALL,
    Harness,
)
from tests.e2e.observations import find_element, searchable
from tests.e2e.test_paging import file_emergency, pages_to, stored

M = timedelta(minutes=1)


def _buttons(view: dict[str, Any]) -> list[tuple[str, str | None]]:
    found = []
    for block in view["blocks"]:
        elements = [block["accessory"]] if "accessory" in block else block.get("elements", [])
        found += [(e["action_id"], e.get("value")) for e in elements if e.get("type") == "button"]
    return found


async def test_a_paged_person_acknowledges_from_the_top_of_their_home(bot: Harness) -> None:
    ticket = await file_emergency(bot)
    await bot.settled()  # the first page published their tab: the opening below is its own
    home = await bot.open_home(INFRA_ONCALL_1)  # paged at once, reads French
    top = searchable(home["blocks"][:4])
    assert "On vous appelle" in top and f"*{ticket.id}*" in top
    assert "Production site down" in top and "niveau 1" in top
    assert "appels depuis <!date^" in top  # a time Slack shows in their zone, not a countdown
    assert _buttons(home)[:2] == [("ticket_ack", ticket.id), ("ticket_open", ticket.id)]
    for someone in (INFRA_ONCALL_2, EMPLOYEE_EN, OUTSIDER):  # not (yet) paged: no such section
        assert "ticket_ack" not in searchable(await bot.open_home(someone))

    await bot.tick(10 * M)  # level 2 is paged too
    await bot.settled()
    level_two = await bot.open_home(INFRA_ONCALL_2)
    assert "You are being paged" in searchable(level_two["blocks"][:4])
    assert "level 2" in searchable(level_two["blocks"][:4])
    assert ("ticket_ack", ticket.id) in _buttons(level_two)

    publishes = len(bot.home_publishes(INFRA_ONCALL_2))
    status, _ = await bot.send.block_action(
        "ticket_ack", ticket.id, user_id=INFRA_ONCALL_2, view=level_two
    )
    assert status == 200
    refreshed = (await bot.home_published(INFRA_ONCALL_2, publishes)).response["view"]
    assert "ticket_ack" not in searchable(refreshed)  # gone once acknowledged
    acked = await stored(bot, ticket.id)
    assert acked.paging is not None and acked.paging.acked_by == INFRA_ONCALL_2
    assert "ticket_ack" not in searchable(await bot.open_home(INFRA_ONCALL_1))

    # the stale tab of level 1, pressed: told who was first (by DM), and the tab refreshed
    publishes = len(bot.home_publishes(INFRA_ONCALL_1))
    await bot.send.block_action("ticket_ack", ticket.id, user_id=INFRA_ONCALL_1, view=home)
    await bot.told_eventually(INFRA_ONCALL_1, f"a déjà été acquitté par <@{INFRA_ONCALL_2}>")
    await bot.home_published(INFRA_ONCALL_1, publishes)


async def test_a_first_page_shows_on_the_home_without_reopening_it(bot: Harness) -> None:
    """Each person's first page of an emergency publishes their Home tab again, with the page
    and Acknowledge at its top (before: only once they reopened the tab); once each: their
    re-pages do not publish it again, nor is anyone else's published."""
    before = {u: len(bot.home_publishes(u)) for u in (*PAGED, *OTHERS)}
    ticket = await file_emergency(bot)  # level 1 paged at once
    shown = await bot.home_published(INFRA_ONCALL_1, before[INFRA_ONCALL_1])
    assert _buttons(shown.response["view"])[:1] == [("ticket_ack", ticket.id)]
    assert len(bot.home_publishes(INFRA_ONCALL_2)) == before[INFRA_ONCALL_2]  # not paged yet

    await bot.tick(5 * M)  # level 1's second page: already shown
    await bot.tick(5 * M)  # escalated: level 2's first page
    shown = await bot.home_published(INFRA_ONCALL_2, before[INFRA_ONCALL_2])
    assert _buttons(shown.response["view"])[:1] == [("ticket_ack", ticket.id)]
    await bot.tick(5 * M)  # level 2's second page: already shown
    await bot.settled()
    paged = await stored(bot, ticket.id)
    assert paged.paging is not None
    assert paged.paging.paged == {INFRA_ONCALL_1: 2, INFRA_ONCALL_2: 2}
    for user in PAGED:
        assert len(bot.home_publishes(user)) == before[user] + 1, user
    for user in OTHERS:
        assert len(bot.home_publishes(user)) == before[user], user


async def test_a_page_leaves_the_home_when_its_ticket_is_claimed(bot: Harness) -> None:
    ticket = await file_emergency(bot)
    await bot.claim(ticket, INFRA_ONCALL_1)
    assert "ticket_ack" not in searchable(await bot.open_home(INFRA_ONCALL_1))


async def test_an_acknowledged_page_leaves_the_home_of_everyone_it_paged(bot: Harness) -> None:
    """Level 2 acknowledges from its DM: the Home tabs that showed the page (level 1's, level
    2's own) are published again without it, nobody has to reopen them (before: level 1 kept
    the page and its Acknowledge button until it did); no one else's tab is published."""
    ticket = await file_emergency(bot)
    await bot.tick(10 * M)  # level 2 is paged too
    await bot.settled()  # their first pages published their tabs
    homes = {u: await bot.open_home(u) for u in (INFRA_ONCALL_1, INFRA_ONCALL_2)}
    assert all(("ticket_ack", ticket.id) in _buttons(home) for home in homes.values())
    publishes = {u: len(bot.home_publishes(u)) for u in (*homes, EMPLOYEE_EN, OUTSIDER)}
    (page,) = bot.dms_to(INFRA_ONCALL_2)
    channel, ts = page.response["channel"], page.response["ts"]
    message = bot.slack.message(channel, ts)
    await bot.send.block_action(
        "ticket_ack", ticket.id, user_id=INFRA_ONCALL_2, channel_id=channel, message=message
    )
    for user in homes:
        view = (await bot.home_published(user, publishes[user])).response["view"]
        assert "ticket_ack" not in searchable(view)
    acked = await stored(bot, ticket.id)
    assert acked.paging is not None and acked.paging.acked_by == INFRA_ONCALL_2
    for user in (EMPLOYEE_EN, OUTSIDER):
        assert len(bot.home_publishes(user)) == publishes[user]
    for user in homes:
        assert len(bot.home_publishes(user)) == publishes[user] + 1


async def test_acknowledged_from_the_home_its_tab_is_published_once(bot: Harness) -> None:
    ticket = await file_emergency(bot)
    await bot.settled()  # the first page published the tab: the opening below is its own
    home = await bot.open_home(INFRA_ONCALL_1)
    before = len(bot.home_publishes(INFRA_ONCALL_1))
    await bot.send.block_action("ticket_ack", ticket.id, user_id=INFRA_ONCALL_1, view=home)
    refreshed = (await bot.home_published(INFRA_ONCALL_1, before)).response["view"]
    assert "ticket_ack" not in searchable(refreshed)
    await bot.wait_dms(EMPLOYEE_EN, 2)  # filed, then "acknowledged": the ack's work is done
    assert len(bot.home_publishes(INFRA_ONCALL_1)) == before + 1


# --- however a paging ends, its page leaves the Home tab of everyone it paged -----------------
PAGED = (INFRA_ONCALL_1, INFRA_ONCALL_2)
OTHERS = (EMPLOYEE_EN, OUTSIDER, DESK_MEMBER, SECURITY_ONCALL)


async def _paging_two(bot: Harness) -> tuple[Ticket, dict[str, int]]:
    """An emergency paging levels 1 and 2, whose Home tabs show it (opened); how many times
    each person's tab (the paged people's, and others') was published so far."""
    ticket = await file_emergency(bot)
    await bot.tick(10 * M)  # level 2 is paged too
    await bot.settled()  # their first pages published their tabs
    for user in PAGED:
        assert ("ticket_ack", ticket.id) in _buttons(await bot.open_home(user))
    await bot.settled()
    return ticket, {u: len(bot.home_publishes(u)) for u in (*PAGED, *OTHERS)}


async def _left_every_paged_home(bot: Harness, ticket: Ticket, publishes: dict[str, int]) -> None:
    """Once the work after the end is done: each paged person's tab published once more,
    without the page; nobody else's published."""
    for user in PAGED:
        await bot.home_published(user, publishes[user])
    await bot.settled()
    for user in PAGED:
        calls = bot.home_publishes(user)
        assert len(calls) == publishes[user] + 1, (user, len(calls) - publishes[user])
        assert ("ticket_ack", ticket.id) not in _buttons(calls[-1].response["view"])
    for user in OTHERS:
        assert len(bot.home_publishes(user)) == publishes[user], user


async def test_a_claimed_page_leaves_the_home_of_everyone_it_paged(bot: Harness) -> None:
    """Claimed from the channel's card by level 1: both paged tabs are published again
    (before: they kept the page and its Acknowledge button until reopened)."""
    ticket, publishes = await _paging_two(bot)
    claimed = await bot.claim(ticket, INFRA_ONCALL_1)
    assert claimed.paging is not None and claimed.paging.stopped_at is not None
    await _left_every_paged_home(bot, ticket, publishes)


async def test_claimed_from_the_home_the_pressers_tab_is_published_once(bot: Harness) -> None:
    """Level 2 claims from its own Home tab: the listener publishes that tab, the end of the
    paging publishes level 1's; not level 2's a second time."""
    ticket, publishes = await _paging_two(bot)
    home = await bot.open_home(INFRA_ONCALL_2)
    await bot.settled()
    publishes[INFRA_ONCALL_2] += 1
    await bot.send.block_action("ticket_claim", ticket.id, user_id=INFRA_ONCALL_2, view=home)
    await bot.home_published(INFRA_ONCALL_2, publishes[INFRA_ONCALL_2])
    assert (await stored(bot, ticket.id)).assignee == INFRA_ONCALL_2
    await _left_every_paged_home(bot, ticket, publishes)


async def test_a_resolved_page_leaves_the_home_of_everyone_it_paged(bot: Harness) -> None:
    """Resolved by level 2 from the card (infra asks how: a form) while it pages."""
    ticket, publishes = await _paging_two(bot)
    opened = await bot.choose_form(ticket.id, "ticket_status", INFRA_ONCALL_2, "resolved")
    answers = {"resolution_note": "Core switch replaced.", "resolution_category": "hardware"}
    status, body = await bot.submit(opened.response["view"], answers, user=INFRA_ONCALL_2)
    assert status == 200 and not body

    async def resolved() -> bool:
        return (await stored(bot, ticket.id)).status is Status.RESOLVED

    await bot.eventually(resolved, f"{ticket.id} resolved")
    await _left_every_paged_home(bot, ticket, publishes)


async def test_not_an_emergency_leaves_the_home_of_everyone_it_paged(bot: Harness) -> None:
    ticket, publishes = await _paging_two(bot)
    page = pages_to(bot, INFRA_ONCALL_1)[0]
    channel, ts = page.response["channel"], page.response["ts"]
    menu = find_element(bot.slack.message(channel, ts), "ticket_not_emergency")
    choice = next(o["value"] for o in menu["options"] if o["value"].endswith("|P3"))
    await bot.send.block_action(
        "ticket_not_emergency",
        choice,
        user_id=INFRA_ONCALL_1,
        channel_id=channel,
        message=bot.slack.message(channel, ts),
    )
    await bot.told_eventually(EMPLOYEE_EN, "is not an emergency")
    assert (await stored(bot, ticket.id)).type is TicketType.INCIDENT
    await _left_every_paged_home(bot, ticket, publishes)


async def test_a_moved_page_leaves_the_old_teams_homes_and_shows_on_the_new_ones(
    bot: Harness,
) -> None:
    """Sent to security while paging: infra's paged tabs are published without it, security's
    on-call's with it at the top (paged at once), each once."""
    ticket, publishes = await _paging_two(bot)
    await bot.choose(ticket.id, "ticket_reassign", "security", INFRA_ONCALL_1)
    shown = await bot.home_published(SECURITY_ONCALL, publishes[SECURITY_ONCALL])
    assert _buttons(shown.response["view"])[:1] == [("ticket_ack", ticket.id)]
    await bot.wait_dms(SECURITY_ONCALL, 1)
    await bot.tick()  # the woken tick is over
    publishes[SECURITY_ONCALL] += 1
    await _left_every_paged_home(bot, ticket, publishes)
    assert len(pages_to(bot, SECURITY_ONCALL)) == 1


async def test_a_page_that_failed_for_good_leaves_its_readers_home(bot: Harness) -> None:
    """Level 2's first page cannot be delivered yet (Slack down), then never (its account
    disabled): while it was trying, level 2's Home showed the page (counted from the round's
    claim); once given up, that tab is published again without it (before: it kept the page),
    and level 1's, whose page stands, is not published."""
    ticket = await file_emergency(bot)
    bot.slack.fail_next("chat.postMessage", status=500)  # level 2's page: tried again later
    shown = len(bot.home_publishes(INFRA_ONCALL_2))
    await bot.tick(10 * M)
    # the first page, not sent yet, published the tab: it shows there
    first = await bot.home_published(INFRA_ONCALL_2, shown)
    assert ("ticket_ack", ticket.id) in _buttons(first.response["view"])
    assert pages_to(bot, INFRA_ONCALL_2) == []
    assert ("ticket_ack", ticket.id) in _buttons(await bot.open_home(INFRA_ONCALL_2))
    publishes = {u: len(bot.home_publishes(u)) for u in (INFRA_ONCALL_1, INFRA_ONCALL_2)}
    bot.slack.fail_next("chat.postMessage", "user_disabled")
    await bot.tick(M)
    await bot.home_published(INFRA_ONCALL_2, publishes[INFRA_ONCALL_2])
    await bot.settled()
    paged = await stored(bot, ticket.id)
    assert paged.paging is not None and paged.paging.paged.get(INFRA_ONCALL_2) == 0
    calls = bot.home_publishes(INFRA_ONCALL_2)
    assert len(calls) == publishes[INFRA_ONCALL_2] + 1
    assert ("ticket_ack", ticket.id) not in _buttons(calls[-1].response["view"])
    assert len(bot.home_publishes(INFRA_ONCALL_1)) == publishes[INFRA_ONCALL_1]
