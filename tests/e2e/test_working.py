"""Working a ticket from its channel message: assign, status, priority, reassign; who may; what
the requester hears; a stale or concurrent change has one winner and the other is told."""

from __future__ import annotations

import asyncio

from bot.domain.models import HistoryAction, Priority, Status, Ticket
from bot.domain.workflow import next_statuses
from sandbox.emulator import RecordedCall
from tests.e2e.harness import (
    CHANNELS,
    DESK_AGENT,
    DESK_MEMBER,
    EMPLOYEE_EN,
    EMPLOYEE_FR,
    OUTSIDER,
    Harness,
    find_element,
)
from tests.e2e.observations import action_ids, searchable


async def _desk_ticket(bot: Harness, user: str = EMPLOYEE_EN) -> Ticket:
    ticket = await bot.file(
        "information_request",
        "How do I reset my password?",
        "Where is the password procedure?",
        user=user,
    )
    assert ticket.service == "service_desk" and ticket.message is not None
    return ticket


def _card_updates(bot: Harness) -> list[RecordedCall]:
    """Updates of channel messages (a DM losing its buttons is not one), oldest first."""
    calls = bot.slack.calls_to("chat.update")
    return [c for c in calls if not c.args["channel"].startswith("D")]


def _updates(bot: Harness) -> int:
    return len(_card_updates(bot))


async def _card_updated(bot: Harness, updates_before: int) -> list[RecordedCall]:
    """Wait until channel messages were updated more than ``updates_before`` times (counted as
    ``_updates`` counts: a DM's update, which may land meanwhile, is not one); returns them."""

    def more() -> list[RecordedCall] | None:
        calls = _card_updates(bot)
        return calls if len(calls) > updates_before else None

    return await bot.eventually(more, "a channel message updated")


async def _changed(bot: Harness, ticket_id: str, updates_before: int) -> Ticket:
    """Wait for the channel message to be updated once more; returns the stored ticket."""
    await _card_updated(bot, updates_before)
    return await bot.ticket(ticket_id)


async def test_assign_to_someone_through_the_form(bot: Harness) -> None:
    ticket = await _desk_ticket(bot)
    form = (await bot.choose_form(ticket.id, "ticket_assign", DESK_MEMBER)).response["view"]
    assert form["callback_id"] == "ticket_assign_form"
    assert form["title"]["text"] == "Assign ticket"  # in the language of who pressed (en-GB)

    updates = _updates(bot)
    status, body = await bot.submit(form, {"assignee": DESK_AGENT}, user=DESK_MEMBER)
    assert status == 200 and not body  # the form closes
    stored = await _changed(bot, ticket.id, updates)
    assert stored.assignee == DESK_AGENT and stored.status is Status.IN_PROGRESS

    message = await bot.channel_message(ticket.id)
    text = searchable(message["blocks"])
    assert f"*Pris en charge par*\\n<@{DESK_AGENT}>" in text  # the desk channel speaks French
    assert f"Dernier changement\u00a0: confié à <@{DESK_AGENT}> par <@{DESK_MEMBER}>" in text
    assert "ticket_claim" not in text and "ticket_assign" in text

    dm = await bot.told_eventually(EMPLOYEE_EN, "is now assigned to")
    assert f"*{ticket.id}*" in dm and f"<@{DESK_AGENT}>" in dm
    thread = await bot.eventually(
        lambda: [m for m in bot.slack.messages(CHANNELS["service_desk"]) if m.get("thread_ts")],
        "a reply in the ticket's thread",
    )
    assert ticket.message is not None
    assert thread[-1]["thread_ts"] == ticket.message.ts
    assert f"<@{DESK_AGENT}>, <@{DESK_MEMBER}> vous a confié *{ticket.id}*" in thread[-1]["text"]
    history = await bot.guichet.helpdesk.tickets.history(ticket.id)
    assert (history[-1].action, history[-1].before, history[-1].after) == (
        "assigned",
        None,
        DESK_AGENT,
    )


