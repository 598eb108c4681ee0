"""The Slack surfaces, one folder per capability (each with ``register(app, ctx)``), the kit they
share and the transport that brings Slack's requests to them."""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp

from handlers.catalogue import listeners as catalogue
from handlers.conversation import listeners as conversation
from handlers.filing import listeners as filing
from handlers.governance import listeners as governance
from handlers.home import listeners as home
from handlers.kit.context import HandlerContext
from handlers.knowledge import listeners as knowledge
from handlers.paging import listeners as paging
from handlers.problems import listeners as problems
from handlers.transport import failures, fallback
from handlers.working import listeners as working


def register_listeners(app: AsyncApp, ctx: HandlerContext) -> None:
    # Bolt asks each listener in turn whether a request is its own (its matchers, its name, a
    # debug line: a microsecond or two each): the busiest come first, filing then working
    governance.register_commands(app, ctx)  # before filing's /ticket: its sub-commands only
    filing.register(app, ctx)
    working.register(app, ctx)
    catalogue.register(app, ctx)
    conversation.register(app, ctx)
    home.register(app, ctx)
    paging.register(app, ctx)
    problems.register(app, ctx)
    governance.register(app, ctx)
    knowledge.register(app, ctx)

    failures.register(app, ctx)  # the one error handler
    fallback.register(app)  # keep LAST: acknowledges whatever no listener above handles
