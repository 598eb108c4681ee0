"""What a ticket's card (and ``/ticket show``) says of how it ended or what it took in: the
ticket a duplicate was merged into, the duplicates merged into a ticket."""

from __future__ import annotations

from bot.domain.merging import absorbed, merged_into
from bot.domain.models import Language, Ticket
from bot.locales.i18n import t

ABSORBED_SHOWN = 10


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
