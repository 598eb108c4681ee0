"""An agent corrects a ticket's type from its channel message ("this incident is really a
service request"): the card is redrawn, the history and the audit log say who, the requester is
told, and what Guichet learns at resolution is the type the agent set. Someone outside the
service, a stale menu and a forged value change nothing, and each refusal is audited."""

from __future__ import annotations

from bot.domain.models import Status, Ticket, TicketType
from tests.e2e.audit_lines import audit_lines, refusals
from tests.e2e.harness import DESK_AGENT, DESK_MEMBER, EMPLOYEE_FR, OUTSIDER, Harness, find_element
from tests.e2e.observations import answer_text, searchable
from tests.e2e.test_reports import _answer, _csv_rows
from tests.e2e.test_working import _card_updated, _updates


async def _desk_incident(bot: Harness) -> Ticket:
    """An incident that is really a request: the requester needs software on their computer."""
    ticket = await bot.file(
        "incident",
        "lcqplan pour lundi",
        "Il me faut lcqplan sur mon poste pour lundi",
        user=EMPLOYEE_FR,
    )
    assert ticket.service == "service_desk" and ticket.message is not None
    return ticket


def _offered(message: dict) -> list[str]:
    return [o["value"] for o in find_element(message, "ticket_type")["options"]]


async def test_an_agent_changes_the_type_and_everyone_sees_it(bot: Harness) -> None:
    ticket = await _desk_incident(bot)
    message = await bot.channel_message(ticket.id)
    assert _offered(message) == [  # every other type but emergency (that one pages on-call)
        f"{ticket.id}|incident|{kind}"
        for kind in (
            "service_request",
            "problem",
            "information_request",
            "improvement_request",
            "training_request",
        )
    ]
    menu = find_element(message, "ticket_type")
    assert menu["placeholder"]["text"] == "Changer le type"  # the desk channel speaks French
    assert menu["options"][0]["text"]["text"] == "Demande de service"

    updates = _updates(bot)
    status, _ = await bot.choose(ticket.id, "ticket_type", "service_request", DESK_AGENT)
    assert status == 200
    calls = await _card_updated(bot, updates)
    assert ticket.message is not None
    (update,) = [c for c in calls if c.args["channel"] == ticket.message.channel]
    assert update.ok, update.response  # the emulator takes the redrawn card as Slack would
    assert "ticket_type" in str(update.args["blocks"])
    stored = await bot.ticket(ticket.id)
    assert stored.type is TicketType.SERVICE_REQUEST
    assert stored.id == ticket.id  # it keeps its id (INC-…): every message names it so
    assert (stored.status, stored.priority, stored.service) == (
        ticket.status,
        ticket.priority,
        ticket.service,
    )
    assert stored.sla == ticket.sla  # targets are per priority: the deadlines stay

    card = await bot.channel_message(ticket.id)
    text = searchable(card["blocks"])
    assert f"{ticket.id} · Demande de service" in text  # the header
    assert (
        f"Dernier changement\u00a0: type Incident → Demande de service par <@{DESK_AGENT}>" in text
    )
    assert _offered(card)[0] == f"{ticket.id}|service_request|incident"  # drawn from the new type

    history = await bot.guichet.helpdesk.tickets.history(ticket.id)
    assert (history[-1].action, history[-1].actor, history[-1].before, history[-1].after) == (
        "type_changed",
        DESK_AGENT,
        "incident",
        "service_request",
    )
    assert (DESK_AGENT, "type_changed", "done", "block_actions:ticket_type", ticket.id, None) in (
        await audit_lines(bot, ticket_id=ticket.id)
    )

    told = await bot.told_eventually(EMPLOYEE_FR, "a reclassé votre ticket")
    assert f"<@{DESK_AGENT}> a reclassé votre ticket *{ticket.id}*" in told
    assert "»\u00a0: son type est désormais *Demande de service*. Il garde son numéro" in told
    details = await bot.show(ticket.id, DESK_MEMBER)  # in English for this agent
    assert f"type Incident → Service request by <@{DESK_AGENT}>" in details


async def test_someone_outside_the_service_is_refused_and_audited(bot: Harness) -> None:
    ticket = await _desk_incident(bot)
    await bot.choose(ticket.id, "ticket_type", "service_request", OUTSIDER)
    told = await bot.told_eventually(OUTSIDER, "Only members of")
    assert told == f"Only members of Service desk can work on {ticket.id}."
    assert (await bot.ticket(ticket.id)).type is TicketType.INCIDENT
    assert not bot.slack.calls_to("chat.update")
    history = await bot.guichet.helpdesk.tickets.history(ticket.id)
    assert "type_changed" not in [entry.action for entry in history]
    assert await refusals(bot, OUTSIDER) == [
        (OUTSIDER, "ticket_type", "refused", "block_actions:ticket_type", ticket.id, "NotAllowed")
    ]


