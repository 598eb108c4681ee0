"""The modal a form turns into when there is only something to tell (its outcome): a title, one
section of text and a close button (``slack_sdk.models``, validated)."""

from __future__ import annotations

from slack_sdk.models.blocks import MarkdownTextObject, PlainTextObject, SectionBlock
from slack_sdk.models.views import View

from handlers.kit import ids


def notice_view(title: str, text: str, close: str) -> View:
    """A modal that only tells ``text`` (mrkdwn, already escaped where it quotes people)."""
    return View(
        type="modal",
        callback_id=ids.NOTICE_CALLBACK,
        title=PlainTextObject(text=title),
        close=PlainTextObject(text=close),
        blocks=[SectionBlock(text=MarkdownTextObject(text=text))],
    )
