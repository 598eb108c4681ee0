"""Filing from a message: the message shortcut and the ticket reaction (once per message)."""

from __future__ import annotations

import asyncio

from bot.domain.models import Level, Priority, Status, Ticket
from tests.e2e.harness import CHANNELS, DESK_MEMBER, EMPLOYEE_EN, EMPLOYEE_FR, OUTSIDER, Harness

GENERAL = "C0GENERAL"
VPN_TEXT = "My VPN drops every hour since this morning\nIt says <@U0MARIE> is offline too."


def _block(view: dict, block_id: str) -> dict:
    return next(b for b in view["blocks"] if b.get("block_id") == block_id)


async def _tickets_from(bot: Harness, channel: str, ts: str) -> list[Ticket]:
    tickets = bot.guichet.helpdesk.tickets
    documents = await tickets._tickets.find({"origin.ts": ts, "origin.channel": channel}).to_list(
        10
    )
    return [t for t in [await tickets.get(d["_id"]) for d in documents] if t]


async def _filed(bot: Harness, channel: str, ts: str) -> Ticket:
    async def found() -> Ticket | None:
        ticket = await bot.guichet.helpdesk.tickets.find_by_origin(channel, ts)
        return ticket if ticket and ticket.message else None

    return await bot.wait_until(found, f"a ticket from {channel}/{ts}")


# --- the message shortcut -------------------------------------------------------------------
async def test_the_shortcut_opens_the_form_prefilled_and_stores_the_link(bot: Harness) -> None:
    message = bot.slack.add_message(GENERAL, VPN_TEXT, user=EMPLOYEE_FR)
    bot.slack.clear()
    updated = await bot.from_message(message, GENERAL, EMPLOYEE_EN)
    assert len(bot.slack.calls_to("views.update")) == 1
    # the form opens before any other call (its trigger lives 3 s), then is completed
    assert bot.slack.calls[0].method == "views.open"
    view = updated.response["view"]
    link = bot.slack.last("chat.getPermalink").response["permalink"]
    assert _block(view, "title")["element"]["initial_value"] == (
        "My VPN drops every hour since this morning"
    )
    description = _block(view, "description")["element"]["initial_value"]
    assert (
        description == "My VPN drops every hour since this morning\nIt says @marie is offline too."
    )
    assert _block(view, "type")["element"]["initial_option"]["value"] == "incident"
    assert link in _block(view, "source")["elements"][0]["text"]

    status, body = await bot.submit(view, {"impact": "low", "urgency": "high"}, user=EMPLOYEE_EN)
    assert status == 200 and body["response_action"] == "update", body
    ticket = await _filed(bot, GENERAL, message["ts"])
    assert ticket.source == "shortcut" and ticket.requester == EMPLOYEE_EN
    assert ticket.origin is not None and ticket.origin.permalink == link
    assert ticket.origin.key is None  # a deliberate second submission may make a second ticket
    assert ticket.message is not None
    assert ticket.service == "infra_network" and ticket.message.channel == CHANNELS["infra_network"]
    posted = bot.slack.message(ticket.message.channel, ticket.message.ts)
    assert link in str(posted["blocks"]) and "From a Slack message" in str(posted["blocks"])


async def test_the_shortcut_warns_when_the_message_is_already_a_ticket(bot: Harness) -> None:
    message = bot.slack.add_message(GENERAL, VPN_TEXT, user=EMPLOYEE_FR)
    await bot.react(GENERAL, message["ts"], EMPLOYEE_EN)
    ticket = await _filed(bot, GENERAL, message["ts"])
    view = (await bot.from_message(message, GENERAL, EMPLOYEE_FR)).response["view"]
    warning = _block(view, "source")["elements"][0]["text"]
    assert f"a déjà donné le ticket *{ticket.id}*" in warning


async def test_the_shortcut_on_a_ticket_card_offers_that_ticket(bot: Harness) -> None:
    ticket = await bot.file("incident", "VPN down", "The VPN drops", user=EMPLOYEE_FR)
    assert ticket.message is not None
    card = bot.slack.message(ticket.message.channel, ticket.message.ts)
    updated = await bot.from_message(card, ticket.message.channel, EMPLOYEE_EN)
    view = updated.response["view"]
    assert view["title"]["text"] == "Already a ticket" and not view.get("submit")
    text = view["blocks"][0]["text"]["text"]
    assert text.startswith(f"This message is the card of ticket *{ticket.id}* “VPN down”, new")
    link = bot.slack.last("chat.getPermalink").response["permalink"]
    assert f"<{link}|Open the ticket>" in text
    await bot.settled()
    assert len(await _tickets_from(bot, ticket.message.channel, ticket.message.ts)) == 0


