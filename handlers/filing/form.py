"""Block Kit for modals: the filing form and its confirmation (``slack_sdk.models``, validated)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from slack_sdk.models.blocks import (
    ContextBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    RadioButtonsElement,
    SectionBlock,
    StaticSelectElement,
)
from slack_sdk.models.blocks.blocks import Block
from slack_sdk.models.views import View

from bot.domain.config import ServicesConfig
from bot.domain.models import Language, Level, Origin, Ticket, TicketType
from bot.filing.drafts import DESCRIPTION_MAX, TITLE_MAX
from bot.filing.filing import Suggestion
from bot.filing.from_message import title_and_description
from bot.filing.levels import initial_levels
from bot.locales.i18n import t, type_name
from handlers.kit import ids
from handlers.kit.mrkdwn import escape, truncate

METADATA_MAX = 3000


@dataclass(frozen=True)
class FormContext:
    """What the modal carries from opening to submission (its ``private_metadata``)."""

    language: Language
    source: str = "command"
    channel: str | None = None
    origin_ts: str | None = None  # the message a shortcut was used on, in ``channel``
    permalink: str | None = None
    deflection: str | None = None  # the suggested articles shown before (knowledge base)

    def encode(self) -> str:
        data = {"lang": self.language.value, "source": self.source, "channel": self.channel}
        if self.deflection:
            data["kb"] = self.deflection
        if self.origin_ts:
            data.update(ts=self.origin_ts, link=self.permalink)
        encoded = json.dumps(data, separators=(",", ":"))
        if len(encoded) > METADATA_MAX:  # an absurd permalink: keep the message, drop the link
            data["link"] = None
            encoded = json.dumps(data, separators=(",", ":"))
        return encoded

    def origin(self) -> Origin | None:
        """The message the form was opened from (message shortcut), if any."""
        if not (self.channel and self.origin_ts):
            return None
        return Origin(self.channel, self.origin_ts, self.permalink)

    @classmethod
    def decode(cls, text: str | None, fallback: Language) -> FormContext:
        try:
            data = json.loads(text or "{}")
            return cls(
                language=Language(data.get("lang", fallback.value)),
                source=str(data.get("source") or "command"),
                channel=data.get("channel") or None,
                origin_ts=data.get("ts") or None,
                permalink=data.get("link") or None,
                deflection=data.get("kb") or None,
            )
        except (ValueError, TypeError, AttributeError):
            return cls(language=fallback)


@dataclass(frozen=True)
class Prefill:
    title: str = ""
    description: str = ""
    suggestion: Suggestion | None = None
    permalink: str | None = None  # of the message the form is filed from
    existing: str | None = None  # the id of a ticket already made from that message


def prefill_from_text(text: str, suggestion: Suggestion | None) -> Prefill:
    """``/ticket <text>``: a short text becomes the title; a long one also the description."""
    text = " ".join(text.split()) if len(text) <= TITLE_MAX else text.strip()
    if len(text) <= TITLE_MAX:
        return Prefill(title=text, suggestion=suggestion)
    title = truncate(text.split("\n", 1)[0], min(TITLE_MAX, 80))
    return Prefill(title=title, description=text[:DESCRIPTION_MAX], suggestion=suggestion)


def prefill_from_message(
    text: str,
    suggestion: Suggestion | None,
    language: Language,
    permalink: str | None = None,
    existing: str | None = None,
) -> Prefill:
    """The message shortcut: the message's first line as the title, the message as the
    description, and its link."""
    title, description = title_and_description(text, language) if text.strip() else ("", "")
    return Prefill(
        title=title,
        description=description,
        suggestion=suggestion,
        permalink=permalink,
        existing=existing,
    )


def _level_choice(language: Language, field: str, initial: Level) -> RadioButtonsElement:
    """The radio buttons of ``impact`` or ``urgency``, ``initial`` selected. Urgency's names
    agree with *urgence* in French (Élevée), impact's with *impact* (Élevé)."""
    names = "vocabulary.urgency_level" if field == ids.BLOCK_URGENCY else "vocabulary.level"
    options = [
        Option(
            value=level.value,
            text=t(language, f"{names}.{level.value}"),
            description=t(language, f"vocabulary.{field}_hint.{level.value}"),
        )
        for level in Level
    ]
    selected = next(o for o in options if o.value == initial.value)
    return RadioButtonsElement(action_id=field, options=options, initial_option=selected)


