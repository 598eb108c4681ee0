"""The classifier's rules: matching, weighing, fallbacks, reasons, the lexicon, type cues."""

from __future__ import annotations

import pytest

from bot.domain.models import TicketType
from bot.domain.text import stem
from bot.filing.classifier import LEXICON, NO_MATCH_CONFIDENCE, TYPE_CUES, Classifier
from bot.filing.term_index import term_key
from bot.lexicon import knowledge_words
from tests.unit.filing.classifier_setup import TYPE_DEFAULTS


@pytest.fixture(scope="module")
def classifier() -> Classifier:
    return Classifier(TYPE_DEFAULTS, "service_desk")


@pytest.mark.parametrize(
    ("ticket_type", "title", "description", "service"),
    [
        (
            TicketType.INCIDENT,
            "Mail suspect",
            "Je pense que c'est du phishing, on me demande mon mot de passe.",
            "security",
        ),
        (
            TicketType.INCIDENT,
            "VPN drops every hour",
            "Have to reconnect all the time.",
            "infra_network",
        ),
        (
            TicketType.EMERGENCY,
            "Ransomware!",
            "All files on the share are encrypted and there's a ransom note.",
            "security",
        ),
        (
            TicketType.IMPROVEMENT_REQUEST,
            "Intranet",
            "Ce serait bien d'avoir une recherche par service.",
            "app_dev",
        ),
        (
            TicketType.SERVICE_REQUEST,
            "New laptop",
            "For our new hire starting Monday.",
            "internal_it",
        ),
        (
            TicketType.INFORMATION_REQUEST,
            "How do I reset my password?",
            "I'm working from home.",
            "service_desk",
        ),
    ],
)
def test_cases_from_the_design(
    classifier: Classifier, ticket_type: TicketType, title: str, description: str, service: str
) -> None:
    assert classifier.classify(ticket_type, title, description).service == service


# ------------------------------------------------------------------ matching rules


def test_matching_ignores_accents_and_case(classifier: Classifier) -> None:
    shouting = classifier.classify(TicketType.INCIDENT, "HAMEÇONNAGE", "")
    plain = classifier.classify(TicketType.INCIDENT, "hameconnage", "")
    assert shouting.service == plain.service == "security"
    assert shouting.confidence == plain.confidence
    assert shouting.reasons == ("hameçonnage",)  # quoted as written (lower-cased)
    assert plain.reasons == ("hameconnage",)


@pytest.mark.parametrize(
    ("text", "service", "reason"),
    [
        ("Les imprimantes du 2e", "internal_it", "imprimantes"),
        ("Two servers rebooted", "infra_network", "servers"),
        ("Problème sur les réseaux", "infra_network", "réseaux"),
        ("All the switches are blinking", "infra_network", "switches"),
        ("Les mots de passe expirent", "service_desk", "mots de passe"),
        ("Impossible d'imprimer", "internal_it", "imprimer"),  # prefix term "imprim*"
    ],
)
def test_plurals_and_prefixes_match(
    classifier: Classifier, text: str, service: str, reason: str
) -> None:
    result = classifier.classify(TicketType.INCIDENT, text, "")
    assert result.service == service
    assert reason in result.reasons


def test_exact_terms_do_not_stem(classifier: Classifier) -> None:
    # "=teams" is Microsoft Teams: "my team" must not pull to the service desk.
    assert classifier.classify(TicketType.INCIDENT, "Teams", "").reasons == ("teams",)
    assert classifier.classify(TicketType.INCIDENT, "my team", "").reasons == ()


def test_multi_word_terms_win_over_their_parts(classifier: Classifier) -> None:
    result = classifier.classify(TicketType.INCIDENT, "", "the access point on the ceiling is off")
    assert result.service == "infra_network"
    assert result.reasons == ("access point",)


def test_title_weighs_more_than_description(classifier: Classifier) -> None:
    # "laptop" and "network" weigh the same: wherever each is written decides.
    laptop_title = classifier.classify(TicketType.INCIDENT, "laptop", "network")
    network_title = classifier.classify(TicketType.INCIDENT, "network", "laptop")
    assert laptop_title.service == "internal_it"
    assert network_title.service == "infra_network"


def test_the_type_default_gets_a_head_start(classifier: Classifier) -> None:
    # One weak service-desk hint is enough for an information request, whose default it is ...
    assert classifier.classify(TicketType.INFORMATION_REQUEST, "", "session").service == (
        "service_desk"
    )
    # ... and a term that outweighs the head start still moves the ticket.
    assert classifier.classify(TicketType.INFORMATION_REQUEST, "", "vpn").service == (
        "infra_network"
    )


