"""Which listeners the catalogue registers, in order. (Choosing an item in the menu is handled
by filing, ``handlers/filing/catalogue_choice.py``: it turns the form into the item's form or
into the free form, which filing owns.)"""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp

from handlers.catalogue import approval_actions, submission, suggestions
from handlers.kit.context import HandlerContext


def register(app: AsyncApp, ctx: HandlerContext) -> None:
    submission.register(app, ctx)
    approval_actions.register(app, ctx)
    suggestions.register(app, ctx)
