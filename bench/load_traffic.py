"""The load benchmark's traffic: signed bodies made once, then sent at a fixed rate or at
saturation, timing each HTTP answer (the ack Slack waits for)."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Any

import aiohttp

from bench.load_servers import SECRET
from sandbox.slack_requests import SlackRequests
from tests.e2e.harness import (
    DESK_AGENT,
    DESK_MEMBER,
    EMPLOYEE_EN,
    EMPLOYEE_FR,
    SERVICES_FILE,
)

Body = tuple[str, str]  # (body, content type)


class _Capture(SlackRequests):
    """The payload builders of the tests' ``SlackRequests``, keeping the body instead."""

    async def post(self, body: Any, content_type: str, **_: Any) -> tuple[int, Any]:
        self.captured: Body = (body, content_type)
        return 200, ""


async def _issued_triggers(issuer: str, users: list[str]) -> list[str]:
    """Trigger ids the emulator issued (``issuer``: its ``/response_urls``), one per user."""
    url = issuer.replace("/response_urls", "/triggers")
    async with (
        aiohttp.ClientSession() as session,
        session.post(url, json={"users": users}) as answer,
    ):
        return list((await answer.json())["triggers"])


async def _issued(issuer: str, channel: str, ts: str | None, users: list[str]) -> list[str]:
    """``response_url``s the emulator issued (``issuer``: its ``/response_urls``), one per press."""
    async with (
        aiohttp.ClientSession() as session,
        session.post(issuer, json={"channel": channel, "ts": ts, "users": users}) as answer,
    ):
        return list((await answer.json())["urls"])


async def _bodies(
    kind: str, count: int, ticket_ids: list[str], issuer: str | None = None, issued: bool = False
) -> list[Body]:
    """``count`` signed bodies of ``kind``; the claim presses carry ``response_url``s issued by
    the emulator behind ``issuer`` (never one of Slack's: the bench stays off the network), and
    so do the ``/ticket``s when ``issued``, with trigger ids it issued (their forms open)."""
    from bot.domain.config import load_services_config
    from bot.domain.models import Language
    from handlers.filing.form import FormContext, Prefill, filing_modal

    capture = _Capture("http://unused", SECRET)
    users = [EMPLOYEE_EN, EMPLOYEE_FR, DESK_MEMBER, DESK_AGENT]
    config = load_services_config(SERVICES_FILE)
    views = {
        language: filing_modal(language, config, FormContext(language), Prefill()).to_dict()
        for language in Language
    }
    pressers = [DESK_MEMBER if i % 2 else DESK_AGENT for i in range(count)]
    urls: list[str] = []
    triggers: list[str | None] = [None] * count
    if kind not in ("/ticket", "view_submission"):
        assert issuer is not None, "claim presses need the emulator's response_urls"
        urls = await _issued(issuer, "C0DESK", "1.1", pressers)
    elif kind == "/ticket" and issued:
        assert issuer is not None, "issued commands need the emulator"
        commanders = [users[i % len(users)] for i in range(count)]
        urls = await _issued(issuer, "C0GENERAL", None, commanders)
        triggers = list(await _issued_triggers(issuer, commanders))
    bodies = []
    for i in range(count):
        user = users[i % len(users)]
        if kind == "/ticket":
            await capture.command(
                "" if i % 2 else "my VPN drops every hour",
                user_id=user,
                trigger_id=triggers[i],
                response_url=urls[i] if urls else None,
            )
        elif kind == "view_submission":
            view = views[Language.FR if user == EMPLOYEE_FR else Language.EN]
            answers = {
                "type": "information_request",
                "title": f"How do I reset my password? ({i})",
                "description": "Where is the procedure to reset my password?",
                "impact": "low",
                "urgency": "medium",
            }
            await capture.view_submission(view, capture.state_values(view, answers), user_id=user)
        else:
            ticket = ticket_ids[i % len(ticket_ids)] if ticket_ids else "INF-1"
            await capture.block_action(
                "ticket_claim",
                ticket,
                user_id=pressers[i],
                channel_id="C0DESK",
                message_ts="1.1",
                response_url=urls[i],
            )
        bodies.append(capture.captured)
    return bodies


@dataclass
class Run:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    elapsed: float = 0.0
    answers: list[Any] = field(default_factory=list)

    def add(self, other: Run) -> None:
        self.latencies += other.latencies
        self.errors += other.errors
        self.elapsed += other.elapsed
        self.answers += other.answers

    def percentile(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] * 1000

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.elapsed if self.elapsed else 0.0


class Client:
    def __init__(self, url: str, session: aiohttp.ClientSession) -> None:
        self.url = url
        self.session = session
        self.signer = SlackRequests(url, SECRET)

    async def send(self, body: Body, run: Run, keep: bool = False) -> None:
        text, content_type = body
        timestamp = int(time.time())
        headers = {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": str(timestamp),
            "X-Slack-Signature": self.signer.signature(text, timestamp),
        }
        started = time.perf_counter()
        async with self.session.post(self.url, data=text.encode(), headers=headers) as reply:
            answer = await reply.read()
            latency = time.perf_counter() - started
        if reply.status != 200:
            run.errors += 1
            return
        run.latencies.append(latency)
        if keep:
            run.answers.append(answer)


async def fixed_rate(client: Client, bodies: list[Body], rate: float, keep: bool) -> Run:
    run = Run()
    tasks = []
    started = time.perf_counter()
    for i, body in enumerate(bodies):
        delay = started + i / rate - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(client.send(body, run, keep)))
    await asyncio.gather(*tasks)
    run.elapsed = time.perf_counter() - started
    return run


async def saturation(client: Client, bodies: list[Body], seconds: float, workers: int) -> Run:
    run = Run()
    position = iter(range(len(bodies)))
    deadline = time.perf_counter() + seconds

    async def worker() -> None:
        for i in position:
            if time.perf_counter() >= deadline:
                return
            await client.send(bodies[i], run)

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(workers)))
    run.elapsed = time.perf_counter() - started
    return run


async def _follow_ups(session: aiohttp.ClientSession, count_url: str) -> int:
    async with session.get(count_url) as reply:
        return int((await reply.json())["calls"])


async def drained(session: aiohttp.ClientSession, count_url: str) -> float:
    """Wait until the emulator stops receiving calls; returns when the last one arrived."""
    last, last_change = await _follow_ups(session, count_url), time.perf_counter()
    while time.perf_counter() - last_change < 0.3:
        await asyncio.sleep(0.05)
        now = await _follow_ups(session, count_url)
        if now != last:
            last, last_change = now, time.perf_counter()
    return last_change