@pytest.mark.parametrize("ticket_type", list(TicketType))
@pytest.mark.parametrize(
    ("title", "description"),
    [("", ""), ("   ", "\n\t"), ("Bonjour", "merci d'avance"), ("!!!", "???"), ("Hello", "thanks")],
)
def test_nothing_matched_gives_the_type_default(
    classifier: Classifier, ticket_type: TicketType, title: str, description: str
) -> None:
    result = classifier.classify(ticket_type, title, description)
    assert result.service == TYPE_DEFAULTS[ticket_type]
    assert result.reasons == ()
    assert result.confidence == NO_MATCH_CONFIDENCE


def test_a_type_without_default_falls_back_to_the_default_service() -> None:
    partial = Classifier({TicketType.EMERGENCY: "infra_network"}, "service_desk")
    assert partial.classify(TicketType.PROBLEM, "", "").service == "service_desk"
    assert partial.classify(TicketType.EMERGENCY, "", "").service == "infra_network"


def test_too_close_to_call_falls_back_to_the_type_default(classifier: Classifier) -> None:
    # "printer" (internal IT) and "network" (infrastructure) weigh the same; an incident's
    # default is the service desk, which neither is.
    result = classifier.classify(TicketType.INCIDENT, "", "printer network")
    assert result.service == "service_desk"
    assert result.confidence <= NO_MATCH_CONFIDENCE
    # When one of the two is the type default, its head start decides.
    assert classifier.classify(TicketType.EMERGENCY, "", "printer network").service == (
        "infra_network"
    )
    assert classifier.classify(TicketType.SERVICE_REQUEST, "", "printer network").service == (
        "internal_it"
    )


def test_extra_keywords_pull_a_ticket() -> None:
    plain = Classifier(TYPE_DEFAULTS, "service_desk")
    assert plain.classify(TicketType.INCIDENT, "Zorglub bloqué", "").service == "service_desk"

    extra = Classifier(
        TYPE_DEFAULTS,
        "service_desk",
        extra_keywords={"app_dev": ["Zorglub", "Néo-Paie"], "facilities": ["badge d'accès"]},
    )
    zorglub = extra.classify(TicketType.INCIDENT, "Zorglub bloqué", "")
    assert zorglub.service == "app_dev"
    assert zorglub.reasons == ("zorglub",)
    neo = extra.classify(TicketType.INCIDENT, "", "la NEO PAIE refuse mon export")
    assert neo.service == "app_dev"
    assert neo.reasons[0] == "neo paie"
    # A service the built-in lexicon does not know is allowed (the config validates services).
    badge = extra.classify(TicketType.SERVICE_REQUEST, "Mon badge d'accès ne marche plus", "")
    assert badge.service == "facilities"
    assert badge.reasons == ("badge d'accès",)


def test_extra_keywords_that_fold_to_nothing_are_ignored() -> None:
    extra = Classifier(TYPE_DEFAULTS, "service_desk", extra_keywords={"security": ["", "!!"]})
    assert extra.classify(TicketType.INCIDENT, "!!", "").service == "service_desk"


def test_reasons_quote_what_matched_most_important_first(classifier: Classifier) -> None:
    result = classifier.classify(
        TicketType.INCIDENT,
        "Mail de PHISHING",
        "Un lien suspect qui demande mon Mot de Passe, j'ai prévenu le Pare-Feu ?",
    )
    assert result.service == "security"
    assert result.reasons[0] == "phishing"  # the heaviest term, and in the title
    assert "suspect" in result.reasons
    assert "mot de passe" not in result.reasons  # it pulled to another service
    assert "pare-feu" not in result.reasons

    many = classifier.classify(
        TicketType.INCIDENT,
        "virus",
        "malware trojan ransomware phishing spyware keylogger hameçonnage",
    )
    assert len(many.reasons) == 5
    assert many.reasons[:2] == ("virus", "ransomware")  # 5 x 2 in the title, then 6
    assert len(set(many.reasons)) == 5


def test_a_term_repeated_is_quoted_once(classifier: Classifier) -> None:
    result = classifier.classify(TicketType.INCIDENT, "VPN", "le vpn, encore le VPN")
    assert result.reasons == ("vpn",)


@pytest.mark.parametrize("label", [*LEXICON, *TYPE_CUES], ids=str)
def test_lexicon_is_well_formed(label: str) -> None:
    """Every term matches something, and no two terms of a label fold to the same thing."""
    terms = LEXICON[label] if label in LEXICON else TYPE_CUES[TicketType(label)]
    keys: dict[object, str] = {}
    for term, weight in terms.items():
        assert weight > 0, term
        key = term_key(term)
        assert key is not None, term
        assert key not in keys, f"{term!r} duplicates {keys[key]!r}"
        keys[key] = term


# what a stemmed service term may share its stem with: these pull to the service desk, where a
# ticket that says nothing goes anyway, and only weakly ("aide" ~ "aider", "help")
WEAK_ON_PURPOSE = {"aide", "help"}


