"""The Slack side of ``bot/governance/retention_notices.py``: a deleted ticket's card replaced
by one line, in its service's language, without buttons."""

from __future__ import annotations

from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.config import ServicesConfig
from bot.domain.models import MessageRef
from bot.locales.i18n import t
from handlers.kit.slack_errors import SLACK_FAILURES, delivery_failure


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
