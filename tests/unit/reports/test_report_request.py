"""The arguments of /ticket stats and /ticket export: a period and a service, in any order."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.domain.config import load_services_config
from bot.reports.request import (
    BadReportRequest,
    Problem,
    ReportRequest,
    find_service,
    parse_period,
    parse_request,
)

CONFIG = load_services_config(Path(__file__).parent.parent.parent / "data" / "services.yml")


@pytest.mark.parametrize(
    "word,days",
    [("7d", 7), ("30d", 30), ("7j", 7), ("30J", 30), ("1d", 1), ("365d", 365), ("14days", 14)],
)
def test_periods(word: str, days: int) -> None:
    assert parse_period(word) == days


@pytest.mark.parametrize("word", ["week", "semaine"])
def test_a_week(word: str) -> None:
    assert parse_period(word) == 7


@pytest.mark.parametrize("word", ["0d", "366d", "7x", "d7", "7", "-7d", "seven"])
def test_not_periods(word: str) -> None:
    assert parse_period(word) is None


@pytest.mark.parametrize(
    "text,service",
    [
        ("infra_network", "infra_network"),
        ("INFRA_NETWORK", "infra_network"),
        ("Sécurité informatique", "security"),
        ("securite-informatique", "security"),
        ("IT security", "security"),
        ("#it-infra", None),  # a channel named like no service's channel
        ("Service desk", "service_desk"),
        ("Application development & maintenance", "app_dev"),
        ("nowhere", None),
    ],
)
def test_services_by_id_or_name(text: str, service: str | None) -> None:
    assert find_service(text, CONFIG) == service


def test_words_in_any_order() -> None:
    assert parse_request([], CONFIG, 7) == ReportRequest(days=7)
    assert parse_request(["30d"], CONFIG, 7) == ReportRequest(days=30)
    assert parse_request(["Service", "desk", "30j"], CONFIG, 7) == ReportRequest(
        days=30, service="service_desk"
    )
    assert parse_request(["30d", "security"], CONFIG, 7) == ReportRequest(30, "security")


@pytest.mark.parametrize(
    "words,problem,word",
    [
        (["7x"], Problem.PERIOD, "7x"),
        (["400d"], Problem.PERIOD, "400d"),
        (["-5d"], Problem.PERIOD, "-5d"),  # signed: a period gone wrong, not a service
        (["+30j"], Problem.PERIOD, "+30j"),
        (["\u22127d"], Problem.PERIOD, "\u22127d"),
        (["security", "-5"], Problem.PERIOD, "-5"),
        (["nowhere"], Problem.SERVICE, "nowhere"),
        (["service", "nowhere", "7d"], Problem.SERVICE, "service nowhere"),
        (["7d", "30d"], Problem.TWICE, "30d"),
    ],
)
def test_bad_arguments(words: list[str], problem: Problem, word: str) -> None:
    with pytest.raises(BadReportRequest) as raised:
        parse_request(words, CONFIG, 7)
    assert raised.value.problem is problem and raised.value.word == word


@pytest.mark.parametrize(
    "words,service",
    [
        ("sécurité", "security"),
        ("SECURITE", "security"),
        ("réseau", "infra_network"),
        ("network", "infra_network"),
        ("support", "service_desk"),
        ("Sécurité informatique", "security"),
    ],
)
def test_a_word_of_one_services_name_in_either_language(words: str, service: str) -> None:
    assert find_service(words, CONFIG) == service


def test_a_word_two_services_share_names_neither() -> None:
    assert find_service("informatique", CONFIG) is None  # internal IT and security


def test_stats_securite_30j_and_a_period_in_two_words() -> None:
    assert parse_request(["sécurité", "30j"], CONFIG, 7) == ReportRequest(30, "security")
    assert parse_request(["30", "jours", "réseau"], CONFIG, 7) == ReportRequest(30, "infra_network")
    assert parse_request(["Semaine", "network"], CONFIG, 30) == ReportRequest(7, "infra_network")
