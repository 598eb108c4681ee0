"""The one error handler: whatever a listener or Bolt did not expect.

It is logged with what the request was (never its text), counted, and the person gets a clear
answer in their language when Slack gives a way to reach them — "try again" when the database
is down, "something went wrong" otherwise. When the failure happens before the listener
acknowledged, Slack gets a 200 (with an error modal pushed over a form), never a 500.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond
from slack_bolt.response import BoltResponse

from bot.domain.errors import StoreUnavailable
from bot.domain.models import Language
from bot.locales.i18n import t
from bot.telemetry.observability import current_request
from handlers.kit.context import HandlerContext
from handlers.kit.error_views import error_modal
from handlers.kit.store_answers import store_failed, store_failure

log = logging.getLogger(__name__)


def _user_of(body: dict[str, Any]) -> str | None:
    user = body.get("user_id") or body.get("user")
    if isinstance(user, dict):
        user = user.get("id")
    return user if isinstance(user, str) and user else None


def register(app: AsyncApp, ctx: HandlerContext) -> None:
    @app.error
    async def on_error(
        error: Exception,
        body: dict[str, Any],
        response: BoltResponse | None,
        respond: AsyncRespond | None,
        ack: AsyncAck,
    ) -> BoltResponse | None:
        answered = ack.response
        try:
            return await _handle(ctx, error, body, response, respond)
        finally:
            _keep_the_answer(ack, answered)


async def _handle(
    ctx: HandlerContext,
    error: Exception,
    body: dict[str, Any],
    response: BoltResponse | None,
    respond: AsyncRespond | None,
) -> BoltResponse | None:
    record = current_request()
    kind = record.kind if record else "unknown"
    ctx.metrics.listener_errors.labels(kind=kind).inc()
    fields = {"kind": kind, "action": record.name if record else ""}
    if record and record.ticket_id:
        fields["ticket_id"] = record.ticket_id
    if isinstance(error, StoreUnavailable):
        failed = store_failed(error)
        log.error("database %s in %s listener: %s", failed, kind, error, extra=fields)
    else:
        log.error("unhandled error in %s listener: %r", kind, error, exc_info=error, extra=fields)
    acknowledged = response is None
    body = body if isinstance(body, dict) else {}
    try:
        language = await _language(ctx, body)
        text = (
            store_failure(language, error)
            if isinstance(error, StoreUnavailable)
            else t(language, "operations.error.unexpected")
        )
        if kind == "view_submission" and not acknowledged:
            view = error_modal(language, text).to_dict()
            answer = json.dumps({"response_action": "push", "view": view})
            return BoltResponse(
                status=200, body=answer, headers={"content-type": "application/json"}
            )
        if _has_response_url(body) and respond is not None:
            await respond(text=text, response_type="ephemeral", replace_original=False)
    except Exception:  # the answer is a courtesy: never let it fail the request
        log.exception("could not tell the user about a failed %s", kind)
    return None if acknowledged else BoltResponse(status=200, body="")


def _keep_the_answer(ack: AsyncAck, answered: BoltResponse | None) -> None:
    """Bolt's runner clears ``ack.response`` right after this handler returns when the listener
    failed after acknowledging; if Bolt's wait for the ack (it polls every 10 ms) has not seen
    the answer yet, it then waits 3 s and gives the request to the next listener. Put the
    answer back once Bolt is done: called as the handler returns, after its last ``await``,
    so the callback runs after Bolt's synchronous clearing."""
    if answered is not None:
        asyncio.get_running_loop().call_soon(setattr, ack, "response", answered)


def _has_response_url(body: dict[str, Any]) -> bool:
    return isinstance(body.get("response_url"), str) or bool(body.get("response_urls"))


async def _language(ctx: HandlerContext, body: dict[str, Any]) -> Language:
    user = _user_of(body)
    return await ctx.locales.language_of(user) if user else ctx.config.language
