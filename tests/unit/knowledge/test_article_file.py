"""Article files: front-matter read, every mistake named; a bad file never hides the others."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.domain.models import Language
from bot.knowledge.article_file import ArticleFileError, parse_article
from bot.knowledge.folder import load_folder

GOOD = """---
title: Set up the VPN on your phone
language: en
tags: [vpn, phone]
service: infra_network
topic: vpn-phone
---
## Steps
1. Install it.
"""


def test_a_good_file_becomes_an_article() -> None:
    article = parse_article("vpn-phone-en", GOOD, services={"infra_network"})
    assert article.title == "Set up the VPN on your phone"
    assert article.language is Language.EN
    assert article.tags == ("vpn", "phone")
    assert article.service == "infra_network"
    assert article.topic_key == "vpn-phone"
    assert article.body == "## Steps\n1. Install it."


@pytest.mark.parametrize(
    ("name", "text", "problem"),
    [
        ("x", "no front-matter here", "no front-matter"),
        ("x", "---\ntitle: x\nlanguage: de\n---\nbody", "language: Input should be 'fr' or 'en'"),
        ("x", "---\ntitle: a: b\nlanguage: en\n---\nbody", "malformed front-matter at line 2"),
        ("x", "---\nlanguage: en\n---\nbody", "title: required setting is missing"),
        ("x", "---\ntitle: x\nlanguage: en\ncolour: red\n---\nb", "colour: unknown setting"),
        ("x", "---\ntitle: x\nlanguage: en\n---\n  \n", "no text after its front-matter"),
        ("Bad Name", GOOD, "the file name must be lower-case"),
        ("x", GOOD.replace("infra_network", "nowhere"), "service: unknown service 'nowhere'"),
    ],
)
def test_each_mistake_is_named(name: str, text: str, problem: str) -> None:
    with pytest.raises(ArticleFileError) as raised:
        parse_article(name, text, services={"infra_network"})
    assert problem in str(raised.value)


def test_a_malformed_file_is_logged_once_and_the_others_load(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "broken.md").write_text("---\ntitle: [oops\n---\nbody", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not an article", encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="bot.knowledge.folder"):
        articles = load_folder(tmp_path, services={"infra_network"})
    assert [a.id for a in articles] == ["good"]
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1
    assert "broken.md skipped: malformed front-matter" in errors[0]


def test_every_sandbox_article_loads() -> None:
    folder = Path(__file__).parents[3] / "sandbox" / "knowledge"
    articles = load_folder(folder)
    assert len(articles) == len(list(folder.glob("*.md"))) >= 12
    assert {a.language for a in articles} == {Language.FR, Language.EN}
