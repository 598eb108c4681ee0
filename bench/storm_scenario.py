"""The storm's cast and setting: the services, the phrasings people use, the run's state, and
what the requesters and the agent do through Slack's signed requests.

Also the bench's hooks into the bot: a timer that hands wake-ups to the run, and a count of the
incidents the bot has announced.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.app.build import Guichet
from bot.app.timer import Timer
from bot.domain.clock import ManualClock
from sandbox.emulator import SlackEmulator
from sandbox.slack_requests import SlackRequests

TOKEN = "xoxb-bench"
SECRET = "bench-signing-secret"
START = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
AGENT = "U0AGENT"
INFRA = "C0INFRA"
REACTION = timedelta(seconds=10)  # the agent reads the suggestion, then decides
RESOLVED_AT = timedelta(seconds=90)
TICK = timedelta(seconds=30)

SERVICES = f"""
default_service: service_desk
language: en
scheduler: {{tick: 30s}}
problems: {{threshold: 3, window: 2h, notices_per_minute: 120}}
services:
  service_desk:
    name: {{fr: "Centre de support", en: "Service desk"}}
    channel: C0DESK
    language: fr
  internal_it:
    name: {{fr: "Service informatique interne", en: "Internal IT"}}
    channel: C0INTERNAL
  app_dev:
    name: {{fr: "Développement", en: "Application development"}}
    channel: C0APPDEV
  security:
    name: {{fr: "Sécurité informatique", en: "IT security"}}
    channel: C0SECURITY
  infra_network:
    name: {{fr: "Infrastructure et réseau", en: "Infrastructure & network"}}
    channel: {INFRA}
    agents: [{AGENT}]
"""

# How people say it, in both languages.
PHRASINGS = [
    ("VPN down", "I can't connect to the VPN since this morning."),
    ("Cannot connect to VPN", "The VPN client says the gateway is unreachable."),
    ("VPN not working", "Working from home and the VPN will not connect."),
    ("VPN connection fails", "GlobalProtect keeps failing to connect."),
    ("No VPN access", "I cannot reach the VPN from home, is it down?"),
    ("VPN error", "Connection to the VPN fails with a gateway error."),
    ("Is the VPN down?", "Nobody in my team can connect to the VPN."),
    ("VPN keeps disconnecting", "The VPN drops after a few seconds."),
    ("VPN en panne", "Impossible de me connecter au VPN depuis ce matin."),
    ("Le VPN ne marche plus", "Je suis en télétravail et le VPN refuse de se connecter."),
    ("Connexion VPN impossible", "Le client VPN indique que la passerelle est injoignable."),
    ("Plus de VPN", "Toute l'équipe est bloquée, le VPN ne répond plus."),
    ("Erreur VPN", "Message d'erreur à la connexion au VPN."),
    ("VPN inaccessible", "Je n'arrive pas à accéder au VPN depuis chez moi."),
    ("Problème de VPN", "Le VPN se coupe sans arrêt."),
    ("VPN HS ?", "Le VPN est HS pour tout le monde apparemment."),
]


@dataclass
class Run:
    slack: SlackEmulator
    send: SlackRequests
    guichet: Guichet
    clock: ManualClock
    requesters: list[str]
    latencies: dict[str, list[float]] = field(default_factory=dict)
    ticks: int = 0
    next_tick: datetime = START + TICK
    wake_at: datetime | None = None  # a tick asked for (at once, or when a rate limit ends)
    suggestion_seen: datetime | None = None
    agent_pressed: asyncio.Task[Any] | None = None

    async def timed(self, kind: str, request: Awaitable[tuple[int, Any]]) -> Any:
        began = time.perf_counter()
        status, body = await request
        self.latencies.setdefault(kind, []).append(time.perf_counter() - began)
        if status != 200:
            raise RuntimeError(f"{kind} answered {status}: {body}")
        return body

    def wake(self, moment: datetime | None = None) -> None:
        """Stands for the scheduler's ``wake`` / ``wake_at`` (the bench drives its ticks)."""
        moment = moment or self.clock.now()
        self.wake_at = moment if self.wake_at is None else min(self.wake_at, moment)

    async def tick_if_due(self) -> None:
        """Tick as APScheduler would: every 30 s, and when woken up."""
        now = self.clock.now()
        while now >= self.next_tick or (self.wake_at is not None and now >= self.wake_at):
            if now >= self.next_tick:
                self.next_tick += TICK
            self.wake_at = None
            await self.guichet.scheduler.tick()
            self.ticks += 1

    def next_moment(self) -> datetime:
        """When the scheduler would tick next."""
        return min(self.next_tick, self.wake_at or self.next_tick)

    def watch_suggestion(self) -> None:
        """The agent sees the suggestion, reads it for ``REACTION``, presses "Create a problem"
        (as the suggestion was then)."""
        if self.agent_pressed is not None:
            return
        message = suggestion_message(self.slack)
        if message is None:
            return
        if self.suggestion_seen is None:
            self.suggestion_seen = self.clock.now()
        if self.clock.now() >= self.suggestion_seen + REACTION:
            press = self.send.block_action(
                "problem_create", None, user_id=AGENT, channel_id=INFRA, message=message
            )
            self.agent_pressed = asyncio.create_task(self.timed("block_actions", press))


