"""Matching a request to its listener without Bolt's per-matcher argument injection.

Bolt finds a request's listener by asking every registered listener, in order, whether it
matches; each of its built-in matchers (``app.action("claim")``, ``app.view(...)``...) first
builds the full set of injectable arguments (context, client, logger, payload...) by
introspection, although the matcher only reads ``body``. With Guichet's listeners that was
a tenth of the CPU of a ``/ticket`` or a button press (py-spy under ``bench/load.py``).
``lighten`` gives those matchers the body directly; what they decide does not change
(``tests/unit/app/test_listener_matching.py``). A matcher of our own given as
``matchers=[...]`` that takes only ``body`` (``/ticket``'s governance sub-commands, asked before
every ``/ticket``) is Bolt's custom matcher, which builds the same arguments: it gets the body
directly too. Matchers of any other kind are left as they are.
"""

from __future__ import annotations

import inspect

from slack_bolt.async_app import AsyncApp
from slack_bolt.listener_matcher.async_builtins import AsyncBuiltinListenerMatcher
from slack_bolt.listener_matcher.async_listener_matcher import AsyncCustomListenerMatcher
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse


class BodyMatcher(AsyncBuiltinListenerMatcher):
    """A built-in matcher whose function takes only ``body``: called with it, nothing else."""

    async def async_matches(self, req: AsyncBoltRequest, resp: BoltResponse) -> bool:
        matched = self.func(body=req.body)  # Bolt types it for sync and async apps alike
        return bool(await matched if inspect.isawaitable(matched) else matched)


_BOLTS = (AsyncBuiltinListenerMatcher, AsyncCustomListenerMatcher)


def lighten(app: AsyncApp) -> int:
    """Swap every listener's body-only built-in and custom matchers for ``BodyMatcher``; how
    many."""
    swapped = 0
    for listener in getattr(app, "_async_listeners", []):  # Bolt keeps no public list
        for position, matcher in enumerate(listener.matchers):
            kind = type(matcher)
            if kind in _BOLTS and list(getattr(matcher, "arg_names", ())) == ["body"]:
                light = BodyMatcher(func=matcher.func, base_logger=matcher.logger)
                listener.matchers[position] = light
                swapped += 1
    return swapped
