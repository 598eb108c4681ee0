"""Turning the domain's dataclasses into documents and back (shared by the repositories)."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from datetime import UTC, datetime, timedelta
from enum import Enum
from typing import Any

from bot.domain.catalogue_request import CatalogueRequest, FileRef
from bot.domain.models import (
    Handover,
    MessageRef,
    Outgoing,
    OutgoingKind,
    Paging,
    SlaClock,
    SlaClocks,
    SlaRan,
)
from bot.domain.outbox import OutboxItem, OutboxState
from bot.domain.thread_reply import ThreadReply


def plain(value: Any) -> Any:
    """Dataclasses -> dicts, enums -> their values, tuples -> lists, recursively."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, timedelta):  # BSON has no durations: their seconds
        return value.total_seconds()
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    return value


def aware(value: datetime) -> datetime:
    """Datetimes come back naive from some drivers: they are UTC."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def maybe_aware(value: datetime | None) -> datetime | None:
    return aware(value) if isinstance(value, datetime) else None


def sla_clocks(document: dict[str, Any] | None) -> SlaClocks:
    document = document or {}
    return SlaClocks(**{f.name: maybe_aware(document.get(f.name)) for f in fields(SlaClocks)})


def sla_ran(document: dict[str, Any] | None) -> SlaRan:
    """What the clocks ran (seconds stored); nothing in documents older than it."""
    document = document or {}
    return SlaRan(
        response=timedelta(seconds=float(document.get("response") or 0)),
        resolution=timedelta(seconds=float(document.get("resolution") or 0)),
    )


def paging(document: dict[str, Any] | None) -> Paging | None:
    if not document:
        return None
    return Paging(
        started_at=aware(document["started_at"]),
        next_at=maybe_aware(document.get("next_at")),
        level=int(document.get("level", 0)),
        pages=int(document.get("pages", 0)),
        last_level_announced=bool(document.get("last_level_announced", False)),
        acked_by=document.get("acked_by"),
        acked_at=maybe_aware(document.get("acked_at")),
        stopped_at=maybe_aware(document.get("stopped_at")),
        paged={str(user): int(count) for user, count in (document.get("paged") or {}).items()},
        skipped_to=int(document.get("skipped_to", 0)),
        moved_from=document.get("moved_from"),
        unconfirmed={
            str(user): int(count) for user, count in (document.get("unconfirmed") or {}).items()
        },
    )


def outgoing(document: dict[str, Any]) -> Outgoing:
    clock = document.get("clock")
    return Outgoing(
        kind=OutgoingKind(document["kind"]),
        ticket_id=document["ticket_id"],
        recipient=document.get("recipient"),
        level=int(document.get("level", 0)),
        number=int(document.get("number", 1)),
        clock=SlaClock(clock) if clock else None,
        due=maybe_aware(document.get("due")),
        about=document.get("about"),
        bulk=bool(document.get("bulk", False)),
        actor=document.get("actor"),
        text=document.get("text"),
        reply=thread_reply(document.get("reply")),
        token=document.get("token"),
        ref=MessageRef(**document["ref"]) if document.get("ref") else None,
        files=tuple(file_ref(f) for f in document.get("files") or []),
    )


def thread_reply(document: dict[str, Any] | None) -> ThreadReply | None:
    """A relayed reply kept in the outbox until it is delivered."""
    if not document:
        return None
    return ThreadReply(
        channel=document["channel"],
        ts=document["ts"],
        thread_ts=document["thread_ts"],
        author=document["author"],
        text=document.get("text") or "",
        files=int(document.get("files", 0)),
        attachments=tuple(file_ref(f) for f in document.get("attachments") or []),
    )


def file_ref(document: dict[str, Any]) -> FileRef:
    return FileRef(
        id=str(document["id"]),
        name=str(document.get("name") or ""),
        permalink=str(document.get("permalink") or ""),
    )


def handover(document: dict[str, Any] | None) -> Handover | None:
    if not document:
        return None
    return Handover(
        token=document["token"],
        messages=tuple(outgoing(message) for message in document.get("messages", [])),
        next_ping_at=maybe_aware(document.get("next_ping_at")),
    )


def catalogue_request(document: dict[str, Any] | None) -> CatalogueRequest | None:
    if not document:
        return None
    files = tuple(file_ref(f) for f in document.get("files") or [])
    return CatalogueRequest(
        item=document["item"], answers=dict(document.get("answers") or {}), files=files
    )


def outbox_item(document: dict[str, Any]) -> OutboxItem:
    sent = document.get("sent")
    return OutboxItem(
        id=document["_id"],
        message=outgoing(document["message"]),
        state=OutboxState(document["state"]),
        attempts=int(document.get("attempts", 0)),
        next_attempt_at=maybe_aware(document.get("next_attempt_at")),
        created_at=aware(document["created_at"]),
        last_error=document.get("last_error"),
        sent=MessageRef(**sent) if sent else None,
        sent_as=document.get("sent_as"),
        maybe_sent=bool(document.get("maybe_sent", False)),
    )
