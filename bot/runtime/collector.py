"""Python's cyclic garbage collector, set for a long-running server.

py-spy under ``bench/load.py`` showed single requests stalled for tens of milliseconds where
they merely allocated (creating a task, a generator): the collector walking every object the
process holds — modules, the services file, the in-memory store's documents. What exists once
the web app has started lives as long as the process: ``gc.freeze`` moves it out of the
collector's sight. The youngest generation is collected less often (each request makes a
few thousand short-lived objects; most are freed by reference counting, not by the collector).
Reference cycles are still collected, later.
"""

from __future__ import annotations

import gc

YOUNG_THRESHOLD = 20_000  # Python's default is 700


async def settle(_: object = None) -> None:
    """Once start-up is done (aiohttp's ``on_startup``, last): collect, freeze what is left,
    and space out the collections of the youngest generation."""
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)