async def test_assigning_someone_outside_the_service_is_a_field_error(bot: Harness) -> None:
    ticket = await _desk_ticket(bot)
    form = (await bot.choose_form(ticket.id, "ticket_assign", DESK_AGENT)).response["view"]
    assert form["title"]["text"] == "Attribuer le ticket"  # the desk agent reads French
    status, body = await bot.submit(form, {"assignee": OUTSIDER}, user=DESK_AGENT)
    assert status == 200 and body["response_action"] == "errors"
    assert "ne fait pas partie du Centre de support" in body["errors"]["assignee"]
    status, body = await bot.submit(form, {"assignee": "UBOT"}, user=DESK_AGENT)
    assert "pas un bot" in body["errors"]["assignee"]
    stored = await bot.ticket(ticket.id)
    assert stored.assignee is None and stored.status is Status.NEW
    assert not bot.slack.calls_to("chat.update")


async def test_every_legal_status_change_and_only_those_are_offered(bot: Harness) -> None:
    ticket = await _desk_ticket(bot)
    told = {  # what the requester reads after each change
        Status.WAITING_ON_REQUESTER: "<@U0DESKMEMBER> needs an answer from you on your ticket",
        Status.IN_PROGRESS: "is now *in progress* (by <@U0DESKMEMBER>)",
        Status.RESOLVED: "marked your ticket",
        Status.CLOSED: "is closed. How satisfied are you",
    }
    path = [
        Status.WAITING_ON_REQUESTER,
        Status.IN_PROGRESS,
        Status.RESOLVED,
        Status.IN_PROGRESS,
        Status.RESOLVED,
        Status.CLOSED,
    ]
    current = Status.NEW
    for step, wanted in enumerate(path):
        message = await bot.channel_message(ticket.id)
        offered = [o["value"] for o in find_element(message, "ticket_status")["options"]]
        assert offered == [f"{ticket.id}|{current}|{s}" for s in next_statuses(current)]
        updates = _updates(bot)
        await bot.choose(ticket.id, "ticket_status", wanted.value, DESK_MEMBER)
        stored = await _changed(bot, ticket.id, updates)
        assert stored.status is wanted
        await bot.told_eventually(EMPLOYEE_EN, told[wanted], times=path[: step + 1].count(wanted))
        current = wanted
    # closed: nothing changes it any more; its answer may still become an article
    final = await bot.channel_message(ticket.id)
    assert action_ids(final) == ["knowledge_save"]
    history = await bot.guichet.helpdesk.tickets.history(ticket.id)
    changes = [(e.before, e.after) for e in history if e.action == "status"]
    assert changes == list(zip(["new", *path[:-1]], path, strict=True))

    other = await _desk_ticket(bot)
    updates = _updates(bot)
    await bot.choose(other.id, "ticket_status", "cancelled", DESK_MEMBER)
    assert (await _changed(bot, other.id, updates)).status is Status.CANCELLED
    cancelled = await bot.told_eventually(EMPLOYEE_EN, "is now *cancelled*")
    assert f"*{other.id}*" in cancelled


async def test_an_illegal_status_change_is_refused_and_changes_nothing(bot: Harness) -> None:
    ticket = await _desk_ticket(bot)
    message = await bot.channel_message(ticket.id)
    forged = {"text": {"type": "plain_text", "text": "Closed"}, "value": f"{ticket.id}|new|closed"}
    assert ticket.message is not None
    await bot.send.block_action(
        "ticket_status",
        user_id=DESK_MEMBER,
        channel_id=ticket.message.channel,
        message=message,
        selected_option=forged,
    )
    refusal = await bot.told_eventually(DESK_MEMBER, "cannot go from")
    assert refusal == f"{ticket.id} cannot go from *New* to *Closed*: nothing was changed."
    assert (await bot.ticket(ticket.id)).status is Status.NEW
    assert not bot.slack.calls_to("chat.update")


async def test_change_priority(bot: Harness) -> None:
    ticket = await _desk_ticket(bot)
    assert ticket.priority is Priority.P2
    message = await bot.channel_message(ticket.id)
    offered = [o["value"] for o in find_element(message, "ticket_priority")["options"]]
    assert offered == [f"{ticket.id}|P2|{p}" for p in ("P1", "P3", "P4", "P5")]
    updates = _updates(bot)
    await bot.choose(ticket.id, "ticket_priority", "P4", DESK_AGENT)
    stored = await _changed(bot, ticket.id, updates)
    assert stored.priority is Priority.P4
    text = str((await bot.channel_message(ticket.id))["blocks"])
    assert "P4 · basse" in text and "priorité P2 · haute → P4 · basse par <@U0DESKAGENT>" in text
    # a stale press of the old menu (still showing P2) is told what happened
    await bot.choose(ticket.id, "ticket_priority", "P1", DESK_MEMBER, message=message)
    told = await bot.told_eventually(DESK_MEMBER, "changed before your click")
    assert "priority P2 · high → P4 · low by <@U0DESKAGENT>" in told
    assert (await bot.ticket(ticket.id)).priority is Priority.P4