async def test_a_stale_menu_is_told_what_changed_first(bot: Harness) -> None:
    ticket = await _desk_incident(bot)
    seen = await bot.channel_message(ticket.id)  # what the second agent is looking at
    updates = _updates(bot)
    await bot.choose(ticket.id, "ticket_type", "service_request", DESK_MEMBER)
    await _card_updated(bot, updates)

    await bot.choose(ticket.id, "ticket_type", "training_request", DESK_AGENT, message=seen)
    told = await bot.told_eventually(DESK_AGENT, "a changé avant votre clic")
    assert f"type Incident → Demande de service par <@{DESK_MEMBER}>" in told
    assert (await bot.ticket(ticket.id)).type is TicketType.SERVICE_REQUEST
    assert _updates(bot) == updates + 1
    assert await refusals(bot, DESK_AGENT) == [
        (
            DESK_AGENT,
            "ticket_type",
            "refused",
            "block_actions:ticket_type",
            ticket.id,
            "StaleTicket",
        )
    ]


async def test_forged_values_change_nothing(bot: Harness) -> None:
    ticket = await _desk_incident(bot)
    message = await bot.channel_message(ticket.id)
    assert ticket.message is not None
    for value, answer in (
        (f"{ticket.id}|incident|emergency", "Ce bouton n’est plus valable"),  # paging's path
        (f"{ticket.id}|emergency|incident", "Ce bouton n’est plus valable"),
        (f"{ticket.id}|incident|sleeping", "Ce bouton n’est plus valable"),
        (f"{ticket.id}|incident", "Ce bouton n’est plus valable"),
        (f"{ticket.id}|incident|incident", f"{ticket.id} est déjà du type"),
    ):
        before = len(bot.told(DESK_AGENT))
        await bot.send.block_action(
            "ticket_type",
            user_id=DESK_AGENT,
            channel_id=ticket.message.channel,
            message=message,
            selected_option={"text": {"type": "plain_text", "text": "x"}, "value": value},
        )
        await bot.told_more(DESK_AGENT, before, "the refusal")
        assert answer in bot.told(DESK_AGENT)[-1], value
    stored = await bot.ticket(ticket.id)
    assert stored.type is TicketType.INCIDENT and stored.paging is None  # nobody paged
    assert not bot.slack.calls_to("chat.update")
    reasons = [line[-1] for line in await refusals(bot, DESK_AGENT)]
    assert reasons == ["bad_value"] * 4 + ["NoChange"]


def _suggested(view: dict) -> str | None:
    """The type the pre-filled form suggests."""
    (block,) = [b for b in view["blocks"] if b.get("block_id") == "type"]
    option = block["element"].get("initial_option")
    return option["value"] if option else None


async def test_the_type_learned_at_resolution_is_the_one_the_agent_set(bot: Harness) -> None:
    asked = "lcqplan sur mon poste"
    assert _suggested(await bot.open_form(asked, user=EMPLOYEE_FR)) == "incident"  # never heard
    ticket = await _desk_incident(bot)
    updates = _updates(bot)
    await bot.choose(ticket.id, "ticket_type", "service_request", DESK_AGENT)
    await _card_updated(bot, updates)
    await bot.claim(ticket, DESK_AGENT)
    await bot.told_eventually(EMPLOYEE_FR, "a pris en charge")
    await bot.choose(ticket.id, "ticket_status", "resolved", DESK_AGENT)

    async def learned() -> dict | None:
        return await bot.guichet.database.handle["triage_lessons"].find_one({"_id": ticket.id})

    lesson = await bot.wait_until(learned, "the lesson of the resolved ticket")
    assert lesson["type"] == "service_request" and "lcqplan" in lesson["features"]
    assert (await bot.ticket(ticket.id)).status is Status.RESOLVED
    # the next one in its words is suggested the type the agent set, not the one first picked
    assert _suggested(await bot.open_form(asked, user=EMPLOYEE_FR)) == "service_request"


async def test_an_emergency_offers_no_type_menu(bot: Harness) -> None:
    emergency = await bot.file("emergency", "Datacenter on fire", "Smoke in the server room")
    card = str((await bot.channel_message(emergency.id))["blocks"])
    assert "ticket_type" not in card  # leaving an emergency is "Not an emergency"


async def test_reports_and_the_export_count_it_under_its_new_type(bot: Harness) -> None:
    ticket = await _desk_incident(bot)
    updates = _updates(bot)
    await bot.choose(ticket.id, "ticket_type", "service_request", DESK_AGENT)
    await _card_updated(bot, updates)

    stats = answer_text(await _answer(bot, "stats service_desk 1j", DESK_AGENT))
    assert "Demande de service 1" in stats and "Incident 1" not in stats
    await _answer(bot, "export service_desk 1j", DESK_AGENT)
    [upload] = bot.slack.uploads(bot.slack.dm_channel_id(DESK_AGENT))
    header, *rows = _csv_rows(upload.data or b"", ";")
    column = header.index("Type")
    assert [(row[0], row[column]) for row in rows] == [(ticket.id, "Demande de service")]
