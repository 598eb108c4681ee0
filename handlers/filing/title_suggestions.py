"""Enter in the filing form's title: the form shows up to three articles that may answer it,
above the fields (which keep what the person typed), and remembers them so a ticket filed anyway
counts as filed after a suggestion. "This answered my question" there closes the form
(``handlers/knowledge/buttons.py``)."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from handlers.filing.form import FormContext
from handlers.kit import ids
from handlers.kit.context import HandlerContext
from handlers.kit.opening import acknowledged
from handlers.kit.slack_errors import SLACK_FAILURES
from handlers.knowledge.blocks import FORM_BLOCK_PREFIX, form_suggestion_blocks

log = logging.getLogger(__name__)
_VIEW_KEYS = ("type", "callback_id", "title", "submit", "close", "notify_on_close")


def register(app: AsyncApp, ctx: HandlerContext) -> None:
    @app.block_action(ids.BLOCK_TITLE)
    async def title_entered(
        ack: AsyncAck, body: dict, action: dict, client: AsyncWebClient
    ) -> None:
        user, language = await acknowledged(ack, body, ctx.locales, ctx.after_ack)
        view: dict[str, Any] = body.get("view") or {}
        title = str(action.get("value") or "").strip()
        if view.get("callback_id") != ids.FILE_TICKET_CALLBACK or not title:
            return
        form = FormContext.decode(view.get("private_metadata"), language)
        shown = await ctx.knowledge.suggest(user, title, form.language, "form")
        kept = [b for b in view.get("blocks", []) if not _suggested(b)]
        suggested = (
            [b.to_dict() for b in form_suggestion_blocks(form.language, shown)] if shown else []
        )
        at = next((i + 1 for i, b in enumerate(kept) if b.get("block_id") == ids.BLOCK_INTRO), 0)
        metadata = form if shown is None else replace(form, deflection=shown.id)
        updated = {key: view[key] for key in _VIEW_KEYS if key in view}
        updated.update(
            private_metadata=metadata.encode(), blocks=[*kept[:at], *suggested, *kept[at:]]
        )
        try:
            await client.views_update(view_id=view["id"], hash=view.get("hash"), view=updated)
        except SLACK_FAILURES as error:  # typed on meanwhile (hash_conflict): the form stays
            log.warning("views.update of the filing form with articles failed: %s", error)


def _suggested(block: dict[str, Any]) -> bool:
    return str(block.get("block_id") or "").startswith(FORM_BLOCK_PREFIX)
