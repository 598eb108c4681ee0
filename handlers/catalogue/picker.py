""" "What do you need?": the catalogue's items grouped by service in one menu (Slack's menus are
searchable as people type), plus "Something else" for the free form; and the modal that shows
only that menu, before anything is chosen. A catalogue larger than ``STATIC_MAX`` items gets a
menu whose options the bot gives as people type (``external_select``, answered by
``handlers/catalogue/suggestions.py``)."""

from __future__ import annotations

from slack_sdk.models.blocks import (
    ActionsBlock,
    ExternalDataSelectElement,
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

STATIC_MAX = 50  # more items than this: a menu searched by the bot (Slack allows 100 options)
OPTIONS_MAX = 100  # Slack's limit on a menu's options, and on its groups


def _option(config: ServicesConfig, item_id: str, language: Language) -> Option:
    if item_id == OTHER_ITEM:
        return Option(value=OTHER_ITEM, text=t(language, "catalogue.picker.other"))
    return Option(value=item_id, text=config.catalogue[item_id].name.in_language(language))


def option_groups(
    config: ServicesConfig, language: Language, found: list[str] | None = None
) -> list[OptionGroup]:
    """One group per service, in the services file's order, of the items ``found`` (all when
    ``None``; in ``found``'s order); "Other" last, always."""
    groups: list[OptionGroup] = []
    chosen = list(config.catalogue) if found is None else found
    for service_id in config.services:
        options = [
            _option(config, item_id, language)
            for item_id in chosen
            if item_id in config.catalogue and config.catalogue[item_id].service == service_id
        ]
        if options:
            label: str = config.service_name(service_id, language)
            groups.append(OptionGroup(label=label, options=options))
    other = _option(config, OTHER_ITEM, language)
    label = t(language, "catalogue.picker.other_group")
    return [*groups[: OPTIONS_MAX - 1], OptionGroup(label=label, options=[other])]


def picker_blocks(config: ServicesConfig, language: Language, chosen: str | None) -> list[Block]:
    """The question and its menu (``chosen`` shown as picked: the item whose form follows)."""
    placeholder = t(language, "catalogue.picker.placeholder")
    menu: StaticSelectElement | ExternalDataSelectElement
    if len(config.catalogue) > STATIC_MAX:
        known = chosen is not None and (chosen == OTHER_ITEM or chosen in config.catalogue)
        menu = ExternalDataSelectElement(
            action_id=ids.ACTION_CATALOGUE_PICK,
            placeholder=placeholder,
            initial_option=_option(config, chosen, language) if known and chosen else None,
            min_query_length=0,  # the first items as soon as the menu opens
        )
    else:
        groups = option_groups(config, language)
        initial = next(
            (o for group in groups for o in group.options or () if o.value == chosen),
            None,
        )
        menu = StaticSelectElement(
            action_id=ids.ACTION_CATALOGUE_PICK,
            placeholder=placeholder,
            option_groups=groups,
            initial_option=initial,
        )
    return [
        SectionBlock(
            block_id=ids.BLOCK_CATALOGUE_INTRO,
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
