"""What the storm prints at the end, and whether the goals are met (the exit status)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bench.storm_scenario import Run

FIXED_MARKS = ("The problem behind your ticket", "Le problème à l’origine de votre ticket")
KNOWN_MARKS = ("is a known issue", "est un problème connu")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


async def report(run: Run, problem_id: str, drained: timedelta, wall: float, database: Any) -> int:
    slack = run.slack
    posted = [
        c
        for c in slack.calls_to("chat.postMessage")
        if c.ok and str(c.args.get("channel", "")).startswith("C") and not c.args.get("thread_ts")
    ]
    fixed: dict[str, int] = {}
    known: dict[str, int] = {}
    for call in slack.calls_to("chat.postMessage"):
        if not call.ok:
            continue
        text = str(call.args.get("text", ""))
        user = str(call.args.get("channel"))
        if any(mark in text for mark in FIXED_MARKS) and problem_id in text:
            fixed[user] = fixed.get(user, 0) + 1
        if any(mark in text for mark in KNOWN_MARKS):
            known[user] = known.get(user, 0) + 1
    told = sum(1 for user in run.requesters if fixed.get(user))
    twice = sum(1 for user in run.requesters if fixed.get(user, 0) > 1)
    unfinished = await database.handle["outbox"].count_documents(
        {"state": {"$in": ["pending", "failed"]}}
    )
    lost = (len(run.requesters) - told) + unfinished
    tickets = database.handle["tickets"]
    linked = await tickets.count_documents({"type": "incident", "problem_id": problem_id})
    filed = await tickets.count_documents({"type": "incident"})
    limited = sum(1 for c in slack.calls if c.status == 429)
    acks = [value for values in run.latencies.values() for value in values]
    print(f"incidents filed: {filed}, linked to {problem_id}: {linked}")
    print(f"top-level channel posts: {len(posted)} (goal <= 5)")
    print(
        f"requesters told of the fix: {told}/{len(run.requesters)} (goal all; told twice: {twice})"
    )
    print(f"requesters told it is a known issue: {sum(1 for u in run.requesters if known.get(u))}")
    print(f"messages lost: {lost} (goal 0; outbox items not delivered: {unfinished})")
    print(f"p99 ack latency: {percentile(acks, 0.99) * 1000:.0f} ms over {len(acks)} requests")
    for kind, values in sorted(run.latencies.items()):
        print(
            f"  {kind}: p50 {percentile(values, 0.5) * 1000:.0f} ms, "
            f"p99 {percentile(values, 0.99) * 1000:.0f} ms, max {max(values) * 1000:.0f} ms"
        )
    print(f"HTTP 429 answered by the emulator: {limited}")
    print(f"fix told to everyone within {drained} of simulated time ({run.ticks} ticks in all)")
    print(f"wall time: {wall:.1f} s")
    return 0 if len(posted) <= 5 and told == len(run.requesters) and lost == 0 and not twice else 1
