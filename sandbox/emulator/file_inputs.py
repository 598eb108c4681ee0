"""What Slack refuses of a ``file_input`` (which ``slack_sdk.models`` lets through unchecked):
outside an input block of a modal, ``max_files`` outside 1..10, ``filetypes`` not a list of
extensions."""

from __future__ import annotations

from typing import Any

FILES_MAX = 10


def check_file_inputs(view: dict[str, Any]) -> None:
    """Raise ``ValueError`` (with Slack's json-pointer) for a ``file_input`` Slack refuses."""
    for index, block in enumerate(view.get("blocks") or []):
        candidates = [block.get("element"), block.get("accessory"), *(block.get("elements") or [])]
        for element in candidates:
            if not isinstance(element, dict) or element.get("type") != "file_input":
                continue
            where = f"[json-pointer:/view/blocks/{index}]"
            if block.get("type") != "input" or view.get("type") != "modal":
                raise ValueError(f"file_input is only allowed in an input block of a modal {where}")
            max_files = element.get("max_files", FILES_MAX)
            if not isinstance(max_files, int) or not 1 <= max_files <= FILES_MAX:
                raise ValueError(f"max_files must be between 1 and {FILES_MAX} {where}")
            filetypes = element.get("filetypes", [])
            if not isinstance(filetypes, list) or not all(isinstance(f, str) for f in filetypes):
                raise ValueError(f"filetypes must be a list of file extensions {where}")
