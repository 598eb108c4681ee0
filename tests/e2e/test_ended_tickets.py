"""Controls pressed on a ticket that is over (issue 19, point 4): Acknowledge on a cancelled
emergency's page, Claim on a resolved ticket's old card are refused to the presser with what
happened, nobody else is told; and a cancelled emergency's pages lose their button."""

from __future__ import annotations

import pytest

from bot.domain.models import Status
from tests.e2e.harness import DESK_MEMBER, EMPLOYEE_EN, INFRA_ONCALL_1, Harness, find_element
from tests.e2e.observations import action_ids
from tests.e2e.test_paging import file_emergency


async def test_acknowledge_on_a_cancelled_emergency_is_refused(bot: Harness) -> None:
    ticket = await file_emergency(bot)
    page = bot.latest_dm(INFRA_ONCALL_1, "ticket_ack")  # as the on-call still sees it
    await bot.press_in_dm(EMPLOYEE_EN, "ticket_cancel")
    await bot.eventually(
        lambda: "ticket_ack" not in action_ids(bot.slack.message(f"D{INFRA_ONCALL_1}", page["ts"])),
        "the page to lose its button",
    )
    updated = bot.slack.message(f"D{INFRA_ONCALL_1}", page["ts"])
    assert "Plus besoin d’acquitter" in updated["text"] and "Annulé" in updated["text"]
    told_requester = len(bot.told(EMPLOYEE_EN))

    status, _ = await bot.send.block_action(
        "ticket_ack",
        find_element(page, "ticket_ack")["value"],
        user_id=INFRA_ONCALL_1,
        channel_id=f"D{INFRA_ONCALL_1}",
        message=page,
    )
    assert status == 200
    refusal = await bot.told_eventually(INFRA_ONCALL_1, "votre clic n’a rien changé")
    assert f"{ticket.id} a été passé à *Annulé* par la personne qui l’a ouvert à" in refusal
    stored = await bot.ticket(ticket.id)
    assert stored.status is Status.CANCELLED and stored.paging is not None
    assert stored.paging.acked_by is None
    assert len(bot.told(EMPLOYEE_EN)) == told_requester  # not "… is on it"
    assert not any("is on it" in text for text in bot.told(EMPLOYEE_EN))


async def test_claim_on_a_resolved_tickets_old_card_is_refused(bot: Harness) -> None:
    ticket = await bot.file(
        "information_request", "How do I reset my password?", "Where is the procedure?"
    )
    old_card = await bot.channel_message(ticket.id)
    await bot.choose(ticket.id, "ticket_status", "resolved", DESK_MEMBER)
    await bot.eventually(lambda: _resolved(bot, ticket.id), "the ticket to be resolved")
    other = "U0DESKAGENT"
    await bot.choose(ticket.id, "ticket_claim", None, other, message=old_card)
    refusal = await bot.told_eventually(other, "votre clic n’a rien changé")
    assert f"a été passé à *Résolu* par <@{DESK_MEMBER}> à" in refusal
    assert (await bot.ticket(ticket.id)).assignee != other


async def _resolved(bot: Harness, ticket_id: str) -> bool:
    return (await bot.ticket(ticket_id)).status is Status.RESOLVED


CONTROLS = [
    ("ticket_status", "in_progress"),
    ("ticket_status", "resolved"),
    ("ticket_priority", "P4"),
    ("ticket_type", "incident"),
    ("ticket_reassign", "security"),
    ("ticket_assign", None),
    ("ticket_edit", None),
    ("knowledge_reply", None),
    ("ticket_declare_emergency", None),  # pages nobody once it is over
    ("ticket_merge", None),  # no form to merge it into another
]


@pytest.mark.parametrize(("action_id", "choice"), CONTROLS)
async def test_every_control_on_a_cancelled_tickets_old_card_says_what_happened(
    bot: Harness, action_id: str, choice: str | None
) -> None:
    ticket = await bot.file(
        "information_request", "How do I reset my password?", "Where is the procedure?"
    )
    old_card = await bot.channel_message(ticket.id)
    await bot.press_in_dm(EMPLOYEE_EN, "ticket_cancel")
    await bot.eventually(lambda: _has(bot, ticket.id, Status.CANCELLED), "the ticket cancelled")
    await bot.told_eventually(EMPLOYEE_EN, "You cancelled")  # the DM they pressed it in
    await bot.settled()
    told_requester = len(bot.told(EMPLOYEE_EN))
    views = len(bot.slack.calls_to("views.open"))
    await bot.choose(ticket.id, action_id, choice, DESK_MEMBER, message=old_card)
    refusal = await bot.told_eventually(DESK_MEMBER, "your click changed nothing")
    assert f"{ticket.id} was set to *Cancelled* by its requester at" in refusal
    stored = await bot.ticket(ticket.id)
    assert stored.status is Status.CANCELLED and stored.assignee is None
    assert stored.priority.value != "P4" and stored.service == ticket.service
    assert stored.type is ticket.type
    assert len(bot.slack.calls_to("views.open")) == views  # no form opened on it
    assert len(bot.told(EMPLOYEE_EN)) == told_requester  # nobody else is told


async def test_unassign_on_a_resolved_tickets_old_card_says_what_happened(bot: Harness) -> None:
    ticket = await bot.file(
        "information_request", "How do I reset my password?", "Where is the procedure?"
    )
    await bot.claim(ticket, DESK_MEMBER)
    assert await _claimed_card(bot, ticket.id)  # the card redrawn, claimed
    old_card = await bot.channel_message(ticket.id)
    await bot.choose(ticket.id, "ticket_status", "resolved", DESK_MEMBER)
    await bot.eventually(lambda: _has(bot, ticket.id, Status.RESOLVED), "the ticket resolved")
    other = "U0DESKAGENT"
    await bot.choose(ticket.id, "ticket_unassign", None, other, message=old_card)
    refusal = await bot.told_eventually(other, "votre clic n’a rien changé")
    assert f"{ticket.id} a été passé à *Résolu* par <@{DESK_MEMBER}> à" in refusal
    assert (await bot.ticket(ticket.id)).assignee == DESK_MEMBER


async def _has(bot: Harness, ticket_id: str, status: Status) -> bool:
    return (await bot.ticket(ticket_id)).status is status


async def _claimed_card(bot: Harness, ticket_id: str) -> bool:
    return "ticket_unassign" in action_ids(await bot.channel_message(ticket_id))
