"""Resolution categories per service (``resolution_categories:`` of infra_network in
tests/data/services.yml): the resolve form offers the service's own, labelled in the agent's
language; the note and category then show on the card, in ``/ticket show`` and in the
requester's DM; a category the stored ticket's service does not offer is refused."""

from __future__ import annotations

import copy
from typing import Any

from bot.domain.models import Status, Ticket
from bot.domain.resolution import resolution_of
from tests.e2e.harness import EMPLOYEE_EN, INFRA_ONCALL_1, Harness


async def _resolve_form(bot: Harness) -> tuple[Ticket, dict[str, Any]]:
    ticket = await bot.file("incident", "VPN down at the warehouse", "The VPN is down.")
    assert ticket.service == "infra_network"
    await bot.choose(ticket.id, "ticket_claim", None, INFRA_ONCALL_1)
    await bot.eventually(lambda: _when(bot, ticket.id, assignee=INFRA_ONCALL_1), "claimed")
    await bot.eventually(lambda: _card_with(bot, ticket.id, "ticket_unassign"), "card updated")
    opened = await bot.choose_form(ticket.id, "ticket_status", INFRA_ONCALL_1, "resolved")
    form = opened.response["view"]
    return ticket, form


def _menu(form: dict[str, Any]) -> dict[str, Any]:
    block = next(b for b in form["blocks"] if b["block_id"] == "resolution_category")
    return block["element"]


async def test_the_services_categories_are_offered_kept_and_shown(bot: Harness) -> None:
    ticket, form = await _resolve_form(bot)
    options = [(o["value"], o["text"]["text"]) for o in _menu(form)["options"]]
    assert options == [  # a French on-call: the French labels, in the file's order
        ("hardware", "Matériel remplacé"),
        ("workaround", "Contournement"),
        ("config_change", "Configuration modifiée"),
    ]
    answers = {"resolution_note": "Swapped the switch in bay 3.", "resolution_category": "hardware"}
    status, body = await bot.submit(form, answers, user=INFRA_ONCALL_1)
    assert status == 200 and not body, body
    resolved = await bot.eventually(lambda: _when(bot, ticket.id, status=Status.RESOLVED), "done")
    kept = resolution_of(resolved.extra)
    assert kept is not None and (kept.category, kept.by) == ("hardware", INFRA_ONCALL_1)

    shown = "*How it was solved*: Hardware replaced\\n>Swapped the switch in bay 3."
    await bot.eventually(lambda: _card_with(bot, ticket.id, shown), "the card shows it")
    assert shown in await bot.show(ticket.id, EMPLOYEE_EN)  # /ticket show, the card's blocks
    told = await bot.told_eventually(EMPLOYEE_EN, "How it was solved")
    assert "*How it was solved*: Hardware replaced\n>Swapped the switch" in told


async def test_a_category_the_service_does_not_offer_is_refused(bot: Harness) -> None:
    ticket, form = await _resolve_form(bot)
    forged = copy.deepcopy(form)  # "fixed": built in, but not one of infra_network's
    _menu(forged)["options"].append({"text": {"type": "plain_text", "text": "x"}, "value": "fixed"})
    answers = {"resolution_note": "Done.", "resolution_category": "fixed"}
    status, body = await bot.submit(forged, answers, user=INFRA_ONCALL_1)
    assert status == 200 and body["response_action"] == "update"  # the form says why
    assert (await bot.ticket(ticket.id)).status is Status.IN_PROGRESS
    assert resolution_of((await bot.ticket(ticket.id)).extra) is None
    audit = bot.guichet.database.handle["audit"]
    refused = await audit.find({"outcome": "refused"}).to_list(10)
    assert [(d["actor"], d["ticket_id"]) for d in refused] == [(INFRA_ONCALL_1, ticket.id)]


async def _when(bot: Harness, ticket_id: str, **fields: Any) -> Ticket | None:
    ticket = await bot.ticket(ticket_id)
    return ticket if all(getattr(ticket, k) == v for k, v in fields.items()) else None


async def _card_with(bot: Harness, ticket_id: str, fragment: str) -> dict[str, Any] | None:
    card = await bot.channel_message(ticket_id)
    return card if fragment in str(card["blocks"]) else None
