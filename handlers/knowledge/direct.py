"""A direct message to Guichet outside any thread: answered with articles, or with the offer
to file a ticket when none matches (before, such a message got no answer at all); a thanks or
an acknowledgement as a person would (``bot/knowledge/courtesy.py``); a file sent alone with
how to send it to a ticket's team (before, it got no answer at all), and files sent with a
question are told they reach nobody from here."""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk.models.blocks import ContextBlock, MarkdownTextObject
from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.errors import StoreUnavailable
from bot.knowledge.courtesy import Courtesy, courtesy
from bot.locales.i18n import t
from handlers.kit.context import HandlerContext
from handlers.kit.slack_errors import SLACK_FAILURES, reason
from handlers.knowledge.blocks import (
    asked_in,
    no_match_blocks,
    offer_blocks,
    shown_in,
    suggestion_blocks,
    suggestion_intro,
)
from handlers.tickets.card import text_blocks

log = logging.getLogger(__name__)

_LOOK_BACK = 5  # the DM's messages read back to find Guichet's latest


def direct_question(event: dict) -> str | None:
    """The text of a person's own message in Guichet's DM, outside a thread (``""``: files
    sent without a word); else ``None``."""
    if event.get("channel_type") != "im" or event.get("thread_ts"):
        return None
    if event.get("subtype") not in (None, "file_share") or event.get("bot_id"):
        return None
    text = str(event.get("text") or "").strip()
    if not event.get("user"):
        return None
    if not text and event.get("subtype") == "file_share" and event.get("files"):
        return ""
    return text or None


async def answer_direct_message(
    ctx: HandlerContext, client: AsyncWebClient, event: dict, question: str
) -> None:
    user, channel = str(event["user"]), str(event.get("channel") or "")
    language = await ctx.locales.language_of(user)
    files = len(event.get("files") or [])
    kind = courtesy(question) if question and not files else None  # "merci" + a file: no
    if not question or kind is not None:  # files alone, or a thanks: no search
        offer = None
        if kind is Courtesy.YES:  # to « Voulez-vous ouvrir un ticket ? »: its button again
            offer = await _offer_before(client, channel, str(event.get("ts") or ""))
        if offer is not None:
            text = t(language, "knowledge.courtesy.yes")
            blocks = offer_blocks(language, text, asked_in(offer), shown_in(offer))
        elif kind is not None:
            said = Courtesy.ACKNOWLEDGED if kind is Courtesy.YES else kind  # a yes to nothing
            text = t(language, f"knowledge.courtesy.{said.value}")
            blocks = text_blocks(text)
        else:  # nobody sees a file here: say how to send it to a ticket, or to file one
            text = t(language, "knowledge.file_alone.text")
            blocks = offer_blocks(language, text, "")
        try:
            await client.chat_postMessage(channel=channel, blocks=blocks, text=text)
        except SLACK_FAILURES as error:
            log.error("could not answer a direct message: %s", error)
        return
    try:
        shown = await ctx.knowledge.suggest(user, question, language, "dm")
    except StoreUnavailable:
        log.exception("database unavailable: a direct message got no suggestions")
        shown = None
    if shown is not None:
        blocks, text = suggestion_blocks(language, shown), suggestion_intro(language, shown)
    else:
        blocks, text = no_match_blocks(language, question), t(language, "knowledge.no_match.text")
    if files:  # the question is answered; its files reach nobody, and filing does not take them
        note = t(language, "knowledge.files_note", count=files)
        blocks = [*blocks, ContextBlock(elements=[MarkdownTextObject(text=note)])]
    try:
        await client.chat_postMessage(channel=channel, blocks=blocks, text=text)
    except SLACK_FAILURES as error:
        log.error("could not answer a direct message: %s", error)


async def _offer_before(client: AsyncWebClient, channel: str, ts: str) -> dict[str, Any] | None:
    """Guichet's latest message in this DM before ``ts``, when it offers to file a ticket (its
    button carries the question): what a « oui » answers. ``None`` when Slack cannot say."""
    try:
        response = await client.conversations_history(
            channel=channel, latest=ts, inclusive=False, limit=_LOOK_BACK
        )
    except SLACK_FAILURES as error:
        log.warning("could not read what a yes answered: %s", reason(error))
        return None
    for message in response.get("messages") or []:
        if message.get("bot_id"):
            return message if asked_in(message) else None
    return None
