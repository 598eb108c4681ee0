"""A service's French name takes its article where French puts one: contracted with « de » and
« à », after the other prepositions, capitalised at a sentence's start, never on a label; bare
(elided before a vowel) when the services file gives no article."""

from __future__ import annotations

import re
import string

import pytest

from bot.domain.config import ServiceName, parse_services_config
from bot.domain.errors import ConfigError
from bot.domain.models import Language
from bot.locales.i18n import MESSAGES, PREPOSITIONS, t, with_articles
from bot.locales.plurals import Plural
from handlers.kit.mrkdwn import escape

DESK = ServiceName("Centre de support", "le")
SECURITY = ServiceName("Sécurité informatique", "la")
INFRA = ServiceName("Infrastructure et réseau", "l’")
PURCHASING = ServiceName("Achats", "les")
BARE_INFRA = ServiceName("Infrastructure et réseau")
BARE_DESK = ServiceName("Centre de support")


def _put(template: str, value: object) -> str:
    params = {"service": value}
    return with_articles(template, params).format(**params)


@pytest.mark.parametrize(
    ("name", "de", "a"),
    [
        (DESK, "du *Centre de support*", "au *Centre de support*"),
        (SECURITY, "de la *Sécurité informatique*", "à la *Sécurité informatique*"),
        (INFRA, "de l’*Infrastructure et réseau*", "à l’*Infrastructure et réseau*"),
        (PURCHASING, "des *Achats*", "aux *Achats*"),
        (BARE_INFRA, "d’*Infrastructure et réseau*", "à *Infrastructure et réseau*"),
        (BARE_DESK, "de *Centre de support*", "à *Centre de support*"),
    ],
)
def test_de_and_a_contract_with_the_article_and_markup_stays_on_the_name(
    name: ServiceName, de: str, a: str
) -> None:
    assert _put("la file de *{service}*.", name) == f"la file {de}."
    assert _put("transmis à *{service}* par X", name) == f"transmis {a} par X"


def test_a_capital_de_or_a_keeps_its_capital() -> None:
    assert _put("De {service} : rien.", DESK) == "Du Centre de support : rien."
    assert _put("De {service} : rien.", SECURITY) == "De la Sécurité informatique : rien."
    assert _put("À {service} de voir.", PURCHASING) == "Aux Achats de voir."


@pytest.mark.parametrize("preposition", sorted(PREPOSITIONS))
def test_the_other_prepositions_are_followed_by_the_article(preposition: str) -> None:
    assert _put(f"x {preposition} *{{service}}*", DESK) == f"x {preposition} le *Centre de support*"
    assert (
        _put(f"x {preposition} {{service}}", SECURITY)
        == f"x {preposition} la Sécurité informatique"
    )
    assert (
        _put(f"x {preposition} {{service}}", INFRA) == f"x {preposition} l’Infrastructure et réseau"
    )
    assert _put(f"x {preposition} {{service}}", PURCHASING) == f"x {preposition} les Achats"
    assert (
        _put(f"x {preposition} {{service}}", BARE_INFRA)
        == f"x {preposition} Infrastructure et réseau"
    )


@pytest.mark.parametrize("before", ["", "Fait. ", "Fait ! ", "Fait ?\u00a0"])
def test_a_sentence_starting_with_the_name_starts_with_a_capital_article(before: str) -> None:
    assert _put(before + "{service} n’a rien.", DESK) == before + "Le Centre de support n’a rien."
    assert _put(before + "*{service}* n’a rien.", INFRA) == (
        before + "L’*Infrastructure et réseau* n’a rien."
    )
    assert _put(before + "{service} n’a rien.", BARE_DESK) == before + "Centre de support n’a rien."


@pytest.mark.parametrize(
    "template",
    [
        "Service pressenti : *{service}*",
        "Bilan de la semaine · {service}",
        "*INC-1* · titre · Nouveau · P3 · {service}",
        "Ce message est déjà le ticket *INC-1* (Nouveau, *{service}*), ouvert par X.",
        "Cette demande va à l’équipe *{service}*.",
        "personne du service *{service}* ne le voit",
        "les tickets ouverts {service}",
        "*Service*\n{service}",  # a card's field: the label above, the name as its value
        "*Priorité*\nP1\n*Service*\n{service}",
    ],
)
def test_a_name_standing_as_a_label_takes_no_article(template: str) -> None:
    for name in (DESK, SECURITY, INFRA, PURCHASING):
        assert _put(template, name) == template.replace("{service}", name)


def test_two_names_in_one_text_each_take_their_own() -> None:
    params: dict[str, object] = {"from_service": INFRA, "to_service": DESK, "actor": "A"}
    assert t(Language.FR, "tickets.history.reassigned", **params) == (
        "transmis de l’Infrastructure et réseau au Centre de support par A"
    )
    params.update(from_service=BARE_INFRA, to_service=BARE_DESK)
    assert t(Language.FR, "tickets.history.reassigned", **params) == (
        "transmis d’Infrastructure et réseau à Centre de support par A"
    )