def filing_modal(
    language: Language,
    config: ServicesConfig,
    context: FormContext,
    prefill: Prefill,
    articles: Sequence[Block] = (),
) -> View:
    """The filing form; ``articles``: suggested articles shown under its introduction."""
    type_options = [Option(value=kind.value, text=type_name(language, kind)) for kind in TicketType]
    suggested = prefill.suggestion
    initial_type = (
        next(o for o in type_options if o.value == suggested.type.value) if suggested else None
    )
    impact, urgency = initial_levels(suggested.type if suggested else None)
    if suggested and suggested.urgency is not None:  # the text asks for haste ("urgent")
        urgency = suggested.urgency
    blocks: list[Block] = [
        SectionBlock(
            block_id=ids.BLOCK_INTRO,
            text=MarkdownTextObject(text=t(language, "filing.modal.intro")),
        ),
        *articles,
    ]
    if suggested:
        service = config.service(suggested.classification.service).name.in_language(language)
        reasons = ", ".join(suggested.classification.reasons)
        key = "filing.modal.suggested" if reasons else "filing.modal.suggested_no_reason"
        text = t(language, key, service=escape(service), reasons=escape(reasons))
        blocks.append(
            ContextBlock(block_id=ids.BLOCK_SUGGESTION, elements=[MarkdownTextObject(text=text)])
        )
    blocks += _source_blocks(language, prefill)
    blocks += [
        InputBlock(
            block_id=ids.BLOCK_TYPE,
            label=t(language, "filing.modal.type"),
            element=StaticSelectElement(
                action_id=ids.BLOCK_TYPE, options=type_options, initial_option=initial_type
            ),
        ),
        InputBlock(
            block_id=ids.BLOCK_TITLE,
            label=t(language, "filing.modal.title_field"),
            # Enter in the title asks the knowledge base (handlers/filing/title_suggestions.py)
            dispatch_action=True,
            hint=t(language, "knowledge.form.title_hint") if config.knowledge.folder else None,
            element=PlainTextInputElement(
                action_id=ids.BLOCK_TITLE,
                dispatch_action_config={"trigger_actions_on": ["on_enter_pressed"]},
                max_length=TITLE_MAX,
                initial_value=prefill.title or None,
                placeholder=t(language, "filing.modal.title_placeholder"),
            ),
        ),
        InputBlock(
            block_id=ids.BLOCK_DESCRIPTION,
            label=t(language, "filing.modal.description"),
            optional=True,
            element=PlainTextInputElement(
                action_id=ids.BLOCK_DESCRIPTION,
                multiline=True,
                max_length=DESCRIPTION_MAX,
                initial_value=prefill.description or None,
                placeholder=t(language, "filing.modal.description_placeholder"),
            ),
        ),
        InputBlock(
            block_id=ids.BLOCK_IMPACT,
            label=t(language, "filing.modal.impact"),
            element=_level_choice(language, ids.BLOCK_IMPACT, impact),
        ),
        InputBlock(
            block_id=ids.BLOCK_URGENCY,
            label=t(language, "filing.modal.urgency"),
            element=_level_choice(language, ids.BLOCK_URGENCY, urgency),
        ),
    ]
    return View(
        type="modal",
        callback_id=ids.FILE_TICKET_CALLBACK,
        title=PlainTextObject(text=t(language, "filing.modal.title")),
        submit=PlainTextObject(text=t(language, "filing.modal.submit")),
        close=PlainTextObject(text=t(language, "vocabulary.cancel")),
        private_metadata=context.encode(),
        blocks=blocks,
    )


def _source_blocks(language: Language, prefill: Prefill) -> list[Block]:
    """Where the form comes from (a message's link), and a ticket already made from it."""
    lines = []
    if prefill.permalink:
        link = f"<{prefill.permalink}|{t(language, 'filing.modal.source_link')}>"
        lines.append(t(language, "filing.modal.source", link=link))
    if prefill.existing:
        lines.append(t(language, "filing.modal.source_existing", ticket_id=prefill.existing))
    if not lines:
        return []
    text = MarkdownTextObject(text="\n".join(lines))
    return [ContextBlock(block_id=ids.BLOCK_SOURCE, elements=[text])]


def filed_modal(language: Language, ticket: Ticket, service_name: str) -> View:
    """What the form turns into once the ticket is stored."""
    text = filed_text(language, ticket, service_name)
    return View(
        type="modal",
        callback_id=ids.FILED_CALLBACK,
        title=PlainTextObject(text=t(language, "filing.modal.filed_title")),
        close=PlainTextObject(text=t(language, "vocabulary.close")),
        blocks=[SectionBlock(text=MarkdownTextObject(text=text))],
    )


def filed_text(language: Language, ticket: Ticket, service_name: str) -> str:
    """The one line of ``filed_modal`` that changes with the ticket."""
    return t(language, "filing.modal.filed_body", ticket_id=ticket.id, service=escape(service_name))
