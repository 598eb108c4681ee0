"""Serve the web app until Ctrl-C or SIGTERM: aiohttp's ``run_app``, except that a stop during
start-up cleans up too. ``run_app`` sets the app up before its ``try``: Ctrl-C while start-up
waited on Slack or on a database not answering (three seconds a read) left the Slack clients'
sessions open ("Unclosed client session" at exit) and the scheduler's tick cancelled mid-read
(APScheduler's traceback), the moment an admin who just read the start-up errors presses it."""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Callable

from aiohttp import web


def serve(app: web.Application, port: int, started: Callable[[], None]) -> None:
    """Start ``app`` on ``port`` and serve until stopped; whatever stops it (a signal, an error
    of start-up such as a refused token or the port in use, raised again here), the app's
    shutdown and clean-up run once. ``started`` says so (the log line "Guichet listening…")
    once Ctrl-C and SIGTERM stop the loop cleanly: a Ctrl-C pressed at that line, before
    start-up's first wait, is a clean stop too, not Python's KeyboardInterrupt."""
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    for stop in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(stop, _graceful_exit)
    started()
    runner = web.AppRunner(app, access_log=None, handle_signals=False)
    main = loop.create_task(_run(runner, port))
    try:
        loop.run_until_complete(main)
    except (web.GracefulExit, KeyboardInterrupt):
        pass
    finally:
        try:
            if not main.done():  # stopped by a signal: the start-up or the wait is cut short
                main.cancel()
                with contextlib.suppress(asyncio.CancelledError, web.GracefulExit):
                    loop.run_until_complete(main)
            # aiohttp runs on_cleanup only for an app whose start-up finished (it freezes the
            # app then); every clean-up step here copes with what never started
            app.on_cleanup.freeze()
            loop.run_until_complete(runner.cleanup())
        finally:
            # stopped: a signal from now on is the default's (a second Ctrl-C stops at once),
            # never one written to the self-pipe ``loop.close`` is about to close
            for stop in (signal.SIGINT, signal.SIGTERM):
                loop.remove_signal_handler(stop)
            _cancel_the_rest(loop)
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()
            asyncio.set_event_loop(None)


def _graceful_exit() -> None:
    raise web.GracefulExit  # as aiohttp's run_app does: out of run_until_complete


async def _run(runner: web.AppRunner, port: int) -> None:
    await runner.setup()
    await web.TCPSite(runner, port=port).start()
    await asyncio.Event().wait()  # until cancelled


def _cancel_the_rest(loop: asyncio.AbstractEventLoop) -> None:
    """Tasks still running once the app is cleaned up (its own stopped theirs)."""
    tasks = asyncio.all_tasks(loop)
    for task in tasks:
        task.cancel()
    if tasks:
        loop.run_until_complete(asyncio.gather(*tasks, return_exceptions=True))
