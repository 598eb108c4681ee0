"""The Slack side of ``bot/governance/retention_notices.py``: a deleted ticket's card replaced
by one line, in its service's language, without buttons; and the DM telling an admin what
retention did on a day, in their language, with its metadata (found again after a lost
answer)."""

from __future__ import annotations

from datetime import datetime

from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.config import ServicesConfig
from bot.domain.errors import DeliveryFailed
from bot.domain.models import Language, MessageRef, Outgoing
from bot.domain.retention import RetentionDone
from bot.locales.i18n import t
from handlers.kit.locale import LocaleResolver
from handlers.kit.messages import Rendered, post_rendered
from handlers.kit.slack_errors import SLACK_FAILURES, delivery_failure
from handlers.tickets.card_posting import find_in_dm, message_metadata


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
