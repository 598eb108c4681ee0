"""What a ticket's card (and ``/ticket show``) and its requester's DMs say of how it ended or
what it took in: how it was solved (the note and the category, labelled as its service says),
the ticket a duplicate was merged into, the duplicates merged into a ticket."""

from __future__ import annotations

from bot.domain.config import ServicesConfig
from bot.domain.merging import absorbed, merged_into
from bot.domain.models import Language, Status, Ticket
from bot.domain.resolution import resolution_of
from bot.domain.resolution_categories import BUILT_IN
from bot.locales.i18n import t
from handlers.kit import mrkdwn as md

ABSORBED_SHOWN = 10
QUOTE_MAX = 2500
CARD_NOTE_MAX = 500  # the card shows the start of a long note (``/ticket show`` too)
SOLVED = frozenset({Status.RESOLVED, Status.CLOSED})


def quote(text: str) -> str:
    """Someone's text as a mrkdwn quote, escaped."""
    lines = md.truncate(text, QUOTE_MAX).splitlines() or [""]
    return "\n".join(f">{md.escape(line)}" for line in lines)


def category_label(config: ServicesConfig, service: str, key: str, language: Language) -> str:
    """A resolution category as people read it: the service's own label, else the built-in
    one, else its key (a category since removed from the services file)."""
    known = config.services.get(service)
    own = known.resolution_categories if known else None
    if own and key in own:
        return own[key].in_language(language)
    if key in BUILT_IN:
        return t(language, f"governance.category.{key}")
    return key


def resolution_shown(
    ticket: Ticket, config: ServicesConfig, language: Language, note_max: int = QUOTE_MAX
) -> str | None:
    """*How it was solved*: the category, then the note quoted; ``None`` when nobody said."""
    resolution = resolution_of(ticket.extra)
    if resolution is None or not (resolution.note or resolution.category):
        return None
    category = (
        md.escape(category_label(config, ticket.service, resolution.category, language))
        if resolution.category
        else ""
    )
    note = quote(md.truncate(resolution.note, note_max)) if resolution.note else ""
    between = "\n" if note else ""
    return t(language, "governance.resolve.shown", category=category, note=between + note)


def resolution_lines(ticket: Ticket, config: ServicesConfig, language: Language) -> list[str]:
    """The card's line on how the ticket was solved, once it is resolved or closed."""
    if ticket.status not in SOLVED:
        return []
    shown = resolution_shown(ticket, config, language, CARD_NOTE_MAX)
    return [shown] if shown else []


def merge_lines(ticket: Ticket, language: Language) -> list[str]:
    """``Duplicate of INC-2`` on a merged ticket; ``Merged into it: INC-3, INC-4`` on the ticket
    that absorbed them."""
    lines = []
    into = merged_into(ticket.extra)
    if into:
        lines.append(t(language, "working.merge.card_merged", other=into))
    taken_in = absorbed(ticket.extra)
    if taken_in:
        shown = ", ".join(taken_in[:ABSORBED_SHOWN])
        if len(taken_in) > ABSORBED_SHOWN:
            shown += " …"
        lines.append(t(language, "working.merge.card_absorbed", count=len(taken_in), ids=shown))
    return lines
