"""The Home tabs of paged people published again when a page they were shown changes (it
ended) or when an emergency pages them for the first time (it shows there): ``PagedHomes`` of
``bot/paging/ports.py``. Each is a job of the queue of work after the ack, never done on the
path that ended the page; a listener pressed in its presser's own Home tab publishes that tab
itself (``own_tab_pressed``), so it is not queued a second time."""

from __future__ import annotations

from collections.abc import Iterable
from contextvars import ContextVar
from functools import partial

from slack_sdk.web.async_client import AsyncWebClient

from bot.runtime.after_ack import AfterAck
from handlers.home.tab import HomeTabs, pressed_in_home

_OWN_TAB: ContextVar[str | None] = ContextVar("home_tab_published_by_its_listener", default=None)


def own_tab_pressed(body: dict, user: str) -> bool:
    """True when ``user`` pressed in their own Home tab (the listener publishes it again once
    done): until the listener ends, the Home refreshes it causes leave that tab out."""
    if not pressed_in_home(body):
        return False
    _OWN_TAB.set(user)  # the listener's own task: no other request sees it
    return True


class SlackPagedHomes:
    def __init__(self, client: AsyncWebClient, after_ack: AfterAck, tabs: HomeTabs) -> None:
        self.client = client
        self.after_ack = after_ack
        self.tabs = tabs

    async def refresh(self, users: Iterable[str]) -> None:
        own = _OWN_TAB.get()
        for user in dict.fromkeys(users):  # once each, in order
            if user != own:
                job = partial(self.tabs.publish, self.client, user)
                await self.after_ack.submit(f"home of {user}", job)
