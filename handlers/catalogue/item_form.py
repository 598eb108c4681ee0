"""An item's form: the picker on top (to choose another item), what the item is and where it
goes, then one input per field — each with its help text, optional when the services file says
so, and pre-filled with what the person typed before choosing another item."""

from __future__ import annotations

from collections.abc import Mapping

from slack_sdk.models.blocks import (
    ChannelMultiSelectElement,
    CheckboxesElement,
    ContextBlock,
    DatePickerElement,
    InputBlock,
    MarkdownTextObject,
    NumberInputElement,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    StaticMultiSelectElement,
    StaticSelectElement,
    UserMultiSelectElement,
)
from slack_sdk.models.blocks.block_elements import InputInteractiveElement
from slack_sdk.models.blocks.blocks import Block
from slack_sdk.models.views import View

from bot.catalogue.answers import CHECKED, Raw
from bot.domain.catalogue import CatalogueField, CatalogueItem
from bot.domain.config import ServicesConfig
from bot.domain.models import Language
from bot.locales.i18n import t
from handlers.catalogue.file_input import FileInputElement
from handlers.catalogue.metadata import CatalogueMetadata
from handlers.catalogue.picker import picker_blocks
from handlers.kit import ids
from handlers.kit.mrkdwn import escape, truncate

CONTEXT_MAX = 2000  # a context block's text


def field_block_id(field_id: str) -> str:
    return f"{ids.FIELD_PREFIX}{field_id}"


def typed_answers(values: Mapping[str, Raw]) -> dict[str, Raw]:
    """The flattened form's answers keyed by field id (the other blocks left out)."""
    return {
        block_id.removeprefix(ids.FIELD_PREFIX): value
        for block_id, value in values.items()
        if block_id.startswith(ids.FIELD_PREFIX)
    }


def _listed(raw: Raw) -> list[str]:
    return [v for v in raw if v] if isinstance(raw, list) else []


def _choices(spec: CatalogueField, language: Language) -> list[Option]:
    return [
        Option(value=option_id, text=label.in_language(language))
        for option_id, label in spec.options.items()
    ]


def _element(
    field_id: str, spec: CatalogueField, language: Language, raw: Raw
) -> InputInteractiveElement:
    action_id = field_block_id(field_id)
    text = raw if isinstance(raw, str) and raw else None
    if spec.type in ("short_text", "long_text"):
        return PlainTextInputElement(
            action_id=action_id,
            multiline=spec.type == "long_text",
            max_length=spec.text_limit,
            initial_value=text[: spec.text_limit] if text else None,
        )
    if spec.type == "number":
        return NumberInputElement(
            action_id=action_id,
            is_decimal_allowed=spec.decimals,
            min_value=None if spec.min is None else f"{spec.min:g}",
            max_value=None if spec.max is None else f"{spec.max:g}",
            initial_value=text,
        )
    if spec.type == "date":
        return DatePickerElement(action_id=action_id, initial_date=text)
    if spec.type in ("select", "multi_select"):
        options = _choices(spec, language)
        wanted = _listed(raw) or ([text] if text else [])
        picked = [o for o in options if o.value in wanted]
        if spec.type == "select":
            initial = picked[0] if picked else None
            return StaticSelectElement(action_id=action_id, options=options, initial_option=initial)
        return StaticMultiSelectElement(
            action_id=action_id, options=options, initial_options=picked or None
        )
    if spec.type == "users":
        return UserMultiSelectElement(action_id=action_id, initial_users=_listed(raw) or None)
    if spec.type == "channels":
        return ChannelMultiSelectElement(action_id=action_id, initial_channels=_listed(raw) or None)
    if spec.type == "file":  # Slack cannot pre-fill a file_input
        return FileInputElement(
            action_id=action_id, filetypes=spec.filetypes, max_files=spec.max_files
        )
    yes = Option(value=CHECKED, text=t(language, "catalogue.field.checked"))
    return CheckboxesElement(
        action_id=action_id,
        options=[yes],
        initial_options=[yes] if CHECKED in _listed(raw) else None,
    )


def field_inputs(item: CatalogueItem, language: Language, typed: Mapping[str, Raw]) -> list[Block]:
    blocks: list[Block] = []
    for field_id, spec in item.fields.items():
        hint: PlainTextObject | None = (
            PlainTextObject(text=spec.help.in_language(language)) if spec.help else None
        )
        blocks.append(
            InputBlock(
                block_id=field_block_id(field_id),
                label=spec.label.in_language(language),
                element=_element(field_id, spec, language, typed.get(field_id)),
                hint=hint,
                optional=not spec.required,
            )
        )
    return blocks


def item_modal(
    config: ServicesConfig,
    metadata: CatalogueMetadata,
    typed: Mapping[str, Raw],
    suggested: bool = False,
) -> View:
    """The form of ``metadata.item``; ``suggested`` says it was chosen from ``/ticket <text>``."""
    language = metadata.language
    item_id = metadata.item or ""
    item = config.catalogue[item_id]
    about = []
    if suggested:
        name = escape(item.name.in_language(language))
        about.append(t(language, "catalogue.picker.suggested", item=name))
    if item.description:
        about.append(escape(item.description.in_language(language)))
    service = escape(config.service_name(item.service, language))
    about.append(t(language, "catalogue.form.goes_to", service=service))
    blocks = picker_blocks(config, language, item_id)
    blocks.append(
        ContextBlock(
            block_id=ids.BLOCK_CATALOGUE_ABOUT,
            elements=[MarkdownTextObject(text=truncate("\n".join(about), CONTEXT_MAX))],
        )
    )
    blocks += field_inputs(item, language, typed)
    return View(
        type="modal",
        callback_id=ids.CATALOGUE_REQUEST_CALLBACK,
        title=PlainTextObject(text=t(language, "catalogue.picker.title")),
        submit=PlainTextObject(text=t(language, "catalogue.form.submit")),
        close=PlainTextObject(text=t(language, "vocabulary.cancel")),
        private_metadata=metadata.encode(),
        blocks=blocks,
    )
