"""The Slack side of the scheduler's ``Messenger``: posts reminders and pages, updates pages once
acknowledged, and sorts Slack's failures into "try again later" and "never"."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.config import ServiceConfig, ServicesConfig
from bot.domain.errors import DeliveryFailed
from bot.domain.models import (
    HistoryEntry,
    Language,
    MessageRef,
    Outgoing,
    OutgoingKind,
    SlaClock,
    Ticket,
)
from handlers.kit import mrkdwn as md
from handlers.kit.locale import LocaleResolver
from handlers.kit.messages import post_rendered
from handlers.kit.slack_errors import SLACK_FAILURES, delivery_failure
from handlers.paging import blocks as alerts
from handlers.tickets.card import ticket_fallback_text, ticket_message
from handlers.tickets.card_posting import find_message, message_metadata

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
            sent = await post_rendered(
                self._client, message.recipient, rendered, metadata=_metadata(message)
            )
            if message.kind is OutgoingKind.REMINDER:
                await self._refresh_card(ticket, service, now)
            return sent
        language = service.language
        if message.kind is OutgoingKind.REMINDER:
            paging = ticket.paging
            if paging and paging.active and message.clock is SlaClock.RESPONSE:  # pages call
                rendered = alerts.reminder_while_paging(ticket, message, self._config, language)
            else:
                mention = _mentions(service)
                rendered = alerts.reminder(ticket, message, self._config, language, now, mention)
            sent = await self._post_on_ticket(
                ticket, service, rendered, broadcast=False, metadata=_metadata(message)
            )
            await self._refresh_card(ticket, service, now)
            return sent
        if message.kind is OutgoingKind.PAGE:
            rendered = alerts.channel_page(ticket, message, self._config, language)
        else:
            rendered = alerts.last_level(ticket, message, self._config, language)
        return await self._post_on_ticket(
            ticket, service, rendered, broadcast=True, metadata=_metadata(message)
        )

    async def find_sent(
        self, message: Outgoing, ticket: Ticket, since: datetime
    ) -> MessageRef | None:
        service = self._config.services.get(ticket.service)
        thread: str | None = None
        try:
            if message.recipient is not None:
                opened = await self._client.conversations_open(users=message.recipient)
                channel = str(opened["channel"]["id"])
            elif ticket.message is not None:
                channel, thread = ticket.message.channel, ticket.message.ts
            elif service is not None:
                channel = service.channel
            else:
                return None
        except SLACK_FAILURES as error:
            raise delivery_failure(error) from error
        found = await find_message(self._client, channel, ticket.id, _role(message), since, thread)
        if found is not None:
            log.warning(
                "%s for %s found after an unanswered attempt: adopted, not sent again",
                message.kind.value,
                ticket.id,
                extra={"ticket_id": ticket.id},
            )
        return found

    async def show_acknowledged(
        self, ticket: Ticket, sent: Sequence[tuple[Outgoing, MessageRef]]
    ) -> None:
        await self._update_pages(ticket, sent, lambda lang: alerts.acknowledged_page(ticket, lang))

    async def show_ended(
        self, ticket: Ticket, entry: HistoryEntry, sent: Sequence[tuple[Outgoing, MessageRef]]
    ) -> None:
        await self._update_pages(
            ticket, sent, lambda lang: alerts.ended_page(ticket, entry, self._config, lang)
        )

    async def show_answered(
        self, ticket: Ticket, sent: Sequence[tuple[Outgoing, MessageRef]]
    ) -> None:
        await self._update_pages(
            ticket,
            sent,
            lambda lang: alerts.answered_reminder(ticket, sent[0][0], self._config, lang),
        )

    async def _update_pages(
        self,
        ticket: Ticket,
        sent: Sequence[tuple[Outgoing, MessageRef]],
        render: Callable[[Language], alerts.Rendered],
    ) -> None:
        """Each page sent, at the reference stored when it was sent, in its reader's language."""
        service = self._config.services.get(ticket.service)
        for message, ref in sent:
            if message.recipient is not None:
                language = await self._locales.language_of(message.recipient)
            else:
                language = service.language if service else self._config.language
            rendered = render(language)
            try:
                await self._client.chat_update(
                    channel=ref.channel, ts=ref.ts, text=rendered.text, blocks=rendered.blocks
                )
            except SLACK_FAILURES as error:
                log.error(
                    "could not update the page %s of %s: %s",
                    ref.ts,
                    ticket.id,
                    error,
                    extra={"ticket_id": ticket.id},
                )

    async def report_failure(
        self, message: Outgoing, ticket: Ticket, reason: str, *, maybe_sent: bool = False
    ) -> None:
        service = self._config.services.get(ticket.service)
        if service is None:
            return
        text = alerts.delivery_failure(
            message, ticket, reason, service.language, service.channel, maybe_sent=maybe_sent
        )
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
                text=ticket_fallback_text(ticket, language, self._config),
                blocks=ticket_message(ticket, self._config, language, now),
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
        self,
        ticket: Ticket,
        service: ServiceConfig,
        rendered: alerts.Rendered,
        broadcast: bool,
        metadata: dict[str, Any] | None = None,
    ) -> MessageRef:
        """In the thread of the ticket's channel message (or the service channel when it has
        none); ``broadcast`` also shows the reply in the channel."""
        if ticket.message is None:
            return await post_rendered(self._client, service.channel, rendered, metadata=metadata)
        return await post_rendered(
            self._client,
            ticket.message.channel,
            rendered,
            thread_ts=ticket.message.ts,
            broadcast=broadcast,
            metadata=metadata,
        )


def _role(message: Outgoing) -> str:
    """What tells this scheduler message apart from the ticket's others, in its metadata."""
    due = message.due.isoformat() if message.due else ""
    who = message.recipient or "channel"
    return f"{message.kind.value}:{who}:{message.level}:{message.number}:{due}"


def _metadata(message: Outgoing) -> dict[str, Any]:
    return message_metadata(message.ticket_id, _role(message))


def _mentions(service: ServiceConfig) -> str:
    """Who a channel reminder calls: the service's agents and its user groups (a group's
    mention notifies each of its members), and the whole channel when its members work it
    (``channel_members_are_agents``: ``@channel`` reaches those away too); else whoever is
    around."""
    called = [md.user(agent) for agent in service.agents]
    called += [f"<!subteam^{group}>" for group in service.usergroups]
    if service.channel_members_are_agents:
        called.append("<!channel>")
    return " ".join(called) if called else "<!here>"
