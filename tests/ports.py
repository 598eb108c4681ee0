"""Ports held for the whole test, for a server another process starts or for a place where
nothing answers.

A port found by binding port 0 and closing the socket is free at that instant only: the next
``bind(0)`` anywhere on the machine (another test run on it) may be given it while the test
still counts on it. Linux hands out any free port of its range at random, so this is rare, and
that is the flaky kind: the bot started on it cannot listen, or an "unreachable" Slack is
someone else's emulator answering ``auth.test``. A port held by an open socket is never handed
out by ``bind(0)``: each helper here keeps its socket open as long as the test needs the port."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def closed_port() -> Iterator[int]:
    """A port where nothing listens and nothing else can: bound without ``SO_REUSEADDR`` and
    never listening, so a connection to it is refused and no other socket may bind it."""
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        yield int(held.getsockname()[1])


@contextmanager
def port_for_a_server() -> Iterator[int]:
    """A port kept for a server that another process starts on it: held with ``SO_REUSEADDR``
    and not listening, so that server (binding with ``SO_REUSEADDR``, as aiohttp's
    ``run_app`` does on POSIX) can bind it, and no ``bind(0)`` elsewhere is given it."""
    with socket.socket() as held:
        held.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        held.bind(("127.0.0.1", 0))
        yield int(held.getsockname()[1])
