"""Load benchmark (not a test): how fast Guichet acknowledges Slack, next to a bare Bolt app.

    python bench/load.py            # from the repository root; about a minute

It starts three processes: the Slack emulator (sandbox/slack_emulator.py), Guichet itself (the
real wiring of ``bot.app.build.build``, in-memory store, JSON logs at INFO written to /dev/null)
and a bare Bolt ``AsyncApp`` whose listeners only ``ack()``. Then, for signed ``/ticket``
commands, ``view_submission`` of the filing form (each files a ticket) and ``block_actions``
(the claim button, on the tickets just filed), it measures the time to the HTTP answer (the ack
Slack waits for) at a fixed rate and at saturation (a fixed number of clients sending as fast
as they are answered), for both apps, in the same run. With two or more CPUs the app under
test gets one to itself and the load generator and the emulator share another.

"completed" is the saturation throughput counting the work done after the ack (the Web API
calls the emulator receives): requests divided by the time until the last follow-up call.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import signal
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

SCRIPT = Path(__file__).resolve()
ROOT = SCRIPT.parent.parent
sys.path.insert(0, str(ROOT))
import aiohttp  # noqa: E402

from bench.load_servers import (  # noqa: E402
    APP_CPU,
    LOAD_CPU,
    _pin,
    serve_bare,
    serve_bot,
    serve_emulator,
)
from bench.load_traffic import (  # noqa: E402
    Client,
    Run,
    _bodies,
    drained,
    fixed_rate,
    saturation,
)

TARGET_P99_MS = 100.0
TARGET_RATIO = 0.7
SLICE = 1.0
"""Seconds. The two apps take turns, a slice each, so that whatever else the machine does
weighs on both alike; the bot's follow-up work is drained before the bare app's turn."""

# --------------------------------------------------------------------------- the run


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux ``/proc``; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def _start(role: str, *args: str) -> tuple[asyncio.subprocess.Process, list[str]]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        str(SCRIPT),
        "--serve",
        role,
        *args,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,
    )
    assert process.stdout is not None
    line = (await asyncio.wait_for(process.stdout.readline(), 30)).decode().split()
    if not line or line[0] != "READY":
        raise RuntimeError(f"{role} did not start")
    return process, line[1:]


def _row(kind: str, mode: str, app: str, run: Run, note: str = "") -> str:
    return (
        f"{kind:<16}{mode:<16}{app:<6}{len(run.latencies):>7}{run.rate:>9.1f}"
        f"{run.percentile(50):>9.1f}{run.percentile(95):>9.1f}{run.percentile(99):>9.1f}"
        f"{run.errors:>7}  {note}"
    ).rstrip()


KINDS = ("/ticket", "view_submission", "block_actions")


async def benchmark(rate: float, seconds: float, workers: int, kinds: list[str]) -> int:
    _pin(LOAD_CPU)
    rounds = max(1, round(seconds / SLICE))
    processes = []
    verdicts: list[bool] = []
    try:
        emulator, (count_port, slack_url) = await _start("emulator")
        processes.append(emulator)
        bot, (bot_port,) = await _start("bot", slack_url)
        bare, (bare_port,) = await _start("bare", slack_url)
        processes += [bot, bare]
        count_url = f"http://127.0.0.1:{count_port}/count"
        connector = aiohttp.TCPConnector(limit=workers * 2)
        async with aiohttp.ClientSession(connector=connector) as session:
            clients = {
                "bare": Client(f"http://127.0.0.1:{bare_port}/slack/events", session),
                "bot": Client(f"http://127.0.0.1:{bot_port}/slack/events", session),
            }
            cpus = os.cpu_count() or 1
            print(
                f"Guichet load benchmark: {cpus} CPUs"
                + (f", app under test on CPU {APP_CPU}" if cpus > 1 else "")
                + f"; each app {rounds} x {SLICE:.0f} s at {rate:.0f} req/s, then {rounds} x "
                f"{SLICE:.0f} s with {workers} clients, taking turns; ack latency in ms"
            )
            print(
                f"{'kind':<16}{'load':<16}{'app':<6}{'reqs':>7}{'req/s':>9}"
                f"{'p50':>9}{'p95':>9}{'p99':>9}{'errors':>7}"
            )
            ticket_ids: list[str] = []
            pids = {"bot": bot.pid, "bare": bare.pid}
            for kind in kinds:
                warm = await _bodies(kind, 20, ticket_ids)
                for client in clients.values():
                    for body in warm:
                        await client.send(body, Run())
                await drained(session, count_url)
                per_slice = int(rate * SLICE)
                fixed = {app: Run() for app in clients}
                for _ in range(rounds):
                    for app, client in clients.items():
                        bodies = await _bodies(kind, per_slice, ticket_ids)
                        keep = app == "bot" and kind == "view_submission"
                        fixed[app].add(await fixed_rate(client, bodies, rate, keep))
                        await drained(session, count_url)
                for app, run in fixed.items():
                    ok = run.percentile(99) < TARGET_P99_MS and not run.errors
                    if app == "bot":
                        verdicts.append(ok)
                    note = f"p99 < {TARGET_P99_MS:.0f} ms: {'yes' if ok else 'NO'}"
                    print(_row(kind, f"{rate:.0f} req/s", app, run, note))
                ticket_ids += _ticket_ids(fixed["bot"].answers)
                saturated = await _bodies(kind, int(SLICE * 4000), ticket_ids)
                runs = {app: Run() for app in clients}
                cpu = {app: 0.0 for app in clients}
                busy = {app: 0.0 for app in clients}  # until the follow-up calls stopped
                for _ in range(rounds):
                    for app, client in clients.items():
                        if app == "bot" and os.environ.get("GUICHET_BENCH_PROFILE"):
                            os.kill(bot.pid, signal.SIGUSR1)
                        before = cpu_seconds(pids[app])
                        started = time.perf_counter()
                        runs[app].add(await saturation(client, saturated, SLICE, workers))
                        done = await drained(session, count_url)
                        busy[app] += max(done, started + SLICE) - started
                        cpu[app] += cpu_seconds(pids[app]) - before
                for app, run in runs.items():
                    note = f"{cpu[app] / max(len(run.latencies), 1) * 1000:.2f} ms cpu/req"
                    if app == "bot":
                        ratio = run.rate / runs["bare"].rate
                        ok = ratio >= TARGET_RATIO and not run.errors
                        verdicts.append(ok)
                        completed = len(run.latencies) / busy[app]
                        note += (
                            f"; ratio {ratio:.2f} (>= {TARGET_RATIO}: {'yes' if ok else 'NO'}); "
                            f"completed {completed:.0f} req/s"
                        )
                    print(_row(kind, f"saturation {workers}", app, run, note))
    finally:
        for process in processes:
            process.terminate()
            await process.wait()
    print("targets met" if all(verdicts) else "TARGETS MISSED")
    return 0 if all(verdicts) else 1


def _ticket_ids(answers: list[Any]) -> list[str]:
    found = []
    for answer in answers:
        match = re.search(rb"\b[A-Z]{3}-\d+\b", answer)
        if match:
            found.append(match.group().decode())
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rate", type=float, default=100.0, help="fixed rate, requests/s")
    parser.add_argument("--seconds", type=float, default=4.0, help="length of each phase")
    parser.add_argument("--clients", type=int, default=64, help="clients at saturation")
    parser.add_argument("--kinds", nargs="+", choices=KINDS, default=list(KINDS))
    parser.add_argument("--serve", choices=["emulator", "bot", "bare"], help=argparse.SUPPRESS)
    parser.add_argument("slack_url", nargs="?", help=argparse.SUPPRESS)
    args = parser.parse_args()
    servers: dict[str, Callable[[], Awaitable[None]]] = {
        "emulator": serve_emulator,
        "bot": lambda: serve_bot(args.slack_url),
        "bare": lambda: serve_bare(args.slack_url),
    }
    if args.serve:
        asyncio.run(servers[args.serve]())
        return 0
    started = time.perf_counter()
    code = asyncio.run(benchmark(args.rate, args.seconds, args.clients, args.kinds))
    print(f"benchmark ran in {time.perf_counter() - started:.0f} s")
    return code


if __name__ == "__main__":
    sys.exit(main())
