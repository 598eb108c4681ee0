"""The soak's traffic (``bench/soak.py``): people filing, agents claiming and replying, Slack
delivering some events twice; each request signed and sent as Slack sends it, its ack timed."""

from __future__ import annotations

import asyncio
import re
import time
from collections import defaultdict
from collections.abc import Awaitable
from pathlib import Path
from random import Random
from typing import Any

from bot.domain.errors import StoreUnavailable
from tests.e2e.harness import DESK_MEMBER, EMPLOYEE_EN, EMPLOYEE_FR, Harness, find_element

APPS = ["Salesforce", "Jira", "Figma", "SAP", "Tableau", "Zoom", "Notion", "GitLab", "Okta"]
KINDS = (("file", 0.4), ("claim", 0.25), ("reply", 0.35))
REDELIVERED = 0.02  # share of events Slack delivers twice
_TICKET_ID = re.compile(r"\b[A-Z]{3}-\d+\b")


def rss_mb() -> float:
    """The resident memory of this process, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


class Traffic:
    def __init__(self, bot: Harness, rng: Random) -> None:
        self.bot = bot
        self.rng = rng
        self.filed: list[str] = []
        self.held: set[str] = set()  # linked or held by the triage: no card by design
        self.requests = 0
        self.refused_by_store = 0
        self.errors = 0
        self.counts: dict[str, int] = defaultdict(int)
        self.failures: dict[str, int] = defaultdict(int)
        self.latencies: dict[int, list[float]] = defaultdict(list)  # minute -> seconds
        self._began = time.monotonic()
        self._replies = 0
        self._events = 0

    def describe(self) -> str:
        kinds = ", ".join(f"{count} {kind}" for kind, count in sorted(self.counts.items()))
        failures = ", ".join(f"{count} {what}" for what, count in sorted(self.failures.items()))
        return f"{kinds}; {self.errors} unexpected answers {failures}".strip()

    def p99_per_minute(self) -> list[str]:
        shown = []
        for minute in sorted(self.latencies):
            values = sorted(self.latencies[minute])
            shown.append(f"{values[min(len(values) - 1, int(len(values) * 0.99))] * 1000:.0f}")
        return shown

    async def run(self, seconds: float, rate: float) -> None:
        self._began = time.monotonic()
        tasks: set[asyncio.Task[None]] = set()
        number = 0
        while time.monotonic() - self._began < seconds:
            number += 1
            task = asyncio.create_task(self._one(number))
            tasks.add(task)
            task.add_done_callback(tasks.discard)
            await asyncio.sleep(self.rng.expovariate(rate))
        await asyncio.gather(*tasks, return_exceptions=True)

    async def _one(self, number: int) -> None:
        kind = self.rng.choices([k for k, _ in KINDS], [w for _, w in KINDS])[0]
        if kind != "file" and not self.filed:
            kind = "file"
        self.counts[kind] += 1
        try:
            if kind == "file":
                await self._file(number, emergency=number % 15 == 0)
            elif kind == "claim":
                await self._claim(self.rng.choice(self.filed))
            else:
                await self._reply(self.rng.choice(self.filed))
        except StoreUnavailable:  # the bench's own reads while the database is down
            self.failures["bench read while the database was down"] += 1
        except Exception as error:  # counted, never stops the soak
            self.errors += 1
            self.failures[type(error).__name__] += 1

    async def _timed(self, request: Awaitable[tuple[int, Any]]) -> tuple[int, Any]:
        began = time.monotonic()
        status, body = await request
        self.requests += 1
        self.latencies[int((began - self._began) // 60)].append(time.monotonic() - began)
        if status != 200:
            self.errors += 1
            self.failures[f"HTTP {status}"] += 1
        return status, body

    async def _file(self, number: int, emergency: bool) -> None:
        bot, user = self.bot, self.rng.choice([EMPLOYEE_EN, EMPLOYEE_FR])
        trigger = bot.send.new_trigger_id(user)
        await self._timed(bot.send.command("", user_id=user, trigger_id=trigger))
        view = await self._opened(trigger)
        if view is None:
            return
        app = self.rng.choice(APPS)
        answers = {
            "type": "emergency"
            if emergency
            else self.rng.choice(["service_request", "information_request"]),
            "title": f"{app} access for the team {number}",
            "description": f"Request {number}: we need {app} for the new project.",
            "impact": "high" if emergency else "low",
            "urgency": "high" if emergency else "medium",
        }
        values = bot.send.state_values(view, answers)
        submission = bot.send.view_submission(view, values, user_id=user)
        _, body = await self._timed(submission)
        if self.rng.random() < REDELIVERED:  # a proxy sends the same submission again
            await self._timed(bot.send.view_submission(view, values, user_id=user))
        if isinstance(body, dict) and body.get("response_action") == "errors":
            self.refused_by_store += 1
            return
        found = _TICKET_ID.search(str(body))
        if found and found.group() not in self.filed:
            self.filed.append(found.group())

    async def _opened(self, trigger: str) -> dict[str, Any] | None:
        for _ in range(400):
            for call in reversed(self.bot.slack.calls_to("views.open")):
                if call.args.get("trigger_id") == trigger:
                    return call.response.get("view") if call.ok else None
            await asyncio.sleep(0.005)
        return None

    async def _card(self, ticket_id: str) -> dict[str, Any] | None:
        ticket = await self.bot.guichet.helpdesk.tickets.get(ticket_id)
        if ticket is None or ticket.message is None:
            return None
        try:
            return self.bot.slack.message(ticket.message.channel, ticket.message.ts)
        except AssertionError:
            return None

    async def _claim(self, ticket_id: str) -> None:
        card = await self._card(ticket_id)
        if card is None:
            return
        try:
            find_element(card, "ticket_claim")
        except AssertionError:
            return  # claimed already
        ticket = await self.bot.guichet.helpdesk.tickets.get(ticket_id)
        assert ticket is not None and ticket.message is not None
        press = self.bot.send.block_action(
            "ticket_claim",
            None,
            user_id=DESK_MEMBER,
            channel_id=ticket.message.channel,
            message=card,
        )
        await self._timed(press)

    async def _reply(self, ticket_id: str) -> None:
        ticket = await self.bot.guichet.helpdesk.tickets.get(ticket_id)
        if ticket is None or ticket.message is None:
            return
        self._replies += 1
        text = f"Reply {self._replies}: could you try again now?"
        channel, root = ticket.message.channel, ticket.message.ts
        message = self.bot.slack.add_message(channel, text, user=DESK_MEMBER, thread_ts=root)
        event = {
            "type": "message",
            "channel": channel,
            "user": DESK_MEMBER,
            "text": text,
            "ts": message["ts"],
            "thread_ts": root,
            "channel_type": "channel",
        }
        self._events += 1
        event_id = f"Ev0SOAK{self._events:06d}"
        await self._timed(self.bot.send.event(event, event_id=event_id))
        if self.rng.random() < REDELIVERED:
            await asyncio.sleep(self.rng.uniform(0, 0.5))
            await self._timed(self.bot.send.event(event, event_id=event_id, retry_num=1))
