"""The load benchmark's memory phase: the bot's resident memory after 5,000 mixed requests and
after 50,000, to show that every cache is bounded (the second within 20 % of the first)."""

from __future__ import annotations

from pathlib import Path

from bench.load_traffic import Client, Run, _bodies, saturation

MIX = {"/ticket": 0.45, "block_actions": 0.45, "view_submission": 0.10}
"""Shares of the mix: forms opened, buttons pressed, and one request in ten files a ticket (the
in-memory store keeps every ticket filed: that is data, not a cache, and grows as it should)."""


def rss_mb(pid: int) -> float:
    """Resident memory of a process, in MB (Linux ``/proc``; 0 elsewhere)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


async def send_mixed(
    client: Client, count: int, ticket_ids: list[str], workers: int, issuer: str
) -> Run:
    """``count`` requests in the shares of ``MIX``, interleaved in rounds of 1,000."""
    run = Run()
    for _ in range(max(1, count // 1000)):
        for kind, share in MIX.items():
            bodies = await _bodies(kind, int(1000 * share), ticket_ids, issuer)
            run.add(await saturation(client, bodies, 600.0, workers))
    return run


async def refused(client: Client) -> int:
    """Requests the bot refused so far for want of room in its queue of work after the ack
    (back-pressure: ``handlers/transport/back_pressure.py``), from its ``/healthz``."""
    url = client.url.replace("/slack/events", "/healthz")
    async with client.session.get(url) as reply:
        health = await reply.json(content_type=None)
    return int((health.get("after_ack") or {}).get("refused", 0))


async def memory_growth(
    client: Client,
    pid: int,
    ticket_ids: list[str],
    workers: int,
    first: int,
    then: int,
    *,
    issuer: str,
) -> tuple[float, float, int]:
    """RSS (MB) after ``first`` mixed requests and after ``then`` in all, and how many of them
    were refused (busy) (``issuer``: where the emulator issues the claim presses'
    ``response_url``s)."""
    before = await refused(client)
    await send_mixed(client, first, ticket_ids, workers, issuer)
    early = rss_mb(pid)
    await send_mixed(client, then - first, ticket_ids, workers, issuer)
    return early, rss_mb(pid), await refused(client) - before