# --- the reaction ---------------------------------------------------------------------------
async def test_a_reaction_files_the_message(bot: Harness) -> None:
    message = bot.slack.add_message(GENERAL, VPN_TEXT, user=EMPLOYEE_FR)
    await bot.react(GENERAL, message["ts"], EMPLOYEE_EN)
    ticket = await _filed(bot, GENERAL, message["ts"])
    assert ticket.requester == EMPLOYEE_EN and ticket.source == "reaction"
    assert ticket.title == "My VPN drops every hour since this morning"
    assert "@marie is offline" in ticket.description
    assert (ticket.impact, ticket.urgency, ticket.priority) == (
        Level.MEDIUM,
        Level.MEDIUM,
        Priority.P3,
    )
    assert ticket.service == "infra_network" and ticket.status is Status.NEW
    assert ticket.origin is not None and ticket.origin.key == f"T0001/{GENERAL}/{message['ts']}"
    assert ticket.origin.permalink and ticket.origin.permalink.startswith("https://")

    dms = await bot.wait_dms(EMPLOYEE_EN, 1)
    assert ticket.id in dms[-1].args["text"]
    confirmation = await bot.eventually(
        lambda: next(
            (
                m
                for m in bot.slack.messages(GENERAL)
                if m.get("thread_ts") == message["ts"] and m.get("bot_id")
            ),
            None,
        ),
        "the confirmation in the message's thread",
    )
    source = bot.slack.message(GENERAL, message["ts"])
    assert [r["name"] for r in source["reactions"]] == ["white_check_mark"]
    assert (
        f"ticket *{ticket.id}*" in confirmation["text"] and "Infrastructure" in confirmation["text"]
    )


async def test_the_confirmation_in_the_thread_speaks_the_reactors_language(bot: Harness) -> None:
    """The workspace speaks English; Marie, who reacted, reads the confirmation in French."""
    message = bot.slack.add_message(GENERAL, "L’imprimante du 2e étage bourre", user=EMPLOYEE_EN)
    await bot.react(GENERAL, message["ts"], EMPLOYEE_FR)
    ticket = await _filed(bot, GENERAL, message["ts"])
    confirmation = await bot.eventually(
        lambda: next(
            (
                m
                for m in bot.slack.messages(GENERAL)
                if m.get("thread_ts") == message["ts"] and m.get("bot_id")
            ),
            None,
        ),
        "the confirmation in the message's thread",
    )
    assert confirmation["text"].startswith(
        f"🎫 <@{EMPLOYEE_FR}> a transformé ce message en ticket *{ticket.id}* (P3), confié "
    )


async def test_a_retried_reaction_makes_one_ticket(bot: Harness) -> None:
    message = bot.slack.add_message(GENERAL, "Outlook crashes at start", user=EMPLOYEE_EN)
    await bot.react(GENERAL, message["ts"], EMPLOYEE_EN, event_id="Ev0REACT1")
    ticket = await _filed(bot, GENERAL, message["ts"])
    await bot.react(GENERAL, message["ts"], EMPLOYEE_EN, event_id="Ev0REACT1", retry_num=1)
    await bot.react(GENERAL, message["ts"], EMPLOYEE_EN, event_id="Ev0REACT1", retry_num=2)
    # someone else's reaction afterwards is answered; by then the retries are long done
    await bot.react(GENERAL, message["ts"], OUTSIDER)
    told = await bot.wait_dms(OUTSIDER, 1)  # not a member of #general: told by DM
    assert ticket.id in told[-1].args["text"]
    assert [t.id for t in await _tickets_from(bot, GENERAL, message["ts"])] == [ticket.id]
    answered = [c.args["user"] for c in bot.slack.calls_to("chat.postEphemeral")]
    assert answered == [OUTSIDER]  # the retried deliveries said nothing
    dms = [c for c in bot.slack.calls_to("chat.postMessage") if c.args["channel"] == EMPLOYEE_EN]
    assert len(dms) == 1  # the requester heard once: filed


async def test_a_delivery_and_its_retry_racing_make_one_ticket(bot: Harness) -> None:
    message = bot.slack.add_message(GENERAL, "Excel freezes on big files", user=EMPLOYEE_EN)
    await asyncio.gather(
        bot.react(GENERAL, message["ts"], EMPLOYEE_EN, event_id="Ev0RACE"),
        bot.react(GENERAL, message["ts"], EMPLOYEE_EN, event_id="Ev0RACE", retry_num=1),
        bot.react(GENERAL, message["ts"], EMPLOYEE_EN, event_id="Ev0RACE", retry_num=2),
    )
    ticket = await _filed(bot, GENERAL, message["ts"])
    await bot.wait_dms(EMPLOYEE_EN, 1)
    await bot.slack.wait_for("reactions.add")
    assert [t.id for t in await _tickets_from(bot, GENERAL, message["ts"])] == [ticket.id]
    service_posts = [
        c for c in bot.slack.calls_to("chat.postMessage") if c.args["channel"] in CHANNELS.values()
    ]
    assert len(service_posts) == 1


