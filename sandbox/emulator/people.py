"""What a Slack client shows each person and what they do: modals open on their screen,
reactions; ``version``/``wait_change`` tell when anything changed. (Answers posted to their
``response_url``s: ``response_urls``.)"""

from __future__ import annotations

import asyncio
import contextlib
import copy
from typing import Any

from sandbox.emulator.host import HostBase
from sandbox.emulator.state import JsonDict, _react, _Refusal


class PeopleMixin(HostBase):
    """What people see and do, for ``SlackEmulator``."""

    @property
    def version(self) -> int:
        """Grows each time something a person could see may have changed."""
        return self._version

    def touch(self) -> None:
        """Note a change (wakes ``wait_change``)."""
        self._version += 1
        self._change.set()
        self._change = asyncio.Event()

    async def wait_change(
        self,
        since: int,
        timeout: float,  # noqa: ASYNC109 - a poll that returns, not a failure
    ) -> int:
        """Wait until ``version`` exceeds ``since`` or ``timeout`` passes; returns ``version``."""
        if self._version <= since:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._change.wait(), timeout)
        return self._version

    def open_dm(self, user_id: str) -> str:
        """The person's direct-message channel with the bot (created if needed)."""
        self._user(user_id)
        return self._open_dm([user_id]).id

    def join(self, channel_id: str, user_id: str) -> None:
        """``user_id`` joins the channel (``conversations.members`` lists them)."""
        channel = self._channel(channel_id)
        if user_id not in channel.members:
            channel.members.append(user_id)
            self.touch()

    def add_reaction(self, channel_id: str, ts: str, name: str, user_id: str) -> bool:
        """A person reacts to a message; False when they already had."""
        message = self._find_message(self._channel(channel_id).id, ts)
        if message is None:
            raise AssertionError(f"no message {ts} in {channel_id}")
        added = _react(message, name.strip(":"), user_id)
        self.touch()
        return added

    def modals(self, user_id: str) -> list[JsonDict]:
        """Copies of the modals open on the person's screen, the visible one last."""
        return [copy.deepcopy(self._views[v]) for v in self._modals.get(user_id, [])]

    def close_modal(self, user_id: str, *, clear: bool = False) -> None:
        """Close the visible modal (all of them with ``clear``)."""
        stack = self._modals.get(user_id, [])
        if clear:
            stack.clear()
        elif stack:
            stack.pop()
        self.touch()

    def answer_submission(self, user_id: str, view_id: str, answer: Any) -> str | None:
        """Apply the bot's answer to a ``view_submission`` of ``view_id`` as Slack does: no
        ``response_action`` closes the modal, ``update``/``push`` show the given view,
        ``clear`` closes all, ``errors`` keeps it open. Returns the problem when the answer is
        refused (an invalid view), like the error Slack shows in the modal."""
        action = answer.get("response_action") if isinstance(answer, dict) else None
        stack = self._modals.setdefault(user_id, [])
        try:
            if action in ("update", "push"):
                source = self._check_view({"view": answer.get("view")})
                if action == "update" and view_id in self._views:
                    current = self._views[view_id]
                    view = self._build_view(
                        source, view_id=view_id, root_view_id=current["root_view_id"]
                    )
                    view["previous_view_id"] = current.get("previous_view_id")
                else:
                    view = self._build_view(source, view_id=self._new_id("V"), root_view_id=None)
                    view["previous_view_id"] = view_id
                    stack.append(view["id"])
                self._views[view["id"]] = view
            elif action == "clear":
                stack.clear()
            elif action != "errors" and view_id in stack:
                del stack[stack.index(view_id) :]
        except _Refusal as refusal:
            return "; ".join(str(e) for e in refusal.extra.get("errors", [])) or refusal.error
        finally:
            self.touch()
        return None
