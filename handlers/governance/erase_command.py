"""``/ticket privacy erase @person``: a confirmation form first (admins only), then the
erasure; the form carries the person's id, and the admin is checked again on submission."""

from __future__ import annotations

import logging
import re

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.models.blocks import MarkdownTextObject, PlainTextObject, SectionBlock
from slack_sdk.models.views import View
from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.models import Language
from bot.governance.audit import NotAnAdmin
from bot.locales.i18n import t
from handlers.kit import ids
from handlers.kit import mrkdwn as md
from handlers.kit.context import HandlerContext
from handlers.kit.replies import dm

log = logging.getLogger(__name__)

PERSON = re.compile(r"^[UW][A-Z0-9]{2,}$")


def confirm_modal(person: str, language: Language) -> View:
    return View(
        type="modal",
        callback_id=ids.PRIVACY_ERASE_CALLBACK,
        title=PlainTextObject(text=t(language, "governance.erase.title")),
        submit=PlainTextObject(text=t(language, "governance.erase.submit")),
        close=PlainTextObject(text=t(language, "vocabulary.cancel")),
        private_metadata=person,
        blocks=[
            SectionBlock(
                text=MarkdownTextObject(
                    text=t(language, "governance.erase.confirm", person=md.user(person))
                )
            )
        ],
    )


async def ask_to_erase(
    ctx: HandlerContext,
    respond: AsyncRespond,
    client: AsyncWebClient,
    trigger_id: str,
    user: str,
    language: Language,
    person: str,
) -> None:
    try:
        await ctx.erasure.check_admin(user)
    except NotAnAdmin:
        await respond(text=t(language, "governance.privacy.not_admin"))
        return
    try:
        await client.views_open(trigger_id=trigger_id, view=confirm_modal(person, language))
    except SlackApiError as error:
        log.error("views.open failed for privacy erase: %s", error.response.get("error"))
        await respond(text=t(language, "working.form_expired"))


def register(app: AsyncApp, ctx: HandlerContext) -> None:
    @app.view(ids.PRIVACY_ERASE_CALLBACK)
    async def erase_confirmed(
        ack: AsyncAck, body: dict, view: dict, client: AsyncWebClient
    ) -> None:
        await ack()
        user = body["user"]["id"]
        await ctx.after_ack.turn(f"erasure confirmed by {user}")
        language = await ctx.locales.language_of(user)
        person = str(view.get("private_metadata") or "")
        if not PERSON.match(person):
            await dm(client, user, t(language, "governance.privacy.usage"))
            return
        try:
            erased = await ctx.erasure.erase(user, person)
        except NotAnAdmin:
            await dm(client, user, t(language, "governance.privacy.not_admin"))
            return
        if not (
            erased.tickets
            or erased.audit_lines
            or erased.others
            or erased.dms
            or erased.files
            or erased.relays
            or erased.requester_relays
        ):
            await dm(client, user, t(language, "governance.erase.nothing", person=md.user(person)))
            return
        lines = t(language, "governance.privacy.lines", count=erased.audit_lines)
        text = t(
            language,
            "governance.erase.done",
            person=md.user(person),
            count=erased.tickets,
            lines=lines,
        )
        kinds = [  # only what was erased there, each with its count
            t(language, f"governance.erase.kind.{name}", count=count)
            for name, count in erased.elsewhere.items()
            if count
        ]
        if kinds:
            text += " " + t(language, "governance.erase.elsewhere", kinds=", ".join(kinds))
        if erased.dms:
            text += " " + t(language, "governance.erase.dms", count=erased.dms)
            if erased.dms_later:
                text += " " + t(language, "governance.erase.dms_rest")
        elif erased.dms_later:
            text += " " + t(language, "governance.erase.dms_later")
        if erased.files:  # the copies of their files in the tickets' threads; theirs stay
            text += " " + t(language, "governance.erase.files", count=erased.files)
            if erased.files_later:
                text += " " + t(language, "governance.erase.files_rest")
        elif erased.files_later:
            text += " " + t(language, "governance.erase.files_later")
        if erased.relays:  # the relays of their replies in the tickets' threads, redacted
            text += " " + t(language, "governance.erase.relays", count=erased.relays)
            if erased.relays_later:
                text += " " + t(language, "governance.erase.relays_rest")
        elif erased.relays_later:
            text += " " + t(language, "governance.erase.relays_later")
        if erased.requester_relays:  # an agent's replies relayed to requesters, redacted
            count = erased.requester_relays
            text += " " + t(language, "governance.erase.requester_relays", count=count)
            if erased.requester_relays_later:
                text += " " + t(language, "governance.erase.requester_relays_rest")
        elif erased.requester_relays_later:
            text += " " + t(language, "governance.erase.requester_relays_later")
        await dm(client, user, text)
