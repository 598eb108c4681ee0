"""A night on call: infra_network's first level is a Slack user group (the rotation a
scheduling tool keeps in it), one person is on call for infra_network and IT security at once,
two emergencies page together, one of them filed by the on-call person, and a page answered
after its ticket moved to another team."""

from __future__ import annotations

from datetime import timedelta

from bot.domain.config import OncallLevel, ServicesConfig, load_services_config
from storage.client import Database
from tests.e2e.audit_lines import refusals
from tests.e2e.harness import (
    EMPLOYEE_EN,
    INFRA_ONCALL_1,
    INFRA_ONCALL_2,
    SECURITY_ONCALL,
    SERVICES_FILE,
    Harness,
    running_bot,
)
from tests.e2e.observations import searchable
from tests.e2e.test_paging import OUTAGES, pages_to, press_ack, stored

M = timedelta(minutes=1)
ROTATION = "S0INFRAROTA"  # infra_network's level 1: whoever the rotation put in it tonight


def _night() -> ServicesConfig:
    """infra_network's level 1 is the ROTATION group; INFRA_ONCALL_2 is level 2 there and also
    on call for IT security, after its own on-call person."""
    config = load_services_config(SERVICES_FILE)
    infra, security = config.services["infra_network"], config.services["security"]
    infra = infra.model_copy(
        update={
            "oncall": [
                OncallLevel(usergroups=[ROTATION]),
                OncallLevel(users=[INFRA_ONCALL_2], after=timedelta(minutes=10)),
            ]
        }
    )
    security = security.model_copy(
        update={
            "oncall": [
                OncallLevel(users=[SECURITY_ONCALL]),
                OncallLevel(users=[INFRA_ONCALL_2], after=timedelta(minutes=10)),
            ]
        }
    )
    services = {**config.services, "infra_network": infra, "security": security}
    return config.model_copy(update={"services": services})


async def _rotation(bot: Harness, members: list[str]) -> None:
    """The scheduling tool puts ``members`` in the rotation group; Slack tells the bot."""
    bot.slack.set_usergroup(ROTATION, members)
    event = {
        "type": "subteam_members_changed",
        "subteam_id": ROTATION,
        "team_id": "T0001",
        "added_users": members,
        "added_users_count": str(len(members)),
        "removed_users": [],
        "removed_users_count": "0",
    }
    status, _ = await bot.send.event(event)
    assert status == 200

    async def synced() -> bool:
        return await bot.guichet.helpdesk.directory.works_for("infra_network", members[0])

    await bot.eventually(synced, "the rotation synced")


async def test_a_level_that_is_a_user_group_pages_its_members(database: Database) -> None:
    """Before: the services file was refused (« a user group's id, not a person's: name it
    under usergroups », where it would make them agents, never paged)."""
    async with running_bot(database, config=_night()) as bot:
        await _rotation(bot, [INFRA_ONCALL_1])
        title, description = OUTAGES[0]
        ticket = await bot.file("emergency", title, description, impact="high", urgency="high")
        (page,) = await bot.wait_dms(INFRA_ONCALL_1, 1)  # the rotation's member, at once
        assert "(niveau 1)" in searchable(page.args["blocks"])  # U0INFRA1 reads French
        await bot.tick(10 * M)
        (escalated,) = pages_to(bot, INFRA_ONCALL_2)
        text = searchable(escalated.args["blocks"])
        assert f"(level 1: <!subteam^{ROTATION}>)" in text, text
        await press_ack(bot, ticket, INFRA_ONCALL_1, page)  # a member of the level acknowledges

        async def acknowledged() -> bool:
            paging = (await stored(bot, ticket.id)).paging
            return paging is not None and paging.acked_by == INFRA_ONCALL_1

        await bot.eventually(acknowledged, "the rotation's member acknowledged")


async def test_an_empty_rotation_passes_the_alert_up_at_once(database: Database) -> None:
    """Nobody in the group tonight (the tool has not filled it): level 2 is paged at the next
    tick, not ten minutes later with nobody paged meanwhile."""
    async with running_bot(database, config=_night()) as bot:
        title, description = OUTAGES[0]
        await bot.file("emergency", title, description, impact="high", urgency="high")
        await bot.tick()
        await bot.tick(timedelta(seconds=30))
        (page,) = pages_to(bot, INFRA_ONCALL_2)
        assert "Escalated to you at once" in searchable(page.args["blocks"])


