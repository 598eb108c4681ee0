"""The bot with a catalogue: the tests' services file plus ``tests/data/catalogue.yml``."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from storage.client import Database
from tests.e2e.harness import SERVICES_FILE, Harness, running_bot, services_file_with

CATALOGUE = SERVICES_FILE.parent / "catalogue.yml"


def with_catalogue(folder: Path) -> Path:
    """The tests' services file and the catalogue, as one services file written in ``folder``."""
    return services_file_with(folder, CATALOGUE.read_text(encoding="utf-8"))


@pytest.fixture
async def bot(database: Database, tmp_path: Path) -> AsyncIterator[Harness]:
    async with running_bot(database, services_file=with_catalogue(tmp_path)) as harness:
        yield harness
