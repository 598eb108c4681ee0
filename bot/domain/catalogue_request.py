"""What a request filed from the catalogue carries: the item and the answers to its fields.

Stored on the ticket as structured data (not only as text), so the card, ``/ticket show``, the
requester's message and the CSV export each show the answers in their reader's language, and a
report can count licences by software.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# short/long text and dates (YYYY-MM-DD): str; number: int or float; checkbox: bool;
# select: the option's id; multi_select, users, channels: lists of ids.
Answer = str | int | float | bool | list[str]


@dataclass(frozen=True)
class CatalogueRequest:
    item: str  # the catalogue item's id
    answers: dict[str, Answer] = field(
        default_factory=dict
    )  # field id -> answer; unanswered left out
