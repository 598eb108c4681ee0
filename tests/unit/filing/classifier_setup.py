"""What the classifier's tests share: the design's type defaults and the labelled tickets."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from bot.domain.models import TicketType

DATA = Path(__file__).resolve().parents[2] / "data" / "labelled_tickets.yml"

SERVICES = ("service_desk", "internal_it", "app_dev", "security", "infra_network")

# The per-type defaults of the design (built here: the config modules are not under test).
TYPE_DEFAULTS: dict[TicketType, str] = {
    TicketType.INCIDENT: "service_desk",
    TicketType.SERVICE_REQUEST: "internal_it",
    TicketType.PROBLEM: "internal_it",
    TicketType.INFORMATION_REQUEST: "service_desk",
    TicketType.IMPROVEMENT_REQUEST: "app_dev",
    TicketType.TRAINING_REQUEST: "service_desk",
    TicketType.EMERGENCY: "infra_network",
}


@cache
def dataset() -> dict[str, Any]:
    with DATA.open(encoding="utf-8") as f:
        return yaml.safe_load(f)


def labelled() -> list[dict[str, str]]:
    return dataset()["tickets"]
