"""The load benchmark's memory phase: the bot's resident memory after 5,000 mixed requests and
after 50,000, to show that every cache is bounded (the second within 20 % of the first).

    python -m bench.load_memory [--first 5000] [--then 50000]   # this phase alone, a few minutes

Beside each RSS it prints what the in-memory store holds at that moment (documents per
collection and the bytes they and their in-memory indexes take, measured in the bot's process
by ``storage.memory.stored_data``): with ``MONGODB_URI`` set those documents live in the
database server, not in the bot. The bot's own memory is RSS minus that data. Each figure is
taken once the bot's work after the ack has drained (the emulator stopped receiving calls), so
the queue of work after the ack is empty, not counted at its fullest."""

from __future__ import annotations

import argparse
import asyncio
import ctypes
import ctypes.util
import gc
import os
import sys
import tracemalloc
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import aiohttp
from aiohttp import web

from bench.load_traffic import Client, Run, _bodies, drained, saturation

MIX = {"/ticket": 0.45, "block_actions": 0.45, "view_submission": 0.10}
"""Shares of the mix: forms opened, buttons pressed, and one request in ten files a ticket (the
in-memory store keeps every ticket filed: that is data, not a cache, and grows as it should)."""
MEMORY_PATH = "/bench/memory"
COMMANDS_CHUNK = 50
"""``/ticket``s are made this many at a time, just before they are sent: their trigger ids,
issued by the emulator, expire after 3 s as Slack's do (an expired one is answered on the
command's ``response_url``, the emulator's too: the bench stays off the network)."""
TOP = 25  # allocation sites listed when the bot traces its allocations