@pytest.mark.parametrize("service", list(LEXICON))
def test_no_service_term_stems_like_a_word_every_sentence_has(service: str) -> None:
    """A term whose stem is a stop word's ("san" ~ "sans", "saas" ~ "sa", "toner" ~ "ton",
    "arrivée" ~ "arrive") would pull any French sentence using that word: it is written as an
    exact term ("=san") instead."""
    stops = {stem(word) for word in knowledge_words().stop_words}
    for term in LEXICON[service]:
        key = term_key(term)
        assert key is not None
        (stems, kind) = key
        if kind or len(stems) != 1 or term in WEAK_ON_PURPOSE:
            continue
        assert stems[0] not in stops, f"{service}: {term!r} matches a stop word; write '={term}'"


@pytest.mark.parametrize(
    ("text", "service", "not_reason"),
    [
        ("Teams plante sans arrêt", "service_desk", "san"),
        ("Ma collègue ne peut plus ouvrir sa session", "service_desk", "saas"),
        ("Il ne trouve plus sa boîte mail", "service_desk", "saas"),
        ("Mon collègue a oublié son badge sans le dire", "service_desk", "san"),
        ("Je n'arrive pas à ouvrir Excel", "service_desk", "arrivée"),
        ("Peux-tu regarder ton Outlook", "service_desk", "toner"),
    ],
)
def test_everyday_french_words_route_nothing(
    classifier: Classifier, text: str, service: str, not_reason: str
) -> None:
    result = classifier.classify(TicketType.INCIDENT, text, "")
    assert not_reason not in result.reasons and result.service == service, result


@pytest.mark.parametrize(
    ("text", "service", "reason"),
    [
        ("Le SAN est plein", "infra_network", "san"),
        ("Nouvel outil SaaS à valider", "security", "saas"),
        ("Plus de toner dans l'imprimante du 2e", "internal_it", "toner"),
        ("Toners à commander", "internal_it", "toners"),
        ("Arrivée de Paul lundi : son poste", "internal_it", "arrivée"),
    ],
)
def test_the_exact_terms_still_route_their_word(
    classifier: Classifier, text: str, service: str, reason: str
) -> None:
    result = classifier.classify(TicketType.INCIDENT, text, "")
    assert reason in result.reasons and result.service == service, result


# ------------------------------------------------------------------ suggest_type


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", TicketType.INCIDENT),
        ("mon écran ne s'allume plus", TicketType.INCIDENT),
        ("URGENT : panne générale, tout le monde est bloqué", TicketType.EMERGENCY),
        ("production down, nothing works", TicketType.EMERGENCY),
        ("Quelle est la procédure pour partir en télétravail ?", TicketType.INFORMATION_REQUEST),
        ("where can I find the expense policy", TicketType.INFORMATION_REQUEST),
        ("virus sur mon pc ?", TicketType.INFORMATION_REQUEST),  # a bare question: a question
        ("Pourriez-vous installer Visio sur mon poste ?", TicketType.SERVICE_REQUEST),
        ("créer un compte pour le stagiaire", TicketType.SERVICE_REQUEST),
        ("Suggestion: add an option to export as CSV", TicketType.IMPROVEMENT_REQUEST),
        ("j'aimerais apprendre à utiliser Power BI", TicketType.TRAINING_REQUEST),
        ("Outlook plante à chaque fois, depuis des semaines", TicketType.PROBLEM),
    ],
)
def test_suggest_type_cues(classifier: Classifier, text: str, expected: TicketType) -> None:
    assert classifier.suggest_type(text) == expected


def test_only_configured_services_are_returned() -> None:
    """An admin's file with fewer services: the lexicon never routes to a missing one."""
    classifier = Classifier(
        type_defaults={t: "service_desk" for t in TicketType},
        default_service="service_desk",
        services={"service_desk", "internal_it"},
    )
    result = classifier.classify(TicketType.INCIDENT, "Phishing email", "ransomware on VPN")
    assert result.service in {"service_desk", "internal_it"}


# ------------------------------------------------------------------ HR and policy questions
@pytest.mark.parametrize(
    "text",
    [
        "What is the leave policy?",
        "Quelle est la politique de congés ?",
        "how many days of annual leave do I get",
        "combien de jours de RTT il me reste",
        "politique de télétravail ?",
        "who do I ask about sick leave",
        "où trouver le règlement intérieur",
    ],
)
def test_hr_and_policy_questions_go_to_the_service_desk(classifier: Classifier, text: str) -> None:
    """ "Policy" is not security and "congés" is not an application: the service desk answers."""
    ticket_type = classifier.suggest_type(text)
    assert ticket_type is TicketType.INFORMATION_REQUEST
    assert classifier.classify(ticket_type, text, "").service == "service_desk"


@pytest.mark.parametrize(
    ("text", "service"),
    [
        ("what is the password policy", "security"),
        ("quelle est la politique de sécurité pour les clés usb", "security"),
        ("l'appli de congés plante quand je valide", "app_dev"),
    ],
)
def test_policy_words_still_yield_to_what_the_policy_is_about(
    classifier: Classifier, text: str, service: str
) -> None:
    assert classifier.classify(classifier.suggest_type(text), text, "").service == service
