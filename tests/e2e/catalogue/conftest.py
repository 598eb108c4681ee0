"""The bot with a catalogue: the tests' services file plus ``tests/data/catalogue.yml``."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from storage.client import Database
from tests.e2e.harness import SERVICES_FILE, Harness, running_bot

CATALOGUE = SERVICES_FILE.parent / "catalogue.yml"


@pytest.fixture
async def bot(database: Database, tmp_path: Path) -> AsyncIterator[Harness]:
    services_file = tmp_path / "services.yml"
    services_file.write_text(
        SERVICES_FILE.read_text(encoding="utf-8") + "\n" + CATALOGUE.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    async with running_bot(database, services_file=services_file) as harness:
        yield harness
