"""Reading the articles folder at start-up: every ``*.md`` file, a bad one skipped with one log
line naming it and what is wrong, so one typo never hides the other articles."""

from __future__ import annotations

import logging
from collections.abc import Collection
from pathlib import Path

from bot.domain.knowledge import Article
from bot.knowledge.article_file import ArticleFileError, parse_article

log = logging.getLogger(__name__)


def load_folder(folder: Path, services: Collection[str] | None = None) -> list[Article]:
    """The valid articles of ``folder`` (sorted by file name); each bad file logged once."""
    articles: list[Article] = []
    for path in sorted(folder.glob("*.md")):
        try:
            text = path.read_text(encoding="utf-8")
            articles.append(parse_article(path.stem, text, services))
        except ArticleFileError as error:
            log.error("knowledge: article %s skipped: %s", path, error, extra={"file": str(path)})
        except (OSError, UnicodeDecodeError) as error:
            log.error(
                "knowledge: article %s skipped: cannot be read (%s)",
                path,
                error,
                extra={"file": str(path)},
            )
    log.info("knowledge: %d article(s) loaded from %s", len(articles), folder)
    return articles