async def opened_view(slack: SlackEmulator, trigger_id: str) -> dict[str, Any]:
    """The form the bot opened for this trigger."""
    for _ in range(2000):
        for call in reversed(slack.calls_to("views.open")):
            if call.args.get("trigger_id") == trigger_id and call.ok:
                return call.response["view"]
        await asyncio.sleep(0.005)
    raise RuntimeError(f"no form opened for {trigger_id}")


async def file_incident(run: Run, number: int, phrasing: tuple[str, str]) -> None:
    user = run.requesters[number]
    trigger = run.send.new_trigger_id(user)
    await run.timed("command", run.send.command("", user_id=user, trigger_id=trigger))
    view = await opened_view(run.slack, trigger)
    title, description = phrasing
    answers = {
        "type": "incident",
        "title": title,
        "description": description,
        "impact": "medium",
        "urgency": "high",
    }
    values = run.send.state_values(view, answers)
    body = await run.timed("view_submission", run.send.view_submission(view, values, user_id=user))
    if not isinstance(body, dict) or body.get("response_action") != "update":
        raise RuntimeError(f"the form of {user} was refused: {body}")


def suggestion_message(slack: SlackEmulator) -> dict[str, Any] | None:
    for message in slack.messages(INFRA):
        for block in message.get("blocks") or []:
            for element in block.get("elements") or []:
                if element.get("action_id") == "problem_create":
                    return message
    return None


async def resolve_problem(run: Run) -> str:
    tickets = run.guichet.helpdesk.tickets
    for _ in range(1000):
        problem = await tickets.get("PRB-1")
        if problem is not None and problem.message is not None:
            break
        await asyncio.sleep(0.01)
    else:
        raise RuntimeError("no problem was created")
    message = run.slack.message(problem.message.channel, problem.message.ts)
    status_menu = next(
        element
        for block in message["blocks"]
        for element in block.get("elements") or []
        if element.get("action_id") == "ticket_status"
    )
    resolved = next(o["value"] for o in status_menu["options"] if o["value"].endswith("|resolved"))
    await run.timed(
        "block_actions",
        run.send.block_action(
            "ticket_status", resolved, user_id=AGENT, channel_id=INFRA, message=message
        ),
    )
    for _ in range(3000):  # the fan-out runs after the ack
        current = await tickets.get(problem.id)
        if current is not None and current.fanout_at is None and current.status.value == "resolved":
            return problem.id
        await asyncio.sleep(0.01)
    raise RuntimeError("the fan-out did not finish")


class BenchTimer(Timer):
    """The bench drives the ticks on its simulated clock: a wake-up asked of the timer (at once,
    or when a rate limit ends) is handed to the run."""

    listener: Callable[..., None] | None = None

    def wake(self) -> None:
        if self.listener is not None:
            self.listener()

    def wake_at(self, moment: datetime) -> None:
        if self.listener is not None:
            self.listener(moment)


class Announcements:
    """Counts the incidents the bot has announced (posted, linked or held): its work after the
    acks, which the bench lets finish before moving the clock on, as a bot keeping up would."""

    def __init__(self, guichet: Guichet) -> None:
        self.done = 0
        self._changed = asyncio.Condition()
        triage = guichet.filing.triage
        assert triage is not None
        route = triage.route

        async def counted(ticket: Any, post: Any) -> Any:
            try:
                return await route(ticket, post)
            finally:
                async with self._changed:
                    self.done += 1
                    self._changed.notify_all()

        triage.route = counted  # type: ignore[method-assign]

    async def reach(self, count: int) -> None:
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: self.done >= count), 120)


async def quiet(slack: SlackEmulator, for_seconds: float = 0.3) -> None:
    """Wait until the bot stops calling Slack (its work after the acks is done)."""
    count, since = len(slack.calls), time.perf_counter()
    while time.perf_counter() - since < for_seconds:
        await asyncio.sleep(0.05)
        if len(slack.calls) != count:
            count, since = len(slack.calls), time.perf_counter()
