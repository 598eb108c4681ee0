"""Run in a fresh process by ``test_semantic.py``: the CPU time the process's other threads
spend while the meaning check computes the cosines of a question with 2,000 articles' vectors
(the issue's size) 200 times, 2 ms apart. Prints one JSON object."""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path

import numpy as np

from bot.knowledge.semantic import SemanticCheck

ARTICLES = 2_000
SEARCHES = 200
TASKS = Path("/proc/self/task")


def _other_threads_ticks(me: int) -> int:
    """user + system clock ticks of every thread of this process but ``me`` (``proc(5)``)."""
    ticks = 0
    for task in TASKS.iterdir():
        if int(task.name) == me:
            continue
        try:
            stat = (task / "stat").read_text()
        except OSError:  # ended meanwhile
            continue
        fields = stat.rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return ticks


def main() -> None:
    rng = np.random.default_rng(15)
    vectors = rng.standard_normal((ARTICLES, 384)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    check = SemanticCheck(lambda texts: vectors[: len(texts)], lambda texts: vectors[: len(texts)])
    me = threading.get_native_id()
    before = _other_threads_ticks(me)
    for _ in range(SEARCHES):
        check.similarities("the vpn drops", vectors)
        time.sleep(0.002)  # searches come apart, as people ask
    spent = _other_threads_ticks(me) - before
    print(json.dumps({"other_threads_ms": spent * 1000 / os.sysconf("SC_CLK_TCK")}))


if __name__ == "__main__":
    main()
