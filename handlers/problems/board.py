"""The Slack side of problems and storms (``bot.ports.ProblemBoard``).

Two Web API clients: ``client`` (the bot's, which retries rate limits itself) posts a
suggestion, the one message a person's action waits for; ``bulk`` delivers what the outbox
sends, and does not retry rate limits: an HTTP 429 comes back at once as ``DeliveryDeferred``
with Slack's ``Retry-After``, and the outbox waits that long (``bot/deliveries.py``), instead of
a tick sleeping on it.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime

from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.clock import Clock, SystemClock
from bot.domain.config import ServicesConfig
from bot.domain.errors import DeliveryFailed
from bot.domain.models import Language, MessageRef, OutgoingKind, ProblemSuggestion, Ticket
from bot.domain.sent_dm import SentDm
from handlers.kit.messages import Rendered, post_rendered
from handlers.kit.slack_errors import SLACK_FAILURES, delivery_failure
from handlers.problems.blocks import (
    duplicate_reply,
    failure_text,
    linked_reply,
    recurrence_offer,
    recurrence_reply,
    requester_message,
    suggestion_message,
)
from handlers.tickets.card import ticket_fallback_text, ticket_message
from handlers.tickets.card_posting import find_dm, find_message, message_metadata

log = logging.getLogger(__name__)

SUGGESTION_ROLE = "suggestion"
"""The role in its metadata of a suggestion's message (its ``ticket_id``: the suggestion's id)."""


class SlackProblemBoard:
    def __init__(
        self,
        client: AsyncWebClient,
        bulk: AsyncWebClient,
        config: ServicesConfig,
        clock: Clock | None = None,
    ) -> None:
        """``clock``: the redrawn ticket messages tell their deadline as of now."""
        self._client = client
        self._bulk = bulk
        self._config = config
        self._clock = clock or SystemClock()

    async def post_suggestion(
        self, suggestion: ProblemSuggestion, incidents: Sequence[Ticket]
    ) -> MessageRef:
        service = self._config.service(suggestion.service)
        rendered = suggestion_message(suggestion, incidents, self._config, service.language)
        metadata = message_metadata(suggestion.id, SUGGESTION_ROLE)
        return await post_rendered(self._client, service.channel, rendered, metadata=metadata)

    async def find_suggestion(
        self, suggestion: ProblemSuggestion, since: datetime
    ) -> MessageRef | None:
        channel = self._config.service(suggestion.service).channel
        return await find_message(self._client, channel, suggestion.id, SUGGESTION_ROLE, since)

    async def show_suggestion(
        self,
        suggestion: ProblemSuggestion,
        incidents: Sequence[Ticket],
        problem: Ticket | None = None,
    ) -> MessageRef:
        if suggestion.message is None:
            raise DeliveryFailed("the suggestion has no message")
        language = self._language(suggestion.service)
        rendered = suggestion_message(suggestion, incidents, self._config, language, problem)
        return await _update(self._bulk, suggestion.message, rendered)

    async def post_linked(
        self, parent: Ticket, incidents: Sequence[Ticket], role: str
    ) -> MessageRef:
        if parent.message is None:
            raise DeliveryFailed(f"{parent.id} has no channel message")
        rendered = linked_reply(parent, incidents, self._language(parent.service))
        return await post_rendered(
            self._bulk,
            parent.message.channel,
            rendered,
            thread_ts=parent.message.ts,
            metadata=message_metadata(parent.id, role),
        )

    async def find_linked(self, parent: Ticket, role: str, since: datetime) -> MessageRef | None:
        if parent.message is None:
            return None
        channel, thread = parent.message.channel, parent.message.ts
        return await find_message(self._bulk, channel, parent.id, role, since, thread)

    async def show_linked(
        self, parent: Ticket, incidents: Sequence[Ticket], ref: MessageRef
    ) -> MessageRef:
        rendered = linked_reply(parent, incidents, self._language(parent.service))
        return await _update(self._bulk, ref, rendered)

    async def post_recurrence(self, incident: Ticket, parent: Ticket, role: str) -> MessageRef:
        if incident.message is None:
            raise DeliveryFailed(f"{incident.id} has no channel message")
        rendered = recurrence_reply(incident, parent, self._config, self._clock.now())
        return await post_rendered(
            self._bulk,
            incident.message.channel,
            rendered,
            thread_ts=incident.message.ts,
            metadata=message_metadata(incident.id, role),
        )

    async def show_recurrence(
        self, incident: Ticket, parent: Ticket, ref: MessageRef, linked_by: str | None
    ) -> MessageRef:
        return await _update(
            self._bulk, ref, recurrence_offer(incident, parent, self._config, linked_by)
        )

    async def find_recurrence(
        self, incident: Ticket, role: str, since: datetime
    ) -> MessageRef | None:
        if incident.message is None:
            return None
        channel, thread = incident.message.channel, incident.message.ts
        return await find_message(self._bulk, channel, incident.id, role, since, thread)

    async def warn_duplicate(self, ticket: Ticket, earlier: Sequence[Ticket]) -> MessageRef:
        if ticket.message is None:
            raise DeliveryFailed(f"{ticket.id} has no channel message")
        rendered = duplicate_reply(ticket, earlier, self._language(ticket.service))
        return await post_rendered(
            self._client, ticket.message.channel, rendered, thread_ts=ticket.message.ts
        )

    async def show_ticket(self, ticket: Ticket) -> MessageRef:
        if ticket.message is None:
            raise DeliveryFailed(f"{ticket.id} has no channel message")
        language = self._language(ticket.service)
        rendered = Rendered(
            ticket_fallback_text(ticket, language, self._config),
            ticket_message(ticket, self._config, language, now=self._clock.now()),
        )
        return await _update(self._bulk, ticket.message, rendered)

    async def tell_requester(
        self, kind: OutgoingKind, incident: Ticket, about: Ticket | None, role: str
    ) -> SentDm:
        rendered = requester_message(kind, incident, about, self._config)
        metadata = message_metadata(incident.id, role)
        ref = await post_rendered(self._bulk, incident.requester, rendered, metadata=metadata)
        return SentDm(ref, rendered.text)

    async def find_told(
        self,
        kind: OutgoingKind,
        incident: Ticket,
        about: Ticket | None,
        role: str,
        since: datetime,
    ) -> SentDm | None:
        ref = await find_dm(self._bulk, incident.requester, incident.id, role, since)
        if ref is None:
            return None
        return SentDm(ref, requester_message(kind, incident, about, self._config).text)

    async def report_failure(
        self, kind: OutgoingKind, incident: Ticket, about: Ticket | None, reason: str
    ) -> None:
        where = about if about is not None and about.message is not None else incident
        service = self._config.services.get(where.service)
        if service is None:
            return
        text = failure_text(kind, incident, reason, service.language)
        thread = where.message.ts if where.message else None
        channel = where.message.channel if where.message else service.channel
        try:
            await post_rendered(self._client, channel, Rendered(text, []), thread_ts=thread)
        except DeliveryFailed as failure:
            log.error(
                "could not report that %s's requester was not told: %s",
                incident.id,
                failure.reason,
            )

    def _language(self, service: str) -> Language:
        config = self._config.services.get(service)
        return config.language if config else self._config.language


async def _update(client: AsyncWebClient, ref: MessageRef, rendered: Rendered) -> MessageRef:
    try:
        await client.chat_update(
            channel=ref.channel, ts=ref.ts, text=rendered.text, blocks=rendered.blocks
        )
    except SLACK_FAILURES as error:
        raise delivery_failure(error) from error
    return ref
