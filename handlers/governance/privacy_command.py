"""``/ticket privacy export @person``: that person's data as a JSON file in the admin's direct
messages; ``/ticket privacy erase @person``: the confirmation form (``erase_command.py``).
The person is a Slack mention (``<@U…>`` or ``<@U…|name>``, as Slack escapes it)."""

from __future__ import annotations

import logging
import re

from slack_bolt.async_app import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.errors import DeliveryFailed
from bot.domain.models import Language
from bot.governance.audit import NotAnAdmin
from bot.locales.i18n import t
from handlers.governance.erase_command import ask_to_erase
from handlers.kit import mrkdwn as md
from handlers.kit.context import HandlerContext

log = logging.getLogger(__name__)

PRIVACY_WORDS = {"privacy", "confidentialite", "confidentialité", "rgpd", "gdpr"}
EXPORT_WORDS = {"export", "exporter"}
ERASE_WORDS = {"erase", "effacer"}
MENTION = re.compile(r"^<@([UW][A-Z0-9]{2,})(?:\|[^>]*)?>$")


async def answer_privacy(
    ctx: HandlerContext,
    respond: AsyncRespond,
    client: AsyncWebClient,
    body: dict,
    language: Language,
    words: list[str],
) -> None:
    user = body["user_id"]
    mention = MENTION.match(words[1]) if len(words) == 2 else None
    verb = words[0].lower() if words else ""
    if verb in ERASE_WORDS and mention is None:  # the verb said: its own usage
        await respond(text=t(language, "governance.privacy.erase_usage"))
        return
    if mention is None or verb not in EXPORT_WORDS | ERASE_WORDS:
        await respond(text=t(language, "governance.privacy.usage"))
        return
    person = mention.group(1)
    if verb in ERASE_WORDS:
        trigger = str(body.get("trigger_id") or "")
        await ask_to_erase(ctx, respond, client, trigger, user, language, person)
        return
    try:
        export = await ctx.personal_data.export_for(user, person)
    except NotAnAdmin:
        await respond(text=t(language, "governance.privacy.not_admin"))
        return
    if export.empty:  # no file of nothing: said, as erase says "nothing to erase"
        await respond(text=t(language, "governance.privacy.nothing", person=md.user(person)))
        return
    comment = t(
        language,
        "governance.privacy.comment",
        person=md.user(person),
        tickets=t(language, "governance.privacy.tickets", count=export.tickets),
        lines=t(language, "governance.privacy.lines", count=export.audit_lines),
    )
    if export.kinds:  # the rest of the file, named (« 0 tickets » alone would read "nothing")
        kinds = ", ".join(t(language, f"governance.privacy.kind.{kind}") for kind in export.kinds)
        comment += " " + t(language, "governance.privacy.also", kinds=kinds)
    try:
        await ctx.report_files.send_file(
            user,
            filename=f"guichet-data-{person}.json",
            content=export.content,
            title=t(language, "governance.privacy.title", person=person),
            comment=comment,
        )
    except DeliveryFailed as failure:
        log.error("could not send %s the data of %s: %s", user, person, failure.reason)
        await respond(text=t(language, "governance.audit.failed", error=md.escape(failure.reason)))
        return
    await respond(text=t(language, "governance.privacy.sent", person=md.user(person)))
