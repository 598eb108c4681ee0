"""Emergencies need evidence of severity and of breadth; "urgent" alone is haste, not harm."""

from __future__ import annotations

import pytest

from bot.domain.models import TicketType
from bot.filing.classifier import Classifier
from bot.filing.emergency import read_emergency
from bot.filing.term_index import term_key
from bot.lexicon import load
from tests.unit.filing.classifier_setup import TYPE_DEFAULTS


@pytest.fixture(scope="module")
def classifier() -> Classifier:
    return Classifier(TYPE_DEFAULTS, "service_desk")


@pytest.mark.parametrize(
    "text",
    [
        "L'ERP est complètement en panne, plus personne ne peut travailler",
        "The whole ERP is down, nobody can invoice",
        "URGENT : panne générale, tout le monde est bloqué",
        "production down, nothing works",
        "ransomware on the file server!! everything is encrypted",
        "cyberattaque en cours, tous les postes sont chiffrés",
        "internet est tombé sur tout le site",
    ],
)
def test_outage_and_breadth_make_an_emergency(classifier: Classifier, text: str) -> None:
    reading = read_emergency(text)
    assert reading.signs and reading.breadth and reading.is_emergency
    assert classifier.suggest_type(text) is TicketType.EMERGENCY


@pytest.mark.parametrize(
    "text",
    [
        "Urgent: my mouse is broken, can I get a new one?",
        "Besoin urgent d'un nouveau câble HDMI",
        "URGENT ASAP critique : changer le toner",
        "The printer on floor 3 says offline for everyone on my team since this morning",
        "le vpn est en panne chez moi",  # an outage, but one person's
        "tout le monde dit bonjour",  # breadth, no outage
        "critique: mise en production ratée, le bouton valider plante",
    ],
)
def test_haste_or_a_narrow_scope_is_not_an_emergency(classifier: Classifier, text: str) -> None:
    assert not read_emergency(text).is_emergency
    assert classifier.suggest_type(text) is not TicketType.EMERGENCY


def test_urgent_words_raise_urgency_only() -> None:
    reading = read_emergency("Besoin urgent d'un nouveau câble HDMI")
    assert reading.urgency == ("urgent",) and reading.is_urgent and not reading.is_emergency
    assert read_emergency("the whole site is down").is_urgent  # an emergency is urgent too
    assert not read_emergency("mon écran scintille").is_urgent


def test_the_evidence_quotes_what_the_user_wrote() -> None:
    reading = read_emergency("L'ERP est complètement EN PANNE, plus personne ne peut travailler")
    assert reading.evidence == ("complètement en panne", "ne peut travailler", "plus personne")


@pytest.mark.parametrize("kind", ["signs", "breadth", "local", "urgency"])
def test_emergency_lexicon_is_well_formed(kind: str) -> None:
    keys: dict[object, str] = {}
    for term, weight in load("emergency.yml")[kind].items():
        assert weight > 0, term
        key = term_key(term)
        assert key is not None and key not in keys, term
        keys[key] = term
