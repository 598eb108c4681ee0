"""``isolated``: one item's failure goes no further than that item, but a database down stops
the step; a write the database refused for what the item holds is that item's own."""

from __future__ import annotations

import logging

import pytest

from bot.domain.errors import StoreRejected, StoreUnavailable
from bot.telemetry.isolation import isolated

log = logging.getLogger("tests.isolation")


def test_a_refused_write_is_the_items_own_one_line_naming_its_ticket(
    caplog: pytest.LogCaptureFixture,
) -> None:
    reached = []
    with caplog.at_level(logging.ERROR):
        for ticket_id in ("INC-1", "INC-2"):
            with isolated(log, "step: could not handle %s", ticket_id, ticket_id=ticket_id) as it:
                if ticket_id == "INC-1":
                    raise StoreRejected("WriteError: Document failed validation,\n full error")
                reached.append(ticket_id)
            assert it.failed is (ticket_id == "INC-1")
    assert reached == ["INC-2"]
    (line,) = caplog.records
    assert line.levelno == logging.ERROR and line.exc_info is None
    assert line.getMessage() == (
        "step: could not handle INC-1: the database refused it "
        "(WriteError: Document failed validation, full error)"
    )
    assert getattr(line, "ticket_id", None) == "INC-1"


def test_a_database_down_still_stops_the_step(caplog: pytest.LogCaptureFixture) -> None:
    with pytest.raises(StoreUnavailable), isolated(log, "step: could not handle %s", "INC-1"):
        raise StoreUnavailable("no server")
    assert caplog.records == []


def test_any_other_failure_is_logged_with_its_traceback(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR), isolated(log, "step: %s", "INC-1", ticket_id="INC-1"):
        raise RuntimeError("a bug")
    (line,) = caplog.records
    assert line.getMessage() == "step: INC-1" and line.exc_info is not None
