"""The Home tab of someone being paged: their live pages first, with Acknowledge."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from tests.e2e.harness import (
    EMPLOYEE_EN,
    INFRA_ONCALL_1,
    INFRA_ONCALL_2,
    OUTSIDER,
    Harness,
)
from tests.e2e.observations import searchable
from tests.e2e.test_paging import file_emergency, stored

M = timedelta(minutes=1)


def _buttons(view: dict[str, Any]) -> list[tuple[str, str | None]]:
    found = []
    for block in view["blocks"]:
        elements = [block["accessory"]] if "accessory" in block else block.get("elements", [])
        found += [(e["action_id"], e.get("value")) for e in elements if e.get("type") == "button"]
    return found


async def test_a_paged_person_acknowledges_from_the_top_of_their_home(bot: Harness) -> None:
    ticket = await file_emergency(bot)
    home = await bot.open_home(INFRA_ONCALL_1)  # paged at once, reads French
    top = searchable(home["blocks"][:4])
    assert "On vous appelle" in top and f"*{ticket.id}*" in top
    assert "Production site down" in top and "niveau 1" in top
    assert "appels depuis <!date^" in top  # a time Slack shows in their zone, not a countdown
    assert _buttons(home)[:2] == [("ticket_ack", ticket.id), ("ticket_open", ticket.id)]
    for someone in (INFRA_ONCALL_2, EMPLOYEE_EN, OUTSIDER):  # not (yet) paged: no such section
        assert "ticket_ack" not in searchable(await bot.open_home(someone))

    await bot.tick(10 * M)  # level 2 is paged too
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
    home = await bot.open_home(INFRA_ONCALL_1)
    before = len(bot.home_publishes(INFRA_ONCALL_1))
    await bot.send.block_action("ticket_ack", ticket.id, user_id=INFRA_ONCALL_1, view=home)
    refreshed = (await bot.home_published(INFRA_ONCALL_1, before)).response["view"]
    assert "ticket_ack" not in searchable(refreshed)
    await bot.wait_dms(EMPLOYEE_EN, 2)  # filed, then "acknowledged": the ack's work is done
    assert len(bot.home_publishes(INFRA_ONCALL_1)) == before + 1
