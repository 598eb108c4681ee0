"""Socket Mode: with SLACK_APP_TOKEN set the bot opens a WebSocket to (a local stand-in for)
Slack instead of serving /slack/events; the same listeners answer; /healthz is still served."""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest

from bot.domain.models import Status
from storage.client import Database
from tests.e2e.harness import DESK_MEMBER, EMPLOYEE_FR, Harness, running_bot
from tests.socket_mode import SocketModeRequests


@pytest.fixture
async def socket_bot(memory_database: Database) -> AsyncIterator[Harness]:
    async with running_bot(memory_database, socket_mode=True) as harness:
        yield harness


async def test_http_is_the_default(bot: Harness) -> None:
    assert not isinstance(bot.send, SocketModeRequests)
    assert not bot.slack.calls_to("apps.connections.open")
    _, health = await bot.get("/healthz")
    assert health["slack"] == {"mode": "http", "connected": None, "auth": "ok", "team_id": "T0001"}


async def test_the_app_token_selects_socket_mode(socket_bot: Harness) -> None:
    assert isinstance(socket_bot.send, SocketModeRequests)
    opened = socket_bot.slack.last("apps.connections.open")
    assert opened.token == socket_bot.slack.app_token  # the xapp- token, not the bot token
    assert socket_bot.send.server.open_sockets == 1
    events = f"{socket_bot.base_url}/slack/events"
    async with aiohttp.ClientSession() as session, session.post(events, data="x") as response:
        assert response.status in (404, 405)  # no public Slack endpoint in Socket Mode
    status, health = await socket_bot.get("/healthz")
    assert status == 200 and health["database"] == "up"
    assert health["slack"] == {
        "mode": "socket",
        "connected": True,
        "auth": "ok",
        "team_id": "T0001",
    }


async def test_the_same_listeners_serve_socket_mode(socket_bot: Harness) -> None:
    view = await socket_bot.open_form(user=EMPLOYEE_FR)
    assert view["title"]["text"] == "Nouveau ticket"
    ticket = await socket_bot.file(
        "information_request", "Comment changer mon mot de passe ?", "Où est la procédure ?"
    )
    assert ticket.service == "service_desk" and ticket.message is not None
    cards = socket_bot.card_updates(ticket)
    status, body = await socket_bot.send.block_action(
        "ticket_claim",
        ticket.id,
        user_id=DESK_MEMBER,
        channel_id=ticket.message.channel,
        message_ts=ticket.message.ts,
        message=socket_bot.slack.message(ticket.message.channel, ticket.message.ts),
    )
    assert (status, body) == (200, "")
    await socket_bot.card_updated(ticket, cards)
    stored = await socket_bot.guichet.helpdesk.tickets.get(ticket.id)
    assert stored is not None and stored.assignee == DESK_MEMBER
    assert stored.status is Status.IN_PROGRESS
    metrics = socket_bot.guichet.metrics
    assert metrics.slack_requests.labels(kind="view_submission", outcome="ok")._value.get() == 1


async def test_modal_errors_travel_back_in_the_ack(socket_bot: Harness) -> None:
    view = await socket_bot.open_form()
    status, body = await socket_bot.submit(view, {"type": "incident", "title": "", "impact": "low"})
    assert status == 200 and isinstance(body, dict)
    assert body["response_action"] == "errors"
    assert set(body["errors"]) == {"title"}


async def test_shutdown_closes_the_connection(memory_database: Database) -> None:
    async with running_bot(memory_database, socket_mode=True) as harness:
        assert isinstance(harness.send, SocketModeRequests)
        server = harness.send.server
        assert server.open_sockets == 1
    assert server.open_sockets == 0


async def test_a_malformed_envelope_is_acknowledged_and_counted(socket_bot: Harness) -> None:
    assert isinstance(socket_bot.send, SocketModeRequests)
    server = socket_bot.send.server
    ack = await server.send("interactive", {"type": "block_actions", "actions": []})
    assert "payload" not in ack  # acknowledged, or Slack would deliver it again
    requests = socket_bot.guichet.metrics.slack_requests
    assert requests.labels(kind="malformed", outcome="bad_request")._value.get() == 1
    assert not socket_bot.ephemerals_to(None)