async def test_reassign_moves_the_ticket_to_the_other_service(bot: Harness) -> None:
    ticket = await _desk_ticket(bot, user=EMPLOYEE_FR)
    old = ticket.message
    await bot.claim(ticket, DESK_MEMBER)
    await bot.told_eventually(EMPLOYEE_FR, "a pris en charge")

    await bot.choose(ticket.id, "ticket_reassign", "security", DESK_MEMBER)
    moved = await bot.eventually(
        lambda: bot.slack.messages(CHANNELS["security"]), "the post in the security channel"
    )
    stored = await bot.eventually(
        lambda: _posted_in(bot, ticket.id, CHANNELS["security"]), "the new message ref"
    )
    assert stored.service == "security" and stored.assignee is None
    assert stored.status is Status.NEW  # nobody has it in the new team: never in progress
    assert stored.message is not None and stored.message.ts == moved[0]["ts"]
    new_text = str(moved[0]["blocks"])
    assert ticket.id in new_text and "ticket_claim" in new_text  # the new team can claim it
    assert f"Last change: sent from Service desk to IT security by <@{DESK_MEMBER}>" in new_text

    assert old is not None
    old_text = await bot.eventually(
        lambda: _text_if(bot.slack.message(old.channel, old.ts), "transmis à"),
        "the old message to say where the ticket went",
    )
    # named, not linked: the desk's agents are not in the private channel and could not open it
    assert (
        f"➡️ *{ticket.id}* a été transmis à la *Sécurité informatique* (son canal privé) par "
        f"<@{DESK_MEMBER}>"
    ) in old_text
    assert "<#C0SECURITY>" not in old_text
    assert "'actions'" not in old_text  # no controls left on the old message

    moved_dm = await bot.told_eventually(EMPLOYEE_FR, "a été transmis à la *Sécurité informatique*")
    # named, not linked: Marie is not in the private channel and could not open it
    assert f"*Sécurité informatique* (son canal privé) par <@{DESK_MEMBER}>" in moved_dm
    assert "<#C0SECURITY>" not in moved_dm
    history = await bot.guichet.helpdesk.tickets.history(ticket.id)
    assert [e.action for e in history][-2:] == ["reassigned", "posted"]
    assert (history[-2].before, history[-2].after) == ("service_desk", "security")

    # the desk's people no longer work it: who may act follows the service
    await bot.choose(ticket.id, "ticket_status", "resolved", DESK_MEMBER)
    refusal = await bot.told_eventually(DESK_MEMBER, "Only members of IT security")
    assert ticket.id in refusal
    assert (await bot.ticket(ticket.id)).status is Status.NEW  # unchanged by the refusal


def _text_if(message: dict, fragment: str) -> str | None:
    text = str(message["blocks"])
    return text if fragment in text else None


async def _posted_in(bot: Harness, ticket_id: str, channel: str) -> Ticket | None:
    ticket = await bot.ticket(ticket_id)
    return ticket if ticket.message and ticket.message.channel == channel else None


async def test_an_outsider_is_refused_every_control(bot: Harness) -> None:
    ticket = await _desk_ticket(bot)
    for action_id, choice in (
        ("ticket_status", "resolved"),
        ("ticket_priority", "P1"),
        ("ticket_type", "service_request"),
        ("ticket_reassign", "security"),
        ("ticket_assign", None),
    ):
        before = len(bot.told(OUTSIDER))
        await bot.choose(ticket.id, action_id, choice, OUTSIDER)
        await bot.told_more(OUTSIDER, before, "the refusal")
        assert bot.told(OUTSIDER)[-1] == f"Only members of Service desk can work on {ticket.id}."
    stored = await bot.ticket(ticket.id)
    assert (stored.status, stored.priority, stored.service, stored.type) == (
        Status.NEW,
        Priority.P2,
        "service_desk",
        ticket.type,
    )
    assert not bot.slack.calls_to("chat.update")
    assert len(bot.slack.calls_to("views.open")) == 1  # the filing form only


