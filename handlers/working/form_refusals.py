"""A working form whose submission changed nothing: the form turns into why, and the refusal is
recorded in the audit log."""

from __future__ import annotations

from slack_bolt.async_app import AsyncAck

from bot.domain.errors import GuichetError
from bot.domain.models import Language
from handlers.kit.context import HandlerContext
from handlers.kit.refusals import explain, record_refusal
from handlers.working.modals import notice_modal


async def refuse_form(
    ack: AsyncAck,
    ctx: HandlerContext,
    user: str,
    language: Language,
    error: GuichetError | ValueError,
    ticket_id: str | None,
) -> None:
    """Answer the submission with the form turned into why ``error`` refused it, then record
    the refusal; ``ticket_id`` is ``None`` when the form's own value was malformed (forged, or
    cut: ``explain`` says so for a ``ValueError``)."""
    reason = explain(error, language, ctx.config, ticket_id or "")
    await ack(response_action="update", view=notice_modal(language, reason))
    await record_refusal(ctx, user, error, ticket_id)