def rss_mb(pid: int) -> float:
    """Resident memory of a process, in MB (Linux ``/proc``; 0 elsewhere)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def memory_route(database: Any) -> web.RouteDef:
    """``GET /bench/memory`` on the bot under test: what its in-memory store holds, per
    collection (after a full garbage collection, so the RSS read next is settled)."""
    from storage.memory import stored_data

    frames = int(os.environ.get("GUICHET_BENCH_TRACEMALLOC") or 0)
    if frames:
        tracemalloc.start(frames)
    previous: list[tracemalloc.Snapshot] = []  # the last call's, to say what grew since

    async def answer(_: web.Request) -> web.Response:
        gc.collect()
        found = stored_data(database)
        answer: dict[str, Any] = {
            name: [d.documents, d.data_bytes, d.view_bytes] for name, d in found.items()
        }
        if os.environ.get("GUICHET_BENCH_MALLOC_TRIM"):  # what the allocator keeps, freed
            untrimmed = rss_mb(os.getpid())
            ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim(0)
            answer["_trimmed"] = [untrimmed, rss_mb(os.getpid())]
        if tracemalloc.is_tracing():  # GUICHET_BENCH_TRACEMALLOC=<frames> on the bot
            snapshot = tracemalloc.take_snapshot()
            stats = snapshot.statistics("traceback")[:TOP]
            answer["_top"] = [[stat.size, stat.count, _where(stat)] for stat in stats]
            if previous:
                grown = snapshot.compare_to(previous[0], "traceback")[:TOP]
                answer["_grown"] = [[s.size_diff, s.count_diff, _where(s)] for s in grown]
            previous[:] = [snapshot]
        return web.json_response(answer)

    return web.get(MEMORY_PATH, answer)


def _where(stat: tracemalloc.Statistic | tracemalloc.StatisticDiff) -> list[str]:
    return [f"{frame.filename}:{frame.lineno}" for frame in stat.traceback]


@dataclass
class Point:
    """The bot's memory after some requests: RSS, and the store's data per collection."""

    requests: int
    rss_mb: float
    stored: dict[str, Any] = field(default_factory=dict)  # name: [documents, data, view]

    @property
    def data_mb(self) -> float:
        return sum(data + view for name, (_, data, view) in self.collections()) / 1e6

    def collections(self) -> list[tuple[str, list[int]]]:
        return [(name, sizes) for name, sizes in self.stored.items() if name[0] != "_"]


async def send_mixed(
    client: Client, count: int, ticket_ids: list[str], workers: int, issuer: str
) -> Run:
    """``count`` requests in the shares of ``MIX``, interleaved in rounds of 1,000."""
    run = Run()
    for _ in range(max(1, count // 1000)):
        for kind, share in MIX.items():
            chunk = COMMANDS_CHUNK if kind == "/ticket" else int(1000 * share)
            for _ in range(int(1000 * share) // chunk):
                bodies = await _bodies(kind, chunk, ticket_ids, issuer)
                run.add(await saturation(client, bodies, 600.0, workers))
    return run


async def refused(client: Client) -> int:
    """Requests the bot refused so far for want of room in its queue of work after the ack
    (back-pressure: ``handlers/transport/back_pressure.py``), from its ``/healthz``."""
    url = client.url.replace("/slack/events", "/healthz")
    async with client.session.get(url) as reply:
        health = await reply.json(content_type=None)
    return int((health.get("after_ack") or {}).get("refused", 0))


async def _point(client: Client, pid: int, requests: int, count_url: str) -> Point:
    await drained(client.session, count_url)
    async with client.session.get(client.url.replace("/slack/events", MEMORY_PATH)) as reply:
        stored = await reply.json() if reply.status == 200 else {}
    return Point(requests, rss_mb(pid), stored)


async def memory_growth(
    client: Client,
    pid: int,
    ticket_ids: list[str],
    workers: int,
    first: int,
    then: int,
    *,
    issuer: str,
    count_url: str,
) -> tuple[Point, Point, int]:
    """The bot's memory after ``first`` mixed requests and after ``then`` in all, and how many
    of them were refused (busy) (``issuer``: where the emulator issues the claim presses'
    ``response_url``s; ``count_url``: its count of Web API calls, to wait for the drain)."""
    before = await refused(client)
    await send_mixed(client, first, ticket_ids, workers, issuer)
    early = await _point(client, pid, first, count_url)
    await send_mixed(client, then - first, ticket_ids, workers, issuer)
    late = await _point(client, pid, then, count_url)
    return early, late, await refused(client) - before


def describe(early: Point, late: Point) -> list[str]:
    """Lines saying, for both points, RSS, the store's data and the rest (the process), and
    what each collection added per document in between."""
    lines = []
    for point in (early, late):
        lines.append(
            f"after {point.requests:>6,} requests: RSS {point.rss_mb:6.0f} MB = in-memory store's "
            f"data {point.data_mb:5.0f} MB + the rest {point.rss_mb - point.data_mb:5.0f} MB"
        )
        if "_trimmed" in point.stored:  # GUICHET_BENCH_MALLOC_TRIM=1 on the bot
            untrimmed, trimmed = point.stored["_trimmed"]
            lines.append(
                f"  (glibc's malloc_trim(0) just before: RSS {untrimmed:.0f} -> {trimmed:.0f} MB)"
            )
    for name, (documents, data, view) in sorted(late.collections()):
        was = early.stored.get(name, [0, 0, 0])
        added = documents - was[0]
        if not added:
            continue
        per = (data - was[1]) / added, (view - was[2]) / added
        lines.append(
            f"  {name:<16}{was[0]:>8,} -> {documents:>8,} documents; "
            f"{per[0]:6.0f} B each + {per[1]:5.0f} B of in-memory index"
        )
    if late.stored.get("_grown"):  # the bot traces its allocations (GUICHET_BENCH_TRACEMALLOC)
        lines.append("  grown in between, by where it was allocated (tracemalloc):")
        lines += [_site(*grown) for grown in late.stored["_grown"]]
    return lines


def _site(size: int, count: int, where: list[str]) -> str:
    return f"{size / 1e6:8.1f} MB {count:>9,}  " + " < ".join(reversed(where[-4:]))


async def _alone(first: int, then: int, workers: int) -> None:
    """This phase alone: the emulator and the bot as ``bench/load.py`` starts them, some
    tickets filed for the claim presses, then the two points."""
    from bench.load import _ticket_ids
    from bench.load_servers import start_server
    from bench.load_traffic import fixed_rate

    processes = []
    try:
        emulator, (count_port, slack_url) = await start_server("emulator")
        processes.append(emulator)
        bot, (bot_port,) = await start_server("bot", slack_url)
        processes.append(bot)
        count_url = f"http://127.0.0.1:{count_port}/count"
        issuer = f"http://127.0.0.1:{count_port}/response_urls"
        connector = aiohttp.TCPConnector(limit=workers * 2)
        async with aiohttp.ClientSession(connector=connector) as session:
            client = Client(f"http://127.0.0.1:{bot_port}/slack/events", session)
            filings = await fixed_rate(
                client, await _bodies("view_submission", 200, []), 100.0, keep=True
            )
            ticket_ids = _ticket_ids(filings.answers)
            await drained(session, count_url)
            start = await _point(client, bot.pid, 0, count_url)
            print(f"start: RSS {start.rss_mb:.0f} MB, store's data {start.data_mb:.0f} MB")
            early, late, busy = await memory_growth(
                client,
                bot.pid,
                ticket_ids,
                workers,
                first,
                then,
                issuer=issuer,
                count_url=count_url,
            )
        print("\n".join(describe(early, late)))
        if late.stored.get("_top"):
            print("  held at the end, by where it was allocated (tracemalloc):")
            print("\n".join(_site(*top) for top in late.stored["_top"]))
        growth = late.rss_mb / max(early.rss_mb, 1)
        rest = (late.rss_mb - late.data_mb) / max(early.rss_mb - early.data_mb, 1)
        print(f"RSS {growth:.2f} x; without the store's data {rest:.2f} x; {busy:,} refused busy")
    finally:
        for process in processes:
            process.terminate()
            await process.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--first", type=int, default=5_000)
    parser.add_argument("--then", type=int, default=50_000)
    parser.add_argument("--clients", type=int, default=64)
    args = parser.parse_args()
    asyncio.run(_alone(args.first, args.then, args.clients))


if __name__ == "__main__":
    main()
