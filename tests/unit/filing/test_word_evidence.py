"""The learning arithmetic: one vote per ticket, corrections move it, cold start is the lexicon."""

from __future__ import annotations

from bot.domain.lessons import Lesson
from bot.domain.models import TicketType
from bot.filing.classifier import Classifier
from bot.filing.word_evidence import WordEvidence, features
from tests.unit.filing.classifier_setup import TYPE_DEFAULTS, dataset


def _lesson(ticket_id: str, text: str, service: str, kind: str = "incident") -> Lesson:
    return Lesson(ticket_id, frozenset(features(text)), service, kind)


def test_features_keep_local_names_and_their_family() -> None:
    found = features("Demande créer un nouveau partage sur le serveur CAZSFSP02")
    assert found["cazsfsp02"] == "cazsfsp02" and found["cazsfsp#"] == "cazsfsp02"
    assert "le" not in found and "sur" not in found  # stop words teach nothing


def test_learning_the_same_ticket_again_counts_once() -> None:
    model = WordEvidence()
    lesson = _lesson("INC-1", "problème de connexion lcq", "app_dev")
    assert model.learn(lesson, revision=1)
    assert not model.learn(lesson, revision=1)  # a retry
    assert not model.learn(lesson, revision=2)  # the same outcome, written again
    assert model.tickets == 1 and model.count("lcq", "s:app_dev") == 1


def test_a_reassignment_moves_the_counts() -> None:
    model = WordEvidence()
    model.learn(_lesson("INC-1", "problème de connexion lcq", "service_desk"), revision=1)
    model.learn(_lesson("INC-1", "problème de connexion lcq", "app_dev"), revision=2)
    assert model.count("lcq", "s:service_desk") == 0 and model.count("lcq", "s:app_dev") == 1
    assert model.tickets == 1 and model.size() == (3, 6)  # 3 words, each with 2 labels
    # an older revision arriving late (another replica's stale read) changes nothing
    assert not model.learn(_lesson("INC-1", "problème de connexion lcq", "service_desk"), 1)
    assert model.count("lcq", "s:app_dev") == 1


def test_cold_start_is_the_lexicon_exactly() -> None:
    lexicon = Classifier(TYPE_DEFAULTS, "service_desk")
    empty = Classifier(TYPE_DEFAULTS, "service_desk", learned=WordEvidence())
    for ticket in dataset()["tickets"]:
        kind = TicketType(ticket["type"])
        assert empty.classify(kind, ticket["title"], ticket["description"]) == lexicon.classify(
            kind, ticket["title"], ticket["description"]
        )
    for item in dataset()["type_suggestions"]:
        assert empty.suggest_type(item["text"]) == lexicon.suggest_type(item["text"])


def test_a_small_service_is_not_swallowed_by_a_large_one() -> None:
    """Word evidence, not frequency: 'sage' seen in 3 of app_dev's 3 tickets wins over being
    seen in 5 of the service desk's 200."""
    model = WordEvidence()
    for i in range(195):
        model.learn(_lesson(f"D-{i}", f"mot de passe oublié {i}", "service_desk"))
    for i in range(5):
        model.learn(_lesson(f"S-{i}", "export sage", "service_desk"))
    for i in range(3):
        model.learn(_lesson(f"A-{i}", "sage plante", "app_dev"))
    evidence = model.services(features("sage"), ["service_desk", "app_dev", "security"])
    assert evidence.scores["app_dev"] > evidence.scores.get("service_desk", 0.0)
    assert evidence.words["app_dev"] == ("sage",)


def test_learned_words_route_a_ticket_the_lexicon_cannot() -> None:
    model = WordEvidence()
    classifier = Classifier(TYPE_DEFAULTS, "service_desk", learned=model)
    before = classifier.classify(TicketType.INCIDENT, "problème de connexion lcq", "")
    assert before.service == "service_desk"
    model.learn(_lesson("INC-1", "lcq ne répond pas", "app_dev"), revision=1)
    model.learn(_lesson("INC-2", "erreur lcq au démarrage", "app_dev"), revision=1)
    model.learn(_lesson("INC-3", "mot de passe oublié", "service_desk"), revision=1)
    after = classifier.classify(TicketType.INCIDENT, "problème de connexion lcq", "")
    assert after.service == "app_dev" and "lcq" in after.reasons


def test_learned_types_never_make_an_emergency() -> None:
    model = WordEvidence()
    classifier = Classifier(TYPE_DEFAULTS, "service_desk", learned=model)
    for i in range(10):
        model.learn(_lesson(f"E-{i}", "lcq bloqué", "app_dev", "emergency"))
        model.learn(_lesson(f"R-{i}", "compte windows", "internal_it", "service_request"))
    assert classifier.suggest_type("lcq bloqué") is not TicketType.EMERGENCY
    assert classifier.suggest_type("compte windows svp") is TicketType.SERVICE_REQUEST