async def test_the_requester_cannot_work_their_own_ticket(bot: Harness) -> None:
    ticket = await _desk_ticket(bot, user=EMPLOYEE_FR)
    await bot.choose(ticket.id, "ticket_status", "resolved", EMPLOYEE_FR)
    refusal = await bot.told_eventually(EMPLOYEE_FR, "Seuls les membres")
    assert refusal.startswith(
        f"Seuls les membres du Centre de support peuvent travailler sur {ticket.id}."
    )
    assert "Vous l’avez ouvert\u00a0: vous pouvez ajouter des informations ou l’annuler" in refusal
    assert (await bot.ticket(ticket.id)).status is Status.NEW


async def test_a_stale_status_change_is_told_what_happened(bot: Harness) -> None:
    ticket = await _desk_ticket(bot)
    seen = await bot.channel_message(ticket.id)  # what the desk agent is looking at
    updates = _updates(bot)
    await bot.choose(ticket.id, "ticket_status", "waiting_on_requester", DESK_MEMBER)
    await _changed(bot, ticket.id, updates)

    await bot.choose(ticket.id, "ticket_status", "resolved", DESK_AGENT, message=seen)
    told = await bot.told_eventually(DESK_AGENT, "a changé avant votre clic")
    assert (
        f"statut Nouveau → En attente du demandeur par <@{DESK_MEMBER}>" in told
        and "Il est maintenant *en attente du demandeur*" in told
        and "Votre action n’a rien modifié" in told
    )
    assert (await bot.ticket(ticket.id)).status is Status.WAITING_ON_REQUESTER
    assert _updates(bot) == updates + 1


async def test_a_priority_chosen_from_the_card_as_it_was_before_ones_own_change(
    bot: Harness,
) -> None:
    """The agent raises a ticket's priority (P2 -> P1), then picks the same one in a copy of the
    card drawn before (another tab, an older message): they are told it has it already, not that
    it "changed before your click" by themselves; another from that card goes through. Someone
    else's pick from it is still told as before."""
    ticket = await _desk_ticket(bot)
    assert ticket.message is not None
    seen = await bot.channel_message(ticket.id)  # drawn before the change
    updates = _updates(bot)
    await bot.choose(ticket.id, "ticket_priority", "P1", DESK_AGENT, message=seen)
    raised = await _changed(bot, ticket.id, updates)
    assert raised.priority is Priority.P1

    await bot.choose(ticket.id, "ticket_priority", "P1", DESK_AGENT, message=seen)
    told = await bot.told_eventually(DESK_AGENT, "est déjà")
    assert told.startswith(f"{ticket.id} est déjà") and "P1" in told
    assert "avant votre clic" not in str(bot.told(DESK_AGENT))

    updates = _updates(bot)
    await bot.choose(ticket.id, "ticket_priority", "P3", DESK_AGENT, message=seen)
    assert (await _changed(bot, ticket.id, updates)).priority is Priority.P3
    assert "avant votre clic" not in str(bot.told(DESK_AGENT))

    await bot.choose(ticket.id, "ticket_priority", "P4", DESK_MEMBER, message=seen)
    stale = await bot.told_eventually(DESK_MEMBER, "changed before your click")
    assert "Your action changed nothing" in stale
    assert (await bot.ticket(ticket.id)).priority is Priority.P3


