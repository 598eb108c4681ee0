"""Block Kit for telling someone that their request failed (``slack_sdk.models``, validated)."""

from __future__ import annotations

from slack_sdk.models.blocks import MarkdownTextObject, PlainTextObject, SectionBlock
from slack_sdk.models.views import View

from bot.domain.models import Language
from bot.locales.i18n import t


def error_modal(language: Language, text: str) -> View:
    """Pushed over a form whose submission failed, so the form and its answers stay beneath."""
    return View(
        type="modal",
        title=PlainTextObject(text=t(language, "operations.error.modal_title")),
        close=PlainTextObject(text=t(language, "operations.error.modal_close")),
        blocks=[SectionBlock(text=MarkdownTextObject(text=text))],
    )