async def test_a_second_reaction_by_someone_else_is_told_the_ticket(bot: Harness) -> None:
    bot.slack.set_members(GENERAL, [EMPLOYEE_EN, EMPLOYEE_FR, DESK_MEMBER])
    message = bot.slack.add_message(GENERAL, "The wifi is slow on floor 2", user=EMPLOYEE_FR)
    await bot.react(GENERAL, message["ts"], EMPLOYEE_EN)
    ticket = await _filed(bot, GENERAL, message["ts"])
    await bot.react(GENERAL, message["ts"], EMPLOYEE_FR)
    told = await bot.ephemeral_seen(EMPLOYEE_FR)
    assert told["channel"] == GENERAL
    # not « /ticket show pour le suivre »: that shows the ticket to its requester and team only
    assert told["text"] == (
        f"Ce message est déjà le ticket *{ticket.id}* (Nouveau, *Infrastructure et réseau*), "
        f"ouvert par <@{EMPLOYEE_EN}>\u00a0: c’est <@{EMPLOYEE_EN}> qui en reçoit les nouvelles "
        "en message direct."
    )
    assert len(await _tickets_from(bot, GENERAL, message["ts"])) == 1

    await bot.react(GENERAL, message["ts"], EMPLOYEE_EN)  # its requester again: may follow it
    told = await bot.ephemeral_seen(EMPLOYEE_EN)
    assert told["text"].endswith(f"`/ticket show {ticket.id}` to follow it.")
    assert f"{ticket.id} · Incident" in await bot.show(ticket.id, EMPLOYEE_EN)


async def test_other_reactions_and_the_bots_own_messages_are_ignored(bot: Harness) -> None:
    message = bot.slack.add_message(GENERAL, "Printer out of toner", user=EMPLOYEE_EN)
    await bot.react(GENERAL, message["ts"], EMPLOYEE_EN, reaction="thumbsup")
    ticket = await bot.file(title="Mouse broken")  # the bot's own channel post and DMs
    assert ticket.message is not None
    await bot.react(ticket.message.channel, ticket.message.ts, DESK_MEMBER)
    # a real one afterwards is filed; by then the ignored events are long done
    await bot.react(GENERAL, message["ts"], OUTSIDER, reaction="ticket::skin-tone-2")
    filed = await _filed(bot, GENERAL, message["ts"])
    assert filed.requester == OUTSIDER
    origins = await bot.guichet.helpdesk.tickets.find_by_origin(
        ticket.message.channel, ticket.message.ts
    )
    assert origins is None


async def test_a_reaction_on_a_thread_reply_files_that_reply(bot: Harness) -> None:
    parent = bot.slack.add_message(GENERAL, "Anyone else?", user=EMPLOYEE_FR)
    reply = bot.slack.add_message(
        GENERAL, "Yes, Teams shows error 500", user=EMPLOYEE_EN, thread_ts=parent["ts"]
    )
    await bot.react(GENERAL, reply["ts"], EMPLOYEE_EN)
    ticket = await _filed(bot, GENERAL, reply["ts"])
    assert ticket.title == "Yes, Teams shows error 500"
    confirmation = await bot.eventually(
        lambda: next(
            (
                call
                for call in bot.slack.calls_to("chat.postMessage")
                if call.args["channel"] == GENERAL and ticket.id in call.args.get("text", "")
            ),
            None,
        ),
        "the confirmation in the channel",
    )
    assert confirmation.args["thread_ts"] == parent["ts"]  # in the reply's thread
    reacted = bot.slack.message(GENERAL, reply["ts"])  # on the reply itself
    assert [r["name"] for r in reacted["reactions"]] == ["white_check_mark"]


async def test_a_message_the_bot_cannot_read_is_explained(bot: Harness) -> None:
    bot.slack.add_channel("C0SECRET", "secret", members=[EMPLOYEE_EN], bot_member=False)
    message = bot.slack.add_message("C0SECRET", "Laptop stolen", user=EMPLOYEE_EN)
    await bot.react("C0SECRET", message["ts"], EMPLOYEE_EN)
    answers = await bot.wait_dms(EMPLOYEE_EN, 1)  # no ephemeral possible there: a DM
    assert "cannot read that message" in answers[-1].args["text"]
    assert await bot.guichet.helpdesk.tickets.find_by_origin("C0SECRET", message["ts"]) is None
