"""Slack's ``file_input`` (files uploaded in a modal), which ``slack_sdk.models`` does not have
yet: the element, validated against Slack's limits (10 files at most), and what a submission
says of the files uploaded (their ids, names and permalinks)."""

from __future__ import annotations

from typing import Any

from slack_sdk.models.basic_objects import JsonValidator
from slack_sdk.models.blocks.block_elements import InputInteractiveElement

from bot.domain.catalogue import FILES_MAX
from bot.domain.catalogue_request import FileRef


class FileInputElement(InputInteractiveElement):
    type = "file_input"

    @property
    def attributes(self) -> set[str]:  # type: ignore[override]
        return super().attributes.union({"filetypes", "max_files"})

    def __init__(
        self,
        *,
        action_id: str,
        filetypes: list[str] | None = None,
        max_files: int | None = None,
        **others: Any,
    ) -> None:
        super().__init__(action_id=action_id, type=self.type)
        self.filetypes = filetypes or None
        self.max_files = max_files

    @JsonValidator(f"max_files must be between 1 and {FILES_MAX}")
    def _validate_max_files(self) -> bool:
        return self.max_files is None or 1 <= self.max_files <= FILES_MAX


def uploaded_files(view: dict[str, Any]) -> list[FileRef]:
    """The files of every ``file_input`` of a submitted view, as Slack describes them."""
    found: list[FileRef] = []
    for elements in ((view.get("state") or {}).get("values") or {}).values():
        for element in (elements or {}).values() if isinstance(elements, dict) else []:
            if not isinstance(element, dict) or element.get("type") != "file_input":
                continue
            for file in element.get("files") or []:
                if isinstance(file, dict) and file.get("id"):
                    name = str(file.get("name") or file.get("title") or file["id"])
                    link = str(file.get("permalink") or "")
                    found.append(FileRef(id=str(file["id"]), name=name, permalink=link))
    return found