async def test_a_status_set_from_the_card_as_it_was_before_ones_own_claim_goes_through(
    bot: Harness,
) -> None:
    """The agent claims, then sets the status from the card as it was before the claim: their
    own change is no "change before your click" (before: « a changé avant votre clic : pris en
    charge par <@them> », nothing done). What the claim did already is told truthfully; someone
    else's change is still told as before."""
    ticket = await _desk_ticket(bot)
    assert ticket.message is not None
    seen = await bot.channel_message(ticket.id)  # drawn before the claim
    updates = _updates(bot)
    await bot.press(ticket.message.channel, seen, "ticket_claim", DESK_AGENT)
    claimed = await _changed(bot, ticket.id, updates)
    assert claimed.status is Status.IN_PROGRESS and claimed.assignee == DESK_AGENT

    await bot.choose(ticket.id, "ticket_status", "in_progress", DESK_AGENT, message=seen)
    told = await bot.told_eventually(DESK_AGENT, "est déjà")
    assert told == f"{ticket.id} est déjà *en cours*\u00a0: rien n’a été modifié."
    assert "avant votre clic" not in str(bot.told(DESK_AGENT))

    updates = _updates(bot)
    await bot.choose(ticket.id, "ticket_status", "waiting_on_requester", DESK_AGENT, message=seen)
    waiting = await _changed(bot, ticket.id, updates)
    assert waiting.status is Status.WAITING_ON_REQUESTER and waiting.assignee == DESK_AGENT
    assert "avant votre clic" not in str(bot.told(DESK_AGENT))

    # someone else pressing the same old card: their click came after changes not theirs
    await bot.choose(ticket.id, "ticket_status", "resolved", DESK_MEMBER, message=seen)
    stale = await bot.told_eventually(DESK_MEMBER, "changed before your click")
    assert "Your action changed nothing" in stale
    assert (await bot.ticket(ticket.id)).status is Status.WAITING_ON_REQUESTER


async def test_concurrent_status_changes_have_one_winner(bot: Harness) -> None:
    ticket = await _desk_ticket(bot)
    seen = await bot.channel_message(ticket.id)
    updates = _updates(bot)
    await asyncio.gather(
        bot.choose(ticket.id, "ticket_status", "resolved", DESK_MEMBER, message=seen),
        bot.choose(ticket.id, "ticket_status", "waiting_on_requester", DESK_AGENT, message=seen),
    )
    stored = await _changed(bot, ticket.id, updates)
    winner, loser = (
        (DESK_MEMBER, DESK_AGENT) if stored.status is Status.RESOLVED else (DESK_AGENT, DESK_MEMBER)
    )
    if stored.status is Status.RESOLVED:  # over: the loser is told who ended it, and when
        fragment = "your click changed nothing" if loser == DESK_MEMBER else "votre clic n’a"
    else:
        fragment = "changed before your click" if loser == DESK_MEMBER else "a changé avant"
    told = await bot.told_eventually(loser, fragment)
    assert f"<@{winner}>" in told
    history = await bot.guichet.helpdesk.tickets.history(ticket.id)
    assert [e.action for e in history].count(HistoryAction.STATUS) == 1
    assert _updates(bot) == updates + 1


async def test_forged_or_malformed_values_change_nothing(bot: Harness) -> None:
    ticket = await _desk_ticket(bot)
    message = await bot.channel_message(ticket.id)
    assert ticket.message is not None
    for value, answer in (
        ("INC-999999|new|resolved", "I cannot find ticket *INC-999999*."),
        (f"{ticket.id}|new|sleeping", "This button is no longer valid"),
        ("<!channel>", "This button is no longer valid"),
    ):
        await bot.send.block_action(
            "ticket_status",
            user_id=DESK_MEMBER,
            channel_id=ticket.message.channel,
            message=message,
            selected_option={"text": {"type": "plain_text", "text": "x"}, "value": value},
        )
        await bot.told_eventually(DESK_MEMBER, answer)
    await bot.send.block_action(
        "ticket_assign",
        "INC-999999|-",
        user_id=DESK_MEMBER,
        channel_id=ticket.message.channel,
        message=message,
    )
    await bot.told_eventually(DESK_MEMBER, "I cannot find ticket *INC-999999*.")
    assert (await bot.ticket(ticket.id)).status is Status.NEW
    assert not bot.slack.calls_to("chat.update")


async def test_an_assign_form_submitted_after_someone_claimed_changes_nothing(
    bot: Harness,
) -> None:
    ticket = await _desk_ticket(bot)
    form = (await bot.choose_form(ticket.id, "ticket_assign", DESK_MEMBER)).response["view"]
    await bot.claim(ticket, DESK_AGENT)  # meanwhile

    status, body = await bot.submit(form, {"assignee": DESK_MEMBER}, user=DESK_MEMBER)
    assert status == 200 and body["response_action"] == "update"
    notice = body["view"]
    assert notice["title"]["text"] == "Nothing changed"
    assert f"claimed by <@{DESK_AGENT}>" in notice["blocks"][0]["text"]["text"]
    stored = await bot.ticket(ticket.id)
    assert stored.assignee == DESK_AGENT
    assert _updates(bot) == 1


