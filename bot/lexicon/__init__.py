"""The bot's word lists (package data ``bot/lexicon/*.yml``), read once and cached."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Any

import yaml

__all__ = ["load"]


@cache
def load(name: str) -> Any:
    """The parsed content of ``bot/lexicon/<name>``."""
    return yaml.safe_load(files(__package__).joinpath(name).read_text(encoding="utf-8"))
