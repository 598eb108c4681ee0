"""The Slack side of ``bot/working/assignee_dms.py``: the DM telling a person that someone else
took a ticket off them, in their language, with its metadata (found again after a lost answer)."""

from __future__ import annotations

from datetime import datetime

from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.config import ServicesConfig
from bot.domain.errors import DeliveryFailed
from bot.domain.models import HistoryAction, MessageRef, Outgoing, Ticket
from bot.locales.i18n import t
from handlers.kit import mrkdwn as md
from handlers.kit.locale import LocaleResolver
from handlers.kit.messages import Rendered, post_rendered
from handlers.tickets.card_posting import find_in_dm, message_metadata


class SlackFormerAssigneeDms:
    def __init__(
        self, client: AsyncWebClient, config: ServicesConfig, locales: LocaleResolver
    ) -> None:
        self._client = client
        self._config = config
        self._locales = locales

    async def send_dm(self, ticket: Ticket, message: Outgoing) -> MessageRef:
        if message.recipient is None:
            raise DeliveryFailed("no recipient")
        language = await self._locales.language_of(message.recipient)
        key = "working.former_assignee.unassigned"
        if message.about == HistoryAction.ASSIGNED.value and ticket.assignee:
            key = "working.former_assignee.given"
            if ticket.assignee == message.actor:  # they assigned it to themselves
                key = "working.former_assignee.taken"
        text = t(
            language,
            key,
            user=md.user(message.actor or ""),
            ticket_id=ticket.id,
            title=md.escape(ticket.title),
            service=self._config.service_name(ticket.service, language),
            assignee=md.user(ticket.assignee or ""),
        )
        rendered = Rendered(text, [])
        return await post_rendered(
            self._client, message.recipient, rendered, metadata=_metadata(message)
        )

    async def find_dm(
        self, ticket: Ticket, message: Outgoing, since: datetime
    ) -> MessageRef | None:
        if message.recipient is None:
            return None
        return await find_in_dm(self._client, message.recipient, ticket.id, _role(message), since)


def _role(message: Outgoing) -> str:
    return f"{message.kind.value}:{message.recipient}:{message.token}"


def _metadata(message: Outgoing) -> dict[str, object]:
    return message_metadata(message.ticket_id, _role(message))
