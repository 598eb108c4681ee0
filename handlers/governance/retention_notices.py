"""The Slack side of ``bot/governance/retention_notices.py``: a deleted ticket's card replaced
by one line, in its service's language, without buttons; an anonymised ticket's card redrawn;
the bot's messages about a forgotten ticket deleted (``chat.delete``: in the requester's DM,
those whose metadata names the ticket and the bot's replies in their threads; in the card's
thread, the bot's replies); and the DM telling an admin what retention did on a day, in their
language, with its metadata (found again after a lost answer)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.clock import Clock
from bot.domain.config import ServicesConfig
from bot.domain.errors import DeliveryDeferred, DeliveryFailed
from bot.domain.models import Language, MessageRef, Outgoing, Ticket
from bot.domain.retention import RetentionDone
from bot.locales.i18n import t
from handlers.governance.bot_dms import NO_DM, UNREADABLE, Identity, every_page
from handlers.kit.locale import LocaleResolver
from handlers.kit.messages import Rendered, post_rendered
from handlers.kit.slack_errors import SLACK_FAILURES, delivery_failure, reason
from handlers.tickets.card_posting import (
    CLOCK_SKEW,
    EVENT_TYPE,
    find_in_dm,
    message_metadata,
    redraw_card,
)

GONE = frozenset({"message_not_found"})  # deleted already (an earlier attempt, by hand)
FILE_GONE = frozenset({"file_not_found", "file_deleted"})  # a file deleted already


class SlackDeletedCards:
    def __init__(self, client: AsyncWebClient, config: ServicesConfig) -> None:
        self._client = client
        self._config = config

    async def replace_card(self, ref: MessageRef, ticket_id: str, service: str) -> None:
        known = self._config.services.get(service)
        language = known.language if known is not None else self._config.language
        text = t(language, "governance.retention.deleted_card", ticket_id=ticket_id)
        try:
            await self._client.chat_update(
                channel=ref.channel,
                ts=ref.ts,
                text=text,
                blocks=[{"type": "section", "text": {"type": "mrkdwn", "text": text}}],
            )
        except SLACK_FAILURES as error:
            raise delivery_failure(error) from error


class SlackAnonymisedCards:
    def __init__(self, client: AsyncWebClient, config: ServicesConfig, clock: Clock) -> None:
        self._client = client
        self._config = config
        self._clock = clock

    async def redraw(self, ticket: Ticket) -> MessageRef:
        if ticket.message is None:
            raise DeliveryFailed("no card")
        try:
            await redraw_card(self._client, self._config, ticket, ticket.message, self._clock.now())
        except SLACK_FAILURES as error:
            raise delivery_failure(error) from error
        return ticket.message


class SlackForgottenMessages:
    def __init__(self, client: AsyncWebClient, identity: Identity) -> None:
        """``identity`` tells the bot's own user id (``auth.test``): whose messages go."""
        self._client = client
        self._identity = identity

    async def delete_in_dm(
        self, person: str, known: MessageRef | None, ticket_id: str, since: datetime
    ) -> int:
        try:
            me = await self._me()
            channel = await self._open(person) or (known.channel if known else None)
            if channel is None:
                return 0
            oldest = f"{(since - CLOCK_SKEW).timestamp():.6f}"
            try:
                top = await every_page(
                    self._client.conversations_history,
                    channel=channel,
                    oldest=oldest,
                    include_all_metadata=True,
                )
            except SlackApiError as error:
                if reason(error) not in UNREADABLE:
                    raise
                return 0
            ours: list[str] = []
            for message in top:
                if message.get("user") != me or not _about(message, ticket_id):
                    continue
                if message.get("reply_count") or message.get("thread_ts") == message.get("ts"):
                    ours.extend(await self._replies(channel, str(message["ts"]), me))
                ours.append(str(message["ts"]))
            return await self._delete(channel, ours)
        except SLACK_FAILURES as error:
            raise delivery_failure(error) from error

    async def delete_in_thread(self, card: MessageRef) -> int:
        try:
            me = await self._me()
            try:
                thread = await every_page(
                    self._client.conversations_replies, channel=card.channel, ts=card.ts
                )
            except SlackApiError as error:
                if reason(error) not in UNREADABLE | GONE | {"thread_not_found"}:
                    raise
                return 0
            ours = [r for r in thread if r.get("ts") != card.ts and r.get("user") == me]
            await self._delete_files(ours)  # the copies of the requester's form files
            return await self._delete(card.channel, [str(r["ts"]) for r in ours])
        except SLACK_FAILURES as error:
            raise delivery_failure(error) from error

    async def _me(self) -> str:
        try:
            user = (await self._identity.answer()).bot_user_id
        except ConnectionError as error:
            raise DeliveryDeferred(str(error)) from error
        if not user:
            raise DeliveryDeferred("auth.test did not say who the bot is")
        return str(user)

    async def _open(self, person: str) -> str | None:
        try:
            response = await self._client.conversations_open(users=person)
        except SlackApiError as error:
            if reason(error) in NO_DM:
                return None
            raise
        return str((response.get("channel") or {}).get("id") or "") or None

    async def _replies(self, channel: str, ts: str, me: str) -> list[str]:
        """The bot's replies in the thread of ``ts`` (not the parent)."""
        thread = await every_page(self._client.conversations_replies, channel=channel, ts=ts)
        return [str(r["ts"]) for r in thread if r.get("ts") != ts and r.get("user") == me]

    async def _delete_files(self, messages: list[dict]) -> None:
        """The files the bot shared in ``messages`` (``bot/working/requester_files.py``'s copies):
        deleting a message leaves its files in Slack, so they go first, by their own id."""
        for message in messages:
            for shared in message.get("files") or []:
                if not isinstance(shared, dict) or not shared.get("id"):
                    continue
                try:
                    await self._client.files_delete(file=str(shared["id"]))
                except SlackApiError as error:
                    if reason(error) not in FILE_GONE:
                        raise

    async def _delete(self, channel: str, timestamps: list[str]) -> int:
        for ts in timestamps:  # a thread's replies before its parent
            try:
                await self._client.chat_delete(channel=channel, ts=ts)
            except SlackApiError as error:
                if reason(error) not in GONE:
                    raise
        return len(timestamps)


