"""The Slack side of a card's delivery through the outbox (``bot/tickets/cards.py``): posting
it with its metadata and no blind retry, finding it again after a lost answer, and telling the
service's people (or the default service) when it never can be posted."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.clock import Clock, SystemClock
from bot.domain.config import ServicesConfig
from bot.domain.errors import DeliveryDeferred
from bot.domain.models import MessageRef, Ticket
from bot.locales.i18n import t
from bot.tickets.cards import CARD_ROLE
from handlers.kit import mrkdwn as md
from handlers.kit.block_json import plain_blocks
from handlers.kit.slack_errors import SLACK_FAILURES, delivery_failure
from handlers.tickets.card import ticket_fallback_text, ticket_message
from handlers.tickets.catalogue_answers import FilesShown, title_in

log = logging.getLogger(__name__)

EVENT_TYPE = "guichet_message"
"""The ``event_type`` of the metadata Guichet puts on the messages it posts through the outbox."""
CLOCK_SKEW = timedelta(minutes=1)
"""How much earlier than the first attempt a lost card is looked for (Slack's clock vs ours)."""
HISTORY_PAGE = 200
HISTORY_PAGES = 25  # how far back a lost message is looked for: 5,000 messages


def message_metadata(ticket_id: str, role: str) -> dict[str, Any]:
    """What tells a message of Guichet's apart in a channel: its ticket and its role."""
    return {"event_type": EVENT_TYPE, "event_payload": {"ticket_id": ticket_id, "role": role}}


def carries(message: dict[str, Any], ticket_id: str, role: str) -> bool:
    """Whether a message from ``conversations.history`` is that ticket's message in that role."""
    metadata = message.get("metadata") or {}
    payload = metadata.get("event_payload") or {}
    return (
        metadata.get("event_type") == EVENT_TYPE
        and payload.get("ticket_id") == ticket_id
        and payload.get("role") == role
    )


async def find_message(
    client: AsyncWebClient,
    channel: str,
    ticket_id: str,
    role: str,
    since: datetime,
    thread_ts: str | None = None,
) -> MessageRef | None:
    """The message of ``ticket_id`` in ``role`` posted in ``channel`` (in the thread of
    ``thread_ts`` when given) since ``since`` (``find_posted``)."""
    return await find_posted(
        client, channel, lambda message: carries(message, ticket_id, role), since, thread_ts
    )


async def find_in_dm(
    client: AsyncWebClient, user: str, ticket_id: str, role: str, since: datetime
) -> MessageRef | None:
    """``find_message`` in the bot's DM with ``user`` (``conversations.open`` names it);
    ``DeliveryFailed`` (or ``DeliveryDeferred``) when Slack does not answer."""
    try:
        opened = await client.conversations_open(users=user)
    except SLACK_FAILURES as error:
        raise delivery_failure(error) from error
    return await find_message(client, str(opened["channel"]["id"]), ticket_id, role, since)


async def find_posted(
    client: AsyncWebClient,
    channel: str,
    matches: Callable[[dict[str, Any]], bool],
    since: datetime,
    thread_ts: str | None = None,
) -> MessageRef | None:
    """The message that ``matches`` posted in ``channel`` (in the thread of ``thread_ts`` when
    given) since ``since``, read page after page: a busy channel holds more than one page of
    messages since then. Raises ``DeliveryDeferred`` when Slack does not answer (the lookup is
    tried again, never skipped)."""
    oldest = f"{(since - CLOCK_SKEW).timestamp():.6f}"
    cursor: str | None = None
    try:
        for _ in range(HISTORY_PAGES):
            if thread_ts is not None:
                response = await client.conversations_replies(
                    channel=channel,
                    ts=thread_ts,
                    oldest=oldest,
                    include_all_metadata=True,
                    limit=HISTORY_PAGE,
                    cursor=cursor,
                )
            else:
                response = await client.conversations_history(
                    channel=channel,
                    oldest=oldest,
                    include_all_metadata=True,
                    limit=HISTORY_PAGE,
                    cursor=cursor,
                )
            for message in response.get("messages") or []:
                if matches(message):
                    return MessageRef(channel=channel, ts=str(message["ts"]))
            cursor = (response.get("response_metadata") or {}).get("next_cursor") or None
            if cursor is None:
                return None
    except SLACK_FAILURES as error:
        raise delivery_failure(error) from error
    raise DeliveryDeferred("history too long to search")


async def find_dm(
    client: AsyncWebClient,
    user: str,
    ticket_id: str,
    role: str,
    since: datetime,
    thread_ts: str | None = None,
) -> MessageRef | None:
    """``find_message`` in the DM channel with ``user`` (opened to learn its id)."""
    try:
        opened = await client.conversations_open(users=user)
    except SLACK_FAILURES as error:
        raise delivery_failure(error) from error
    channel = str(opened["channel"]["id"])
    return await find_message(client, channel, ticket_id, role, since, thread_ts)


async def redraw_card(
    client: AsyncWebClient, config: ServicesConfig, ticket: Ticket, card: MessageRef, now: datetime
) -> None:
    """Update ``ticket``'s ``card`` to the ticket as stored, in its service's language; raises
    Slack's failure (``SLACK_FAILURES``) for the caller to tell or retry."""
    language = config.service(ticket.service).language
    await client.chat_update(
        channel=card.channel,
        ts=card.ts,
        text=ticket_fallback_text(ticket, language, config),
        blocks=plain_blocks(
            ticket_message(ticket, config, language, now, files=FilesShown.IN_THIS_THREAD)
        ),
    )


class SlackCards:
    def __init__(
        self, client: AsyncWebClient, config: ServicesConfig, clock: Clock | None = None
    ) -> None:
        """``client`` has no retry handlers: an unanswered post is never sent again blindly
        (the outbox looks for it first). ``clock`` tells the card its next deadline."""
        self._client = client
        self._config = config
        self._clock = clock or SystemClock()

    async def post(self, ticket: Ticket, role: str) -> MessageRef:
        """Post the card; raise ``DeliveryDeferred`` (try later) or ``DeliveryFailed``."""
        service = self._config.service(ticket.service)
        language, now = service.language, self._clock.now()
        try:
            response = await self._client.chat_postMessage(
                channel=service.channel,
                text=ticket_fallback_text(ticket, language, self._config),
                blocks=plain_blocks(
                    ticket_message(
                        ticket, self._config, language, now, files=FilesShown.IN_THIS_THREAD
                    )
                ),
                metadata=message_metadata(ticket.id, role),
                unfurl_links=False,
                unfurl_media=False,
            )
        except SLACK_FAILURES as error:
            raise delivery_failure(error) from error
        return MessageRef(channel=str(response["channel"]), ts=str(response["ts"]))

    async def find_card(self, ticket: Ticket, since: datetime) -> MessageRef | None:
        channel = self._config.service(ticket.service).channel
        return await find_message(self._client, channel, ticket.id, CARD_ROLE, since)

    async def report_undeliverable(self, ticket: Ticket, reason: str) -> None:
        config = self._config
        service = config.services.get(ticket.service)
        default = config.services.get(config.default_service)
        targets: list[str]
        if default is not None and (service is None or default.channel != service.channel):
            targets, language = [default.channel], default.language
        elif service is not None:
            targets, language = list(service.agents), service.language
        else:
            targets, language = [], config.language
        targets += [admin for admin in config.admins.users if admin not in targets]  # by DM
        text = t(
            language,
            "filing.card.undeliverable",
            ticket_id=ticket.id,
            title=md.escape(title_in(ticket, config, language)),
            requester=md.user(ticket.requester),
            channel=md.channel(service.channel) if service else md.escape(ticket.service),
            service=md.escape(config.service_name(ticket.service, language)),
            reason=md.escape(reason),
        )
        for target in targets:
            try:
                await self._client.chat_postMessage(channel=target, text=text)
            except SLACK_FAILURES as error:
                log.error(
                    "could not tell %s that the card of %s is undeliverable: %s",
                    target,
                    ticket.id,
                    error,
                    extra={"ticket_id": ticket.id},
                )
        if not targets:
            log.error("nobody to tell that the card of %s is undeliverable", ticket.id)
