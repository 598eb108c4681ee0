"""``saved_replies:`` and ``resolution_categories:`` of a service: optional (none / the built-in
list by default), fr and/or en, and one line naming the key when something is wrong."""

from __future__ import annotations

import pytest

from bot.domain.config import parse_services_config
from bot.domain.errors import ConfigError
from bot.domain.models import Language
from bot.domain.resolution_categories import BUILT_IN, category_keys

MINIMAL = """
default_service: service_desk
services:
  service_desk:
    name: {fr: "Centre de support", en: "Service desk"}
    channel: C0DESK
"""


def _error(replies: str) -> str:
    with pytest.raises(ConfigError) as caught:
        parse_services_config(MINIMAL + "    saved_replies:\n" + replies, "services file x.yml")
    return str(caught.value)


def test_left_out_a_service_has_none() -> None:
    assert parse_services_config(MINIMAL).services["service_desk"].saved_replies == {}


def test_each_language_is_read_and_the_requesters_is_preferred() -> None:
    config = parse_services_config(
        MINIMAL
        + "    saved_replies:\n"
        + "      restart:\n"
        + '        fr: {title: "Redémarrer", text: "Redémarrez le poste."}\n'
        + '        en: {title: "Restart", text: "Restart the computer."}\n'
        + "      english_only:\n"
        + '        en: {title: "Where?", text: "Which site?"}\n'
    )
    replies = config.services["service_desk"].saved_replies
    assert replies["restart"].wording(Language.FR)[1].text == "Redémarrez le poste."
    assert replies["restart"].wording(Language.EN)[1].title == "Restart"
    assert replies["english_only"].wording(Language.FR) == (
        Language.EN,
        replies["english_only"].en,
    )


@pytest.mark.parametrize(
    ("replies", "message"),
    [
        (
            "      restart: {}\n",
            "services.service_desk.saved_replies.restart: give its title and text in fr, en "
            "or both",
        ),
        (
            '      restart: {de: {title: "x", text: "y"}}\n',
            "services.service_desk.saved_replies.restart.de: unknown setting",
        ),
        (
            '      restart: {en: {title: "x"}}\n',
            "services.service_desk.saved_replies.restart.en.text: required setting is missing",
        ),
        (
            '      "Not A Key": {en: {title: "x", text: "y"}}\n',
            "services.service_desk.saved_replies.Not A Key: 'Not A Key' is not an id",
        ),
    ],
)
def test_a_mistake_is_one_line_naming_the_key(replies: str, message: str) -> None:
    error = _error(replies)
    assert error.startswith(f"services file x.yml: {message}") and "\n" not in error


def test_resolution_categories_default_to_the_built_in_list() -> None:
    service = parse_services_config(MINIMAL).services["service_desk"]
    assert service.resolution_categories is None
    assert category_keys(service.resolution_categories) == BUILT_IN
    assert "duplicate" in BUILT_IN


def test_resolution_categories_of_a_service_in_their_order() -> None:
    text = MINIMAL + (
        "    resolution_categories:\n"
        '      hardware: {fr: "Matériel remplacé", en: "Hardware replaced"}\n'
        '      fixed: {fr: "Réparé", en: "Fixed"}\n'
    )
    categories = parse_services_config(text).services["service_desk"].resolution_categories
    assert category_keys(categories) == ("hardware", "fixed")
    assert categories is not None and categories["hardware"].in_language(Language.FR) == (
        "Matériel remplacé"
    )


@pytest.mark.parametrize(
    ("categories", "message"),
    [
        ("{}", "services.service_desk.resolution_categories: Dictionary should have at least 1"),
        (
            '{hardware: {fr: "Matériel"}}',
            "services.service_desk.resolution_categories.hardware.en: required setting is missing",
        ),
    ],
)
def test_resolution_categories_mistakes_are_one_line_naming_the_key(
    categories: str, message: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_services_config(MINIMAL + f"    resolution_categories: {categories}\n", "f.yml")
    assert str(caught.value).startswith(f"f.yml: {message}") and "\n" not in str(caught.value)
