"""The Slack side of the scheduler's ``Messenger``: posts reminders and pages, updates pages once
acknowledged, and sorts Slack's failures into "try again later" and "never"."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime

from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.config import ServiceConfig, ServicesConfig
from bot.domain.errors import DeliveryFailed
from bot.domain.models import MessageRef, Outgoing, OutgoingKind, Ticket
from handlers.kit import mrkdwn as md
from handlers.kit.locale import LocaleResolver
from handlers.kit.slack_errors import SLACK_FAILURES, delivery_failure
from handlers.paging import blocks as alerts
from handlers.tickets.card import ticket_fallback_text, ticket_message

log = logging.getLogger(__name__)


class SlackMessenger:
    def __init__(
        self, client: AsyncWebClient, config: ServicesConfig, locales: LocaleResolver
    ) -> None:
        self._client = client
        self._config = config
        self._locales = locales

    async def send(self, message: Outgoing, ticket: Ticket, now: datetime) -> MessageRef:
        service = self._config.services.get(ticket.service)
        if service is None:
            raise DeliveryFailed(f"unknown service {ticket.service}")
        if message.recipient is not None:  # a DM: in the recipient's own language
            language = await self._locales.language_of(message.recipient)
            if message.kind is OutgoingKind.PAGE:
                rendered = alerts.page(ticket, message, self._config, language, now)
            else:
                rendered = alerts.reminder(ticket, message, self._config, language, now)
            sent = await self._post(message.recipient, rendered)
            if message.kind is OutgoingKind.REMINDER:
                await self._refresh_card(ticket, service, now)
            return sent
        language = service.language
        if message.kind is OutgoingKind.REMINDER:
            mention = _mentions(service)
            rendered = alerts.reminder(ticket, message, self._config, language, now, mention)
            sent = await self._post_on_ticket(ticket, service, rendered, broadcast=False)
            await self._refresh_card(ticket, service, now)
            return sent
        if message.kind is OutgoingKind.PAGE:
            rendered = alerts.channel_page(ticket, message, self._config, language)
        else:
            rendered = alerts.last_level(ticket, message, self._config, language)
        return await self._post_on_ticket(ticket, service, rendered, broadcast=True)

    async def show_acknowledged(
        self, ticket: Ticket, sent: Sequence[tuple[Outgoing, MessageRef]]
    ) -> None:
        service = self._config.services.get(ticket.service)
        for message, ref in sent:
            if message.recipient is not None:
                language = await self._locales.language_of(message.recipient)
            else:
                language = service.language if service else self._config.language
            rendered = alerts.acknowledged_page(ticket, language)
            try:
                await self._client.chat_update(
                    channel=ref.channel, ts=ref.ts, text=rendered.text, blocks=rendered.blocks
                )
            except SLACK_FAILURES as error:
                log.error(
                    "could not mark the page %s of %s acknowledged: %s",
                    ref.ts,
                    ticket.id,
                    error,
                    extra={"ticket_id": ticket.id},
                )

    async def report_failure(self, message: Outgoing, ticket: Ticket, reason: str) -> None:
        service = self._config.services.get(ticket.service)
        if service is None:
            return
        text = alerts.delivery_failure(message, ticket, reason, service.language, service.channel)
        try:
            await self._post_on_ticket(ticket, service, alerts.Rendered(text, []), broadcast=True)
        except DeliveryFailed as failure:
            log.error(
                "could not tell %s's channel that a message failed: %s",
                ticket.id,
                failure.reason,
                extra={"ticket_id": ticket.id},
            )

    async def _refresh_card(self, ticket: Ticket, service: ServiceConfig, now: datetime) -> None:
        """Redraw the ticket's channel message once a reminder about it went out, so its
        deadline line ("overdue by 1 h 5 min") is current. Best effort: the reminder is sent."""
        if ticket.message is None:
            return
        language = service.language
        try:
            await self._client.chat_update(
                channel=ticket.message.channel,
                ts=ticket.message.ts,
                text=ticket_fallback_text(ticket, language),
                blocks=ticket_message(ticket, self._config, language, now=now),
            )
        except SLACK_FAILURES as error:
            log.warning(
                "could not refresh the message of %s after a reminder: %s",
                ticket.id,
                error,
                extra={"ticket_id": ticket.id},
            )

    # --- posting ------------------------------------------------------------------------------
    async def _post_on_ticket(
        self, ticket: Ticket, service: ServiceConfig, rendered: alerts.Rendered, broadcast: bool
    ) -> MessageRef:
        """In the thread of the ticket's channel message (or the service channel when it has
        none); ``broadcast`` also shows the reply in the channel."""
        if ticket.message is None:
            return await self._post(service.channel, rendered)
        return await self._post(
            ticket.message.channel, rendered, thread_ts=ticket.message.ts, broadcast=broadcast
        )

    async def _post(
        self,
        channel: str,
        rendered: alerts.Rendered,
        thread_ts: str | None = None,
        broadcast: bool = False,
    ) -> MessageRef:
        try:
            response = await self._client.chat_postMessage(
                channel=channel,
                text=rendered.text,
                blocks=rendered.blocks or None,
                thread_ts=thread_ts,
                reply_broadcast=broadcast if thread_ts else None,
                unfurl_links=False,
                unfurl_media=False,
            )
        except SLACK_FAILURES as error:
            raise delivery_failure(error) from error
        return MessageRef(channel=str(response["channel"]), ts=str(response["ts"]))


def _mentions(service: ServiceConfig) -> str:
    """Who a channel reminder calls: the service's agents, else whoever is around."""
    if service.agents:
        return " ".join(md.user(agent) for agent in service.agents)
    return "<!here>"
