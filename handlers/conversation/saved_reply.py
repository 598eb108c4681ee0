""" "Saved reply" on a ticket's card: a form to pick one of the service's saved replies (in the
requester's language when it has it), its text editable; then it goes to the requester's DM
thread through the outbox (``bot/conversation/saved_reply.py``). The form's ticket id and key
are checked again against the STORED ticket on submission."""

from __future__ import annotations

import logging

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.models.blocks import (
    ContextBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    StaticSelectElement,
)
from slack_sdk.models.views import View
from slack_sdk.web.async_client import AsyncWebClient

from bot.conversation.queued_replies import ReplyGone, Sent
from bot.conversation.saved_reply import UnknownSavedReply
from bot.domain.config import ServicesConfig
from bot.domain.errors import DeliveryFailed, GuichetError
from bot.domain.models import Language, Ticket
from bot.domain.saved_replies import SAVED_REPLY_TEXT_MAX, SavedReply
from bot.locales.i18n import t
from handlers.kit import ids
from handlers.kit.context import HandlerContext
from handlers.kit.forms import form_values
from handlers.kit.modals import open_form
from handlers.kit.mrkdwn import escape, truncate
from handlers.kit.notice_views import notice_view
from handlers.kit.opening import acknowledged
from handlers.kit.refusals import explain, record_refusal
from handlers.kit.replies import tell
from handlers.kit.slack_errors import SLACK_FAILURES
from handlers.kit.values import pack, unpack

log = logging.getLogger(__name__)
OPTION_MAX = 75
OPTIONS_MAX = 100


def saved_reply_form(
    ticket: Ticket, replies: dict[str, SavedReply], chosen: str, language: Language
) -> View:
    """The menu of saved replies (titles in the agent's ``language``) and the chosen one's text
    in the requester's language, editable; a new text block per choice, so Slack shows the new
    reply's text rather than what was typed for the previous one."""
    options = [
        Option(value=key, text=truncate(reply.wording(language)[1].title, OPTION_MAX))
        for key, reply in list(replies.items())[:OPTIONS_MAX]
    ]
    selected = next((o for o in options if o.value == chosen), options[0])
    written_in, wording = replies[str(selected.value)].wording(ticket.language)
    return View(
        type="modal",
        callback_id=ids.SAVED_REPLY_CALLBACK,
        private_metadata=pack(ticket.id),
        title=PlainTextObject(text=t(language, "conversation.saved_reply.modal_title")),
        submit=PlainTextObject(text=t(language, "conversation.saved_reply.submit")),
        close=PlainTextObject(text=t(language, "vocabulary.cancel")),
        blocks=[
            InputBlock(
                block_id=ids.BLOCK_SAVED_REPLY_CHOICE,
                label=t(language, "conversation.saved_reply.choice"),
                dispatch_action=True,
                element=StaticSelectElement(
                    action_id=ids.BLOCK_SAVED_REPLY_CHOICE,
                    options=options,
                    initial_option=selected,
                ),
            ),
            InputBlock(
                block_id=f"{ids.BLOCK_SAVED_REPLY_TEXT}:{selected.value}",
                label=t(language, "conversation.saved_reply.text"),
                element=PlainTextInputElement(
                    action_id=ids.BLOCK_SAVED_REPLY_TEXT,
                    multiline=True,
                    max_length=SAVED_REPLY_TEXT_MAX,
                    initial_value=wording.text,
                ),
            ),
            ContextBlock(
                elements=[
                    MarkdownTextObject(
                        text=t(
                            language,
                            f"conversation.saved_reply.written_in_{written_in.value}",
                            ticket_id=ticket.id,
                        )
                    )
                ]
            ),
        ],
    )


def _chosen(values: dict) -> tuple[str, str] | None:
    """The key and the text the agent left (the text block's id names its key)."""
    for block_id, value in values.items():
        key = block_id.partition(":")[2]
        if block_id.startswith(f"{ids.BLOCK_SAVED_REPLY_TEXT}:") and key:
            return key, value if isinstance(value, str) else ""
    return None


def _refusal(
    error: GuichetError | ValueError, language: Language, config: ServicesConfig, ticket_id: str
) -> str:
    if isinstance(error, UnknownSavedReply):
        key = (
            "conversation.saved_reply.none"
            if error.key is None
            else "conversation.saved_reply.unknown"
        )
        return t(language, key, service=config.service_name(error.service, language))
    if isinstance(error, ValueError):
        return t(language, "conversation.saved_reply.empty")
    return explain(error, language, config, ticket_id)


