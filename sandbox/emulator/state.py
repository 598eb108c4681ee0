"""The Slack emulator's constants and records: the workspace's fixed ids, Slack's limits, a
recorded call, an uploaded file, a channel, and the refusal a Web API handler raises."""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass, field
from typing import Any

JsonDict = dict[str, Any]

TEAM_ID = "T0001"
TEAM_NAME = "Guichet Test"
TEAM_DOMAIN = "guichet-test"
APP_ID = "A0001"
BOT_USER_ID = "UBOT"
BOT_ID = "BBOT"
BOT_NAME = "guichet"
DEFAULT_USER_ID = "U1"
DEFAULT_CHANNEL_ID = "C0GENERAL"
RESPONSE_URL_METHOD = "response_url"
"""Pseudo method name under which posts to a ``response_url`` are recorded."""
UPLOAD_METHOD = "upload_url"
"""Pseudo method name under which the bytes posted to an upload URL (the second step of
``files_upload_v2``) are recorded; ``fail_next(UPLOAD_METHOD, status=500)`` makes one fail."""

SHUTDOWN_TIMEOUT = 1.0
"""Seconds ``close()`` waits for requests still in flight."""

MAX_MESSAGE_BLOCKS = 50
MAX_VIEW_BLOCKS = 100
MAX_TEXT_LENGTH = 40_000

SUPPORTED_METHODS: frozenset[str] = frozenset(
    {
        "auth.test",
        "chat.postMessage",
        "chat.postEphemeral",
        "chat.update",
        "chat.delete",
        "chat.getPermalink",
        "views.open",
        "views.update",
        "views.push",
        "views.publish",
        "users.info",
        "usergroups.users.list",
        "conversations.open",
        "conversations.members",
        "conversations.info",
        "conversations.history",
        "conversations.replies",
        "reactions.add",
        "apps.connections.open",
        "files.getUploadURLExternal",
        "files.completeUploadExternal",
    }
)

_JSON_FIELDS = ("blocks", "attachments", "view", "metadata", "user_auth_blocks", "files")
_TS_BASE_MICROS = 1_700_000_000_000_000


@dataclass
class RecordedCall:
    """One request received by the emulator, with the answer it got."""

    method: str
    args: JsonDict
    at: float
    rejected: bool = False
    response: JsonDict = field(default_factory=dict)
    status: int = 200
    http_verb: str = "POST"
    token: str | None = None
    url: str = ""
    fault: str | None = None  # the injected fault this call met (``sandbox/emulator/faults``)

    @property
    def ok(self) -> bool:
        """True when Slack would have answered HTTP 200 with ``ok: true``."""
        return self.status == 200 and bool(self.response.get("ok"))


@dataclass
class UploadedFile:
    """A file uploaded with files.getUploadURLExternal / the upload URL /
    files.completeUploadExternal (what ``files_upload_v2`` does)."""

    id: str
    filename: str
    length: int  # as announced to files.getUploadURLExternal
    alt_txt: str | None = None
    data: bytes | None = None  # what was posted to the upload URL
    title: str | None = None
    completed: bool = False
    channels: list[str] = field(default_factory=list)  # where it was shared
    initial_comment: str | None = None
    thread_ts: str | None = None
    # who uploaded it: a person (a modal's file_input: theirs, shared nowhere, so nobody else
    # can open its permalink) or ``None``, the bot
    owner: str | None = None

    @property
    def mimetype(self) -> str:
        return mimetypes.guess_type(self.filename)[0] or "application/octet-stream"


@dataclass
class _Failure:
    error: str
    status: int
    retry_after: int | None


@dataclass
class _Channel:
    id: str
    name: str
    members: list[str]
    bot_member: bool = True
    is_private: bool = False
    is_im: bool = False
    is_mpim: bool = False
    user: str | None = None


class _Refusal(Exception):
    """Raised by handlers to answer ``{"ok": false, "error": ...}``."""

    def __init__(self, error: str, *, rejected: bool = False, **extra: Any) -> None:
        super().__init__(error)
        self.error = error
        self.rejected = rejected
        self.extra = extra


def _truthy(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"1", "true", "yes"}
    return bool(value)


def _split_ids(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v) for v in value if v]
    return [v.strip() for v in str(value).split(",") if v.strip()]


def _react(message: JsonDict, name: str, user_id: str) -> bool:
    """Add ``user_id``'s reaction ``name`` to a stored message; False if already there."""
    reactions: list[JsonDict] = message.setdefault("reactions", [])
    for reaction in reactions:
        if reaction["name"] == name:
            if user_id in reaction["users"]:
                return False
            reaction["users"].append(user_id)
            reaction["count"] += 1
            return True
    reactions.append({"name": name, "users": [user_id], "count": 1})
    return True


def _block_error(error: str, *messages: str) -> _Refusal:
    """Slack's refusal of blocks or a view, each problem in ``response_metadata.messages``."""
    return _Refusal(
        error,
        rejected=True,
        errors=list(messages),
        response_metadata={"messages": [f"[ERROR] {message}" for message in messages]},
    )
