"""What a request filed from the catalogue carries: the item and the answers to its fields.

Stored on the ticket as structured data (not only as text), so the card, ``/ticket show``, the
requester's message and the CSV export each show the answers in their reader's language, and a
report can count licences by software.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# short/long text and dates (YYYY-MM-DD): str; number: int or float; checkbox: bool;
# select: the option's id; multi_select, users, channels, file: lists of ids.
Answer = str | int | float | bool | list[str]


@dataclass(frozen=True)
class FileRef:
    """A file attached in a form: Slack's file id, its name and its permalink."""

    id: str
    name: str
    permalink: str


@dataclass(frozen=True)
class CatalogueRequest:
    item: str  # the catalogue item's id
    # field id -> answer; unanswered fields left out
    answers: dict[str, Answer] = field(default_factory=dict)
    files: tuple[FileRef, ...] = ()  # the files of its file fields (whose answers list their ids)

    def file(self, file_id: str) -> FileRef | None:
        return next((ref for ref in self.files if ref.id == file_id), None)
