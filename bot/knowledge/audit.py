"""The audit line of an article's change (published, edited, retired): written with the change
on the article's document, then copied to the audit log like a ticket's (``storage/audit.py``)."""

from __future__ import annotations

__all__ = ["HOLDER", "article_line"]

from bot.domain.audit import AuditEntry
from bot.domain.knowledge import ArticleAction, ArticleChange
from bot.tickets.audit_lines import decision_line
from storage.audit import ARTICLES as HOLDER


def article_line(change: ArticleChange, from_ticket: str | None = None) -> AuditEntry:
    """``article_published`` / ``article_edited`` / ``article_retired``: the article's id in
    ``after``, and for a publication the ticket it was written from."""
    ticket_id = from_ticket if change.action is ArticleAction.PUBLISHED else None
    return decision_line(
        change.actor,
        f"article_{change.action.value}",
        change.at,
        ticket_id=ticket_id,
        after=change.article_id,
    )