def _told(language: Language, text: str) -> View:
    title = t(language, "conversation.saved_reply.sent_title")
    return notice_view(title, text, t(language, "vocabulary.close"))


def register(app: AsyncApp, ctx: HandlerContext) -> None:
    @app.action(ids.ACTION_SAVED_REPLY)
    async def pressed(ack: AsyncAck, body: dict, action: dict, client: AsyncWebClient) -> None:
        user, language = await acknowledged(ack, body, ctx.locales)
        ticket_id = str(action.get("value") or "")[:20]
        try:
            ticket, replies = await ctx.saved_replies.choices(ticket_id, user)
        except GuichetError as error:
            await record_refusal(ctx, user, error, ticket_id)
            await tell(client, body, user, _refusal(error, language, ctx.config, ticket_id))
            return
        view = saved_reply_form(ticket, replies, next(iter(replies)), language)
        failed, about = t(language, "working.form_expired"), f"a saved reply on {ticket.id}"
        await open_form(client, body, user, view, about=about, failed=failed)

    @app.block_action(ids.BLOCK_SAVED_REPLY_CHOICE)
    async def picked(ack: AsyncAck, body: dict, action: dict, client: AsyncWebClient) -> None:
        user, language = await acknowledged(ack, body, ctx.locales, ctx.after_ack)
        view = body.get("view") or {}
        target = unpack(view.get("private_metadata"))
        chosen = str((action.get("selected_option") or {}).get("value") or "")
        if target is None:
            return
        try:  # the stored ticket says which replies exist, and whether this person may
            ticket, replies = await ctx.saved_replies.choices(target.ticket_id, user)
        except GuichetError as error:
            await record_refusal(ctx, user, error, target.ticket_id)
            return
        form = saved_reply_form(ticket, replies, chosen, language)
        try:
            await client.views_update(view_id=view["id"], hash=view.get("hash"), view=form)
        except SLACK_FAILURES as error:
            log.warning("views.update of the saved reply form failed: %s", error)

    @app.view(ids.SAVED_REPLY_CALLBACK)
    async def submitted(ack: AsyncAck, body: dict, view: dict, client: AsyncWebClient) -> None:
        user = body["user"]["id"]
        language = await ctx.locales.language_of(user)
        target = unpack(view.get("private_metadata"))
        chosen = _chosen(form_values(view))
        if target is None or chosen is None:
            reason = t(language, "working.bad_value")
            await ack(response_action="update", view=_told(language, reason))
            await record_refusal(ctx, user, ValueError("value"), None)
            return
        key, text = chosen
        try:
            reply, item_id = await ctx.saved_replies.queue(target.ticket_id, user, key, text)
        except ValueError as error:
            block = f"{ids.BLOCK_SAVED_REPLY_TEXT}:{key}"
            await ack(
                response_action="errors",
                errors={block: _refusal(error, language, ctx.config, target.ticket_id)},
            )
            return
        except GuichetError as error:
            reason = _refusal(error, language, ctx.config, target.ticket_id)
            await ack(response_action="update", view=_told(language, reason))
            await record_refusal(ctx, user, error, target.ticket_id)
            return
        title = escape(reply.wording(language)[1].title)
        sending = t(language, "conversation.saved_reply.sending", title=title)
        await ack(response_action="update", view=_told(language, sending))
        await ctx.after_ack.turn(f"saved reply on {target.ticket_id}")
        try:  # stored: now Slack, the form telling how it went
            sent = await ctx.saved_replies.deliver(item_id)
            outcome = "sent" if sent is Sent.DELIVERED else "queued"
            told = t(
                language,
                f"conversation.saved_reply.{outcome}",
                title=title,
                ticket_id=target.ticket_id,
            )
        except ReplyGone:
            told = t(language, "conversation.saved_reply.gone", ticket_id=target.ticket_id)
        except DeliveryFailed as failure:
            told = t(language, "conversation.saved_reply.failed", reason=failure.reason)
        try:
            await client.views_update(view_id=view["id"], view=_told(language, told))
        except SLACK_FAILURES as error:
            log.warning("views.update after sending a saved reply failed: %s", error)
