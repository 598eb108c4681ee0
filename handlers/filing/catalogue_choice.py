"""Filing when a catalogue is configured: ``/ticket`` and the Home tab's New ticket first ask
"What do you need?"; choosing an item turns the modal into the item's form, "Something else"
into today's free form (``views.update`` on the choice, with the view's hash so an older choice
never overwrites a newer one; what was typed is kept).

Here rather than in ``handlers/catalogue/`` because the free form is filing's."""

from __future__ import annotations

import logging

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.models.views import View
from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.catalogue import OTHER_ITEM
from bot.domain.models import Language
from handlers.catalogue.item_form import item_modal, typed_answers
from handlers.catalogue.metadata import CatalogueMetadata
from handlers.catalogue.picker import picker_blocks, picker_modal
from handlers.filing.form import FormContext, Prefill, filing_modal, prefill_from_text
from handlers.kit import ids
from handlers.kit.context import HandlerContext
from handlers.kit.forms import form_values, text_value
from handlers.kit.slack_errors import SLACK_FAILURES, reason

log = logging.getLogger(__name__)


def free_form(ctx: HandlerContext, metadata: CatalogueMetadata, prefill: Prefill) -> View:
    """Today's form, with "What do you need?" on top showing "Something else"."""
    language = metadata.language
    context = FormContext(language=language, source=metadata.source, channel=metadata.channel)
    view = filing_modal(language, ctx.config, context, prefill)
    view.blocks = [*picker_blocks(ctx.config, language, OTHER_ITEM), *view.blocks]
    return view


def catalogue_form(
    ctx: HandlerContext, language: Language, source: str, channel: str | None, text: str
) -> View:
    """What ``/ticket [text]`` opens with a catalogue: the menu alone; with a text, the form of
    the item it is closest to (suggested), or the free form pre-filled when none is."""
    metadata = CatalogueMetadata(language=language, source=source, channel=channel, text=text)
    if not text:
        return picker_modal(ctx.config, metadata)
    item = ctx.catalogue.closest(text)
    if item is not None:
        return item_modal(ctx.config, metadata.choosing(item), {}, suggested=True)
    return free_form(ctx, metadata, prefill_from_text(text, ctx.filing.suggest(text)))


def register(app: AsyncApp, ctx: HandlerContext) -> None:
    @app.action(ids.ACTION_CATALOGUE_PICK)
    async def catalogue_item_chosen(ack: AsyncAck, body: dict, client: AsyncWebClient) -> None:
        await ack()
        await ctx.after_ack.turn("catalogue item chosen")
        view = body.get("view") or {}
        metadata = CatalogueMetadata.decode(view.get("private_metadata"), ctx.config.language)
        option = (body.get("actions") or [{}])[0].get("selected_option") or {}
        choice = str(option.get("value") or "")
        values = form_values(view)
        if choice in ctx.catalogue.items:
            new = item_modal(ctx.config, metadata.choosing(choice), typed_answers(values))
        else:
            prefill = prefill_from_text(metadata.text, None) if metadata.text else Prefill()
            title = text_value(values, ids.BLOCK_TITLE)
            description = text_value(values, ids.BLOCK_DESCRIPTION)
            if title or description:
                prefill = Prefill(title=title or "", description=description or "")
            new = free_form(ctx, metadata.choosing(None), prefill)
        try:
            await client.views_update(view_id=view.get("id"), hash=view.get("hash"), view=new)
        except SLACK_FAILURES as error:
            # hash_conflict: a later choice already changed the form, and it stands; anything
            # else leaves the form as it was, where the person can choose again.
            log.warning("views.update failed for a catalogue choice: %s", reason(error))
