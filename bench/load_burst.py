"""The load benchmark's burst phase: 1,000 form submissions sent as fast as they are acked
(each files a ticket before its ack), then, from the moment the last is acked, ``/ticket``
commands at a steady 100 req/s for ``STREAM_SECONDS``, while the work the burst left after its
acks (triage, posting, DMs: a thousand jobs in the queue) is under way. Their ack latency says
whether a burst of filings delays the next person's form."""

from __future__ import annotations

import time

from bench.load_traffic import Client, Run, _bodies, fixed_rate, saturation

STREAM_SECONDS = 5.0


async def burst(
    client: Client, size: int, rate: float, workers: int, issuer: str
) -> tuple[Run, Run, float]:
    """``(burst acks, steady acks after it, seconds the burst took to be acked)``; the commands
    are made a second's worth at a time, so that their trigger ids are fresh when sent."""
    filings = await _bodies("view_submission", size, [])
    started = time.perf_counter()
    acks = await saturation(client, filings, 600.0, workers)
    took = time.perf_counter() - started
    steady = Run()
    for _ in range(round(STREAM_SECONDS)):
        commands = await _bodies("/ticket", round(rate), [], issuer)
        steady.add(await fixed_rate(client, commands, rate, keep=False))
    return acks, steady, took
