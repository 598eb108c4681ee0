"""What a test reads of the bot's work: stored tickets, what Slack shows and was called with,
and waits for the work the bot does after it has acked."""

from __future__ import annotations

import asyncio
import inspect
import json
from collections.abc import Awaitable, Callable
from typing import Any

from bot.domain.models import Ticket
from bot.domain.outbox import OutboxState
from sandbox.emulator import RecordedCall
from tests.e2e.bot_under_test import BotUnderTest

EVENTUALLY_SECONDS = 20.0
LISTENER_TASK = "run_ack_function_asynchronously"
"""The coroutine in which Bolt's runner runs a listener, in a task of its own, beside the
request it answers once the listener has acked (slack_bolt/listener/asyncio_runner.py)."""


TIMED_JOB_TASK = "run_coroutine_job"
"""The coroutine in which APScheduler runs a job of the timer (a scheduler tick, a wake-up,
the digest), in a task of its own (apscheduler/executors/asyncio.py)."""


def is_listener(task: asyncio.Task[Any]) -> bool:
    return str(getattr(task.get_coro(), "__qualname__", "")).endswith(LISTENER_TASK)


def is_timed_job(task: asyncio.Task[Any]) -> bool:
    return str(getattr(task.get_coro(), "__qualname__", "")) == TIMED_JOB_TASK


def searchable(value: Any) -> str:
    """``value`` (blocks, a message) as text to search, its characters as Slack shows them:
    ``str`` would escape the non-breaking spaces French puts before « : ; ? ! »."""
    return json.dumps(value, ensure_ascii=False)


def texts_of(node: object) -> list[str]:
    """Every ``text`` string in ``node`` (blocks, a message), in order."""
    if isinstance(node, dict):
        found = [node["text"]] if isinstance(node.get("text"), str) else []
        return found + [text for value in node.values() for text in texts_of(value)]
    if isinstance(node, list):
        return [text for item in node for text in texts_of(item)]
    return []


def answer_text(answer: dict) -> str:
    """Every text of an answer (its blocks, then its text), one per line."""
    return "\n".join([*texts_of(answer.get("blocks") or []), answer.get("text", "")])


def action_ids(message: dict[str, Any]) -> list[str]:
    """The action ids of a message's buttons and menus in its actions blocks, in order."""
    return [
        element.get("action_id", "")
        for block in message.get("blocks") or []
        if block["type"] == "actions"
        for element in block["elements"]
    ]


def context_text(message: dict[str, Any]) -> str:
    """What a message's context blocks say (a card's deadline and last change), " | " between."""
    return " | ".join(
        element["text"]
        for block in message["blocks"]
        if block["type"] == "context"
        for element in block["elements"]
    )


