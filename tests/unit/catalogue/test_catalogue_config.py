"""The catalogue of the services file: a valid one loads; each mistake is one line naming it."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from bot.domain.config import ServicesConfig, parse_services_config
from bot.domain.errors import ConfigError
from bot.domain.models import Language, Level, TicketType

BASE = {
    "default_service": "service_desk",
    "services": {
        "service_desk": {
            "name": {"fr": "Centre de support", "en": "Service desk"},
            "channel": "C0D",
        },
        "internal_it": {
            "name": {"fr": "Informatique interne", "en": "Internal IT"},
            "channel": "C0I",
        },
    },
}

LICENCE: dict[str, Any] = {
    "name": {"fr": "Licence logicielle", "en": "Software licence"},
    "description": {"fr": "Une licence pour un logiciel payant.", "en": "A paid software licence."},
    "service": "internal_it",
    "fields": {
        "software": {
            "type": "select",
            "label": {"fr": "Logiciel", "en": "Software"},
            "options": {
                "visio": {"fr": "Visio", "en": "Visio"},
                "acrobat": {"fr": "Acrobat", "en": "Acrobat"},
            },
        },
        "seats": {"type": "number", "label": {"fr": "Postes", "en": "Seats"}, "min": 1, "max": 50},
        "needed_by": {
            "type": "date",
            "label": {"fr": "Pour le", "en": "Needed by"},
            "required": False,
        },
        "why": {
            "type": "long_text",
            "label": {"fr": "Pourquoi ?", "en": "Why?"},
            "help": {"fr": "Le projet concerné.", "en": "The project it is for."},
        },
        "agree": {"type": "checkbox", "label": {"fr": "J’accepte", "en": "I agree"}},
    },
}


def _load(catalogue: dict) -> ServicesConfig:
    return parse_services_config(
        yaml.safe_dump({**BASE, "catalogue": catalogue}, sort_keys=False), "services file s.yml"
    )


def _error(catalogue: dict) -> str:
    with pytest.raises(ConfigError) as raised:
        _load(catalogue)
    return str(raised.value)


def test_a_catalogue_loads_with_its_defaults() -> None:
    config = _load({"software_licence": LICENCE})
    item = config.catalogue["software_licence"]
    assert item.type is TicketType.SERVICE_REQUEST
    assert (item.impact, item.urgency) == (Level.MEDIUM, Level.MEDIUM)
    assert list(item.fields) == ["software", "seats", "needed_by", "why", "agree"]
    assert item.fields["seats"].required and not item.fields["needed_by"].required
    assert not item.fields["agree"].required  # an unticked box is an answer
    assert item.name.in_language(Language.FR) == "Licence logicielle"


def test_no_catalogue_is_an_empty_one() -> None:
    assert parse_services_config(yaml.safe_dump(BASE)).catalogue == {}


def _with_field(**changes: object) -> dict:
    fields = {**LICENCE["fields"], **changes}
    return {"software_licence": {**LICENCE, "fields": fields}}


@pytest.mark.parametrize(
    "catalogue,expected",
    [
        (
            {"software_licence": {**LICENCE, "service": "nowhere"}},
            "catalogue.software_licence.service: unknown service 'nowhere' "
            "(known: internal_it, service_desk)",
        ),
        (
            _with_field(
                software={
                    **LICENCE["fields"]["software"],
                    "options": {"x": {"fr": "é" * 76, "en": "ok"}},
                }
            ),
            "catalogue.software_licence.fields.software.options.x.fr: "
            "String should have at most 75 characters",
        ),
        (
            {"software_licence": {**LICENCE, "name": {"fr": "n" * 76, "en": "Licence"}}},
            "catalogue.software_licence.name.fr: String should have at most 75 characters",
        ),
        (
            _with_field(
                seats={"type": "number", "label": {"fr": "P", "en": "S"}, "min": 9, "max": 2}
            ),
            "catalogue.software_licence.fields.seats: min (9) is greater than max (2)",
        ),
        (
            _with_field(software={"type": "select", "label": {"fr": "L", "en": "S"}}),
            "catalogue.software_licence.fields.software: a select field needs options",
        ),
        (
            _with_field(
                many={
                    "type": "multi_select",
                    "label": {"fr": "L", "en": "S"},
                    "options": {f"o{i}": {"fr": "x", "en": "x"} for i in range(101)},
                }
            ),
            "catalogue.software_licence.fields.many: at most 100 options (Slack's limit for a "
            "menu)",
        ),
        (
            _with_field(
                why={"type": "long_text", "label": {"fr": "P", "en": "W"}, "max_length": 5000}
            ),
            "catalogue.software_licence.fields.why.max_length: Input should be less than or "
            "equal to 3000",
        ),
        (
            _with_field(why={"type": "date", "label": {"fr": "P", "en": "W"}, "min": 1}),
            "catalogue.software_licence.fields.why: min and max: only number fields have them",
        ),
        (
            _with_field(why={"type": "colour", "label": {"fr": "P", "en": "W"}}),
            "catalogue.software_licence.fields.why.type: Input should be",
        ),
        (
            _with_field(**{"Bad Id": {"type": "date", "label": {"fr": "P", "en": "W"}}}),
            "catalogue.software_licence.fields.Bad Id: 'Bad Id' is not an id: lower-case letters",
        ),
        (
            _with_field(shots={"type": "file", "label": {"fr": "F", "en": "F"}, "max_files": 11}),
            "catalogue.software_licence.fields.shots.max_files: Input should be less than or "
            "equal to 10",
        ),
        (
            _with_field(why={"type": "long_text", "label": {"fr": "P", "en": "W"}, "max_files": 2}),
            "catalogue.software_licence.fields.why: max_files and filetypes: only file fields",
        ),
        (
            {"software_licence": {**LICENCE, "colour": "blue"}},
            "catalogue.software_licence.colour: unknown setting",
        ),
        (
            {f"item{i}": LICENCE for i in range(1001)},
            "catalogue: 1001 items; at most 1000",
        ),
    ],
)
def test_each_mistake_is_named(catalogue: dict, expected: str) -> None:
    assert expected in _error(catalogue)


def test_every_mistake_gets_its_own_line() -> None:
    bad = {
        "a": {**LICENCE, "service": "nowhere"},
        "b": {**LICENCE, "name": {"fr": "", "en": "B"}},
    }
    message = _error(bad)
    assert "catalogue.b.name.fr: String should have at least 1 character" in message
    catalogue_only = {
        "a": {**LICENCE, "service": "nowhere"},
        "b": {**LICENCE, "service": "elsewhere"},
    }
    lines = _error(catalogue_only).split(": ", 1)[1].split("; ")
    assert [line.split(":")[0] for line in lines] == ["catalogue.a.service", "catalogue.b.service"]


def _approval(**approval: object) -> dict:
    return {"software_licence": {**LICENCE, "approval": approval}}


@pytest.mark.parametrize(
    "catalogue,expected",
    [
        (
            _approval(steps=[{"users": ["U0A"]}], when={"field": "why", "above": 2}),
            "catalogue.software_licence: Value error, approval.when.field: 'why' is not a "
            "number field",
        ),
        (
            _approval(steps=[{"users": ["U0A"]}] * 3),
            "catalogue.software_licence.approval.steps: List should have at most 2 items",
        ),
        (
            _approval(steps=[{"users": ["U0A"], "first_available": ["U0B"]}]),
            "catalogue.software_licence.approval.steps.0: Value error, name the approvers with "
            "one of users, usergroup or first_available",
        ),
        (
            _approval(steps=[{"users": ["bob"]}]),
            "catalogue.software_licence.approval.steps.0.users.0: 'bob' is not a Slack user id",
        ),
        (
            _approval(steps=[{"usergroup": "S0MANAGERS"}]),
            "a usergroup step needs a fallback (asked when the group is empty)",
        ),
        (
            _approval(steps=[{"usergroup": "managers"}], fallback=["U0A"]),
            "catalogue.software_licence.approval.steps.0.usergroup: 'managers' is not a Slack user "
            "group id",
        ),
        (
            _approval(steps=[{"users": ["U0A"]}], remind_after="2h", fallback_after="1h"),
            "fallback_after must be longer than remind_after",
        ),
    ],
)
def test_approval_mistakes_are_named(catalogue: dict, expected: str) -> None:
    assert expected.replace("Value error, ", "") in _error(catalogue)


def test_an_approval_loads() -> None:
    config = _load(
        _approval(
            steps=[{"first_available": ["U0A", "U0B"]}, {"users": ["U0C"]}],
            when={"field": "seats", "above": 5},
            remind_after="2h",
            fallback_after="1d",
            fallback=["U0D"],
        )
    )
    approval = config.catalogue["software_licence"].approval
    assert approval is not None and len(approval.steps) == 2
    assert approval.applies({"seats": 6}) and not approval.applies({"seats": 5})
    assert not approval.applies({})