async def test_one_person_on_two_rosters_acknowledges_each_emergency_apart(
    database: Database,
) -> None:
    """Two emergencies at once, one for each team; INFRA_ONCALL_2 is paged by both (level 2 of
    each): acknowledging one leaves the other paging, and each page counts its own."""
    async with running_bot(database, config=_night()) as bot:
        await _rotation(bot, [INFRA_ONCALL_1])
        title, description = OUTAGES[1]
        infra = await bot.file("emergency", title, description, impact="high", urgency="high")
        security = await bot.file(
            "emergency",
            "Ransomware on the file servers",
            "Ransomware encrypted every file share of the company, all servers hit.",
            impact="high",
            urgency="high",
        )
        assert security.service == "security"
        await bot.wait_dms(SECURITY_ONCALL, 1)
        await bot.tick(10 * M)
        pages = pages_to(bot, INFRA_ONCALL_2)
        assert len(pages) == 2, [searchable(p.args["blocks"]) for p in pages]
        (on_security,) = [p for p in pages if security.id in searchable(p.args["blocks"])]
        await press_ack(bot, security, INFRA_ONCALL_2, on_security)

        async def acked() -> bool:
            paging = (await stored(bot, security.id)).paging
            return paging is not None and paging.acked_by == INFRA_ONCALL_2

        await bot.eventually(acked, "security's emergency acknowledged")
        still = (await stored(bot, infra.id)).paging
        assert still is not None and still.active
        await bot.tick(5 * M)
        again = [
            p for p in pages_to(bot, INFRA_ONCALL_2) if infra.id in searchable(p.args["blocks"])
        ]
        assert len(again) == 2 and "Page #2 to you" in searchable(again[-1].args["blocks"])


async def test_a_stale_page_pressed_after_the_move_is_refused_and_audited(
    database: Database,
) -> None:
    """The emergency went to IT security while paging infra; the infra on-call person presses
    Acknowledge on the page they still see: refused (they do not work security), audited, and
    security's paging goes on."""
    async with running_bot(database, config=_night()) as bot:
        await _rotation(bot, [INFRA_ONCALL_1])
        title, description = OUTAGES[2]
        ticket = await bot.file("emergency", title, description, impact="high", urgency="high")
        (page,) = await bot.wait_dms(INFRA_ONCALL_1, 1)
        await bot.choose(ticket.id, "ticket_reassign", "security", INFRA_ONCALL_1)
        await bot.wait_dms(SECURITY_ONCALL, 1)
        await press_ack(bot, ticket, INFRA_ONCALL_1, page)
        await bot.told_eventually(INFRA_ONCALL_1, "Seules les personnes d’astreinte")
        paging = (await stored(bot, ticket.id)).paging
        assert paging is not None and paging.active
        assert [r for r in await refusals(bot, INFRA_ONCALL_1) if r[4] == ticket.id]
        assert EMPLOYEE_EN  # the requester was told nothing of the refusal


async def test_the_on_call_person_who_filed_it_is_not_told_someone_took_it(
    database: Database,
) -> None:
    """The on-call person files the emergency they are paged for, and acknowledges it (their
    page is how the escalation to level 2 stops): their DM as its requester said « <@them> a
    pris en compte votre urgence » of themselves; it says they acknowledged it."""
    async with running_bot(database, config=_night()) as bot:
        await _rotation(bot, [INFRA_ONCALL_1])
        title, description = OUTAGES[0]
        ticket = await bot.file(
            "emergency", title, description, impact="high", urgency="high", user=INFRA_ONCALL_1
        )
        pages = await bot.wait_dms(INFRA_ONCALL_1, 2)  # filed, then paged
        (page,) = [p for p in pages if "ticket_ack" in str(p.args.get("blocks"))]
        await press_ack(bot, ticket, INFRA_ONCALL_1, page)
        said = await bot.told_eventually(INFRA_ONCALL_1, "acquitté votre urgence")
        assert said.startswith(f"Vous avez acquitté votre urgence *{ticket.id}*"), said
        assert f"<@{INFRA_ONCALL_1}> a pris en compte" not in " ".join(bot.told(INFRA_ONCALL_1))
