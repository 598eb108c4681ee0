"""Wrong matches undone: "Not related" posts the held incidents, "Unlink" makes one a normal
ticket, cancelling the problem gives its incidents back."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from bot.domain.models import Status, Ticket
from tests.e2e.harness import (
    DESK_AGENT,
    OUTSIDER,
    Harness,
)
from tests.e2e.observations import is_listener, searchable
from tests.e2e.problems.outage import (
    DESK,
    REQUESTERS,
    as_shown,
    buttons,
    dm_texts,
    make_problem,
    report,
    suggestion_posts,
    three_reports,
)


# --- "Not related" and "Unlink" -------------------------------------------------------------------
async def test_not_related_posts_the_held_incidents_and_never_suggests_them_again(
    desk: Harness,
) -> None:
    bot = desk
    _, post = await three_reports(bot)
    held = await report(bot, 3)
    seen = as_shown(bot, post)
    await bot.press(DESK, seen, "problem_dismiss", DESK_AGENT)

    async def posted() -> Ticket | None:
        ticket = await bot.ticket(held.id)
        return ticket if ticket.message is not None else None

    await bot.eventually(posted, "the held incident posted")
    decided = await bot.eventually(
        lambda: "Sans rapport, selon" in str(as_shown(bot, post)["blocks"]) and as_shown(bot, post),
        "the suggestion updated",
    )
    assert f"Sans rapport, selon <@{DESK_AGENT}>" in str(decided["blocks"])
    assert buttons(decided) == []
    assert len(bot.top_level(DESK)) == 5  # three, the suggestion, the one it held
    await bot.tick()
    told = dm_texts(bot, REQUESTERS[3])[-1]
    assert f"Votre ticket *{held.id}*" in told and "est finalement traité à part" in told

    fifth = await report(bot, 4)  # same words again: those four are never suggested again
    assert (await bot.ticket(fifth.id)).message is not None
    assert len(suggestion_posts(bot)) == 1
    await bot.press(DESK, seen, "problem_create", DESK_AGENT)  # as it was before the decision
    said = await bot.told_eventually(DESK_AGENT, "a déjà jugé ces incidents sans rapport")
    assert f"<@{DESK_AGENT}>" in said
    assert await bot.guichet.helpdesk.tickets.get("PRB-1") is None


async def test_unlink_makes_a_wrong_match_a_normal_ticket(desk: Harness) -> None:
    bot = desk
    _, problem = await make_problem(bot)
    fifth = await report(bot, 4)
    await bot.tick()
    reply = bot.slack.message(DESK, bot.thread(problem)[-1].response["ts"])
    block = f"linked:{fifth.id}"

    await bot.press(DESK, reply, "incident_unlink", OUTSIDER, block_id=block)
    await bot.told_eventually(OUTSIDER, "Only members of")
    assert (await bot.ticket(fifth.id)).problem_id == "PRB-1"

    posts = len(bot.top_level(DESK))
    await bot.press(DESK, reply, "incident_unlink", DESK_AGENT, block_id=block)

    async def on_its_own() -> Ticket | None:
        ticket = await bot.ticket(fifth.id)
        return ticket if ticket.problem_id is None and ticket.message is not None else None

    await bot.eventually(on_its_own, "the incident posted on its own")
    assert len(bot.top_level(DESK)) == posts + 1  # posted normally
    told = await bot.told_eventually(REQUESTERS[4], "is handled on its own after all")
    assert f"*{fifth.id}*" in told
    updated = await bot.eventually(
        lambda: (
            "délié" in str(bot.slack.message(DESK, reply["ts"])["blocks"])
            and bot.slack.message(DESK, reply["ts"])
        ),
        "the reply updated",
    )
    assert buttons(updated) == []
    assert fifth.id not in (await bot.ticket("PRB-1")).linked_incidents
    await bot.tick()
    assert "*Incidents liés*\\n3" in str((await bot.channel_message("PRB-1"))["blocks"])
    history = await bot.guichet.helpdesk.tickets.history(fifth.id)
    assert ("unlinked", "PRB-1", DESK_AGENT) in [(e.action, e.before, e.actor) for e in history]


async def test_cancelling_the_problem_gives_its_incidents_back(desk: Harness) -> None:
    bot = desk
    tickets, problem = await make_problem(bot)
    stormed = await report(bot, 3)  # linked, never posted
    posts = len(bot.top_level(DESK))
    await bot.choose(problem.id, "ticket_status", "cancelled", DESK_AGENT)

    async def released() -> bool:
        stored = [await bot.ticket(t.id) for t in [*tickets, stormed]]
        return all(t.problem_id is None and t.message is not None for t in stored)

    await bot.eventually(released, "the incidents released")
    await bot.eventually(lambda: _fanned_out_as(bot, problem.id, Status.CANCELLED), "done")
    assert len(bot.top_level(DESK)) == posts + 1  # the one never posted is posted now
    assert (await bot.ticket(problem.id)).linked_incidents == ()
    for ticket in [*tickets, stormed]:
        assert (await bot.ticket(ticket.id)).status is Status.NEW  # still to be worked
    await bot.tick()
    for ticket in tickets:  # their messages no longer say they are linked, but that they were
        card = searchable((await bot.channel_message(ticket.id))["blocks"])
        assert "Lié à *PRB-1*" not in card
        assert "Dernier changement\u00a0: délié de PRB-1" in card
    told = dm_texts(bot, REQUESTERS[3])[-1]  # in French
    assert f"Votre ticket *{stormed.id}*" in told and "est finalement traité à part" in told


async def _fanned_out_as(bot: Harness, ticket_id: str, status: Status) -> bool:
    ticket = await bot.ticket(ticket_id)
    return ticket.status is status and ticket.fanout_at is None


async def test_unlink_updates_the_stored_reply_not_the_message_the_payload_names(
    desk: Harness,
) -> None:
    """A payload may name any message (forged, or a copy): the reply updated is the one the
    outbox delivered, which listed the incident."""
    bot = desk
    _, problem = await make_problem(bot)
    fifth = await report(bot, 4)
    await bot.tick()
    reply = bot.slack.message(DESK, bot.thread(problem)[-1].response["ts"])
    decoy = bot.slack.add_message(DESK, "an unrelated message of the bot's", user="UBOT")
    forged = {**reply, "ts": decoy["ts"]}  # the reply's blocks, another message's ts
    updates = len(bot.slack.calls_to("chat.update"))
    await bot.press(DESK, forged, "incident_unlink", DESK_AGENT, block_id=f"linked:{fifth.id}")
    await bot.eventually(
        lambda: "délié" in str(bot.slack.message(DESK, reply["ts"])["blocks"]),
        "the stored reply updated",
    )
    assert bot.slack.message(DESK, decoy["ts"])["text"] == "an unrelated message of the bot's"
    touched = [c.args["ts"] for c in bot.slack.calls_to("chat.update")[updates:]]
    assert decoy["ts"] not in touched


async def test_the_listing_s_count_follows_an_unlink(desk: Harness) -> None:
    bot = desk
    tickets, problem = await make_problem(bot)
    (listing,) = bot.thread(problem)
    reply = bot.slack.message(DESK, listing.response["ts"])
    assert reply["text"] == "3 incidents liés à PRB-1"
    first = tickets[0].id
    await bot.press(DESK, reply, "incident_unlink", DESK_AGENT, block_id=f"linked:{first}")

    def updated() -> dict | None:
        now = bot.slack.message(DESK, listing.response["ts"])
        return now if "délié" in str(now["blocks"]) else None

    now = await bot.eventually(updated, "the listing updated")
    assert now["blocks"][0]["text"]["text"] == "🔗 Liés à *PRB-1* (2)\u00a0:"
    assert now["text"] == "2 incidents liés à PRB-1"  # its fallback too
    assert len([b for b in buttons(now) if b[0] == "incident_unlink"]) == 2


async def test_an_unlink_s_redraw_slack_failed_is_made_at_the_next_tick(desk: Harness) -> None:
    """The reply listing the unlinked incident is redrawn through the outbox: Slack failing
    at the press, the next tick redraws it (before: a direct chat.update, its failure only
    logged; the reply kept the incident's Unlink button)."""
    bot = desk
    _, problem = await make_problem(bot)
    fifth = await report(bot, 4)
    await bot.tick()
    reply = bot.slack.message(DESK, bot.thread(problem)[-1].response["ts"])
    bot.slack.fail_next("chat.update", "fatal_error", times=50)  # Slack in trouble
    await bot.press(DESK, reply, "incident_unlink", DESK_AGENT, block_id=f"linked:{fifth.id}")
    await bot.told_eventually(REQUESTERS[4], "is handled on its own after all")

    async def listeners_done() -> bool:
        report = bot.guichet.after_ack.report() if bot.guichet.after_ack else None
        running = any(is_listener(task) for task in asyncio.all_tasks())
        return not running and (report is None or not (report.depth or report.running))

    await bot.eventually(listeners_done, "the press's work done")
    assert "délié" not in str(bot.slack.message(DESK, reply["ts"])["blocks"])
    bot.slack.stop_failing("chat.update")
    await bot.tick(timedelta(seconds=30))  # the outbox's first backoff
    redrawn = bot.slack.message(DESK, reply["ts"])
    assert f"*{fifth.id}*" in str(redrawn["blocks"]) and "délié" in str(redrawn["blocks"])
    assert buttons(redrawn) == []