def _about(message: dict[str, Any], ticket_id: str) -> bool:
    """Whether a message of the bot's names ``ticket_id`` in its metadata (every DM Guichet
    posts about a ticket does: ``card_posting.message_metadata``)."""
    metadata = message.get("metadata") or {}
    payload = metadata.get("event_payload") or {}
    return metadata.get("event_type") == EVENT_TYPE and payload.get("ticket_id") == ticket_id


class SlackRetentionReports:
    def __init__(self, client: AsyncWebClient, locales: LocaleResolver) -> None:
        self._client = client
        self._locales = locales

    async def send_report(self, message: Outgoing, day: str, done: RetentionDone) -> MessageRef:
        if message.recipient is None:
            raise DeliveryFailed("no recipient")
        language = await self._locales.language_of(message.recipient)
        text = report_text(language, day, done)
        return await post_rendered(
            self._client,
            message.recipient,
            Rendered(text, []),
            metadata=message_metadata(message.ticket_id, _role(message)),
        )

    async def find_report(self, message: Outgoing, since: datetime) -> MessageRef | None:
        if message.recipient is None:
            return None
        return await find_in_dm(
            self._client, message.recipient, message.ticket_id, _role(message), since
        )


def report_text(language: Language, day: str, done: RetentionDone) -> str:
    """« 🗄️ Conservation des données le 2026-12-05 (UTC) : 3 tickets clos anonymisés, … »"""
    parts = [
        t(language, f"governance.retention.report.{name}", count=count)
        for name, count in (
            ("anonymised", done.anonymised),
            ("deleted", done.deleted),
            ("audit", done.audit),
            ("deflections", done.deflections),
        )
        if count
    ]
    return t(language, "governance.retention.report", day=day, done=", ".join(parts))


def _role(message: Outgoing) -> str:
    return f"{message.kind.value}:{message.recipient}:{message.about}"
