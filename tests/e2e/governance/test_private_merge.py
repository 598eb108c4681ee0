"""A private service's ticket is never merged into another team's ticket, nor the other way round
(``bot/working/merging.py``), even by an agent of both teams: the kept ticket's thread and card
would show the duplicate's words and requester to the other team. Refused in the form with why,
audited, nothing written; two tickets of the private service merge as any others."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.domain.config import ServicesConfig, load_services_config
from bot.domain.merging import absorbed, merged_into
from bot.domain.models import Status, Ticket
from storage.client import Database
from tests.e2e.audit_lines import refusals
from tests.e2e.harness import (
    EMPLOYEE_FR,
    INFRA_ONCALL_1,
    SECURITY_ONCALL,
    SERVICES_FILE,
    Harness,
    running_bot,
)


def _both_teams() -> ServicesConfig:
    """The tests' services, with the infrastructure's first on-call (French) working security
    too, and security's on-call (English) working the infrastructure."""
    config = load_services_config(SERVICES_FILE)
    services = dict(config.services)
    services["security"] = services["security"].model_copy(update={"agents": [INFRA_ONCALL_1]})
    infra = services["infra_network"]
    services["infra_network"] = infra.model_copy(update={"agents": [SECURITY_ONCALL]})
    return config.model_copy(update={"services": services})


@pytest.fixture
async def both(database: Database) -> AsyncIterator[Harness]:
    async with running_bot(database, config=_both_teams()) as harness:
        yield harness


async def _tickets(bot: Harness) -> tuple[Ticket, Ticket]:
    private = await bot.file(
        "incident", "Phishing: my VPN password was stolen", "I typed it on a phishing page."
    )
    public = await bot.file(
        "incident", "Le VPN ne marche plus", "Depuis ce matin.", user=EMPLOYEE_FR
    )
    assert (private.service, public.service) == ("security", "infra_network")
    return private, public


async def _submit(bot: Harness, ticket: Ticket, target: str, user: str) -> dict[str, Any]:
    call = await bot.choose_form(ticket.id, "ticket_merge", user)
    assert call.ok, call.response
    status, body = await bot.submit(call.response["view"], {"merge_target": target}, user)
    assert status == 200
    return body


async def test_no_merge_across_a_private_services_line(both: Harness) -> None:
    bot = both
    private, public = await _tickets(bot)

    body = await _submit(bot, private, public.id, SECURITY_ONCALL)  # private into public
    assert body["errors"] == {
        "merge_target": f"{public.id} is another service’s, and one of the two is private: a "
        "private service’s cases stay with its people, and no merge takes them to another team. "
        "Choose a ticket of the same service."
    }
    body = await _submit(bot, public, private.id, INFRA_ONCALL_1)  # public into private, French
    assert body["errors"] == {
        "merge_target": f"{private.id} est d’un autre service, et l’un des deux est "
        "privé\u00a0: les cas d’un service privé restent avec ses membres, aucune fusion ne les "
        "fait passer à une autre équipe. Choisissez un ticket du même service."
    }

    await bot.settled()
    for ticket in (private, public):
        stored = await bot.ticket(ticket.id)
        assert stored.status is Status.NEW and stored.service == ticket.service
        assert merged_into(stored.extra) is None and absorbed(stored.extra) == []
        history = await bot.guichet.helpdesk.tickets.history(ticket.id)
        assert not {"merged", "absorbed"} & {e.action for e in history}
    assert private.title not in str(await bot.channel_message(public.id))
    assert [line[-2:] for line in await refusals(bot, SECURITY_ONCALL)] == [
        (private.id, "CannotMerge")
    ]
    assert [line[-2:] for line in await refusals(bot, INFRA_ONCALL_1)] == [
        (public.id, "CannotMerge")
    ]


async def test_two_tickets_of_the_private_service_merge(both: Harness) -> None:
    bot = both
    private, _ = await _tickets(bot)
    again = await bot.file("incident", "Phishing again", "Another phishing page.", user=EMPLOYEE_FR)
    assert again.service == "security"

    body = await _submit(bot, again, private.id, SECURITY_ONCALL)
    assert not body, body

    async def merged() -> Ticket | None:
        ticket = await bot.ticket(again.id)
        return ticket if ticket.status is Status.CLOSED else None

    closed = await bot.eventually(merged, "the duplicate closed")
    assert merged_into(closed.extra) == private.id
    assert absorbed((await bot.ticket(private.id)).extra) == [again.id]