def test_a_list_after_a_preposition_names_each_with_its_own() -> None:
    services = (DESK, SECURITY, BARE_INFRA)
    french = t(Language.FR, "reports.export.empty", services=services, period="cette semaine")
    assert french.startswith(
        "Aucun ticket du Centre de support, de la Sécurité informatique et d’Infrastructure et "
        "réseau n’a été créé cette semaine"
    )
    one = t(Language.FR, "reports.export.empty", services=(INFRA,), period="cette semaine")
    assert one.startswith("Aucun ticket de l’Infrastructure et réseau n’a")
    english = t(Language.EN, "reports.export.empty", services=services, period="this week")
    assert english.startswith(
        "No tickets for Centre de support, Sécurité informatique, Infrastructure et réseau were"
    )
    label = t(Language.FR, "home.queue.title", services=(DESK, SECURITY))
    assert label.endswith("· Centre de support, Sécurité informatique")


def test_english_and_other_values_are_left_alone() -> None:
    assert t(Language.EN, "working.cannot_work", user="X", service=DESK) == (
        "X is not part of Centre de support."
    )
    # an id is no team: « de INC-1 », not « d’INC-1 »
    assert t(Language.FR, "working.claim.not_allowed", service=DESK, ticket_id="INC-1") == (
        "Seuls les membres du Centre de support peuvent prendre en charge INC-1."
    )
    assert with_articles("membres de {ticket_id}", {"ticket_id": "INC-1"}) == (
        "membres de {ticket_id}"
    )


def test_escaping_for_slack_keeps_the_article() -> None:
    name = ServiceName("R&D", "la")
    escaped = escape(name)
    assert escaped == "R&amp;D" and isinstance(escaped, ServiceName) and escaped.article == "la"
    assert t(Language.FR, "working.cannot_work", user="X", service=escaped) == (
        "X ne fait pas partie de la R&amp;D."
    )


FORBIDDEN = re.compile(r"\b(?:[dD]e|[àÀ]) les? |\b(?:le|la|les|l’) (?:le|la|les) |l’l’")


def test_every_french_text_naming_a_service_reads_right_with_every_article() -> None:
    """The ~45 texts with a service placeholder, each rendered with each article: no « de le »,
    « à les », no article twice; a name after a preposition always gets its article."""
    checked = 0
    for key, texts in MESSAGES.items():
        french = texts[Language.FR]
        variant = french.other if isinstance(french, Plural) else french
        names = {n for _, n, _, _ in string.Formatter().parse(variant) if n}
        teams = {n for n in names if "service" in n}
        if not teams:
            continue
        for name in (DESK, SECURITY, INFRA, PURCHASING):
            params: dict[str, object] = {n: n.upper() for n in names}
            if isinstance(french, Plural):
                params[french.by] = 2
            params.update({n: name for n in teams})
            text = t(Language.FR, key, **params)
            assert not FORBIDDEN.search(text), (key, text)
            for preposition in ("de", "à", *PREPOSITIONS):
                assert f" {preposition} {name}" not in text, (key, text)
                assert f" {preposition} *{name}*" not in text, (key, text)
        checked += 1
    assert checked >= 40


@pytest.mark.parametrize(
    ("article", "name", "problem"),
    [
        ("lo", "Centre de support", "article.fr: 'lo' is not a French article: write le, la"),
        ("l’", "Centre de support", "l’ goes before a vowel or an h"),
        ("le", "Infrastructure et réseau", "French writes l’, not le"),
    ],
)
def test_a_wrong_article_is_one_clear_line_naming_the_key(
    article: str, name: str, problem: str
) -> None:
    with pytest.raises(ConfigError) as raised:
        parse_services_config(_file(article, name))
    message = str(raised.value)
    assert "services.desk" in message and problem in message and "\n" not in message


def test_the_article_is_optional_and_l_apostrophe_is_read_either_way() -> None:
    config = parse_services_config(_file(None, "Centre de support"))
    assert config.service_name("desk", Language.FR).article is None
    config = parse_services_config(_file("l'", "Infrastructure et réseau"))
    assert config.service_name("desk", Language.FR).article == "l’"
    assert config.service_name("desk", Language.EN).article is None  # English takes none
    assert config.service_name("gone", Language.FR) == "gone"  # no longer in the file: bare


def test_two_files_loaded_in_one_process_keep_their_own_articles() -> None:
    with_article = parse_services_config(_file("le", "Centre de support"))
    without = parse_services_config(_file(None, "Centre de support"))
    key, params = "working.cannot_work", {"user": "X"}
    desk = with_article.service_name("desk", Language.FR)
    bare = without.service_name("desk", Language.FR)
    assert (
        t(Language.FR, key, service=desk, **params) == "X ne fait pas partie du Centre de support."
    )
    assert (
        t(Language.FR, key, service=bare, **params) == "X ne fait pas partie de Centre de support."
    )


def _file(article: str | None, name: str) -> str:
    line = f'\n    article: {{fr: "{article}"}}' if article else ""
    return (
        "default_service: desk\nservices:\n  desk:\n"
        f'    name: {{fr: "{name}", en: "Desk"}}{line}\n    channel: C0DESK\n'
    )


@pytest.mark.parametrize("before", ["*Service*\n", "Fait.\n", "a\n"])
def test_a_name_at_the_start_of_a_line_is_a_fields_value_without_article(before: str) -> None:
    """A card's field, its value under its bold label: « *Service*\nCentre de support »."""
    assert _put(before + "{service}", DESK) == before + "Centre de support"
    assert _put(before + "*{service}*", INFRA) == before + "*Infrastructure et réseau*"
