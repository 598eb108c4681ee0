"""Trigger ids as Slack hands them out and takes them back: the emulator issues one with each
command, click, shortcut or submission it sends for a person; ``views.open`` / ``views.push``
exchange it once, within 3 seconds of its issue, on the emulator's clock.

Slack's words (https://api.slack.com/docs/triggers): "Triggers expire in three seconds. Use it
before you lose it. ... Triggers may only be used once." A lenient emulator hides a flow that
calls Slack several times before opening its modal: it works in tests and fails on a slow day.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sandbox.emulator.host import HostBase
from sandbox.emulator.state import JsonDict, _Refusal

TRIGGER_LIFETIME = 3.0
"""Seconds a trigger id can be exchanged after its issue."""
_KEPT_TRIGGERS = 1000
"""Older trigger ids are forgotten (and then refused as never issued)."""


@dataclass
class _Trigger:
    user_id: str
    issued_at: float
    exchanged: bool = False


class TriggersMixin(HostBase):
    """Issuing and exchanging trigger ids, for ``SlackEmulator``."""

    _triggers: dict[str, _Trigger]
    _clock: Callable[[], float]
    _seconds_per_call = 0.0
    _slowness = 0.0

    def slow_day(self, seconds_per_call: float) -> None:
        """Make every Web API call answered take ``seconds_per_call`` on the emulator's clock
        (0: none), without waiting for real: a flow that calls Slack before it opens its
        modal then sees its trigger expire, as on a slow day, deterministically."""
        self._seconds_per_call = max(0.0, float(seconds_per_call))

    def _now(self) -> float:
        """The emulator's clock, plus what the calls of a slow day took."""
        return self._clock() + self._slowness

    def _call_answered(self) -> None:
        self._slowness += self._seconds_per_call

    def issue_trigger(self, user_id: str) -> str:
        """A new trigger id for ``user_id``'s interaction, issued now (what Slack puts in the
        payload it sends the app); a modal opened with it shows on their screen."""
        trigger_id = f"{self._new_id('')}.{int(self._now())}.{self._short_id()}{self._short_id()}"
        self.remember_trigger(trigger_id, user_id)
        return trigger_id

    def remember_trigger(self, trigger_id: str, user_id: str) -> None:
        """Take ``trigger_id`` as issued now for ``user_id``'s interaction (``issue_trigger``
        makes one up)."""
        self._triggers[trigger_id] = _Trigger(user_id, self._now())
        if len(self._triggers) > _KEPT_TRIGGERS:
            self._triggers.pop(next(iter(self._triggers)))

    def _exchange_trigger(self, args: JsonDict) -> str:
        """The user whose trigger ``args`` carries, marked used; Slack's refusal for one it never
        issued, one already used or one older than 3 seconds."""
        trigger_id = args.get("trigger_id") or args.get("interactivity_pointer")
        trigger = self._triggers.get(trigger_id) if isinstance(trigger_id, str) else None
        if trigger is None:
            # Slack's documented answer (views.open, "typical error response")
            raise _Refusal(
                "invalid_arguments", response_metadata={"messages": ["invalid `trigger_id`"]}
            )
        if trigger.exchanged:
            raise _Refusal("exchanged_trigger_id")
        if self._now() - trigger.issued_at > TRIGGER_LIFETIME:
            raise _Refusal("expired_trigger_id")
        trigger.exchanged = True
        return trigger.user_id
