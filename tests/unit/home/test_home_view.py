"""The Home tab stays within Slack's limits however many tickets there are."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.domain.config import load_services_config
from bot.domain.models import Language, Level, Priority, Status, Ticket
from bot.home.snapshot import ASSIGNED_MAX, OPEN_MAX, QUEUE_MAX, RECENT_MAX, HomeSnapshot
from handlers.home.blocks import home_view
from tests.e2e.harness import SERVICES_FILE
from tests.fakes import ticket as fake_ticket

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def _ticket(number: int, status: Status = Status.NEW, assignee: str | None = None) -> Ticket:
    return fake_ticket(
        at=T0,
        id=f"INC-{number}",
        title="<!channel> " + "very long title " * 20,
        description="...",
        impact=Level.HIGH,
        urgency=Level.HIGH,
        priority=Priority.P1,
        status=status,
        language=Language.FR,
        assignee=assignee,
    )


def test_a_full_home_fits_in_100_valid_blocks() -> None:
    config = load_services_config(SERVICES_FILE)
    snapshot = HomeSnapshot(
        user="U1",
        open=[_ticket(n) for n in range(OPEN_MAX)],
        recent=[_ticket(n, Status.CLOSED) for n in range(RECENT_MAX)],
        services=list(config.services),
        assigned=[_ticket(n, Status.IN_PROGRESS, "U1") for n in range(ASSIGNED_MAX)],
        queue=[_ticket(n) for n in range(QUEUE_MAX)],
        more_open=True,
        more_assigned=True,
        more_queue=True,
    )
    for language in Language:
        view = home_view(snapshot, config, language)
        view.validate_json()
        blocks = view.to_dict()["blocks"]
        assert len(blocks) <= 100
        assert "<!channel>" not in str(blocks)
        claims = [b for b in blocks if b.get("accessory", {}).get("action_id") == "ticket_claim"]
        assert len(claims) == QUEUE_MAX


def test_a_requester_home_has_no_agent_part() -> None:
    config = load_services_config(SERVICES_FILE)
    snapshot = HomeSnapshot("U1", open=[], recent=[], services=[], assigned=[], queue=[])
    blocks = home_view(snapshot, config, Language.EN).to_dict()["blocks"]
    assert "Aucun" not in str(blocks) and "No open tickets." in str(blocks)
    assert "Waiting to be claimed" not in str(blocks)


def test_a_cut_list_says_what_is_left_out_less_pressing() -> None:
    """The lists are sorted by what is due first (``bot/domain/deadlines.queue_order``): what a
    cut leaves out is the less pressing, not the more recent."""
    config = load_services_config(SERVICES_FILE)
    snapshot = HomeSnapshot(
        user="U1",
        open=[],
        recent=[],
        services=["service_desk"],
        assigned=[_ticket(1, Status.IN_PROGRESS, "U1")],
        queue=[_ticket(2)],
        more_assigned=True,
        more_queue=True,
    )
    english = str(home_view(snapshot, config, Language.EN).to_dict()["blocks"])
    assert "… and less pressing ones." in english
    assert "… and less pressing ones, in the services’ channels." in english
    assert "more recent" not in english
    french = str(home_view(snapshot, config, Language.FR).to_dict()["blocks"])
    assert "… et d’autres, moins pressants." in french
    assert "… et d’autres, moins pressants, dans les canaux des services." in french
    assert "plus récents" not in french