def _elements(message: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for block in message.get("blocks") or []:
        found.extend(block.get("elements") or [] if block.get("type") == "actions" else [])
        if isinstance(block.get("accessory"), dict):
            found.append(block["accessory"])
    return found


def _has_element(message: dict[str, Any], action_id: str) -> bool:
    return any(e.get("action_id") == action_id for e in _elements(message))


def find_element(message: dict[str, Any], action_id: str) -> dict[str, Any]:
    """The interactive element ``action_id`` of a message; AssertionError listing them if absent."""
    for element in _elements(message):
        if element.get("action_id") == action_id:
            return element
    shown = [e.get("action_id") for e in _elements(message)]
    raise AssertionError(f"no {action_id} in the message; it has {shown}")


class Observations(BotUnderTest):
    """Reads the store and the emulator's record; waits for the bot's follow-up work."""

    async def wait_until(self, check: Callable[[], Awaitable[Any]], what: str) -> Any:
        """Poll ``check`` (the bot works after answering Slack) until it returns a truthy value."""
        return await self.eventually(check, what)

    async def view_opened(self, callback_id: str) -> dict[str, Any]:
        """The newest view with ``callback_id`` that ``views.open`` opened, once there is one:
        the form a press opened, never an earlier form of the test (the filing form)."""

        def found() -> dict[str, Any] | None:
            for call in reversed(self.slack.calls_to("views.open")):
                view = (call.response or {}).get("view") or {}
                if view.get("callback_id") == callback_id:
                    return dict(view)
            return None

        return await self.eventually(found, f"a {callback_id} view opened")

    async def settled(self) -> None:
        """Wait until the work after the acks is done: no listener still running (Bolt runs
        each in a task of its own, which goes on after the ack), nothing queued or running in
        the after-ack queue, no job of the timer running or about to start (a scheduler tick
        run in the background, woken by the work: what it delivers is counted once it is
        done, not half-way) and no message due in the outbox. A test that then moves the
        clock by days does not move it under work still in flight (a DM sent "89 days late"
        would be given up, rightly, and its audit line dated then).

        Not "no message pending": an item being delivered is pending (leased) until marked,
        and it is in flight in one of the tasks above; one due later (a retry after a
        failure) waits for a tick the test makes."""
        queue = self.guichet.after_ack
        outbox = self.guichet.database.handle["outbox"]
        timers = [self.guichet.timer, *(replica.timer for replica in self.replicas)]

        async def idle() -> bool:
            if any(is_listener(task) or is_timed_job(task) for task in asyncio.all_tasks()):
                return False
            if any(timer.starting() for timer in timers):
                return False
            if queue is not None:
                report = queue.report()
                if report.depth or report.running:
                    return False
            due = {
                "state": OutboxState.PENDING.value,
                "next_attempt_at": {"$lte": self.clock.now()},
            }
            return await outbox.count_documents(due) == 0

        await self.eventually(idle, "the work after the acks")

    async def ticket(self, ticket_id: str) -> Ticket:
        """The ticket as stored now."""
        ticket = await self.guichet.helpdesk.tickets.get(ticket_id)
        assert ticket is not None, ticket_id
        return ticket

    async def channel_message(self, ticket_id: str) -> dict[str, Any]:
        """The ticket's channel message as Slack shows it now."""
        ticket = await self.ticket(ticket_id)
        assert ticket.message is not None, f"{ticket_id} has no channel message"
        return self.slack.message(ticket.message.channel, ticket.message.ts)

    async def dm_reply(
        self, user: str, asked: dict[str, Any], block_id: str | None = None
    ) -> dict[str, Any]:
        """The bot's answer to ``asked`` (the message ``user`` wrote in their DM with it), once
        it has come: the bot's first top-level message in that DM posted after it (holding a
        block ``block_id`` if given). Not "the last message of the DM": a DM the bot sends for
        earlier work may land after the question, or the answer after another message."""
        channel = self.slack.dm_channel_id(user)
        after = float(asked["ts"])

        def replied() -> dict[str, Any] | None:
            for message in self.slack.messages(channel):
                if message.get("bot_id") is None or float(message["ts"]) <= after:
                    continue
                if message.get("thread_ts") not in (None, message["ts"]):
                    continue
                blocks = message.get("blocks") or []
                if block_id is None or any(b.get("block_id") == block_id for b in blocks):
                    return message
            return None

        return await self.eventually(replied, f"the answer to {user}'s DM {asked['ts']}")

    def latest_dm(self, user: str, action_id: str | None = None) -> dict[str, Any]:
        """The latest DM the bot sent ``user`` (holding a control ``action_id`` if given), now:
        AssertionError if there is none (to wait for one, ``dm_with``)."""
        message = self._latest_dm(user, action_id)
        if message is None:
            raise AssertionError(f"no DM to {user} with {action_id}")
        return message

    async def dm_with(self, user: str, action_id: str) -> dict[str, Any]:
        """The latest DM the bot sent ``user`` holding a control ``action_id``, once there is
        one: a DM the work after an ack sends or updates (the rating buttons a closed ticket's
        DM takes), late on a loaded machine. Not ``eventually(lambda: latest_dm(...))``: that
        check raises at its first look instead of waiting."""
        return await self.eventually(
            lambda: self._latest_dm(user, action_id), f"a DM to {user} with {action_id}"
        )

    def _latest_dm(self, user: str, action_id: str | None) -> dict[str, Any] | None:
        for message in reversed(self.slack.messages(self.slack.dm_channel_id(user))):
            if action_id is None or _has_element(message, action_id):
                return message
        return None

    def told(self, user: str) -> list[str]:
        """What the bot said to ``user`` alone: ephemeral messages, then direct messages."""
        ephemerals = [e["text"] for e in self.ephemerals_to(user)]
        dms = [m.get("text", "") for m in self.slack.messages(self.slack.dm_channel_id(user))]
        return ephemerals + dms

    def ephemerals_to(self, user: str | None) -> list[dict[str, Any]]:
        """The ephemeral messages ``user`` (anyone: ``None``) saw, oldest first, whichever way
        the bot sent them: to the interaction's ``response_url`` or with
        ``chat.postEphemeral``; each with its ``channel``, ``user``, ``text`` and ``blocks``."""
        return [e for e in self.slack.ephemerals() if user is None or e["user"] == user]

    async def ephemeral_seen(
        self, user: str | None, count: int = 1, containing: str = ""
    ) -> dict[str, Any]:
        """Wait until ``user`` (anyone: ``None``) has seen ``count`` ephemeral messages (see
        ``ephemerals_to``; only those ``containing`` a fragment, if given); returns the latest,
        as the person sees it where they acted."""

        def seen() -> dict[str, Any] | None:
            shown = [e for e in self.ephemerals_to(user) if containing in e["text"]]
            return shown[-1] if len(shown) >= count else None

        shown = [e["text"] for e in self.ephemerals_to(user)]
        return await self.eventually(
            seen, f"{count} ephemeral(s) to {user}; seen when the wait began: {shown}"
        )

    async def eventually(self, check: Callable[[], Any], what: str = "condition") -> Any:
        """Wait (polling) until ``check()`` is truthy, for work the bot does after it acked;
        returns its value. The bound is wall time, generous (a loaded CI machine runs the work
        after the ack late, not wrongly); a passing check returns at once. A check that raises
        ``AssertionError`` (``latest_dm``: "no DM yet") is not there yet either: asked again
        until the deadline, then its error is raised (it used to fail at the first look, so a
        DM sent a moment late failed the test on a busy machine)."""
        deadline = asyncio.get_running_loop().time() + EVENTUALLY_SECONDS
        while True:
            try:
                result = check()
                if inspect.isawaitable(result):
                    result = await result
            except AssertionError:
                if asyncio.get_running_loop().time() > deadline:
                    raise
                result = None
            if result:
                return result
            if asyncio.get_running_loop().time() > deadline:
                raise AssertionError(f"timed out waiting for {what}")
            await asyncio.sleep(0.01)

    async def answered(self, response_url: str, what: str) -> dict[str, Any]:
        """What the bot first posted to ``response_url`` (one gesture's own), once it has."""
        nonce = response_url.rstrip("/").rsplit("/", 1)[-1]

        def posted() -> dict[str, Any] | None:
            for call in self.slack.calls_to("response_url"):
                if call.url.rstrip("/").rsplit("/", 1)[-1] == nonce:
                    return call.args
            return None

        return await self.eventually(posted, what)

    async def opened_with(self, trigger_id: str, method: str = "views.open") -> RecordedCall:
        """The view the bot opened (``views.open``, or ``views.push``) with ``trigger_id``,
        once it has: one gesture's own form, not whichever view opens next (an earlier
        gesture's form, opened by the work after its ack, may land after this one was sent)."""

        def opened() -> RecordedCall | None:
            calls = self.slack.calls_to(method)
            return next((c for c in calls if c.args.get("trigger_id") == trigger_id), None)

        return await self.eventually(opened, f"{method} with the gesture's trigger id")

    def view_updates(self, view_id: str) -> list[RecordedCall]:
        """The ``views.update`` calls of the view ``view_id``, oldest first."""
        calls = self.slack.calls_to("views.update")
        return [c for c in calls if c.args.get("view_id") == view_id]

    async def view_updated(
        self, view: dict[str, Any], before: int | None = None, *, hashed: bool = False
    ) -> RecordedCall:
        """The bot's update of ``view`` (the modal a gesture acted on), once it has: with
        ``hashed``, the one that names ``view``'s version (``hash``: the bot changes what the
        person saw); else the first update of that view after its ``before`` earlier ones.
        Never "the latest ``views.update``": another modal's may land meanwhile."""
        view_id, version = view["id"], view.get("hash")

        def updated() -> RecordedCall | None:
            calls = self.view_updates(view_id)
            if hashed:
                return next((c for c in calls if c.args.get("hash") == version), None)
            return calls[before or 0] if len(calls) > (before or 0) else None

        return await self.eventually(updated, f"the update of view {view_id}")

    def home_publishes(self, user: str) -> list[RecordedCall]:
        """The ``views.publish`` calls of ``user``'s Home tab, oldest first."""
        calls = self.slack.calls_to("views.publish")
        return [c for c in calls if c.args.get("user_id") == user]

    async def home_published(self, user: str, before: int) -> RecordedCall:
        """``user``'s Home tab published once more than its ``before`` earlier publishes: that
        one (not the latest ``views.publish``, which may be someone else's tab)."""

        def published() -> RecordedCall | None:
            calls = self.home_publishes(user)
            return calls[before] if len(calls) > before else None

        return await self.eventually(published, f"{user}'s Home tab published")

    def message_updates(self, channel: str, ts: str) -> list[RecordedCall]:
        """The ``chat.update`` calls of the message ``ts`` of ``channel``, oldest first."""
        calls = self.slack.calls_to("chat.update")
        return [c for c in calls if c.args.get("channel") == channel and c.args.get("ts") == ts]

    async def message_updated(self, channel: str, ts: str, before: int = 0) -> RecordedCall:
        """The update of the message ``ts`` of ``channel`` after its ``before`` earlier ones,
        once it has come: that message's own, not "the next ``chat.update``" (another
        message's, from other work after an ack, may land meanwhile)."""

        def updated() -> RecordedCall | None:
            calls = self.message_updates(channel, ts)
            return calls[before] if len(calls) > before else None

        return await self.eventually(updated, f"message {ts} of {channel} updated")

    async def card_updated(self, ticket: Ticket, before: int = 0) -> RecordedCall:
        """The update of ``ticket``'s own channel message (its card) after its ``before``
        earlier ones, once it has come: not a DM losing its buttons, not another card."""
        assert ticket.message is not None, f"{ticket.id} has no channel message"
        return await self.message_updated(ticket.message.channel, ticket.message.ts, before)

    def card_updates(self, ticket: Ticket) -> int:
        """How many times ``ticket``'s card was updated so far."""
        assert ticket.message is not None, f"{ticket.id} has no channel message"
        return len(self.message_updates(ticket.message.channel, ticket.message.ts))

    async def told_more(self, user: str, than: int, what: str = "a refusal") -> list[str]:
        """Wait until the bot has told ``user`` more than ``than`` things (see ``told``): what
        a gesture repeated in a loop waits for, the count taken before each one."""

        def more() -> list[str] | None:
            said = self.told(user)
            return said if len(said) > than else None

        return await self.eventually(more, what)

    async def told_eventually(self, user: str, fragment: str, times: int = 1) -> str:
        """Wait until the bot told ``user`` something containing ``fragment`` (``times`` times);
        returns the latest such message."""

        def said() -> str | None:
            found = [text for text in self.told(user) if fragment in text]
            return found[-1] if len(found) >= times else None

        return await self.eventually(said, f"{user} to be told {fragment!r}: {self.told(user)}")

    def dms_to(self, user: str) -> list[RecordedCall]:
        """Successful messages posted to ``user``'s DM, oldest first."""
        return [c for c in self._dms(user) if c.ok]

    def thread(self, ticket: Ticket) -> list[RecordedCall]:
        """Successful replies posted in the thread of the ticket's channel message."""
        assert ticket.message is not None
        return [
            c
            for c in self.slack.calls_to("chat.postMessage")
            if c.ok
            and c.args.get("channel") == ticket.message.channel
            and c.args.get("thread_ts") == ticket.message.ts
        ]

    def top_level(self, channel: str) -> list[RecordedCall]:
        """Successful posts in ``channel`` that are not thread replies, oldest first."""
        return [
            c
            for c in self.slack.calls_to("chat.postMessage")
            if c.ok and c.args.get("channel") == channel and not c.args.get("thread_ts")
        ]

    def _dms(self, user: str) -> list[Any]:
        return [c for c in self.slack.calls_to("chat.postMessage") if c.args.get("channel") == user]

    async def wait_dms(self, user: str, count: int) -> list[Any]:
        """Wait until ``count`` DMs were posted to ``user`` (tried: ``chat.postMessage`` to
        their id); returns them. Bounded like ``eventually``, not by a count of polls: the DM
        goes after the ack, late on a loaded machine."""

        def enough() -> list[Any] | None:
            dms = self._dms(user)
            return dms if len(dms) >= count else None

        had = len(self._dms(user))
        return await self.eventually(enough, f"{count} DMs to {user} ({had} when the wait began)")
