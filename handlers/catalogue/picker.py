""" "What do you need?": the catalogue's items grouped by service in one menu (Slack's menus are
searchable as people type), plus "Something else" for the free form; and the modal that shows
only that menu, before anything is chosen."""

from __future__ import annotations

from slack_sdk.models.blocks import (
    ActionsBlock,
    MarkdownTextObject,
    Option,
    OptionGroup,
    PlainTextObject,
    SectionBlock,
    StaticSelectElement,
)
from slack_sdk.models.blocks.blocks import Block
from slack_sdk.models.views import View

from bot.domain.catalogue import OTHER_ITEM
from bot.domain.config import ServicesConfig
from bot.domain.models import Language
from bot.locales.i18n import t
from handlers.catalogue.metadata import CatalogueMetadata
from handlers.kit import ids


def _groups(config: ServicesConfig, language: Language) -> list[OptionGroup]:
    """One group per service, in the services file's order; "Other" last."""
    groups: list[OptionGroup] = []
    for service_id in config.services:
        options = [
            Option(value=item_id, text=item.name.in_language(language))
            for item_id, item in config.catalogue.items()
            if item.service == service_id
        ]
        if options:
            label = config.service_name(service_id, language)
            groups.append(OptionGroup(label=label, options=options))
    other = Option(value=OTHER_ITEM, text=t(language, "catalogue.picker.other"))
    groups.append(OptionGroup(label=t(language, "catalogue.picker.other_group"), options=[other]))
    return groups


def picker_blocks(config: ServicesConfig, language: Language, chosen: str | None) -> list[Block]:
    """The question and its menu (``chosen`` shown as picked: the item whose form follows)."""
    groups = _groups(config, language)
    initial = next(
        (o for group in groups for o in group.options if o.value == chosen),
        None,
    )
    menu = StaticSelectElement(
        action_id=ids.ACTION_CATALOGUE_PICK,
        placeholder=t(language, "catalogue.picker.placeholder"),
        option_groups=groups,
        initial_option=initial,
    )
    return [
        SectionBlock(
            block_id=ids.BLOCK_INTRO,
            text=MarkdownTextObject(text=t(language, "catalogue.picker.label")),
        ),
        ActionsBlock(block_id=ids.BLOCK_CATALOGUE_PICK, elements=[menu]),
    ]


def picker_modal(config: ServicesConfig, metadata: CatalogueMetadata) -> View:
    """What ``/ticket`` (and the Home tab's New ticket) opens when a catalogue is configured."""
    language = metadata.language
    return View(
        type="modal",
        callback_id=ids.CATALOGUE_PICKER_CALLBACK,
        title=PlainTextObject(text=t(language, "catalogue.picker.title")),
        close=PlainTextObject(text=t(language, "vocabulary.cancel")),
        private_metadata=metadata.encode(),
        blocks=picker_blocks(config, language, None),
    )