async def test_reassign_when_the_new_channel_refuses_the_post(bot: Harness) -> None:
    ticket = await _desk_ticket(bot)
    old = ticket.message
    bot.slack.fail_next("chat.postMessage", error="not_in_channel")  # the post in #security
    await bot.choose(ticket.id, "ticket_reassign", "security", DESK_MEMBER)
    await bot.told_eventually(EMPLOYEE_EN, "was sent to *IT security*")
    stored = await bot.ticket(ticket.id)
    assert stored.service == "security" and stored.message is None
    history = await bot.guichet.helpdesk.tickets.history(ticket.id)
    assert [(e.action, e.note) for e in history][-2:] == [
        ("reassigned", None),
        ("post_failed", "not_in_channel"),
    ]
    assert old is not None
    old_text = str(bot.slack.message(old.channel, old.ts)["blocks"])
    assert "transmis à la *Sécurité informatique*" in old_text and "'actions'" not in old_text


async def test_waiting_on_requester_on_a_ticket_nobody_has_gives_it_to_who_asked(
    bot: Harness,
) -> None:
    """The team asks the requester something on a new ticket nobody has: who set *waiting on
    requester* owns the follow-up (as Claim, as *in progress* does), so the answer, which puts
    the ticket back in progress, finds someone on it."""
    ticket = await _desk_ticket(bot)
    updates = _updates(bot)
    await bot.choose(ticket.id, "ticket_status", "waiting_on_requester", DESK_MEMBER)
    stored = await _changed(bot, ticket.id, updates)
    assert (stored.status, stored.assignee) == (Status.WAITING_ON_REQUESTER, DESK_MEMBER)
    assert "ticket_unassign" in str(await bot.channel_message(ticket.id))  # theirs on the card
    await bot.told_eventually(EMPLOYEE_EN, "needs an answer from you")
    last = (await bot.guichet.helpdesk.tickets.history(ticket.id))[-1]
    assert (last.action, last.actor, last.after) == ("status", DESK_MEMBER, "waiting_on_requester")


async def test_who_a_ticket_is_given_away_from_is_told(bot: Harness) -> None:
    """Léa (the desk agent) has the ticket; a teammate assigns it to themselves: Léa is told by
    DM, in French, who has it now. Who hands their own ticket on is not told of it."""
    ticket = await _desk_ticket(bot)
    await bot.claim(ticket, DESK_AGENT)
    form = (await bot.choose_form(ticket.id, "ticket_assign", DESK_MEMBER)).response["view"]
    status, _ = await bot.submit(form, {"assignee": DESK_MEMBER}, user=DESK_MEMBER)
    assert status == 200
    told = await bot.told_eventually(DESK_AGENT, "à votre place")
    assert told == (  # not "X gave INC-1 to X": they took it
        f":arrow_right_hook: <@{DESK_MEMBER}> a pris en charge *{ticket.id}* «\u00a0How do I "
        f"reset my password?\u00a0» à votre place\u00a0: vous n’avez plus à vous en occuper."
    ), told
    card = searchable((await bot.channel_message(ticket.id))["blocks"])  # the desk speaks French
    assert f"Dernier changement\u00a0: pris en charge par <@{DESK_MEMBER}>" in card
    assert f"confié à <@{DESK_MEMBER}> par <@{DESK_MEMBER}>" not in card
    shown = await bot.show(ticket.id, DESK_MEMBER)  # en-GB
    assert f"claimed by <@{DESK_MEMBER}>" in shown
    assert f"assigned to <@{DESK_MEMBER}> by <@{DESK_MEMBER}>" not in shown
    form = (await bot.choose_form(ticket.id, "ticket_assign", DESK_MEMBER)).response["view"]
    await bot.submit(form, {"assignee": DESK_AGENT}, user=DESK_MEMBER)  # handed back by its owner
    await bot.eventually(lambda: _assigned(bot, ticket.id, DESK_AGENT), "handed back")
    await bot.settled()
    assert not [text for text in bot.told(DESK_MEMBER) if "gave" in text or "a confié" in text]


async def _assigned(bot: Harness, ticket_id: str, user: str) -> bool:
    return (await bot.ticket(ticket_id)).assignee == user
