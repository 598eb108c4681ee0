"""An article's markdown as Slack mrkdwn, split into section texts within Slack's limits.

Headings become bold lines, ``**bold**`` Slack's ``*bold*``, ``[text](url)`` Slack links (a
text that is itself an address on another host shows the link's real target, as a relayed
message's does: ``[https://sso.example.com](https://evil.example)`` is no disguise), ``-``/``*``
list items bullets; code spans and fenced blocks are kept (mrkdwn has both). Text is escaped
first so an article cannot mention ``<!channel>``.
"""

from __future__ import annotations

import re

from handlers.kit.mrkdwn import escape, reveal_links

SECTION_MAX = 3000  # a section block's text
_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*$")
_BULLET = re.compile(r"^(\s*)[-*+]\s+")
_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_ITALIC = re.compile(r"(?<![\w*])\*(?!\s)([^*\n]+?)\*(?![\w*])")
_LINK = re.compile(r"\[([^\]\n]+)\]\((https?://[^)\s|]+)\)")


def _inline(line: str) -> str:
    line = _ITALIC.sub(r"_\1_", line)
    line = _BOLD.sub(lambda m: f"*{m.group(1) or m.group(2)}*", line)
    return _LINK.sub(lambda m: reveal_links(f"<{m.group(2)}|{m.group(1)}>"), line)


def to_mrkdwn(markdown: str) -> str:
    """The article's body as mrkdwn (code blocks left as written, but escaped)."""
    out: list[str] = []
    in_code = False
    for raw in escape(markdown).splitlines():
        if raw.strip().startswith("```"):
            in_code = not in_code
            out.append("```")
            continue
        if in_code:
            out.append(raw)
            continue
        heading = _HEADING.match(raw)
        if heading:
            out.append(f"*{_inline(heading.group(1)).replace('*', '')}*")
            continue
        bullet = _BULLET.match(raw)
        if bullet:
            raw = f"{bullet.group(1)}• {raw[bullet.end() :]}"
        out.append(_inline(raw))
    return "\n".join(out).strip()


def sections(markdown: str, limit: int = SECTION_MAX) -> list[str]:
    """The article as section texts of at most ``limit`` characters, cut between paragraphs
    (a paragraph longer than ``limit`` is cut between lines, then anywhere)."""
    chunks: list[str] = []
    current = ""
    for paragraph in to_mrkdwn(markdown).split("\n\n"):
        for piece in _pieces(paragraph, limit):
            joined = f"{current}\n\n{piece}" if current else piece
            if len(joined) <= limit:
                current = joined
            else:
                chunks.append(current)
                current = piece
    if current:
        chunks.append(current)
    return chunks


def excerpt(markdown: str, limit: int) -> tuple[str, bool]:
    """The beginning of the article, cut at a line end within ``limit``; and whether it was cut."""
    text = to_mrkdwn(markdown)
    if len(text) <= limit:
        return text, False
    cut = text.rfind("\n", 0, limit - 1)
    return text[: cut if cut > 0 else limit - 1].rstrip() + "\n…", True


def _pieces(paragraph: str, limit: int) -> list[str]:
    if len(paragraph) <= limit:
        return [paragraph]
    pieces, current = [], ""
    for line in paragraph.split("\n"):
        while len(line) > limit:
            pieces.append(line[:limit])
            line = line[limit:]
        joined = f"{current}\n{line}" if current else line
        if len(joined) <= limit:
            current = joined
        else:
            pieces.append(current)
            current = line
    if current:
        pieces.append(current)
    return pieces
