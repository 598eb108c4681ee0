"""One markdown article file: a small YAML front-matter between ``---`` lines, then the body.

```markdown
---
title: Set up the VPN on your phone
language: en            # fr or en
tags: [vpn, phone, remote]
service: infra_network  # optional: the service that owns it
topic: vpn-phone        # optional: shared by its translations
---
Body in markdown...
```

``parse_article`` turns a file's text into an ``Article`` or raises ``ArticleFileError`` with one
sentence saying what is wrong, which the loader logs with the file's name.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from bot.domain.config import describe_validation_error
from bot.domain.knowledge import ARTICLE_BODY_MAX, ARTICLE_TITLE_MAX, TAG_MAX, Article
from bot.domain.models import Language

_FRONT = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
ARTICLE_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,79}$")
Tag = Annotated[str, Field(min_length=1, max_length=TAG_MAX)]


class ArticleFileError(ValueError):
    """What is wrong with one article file (one sentence)."""


class FrontMatter(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str = Field(min_length=1, max_length=ARTICLE_TITLE_MAX)
    language: Language
    tags: list[Tag] = Field(default_factory=list)
    service: str | None = None
    topic: str | None = Field(default=None, pattern=ARTICLE_ID.pattern)

    @field_validator("title")
    @classmethod
    def _one_line(cls, value: str) -> str:
        value = value.strip()
        if not value or "\n" in value:
            raise ValueError("must be one line of text")
        return value


def parse_article(article_id: str, text: str, services: Collection[str] | None = None) -> Article:
    """The article in ``text`` (``article_id``: its file's name without ``.md``)."""
    if not ARTICLE_ID.match(article_id):
        raise ArticleFileError(
            "the file name must be lower-case letters, digits, - or _ (it is the article's id)"
        )
    found = _FRONT.match(text)
    if found is None:
        raise ArticleFileError("no front-matter: the file must start with a '---' line")
    try:
        raw: Any = yaml.safe_load(found.group(1))
    except yaml.YAMLError as error:
        where = getattr(error, "problem_mark", None)
        line = f" at line {where.line + 2}" if where else ""
        raise ArticleFileError(f"malformed front-matter{line}: {error}".splitlines()[0]) from None
    if not isinstance(raw, dict):
        raise ArticleFileError("the front-matter must be 'key: value' lines (title, language...)")
    try:
        front = FrontMatter.model_validate(raw)
    except ValidationError as error:
        raise ArticleFileError(describe_validation_error(error)) from None
    if services is not None and front.service is not None and front.service not in services:
        raise ArticleFileError(
            f"service: unknown service {front.service!r} (known: {', '.join(sorted(services))})"
        )
    body = text[found.end() :].strip()
    if not body:
        raise ArticleFileError("the article has no text after its front-matter")
    if len(body) > ARTICLE_BODY_MAX:
        raise ArticleFileError(f"the text is longer than {ARTICLE_BODY_MAX} characters")
    return Article(
        id=article_id,
        title=front.title,
        body=body,
        language=front.language,
        tags=tuple(front.tags),
        service=front.service,
        topic=front.topic or "",
    )
