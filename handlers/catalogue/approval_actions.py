"""Approve / Reject in an approver's direct message, and the form asking a rejection's reason.

The buttons carry ``<ticket id>|<step>``; who may decide comes from the stored approval, never
from the payload: anyone else's press (a forged one) is refused, logged, and changes nothing;
so is a press on a request its requester withdrew (an old DM, a redelivery).
"""

from __future__ import annotations

import logging

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.models.blocks import InputBlock, PlainTextInputElement, PlainTextObject
from slack_sdk.models.views import View
from slack_sdk.web.async_client import AsyncWebClient

from bot.catalogue.approvals import DecisionResult, Outcome
from bot.domain.approvals import REASON_MAX
from bot.domain.models import Language
from bot.locales.i18n import t
from handlers.catalogue.approval_slack import decided_text
from handlers.kit import ids
from handlers.kit.context import HandlerContext
from handlers.kit.forms import form_values, text_value
from handlers.kit.modals import open_form
from handlers.kit.opening import acknowledged
from handlers.kit.refusals import record_refusal
from handlers.kit.replies import dm, tell
from handlers.tickets.card_posting import message_metadata

log = logging.getLogger(__name__)


def _pressed(body: dict) -> tuple[str, int] | None:
    """The ticket id and step a button carries, or ``None`` when it is not shaped so."""
    value = str(((body.get("actions") or [{}])[0]).get("value") or "")
    ticket_id, _, step = value.partition("|")
    if not ticket_id or not step.isdigit():
        return None
    return ticket_id, int(step)


async def _press(ctx: HandlerContext, body: dict, user: str, button: str) -> tuple[str, int] | None:
    """What an Approve or Reject ``button`` carries; ``None`` when it is malformed (forged, or
    cut), logged and recorded as a refusal."""
    pressed = _pressed(body)
    if pressed is None:
        log.warning("%s button with a malformed value from %s", button, user)
        await record_refusal(ctx, user, ValueError("approval"), None)
    return pressed


async def _record(ctx: HandlerContext, user: str, result: DecisionResult) -> None:
    """A decision that was not taken is a refusal in the audit log (why: the outcome); one
    that was is audited with the ticket's change (``approved`` / ``rejected``)."""
    if result.outcome is not Outcome.DECIDED:
        await record_refusal(ctx, user, result.outcome.value, result.ticket_id)


def answer(language: Language, result: DecisionResult, approved: bool) -> str:
    if result.outcome is Outcome.REFUSED:
        return t(language, "catalogue.approval.refused", ticket_id=result.ticket_id)
    if result.outcome is Outcome.WITHDRAWN:
        return t(language, "catalogue.approval.withdrawn", ticket_id=result.ticket_id)
    if result.outcome is Outcome.DECIDED:
        key = "catalogue.approval.done_approved" if approved else "catalogue.approval.done_rejected"
        return t(language, key, ticket_id=result.ticket_id)
    return decided_text(language, result.ticket_id, result.decision)


def reject_form(language: Language, ticket_id: str, step: int) -> View:
    return View(
        type="modal",
        callback_id=ids.REJECT_CALLBACK,
        title=PlainTextObject(text=t(language, "catalogue.approval.reject_title")),
        submit=PlainTextObject(text=t(language, "catalogue.approval.reject")),
        close=PlainTextObject(text=t(language, "vocabulary.cancel")),
        private_metadata=f"{ticket_id}|{step}",
        blocks=[
            InputBlock(
                block_id=ids.BLOCK_REJECT_REASON,
                label=t(language, "catalogue.approval.reject_reason", ticket_id=ticket_id),
                element=PlainTextInputElement(
                    action_id=ids.BLOCK_REJECT_REASON, multiline=True, max_length=REASON_MAX
                ),
            )
        ],
    )


def register(app: AsyncApp, ctx: HandlerContext) -> None:
    @app.action(ids.ACTION_APPROVE)
    async def approve_pressed(ack: AsyncAck, body: dict, client: AsyncWebClient) -> None:
        user, language = await acknowledged(ack, body, ctx.locales, ctx.after_ack)
        pressed = await _press(ctx, body, user, "approval")
        if pressed is None:
            return
        result = await ctx.catalogue.approvals.decide(pressed[0], pressed[1], user, approved=True)
        await _record(ctx, user, result)
        await tell(client, body, user, answer(language, result, approved=True))

    @app.action(ids.ACTION_REJECT)
    async def reject_pressed(ack: AsyncAck, body: dict, client: AsyncWebClient) -> None:
        user, language = await acknowledged(ack, body, ctx.locales)
        pressed = await _press(ctx, body, user, "rejection")
        if pressed is None:
            return
        allowed = await ctx.catalogue.approvals.may_decide(pressed[0], user)
        if allowed.outcome is not Outcome.DECIDED:
            await _record(ctx, user, allowed)
            await tell(client, body, user, answer(language, allowed, approved=False))
            return
        view, failed = reject_form(language, *pressed), t(language, "working.form_expired")
        await open_form(client, body, user, view, about="a rejection", failed=failed)

    @app.view(ids.REJECT_CALLBACK)
    async def rejection_submitted(
        ack: AsyncAck, body: dict, view: dict, client: AsyncWebClient
    ) -> None:
        user = body["user"]["id"]
        language = await ctx.locales.language_of(user)
        why = " ".join((text_value(form_values(view), ids.BLOCK_REJECT_REASON) or "").split())
        if not why:
            error = t(language, "catalogue.error.required")
            await ack(response_action="errors", errors={ids.BLOCK_REJECT_REASON: error})
            return
        await ack()
        await ctx.after_ack.turn(f"rejection by {user}")
        ticket_id, _, step = str(view.get("private_metadata") or "").partition("|")
        if not step.isdigit():
            await record_refusal(ctx, user, ValueError("approval"), None)
            return
        result = await ctx.catalogue.approvals.decide(
            ticket_id, int(step), user, approved=False, reason=why[:REASON_MAX]
        )
        await _record(ctx, user, result)
        # the DM names the request: its metadata lets retention find and delete it
        about = message_metadata(ticket_id, "rejection_answer")
        await dm(client, user, answer(language, result, approved=False), about)
