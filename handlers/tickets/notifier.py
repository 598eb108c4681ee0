"""The Slack side of the ports the use cases call: posting, updating, DMs."""

from __future__ import annotations

import logging
from datetime import datetime

from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.clock import Clock, SystemClock
from bot.domain.config import ServicesConfig
from bot.domain.errors import DeliveryFailed
from bot.domain.models import HistoryEntry, MessageRef, Outgoing, Status, Ticket
from bot.domain.sent_dm import DeliveredDm, SentDm
from bot.tickets.cards import CARD_ROLE
from bot.tickets.ports import AgentNotice, RequesterNotice
from handlers.kit.block_json import plain_blocks
from handlers.kit.slack_errors import SLACK_FAILURES, delivery_failure
from handlers.tickets.card import ticket_fallback_text
from handlers.tickets.card_posting import (
    SlackCards,
    find_dm,
    find_message,
    message_metadata,
    redraw_card,
)
from handlers.tickets.controls import moved_message, moved_text, moved_to_private
from handlers.tickets.requester_notices import (
    agents_text,
    requester_controls,
    requester_dm,
    retired_dm,
)

log = logging.getLogger(__name__)

_NOTICE_KEYS = {
    RequesterNotice.FILED: "filing.dm.filed",
    RequesterNotice.POST_FAILED: "filing.dm.post_failed",
    RequesterNotice.FILED_LATE: "filing.dm.filed_late",
    RequesterNotice.CLAIMED: "working.dm.claimed",
    RequesterNotice.ASSIGNED: "working.dm.assigned",
    RequesterNotice.STATUS_CHANGED: "working.dm.status_changed",
    RequesterNotice.RESOLVED: "working.dm.resolved",
    RequesterNotice.CLOSED: "working.dm.closed",
    RequesterNotice.REOPENED: "working.dm.reopened",
    RequesterNotice.REASSIGNED: "working.dm.reassigned",
    RequesterNotice.ACKNOWLEDGED: "paging.dm.acknowledged",
    RequesterNotice.EMERGENCY_DECLARED: "paging.dm.emergency_declared",
    RequesterNotice.NOT_EMERGENCY: "paging.dm.not_emergency",
    RequesterNotice.TYPE_CHANGED: "working.dm.type_changed",
    RequesterNotice.UNASSIGNED: "working.dm.unassigned",
}


def notice_key(notice: RequesterNotice, ticket: Ticket, actor: str | None = None) -> str:
    """The text telling the requester of ``notice`` on ``ticket`` as it stands: an emergency
    declared on a ticket someone had already taken pages nobody (they are on it), and says so;
    a ticket now waiting on its requester asks them for what the team needs ("is now *waiting
    on requester*" told the requester neither that it meant them nor what to do); a ticket
    taken off its assignee says so, unless someone has it again by the time it goes; a ticket
    reopened with nobody on it waits in its service's queue ("the team is back on it" is not
    so); a ticket its requester reopened ("not solved") is told in the DM they pressed, which
    says what they answered (``actor``: who reopened it), and so is one they closed ("yes,
    it's solved"), which then asks for their rating; an emergency its requester acknowledged
    (on call, they filed it) says they did, not that "<@them>" took it."""
    if notice is RequesterNotice.REOPENED and actor is not None and actor == ticket.requester:
        queued = ticket.assignee is None  # nobody had it: nobody is back on it yet
        return "working.dm.reopened_by_you_queue" if queued else "working.dm.reopened_by_you"
    if notice is RequesterNotice.CLOSED and actor is not None and actor == ticket.requester:
        return "working.dm.closed_by_you"
    if notice is RequesterNotice.ACKNOWLEDGED and actor is not None and actor == ticket.requester:
        return "paging.dm.acknowledged_by_you"  # on call, they filed it: not "<@them> took it"
    if notice is RequesterNotice.EMERGENCY_DECLARED and ticket.assignee is not None:
        return "paging.dm.emergency_declared_taken"
    if notice is RequesterNotice.UNASSIGNED and ticket.assignee is not None:
        return "working.dm.assigned"  # someone took it before this DM went: who has it now
    if notice is RequesterNotice.REOPENED and ticket.assignee is None:
        return "working.dm.reopened_queue"  # nobody had it: nobody is back on it yet
    if notice is RequesterNotice.STATUS_CHANGED and ticket.status is Status.WAITING_ON_REQUESTER:
        return "working.dm.waiting_on_you"  # the team needs them: say so, and how to answer
    return _NOTICE_KEYS[notice]


class SlackNotifier:
    def __init__(
        self,
        client: AsyncWebClient,
        config: ServicesConfig,
        cards: SlackCards,
        clock: Clock | None = None,
        owned: AsyncWebClient | None = None,
    ) -> None:
        """``cards`` posts the ticket's card (with its metadata, never blindly retried);
        ``owned`` (no blind retry) posts the DMs the outbox delivers; ``clock`` tells the
        card and the DMs how long is left before the next deadline."""
        self._client = client
        self._owned = owned or client
        self._config = config
        self._cards = cards
        self._clock = clock or SystemClock()

    async def post_ticket(self, ticket: Ticket) -> MessageRef:
        return await self._cards.post(ticket, CARD_ROLE)

    async def refresh_ticket(self, ticket: Ticket) -> None:
        if ticket.message is None:
            return
        try:
            await redraw_card(self._client, self._config, ticket, ticket.message, self._clock.now())
        except SLACK_FAILURES as error:
            log.error(
                "could not update the message of %s: %s",
                ticket.id,
                error,
                extra={"ticket_id": ticket.id},
            )

    async def mark_moved(self, old: MessageRef, ticket: Ticket, change: HistoryEntry) -> None:
        former = change.before or ticket.service
        language = (
            self._config.service(former).language
            if former in self._config.services
            else self._config.language
        )
        blocks = plain_blocks(moved_message(ticket, change, self._config, language))
        text = (  # a private team's case: not its title nor its requester, in the former channel
            moved_text(ticket, change, self._config, language)
            if moved_to_private(ticket, self._config)
            else ticket_fallback_text(ticket, language, self._config)
        )
        try:
            await self._client.chat_update(
                channel=old.channel,
                ts=old.ts,
                text=text,
                blocks=blocks,
            )
        except SLACK_FAILURES as error:
            log.error(
                "could not mark the old message of %s as moved: %s",
                ticket.id,
                error,
                extra={"ticket_id": ticket.id},
            )

    async def send_dm(
        self, ticket: Ticket, notice: RequesterNotice, actor: str, role: str
    ) -> DeliveredDm:
        text, blocks = requester_dm(
            notice_key(notice, ticket, actor), ticket, self._config, actor, self._clock.now()
        )
        try:
            response = await self._owned.chat_postMessage(
                channel=ticket.requester,
                text=text,
                blocks=plain_blocks(blocks),
                metadata=message_metadata(ticket.id, role),
            )
        except SLACK_FAILURES as error:
            raise delivery_failure(error) from error
        ref = MessageRef(str(response["channel"]), str(response["ts"]))
        return DeliveredDm(SentDm(ref, text), live=bool(requester_controls(ticket)))

    async def find_dm(
        self, ticket: Ticket, notice: RequesterNotice, actor: str, role: str, since: datetime
    ) -> DeliveredDm | None:
        ref = await find_dm(self._owned, ticket.requester, ticket.id, role, since)
        if ref is None:
            return None
        log.warning(
            "DM about %s found after an unanswered attempt: adopted, not sent again",
            ticket.id,
            extra={"ticket_id": ticket.id},
        )
        key = notice_key(notice, ticket, actor)
        text, _ = requester_dm(key, ticket, self._config, actor, self._clock.now())
        return DeliveredDm(SentDm(ref, text), live=bool(requester_controls(ticket)))

    async def update_dm(
        self, dm: SentDm, ticket: Ticket, notice: RequesterNotice, actor: str
    ) -> DeliveredDm:
        text, blocks = requester_dm(
            notice_key(notice, ticket, actor), ticket, self._config, actor, self._clock.now()
        )
        try:
            await self._owned.chat_update(
                channel=dm.ref.channel, ts=dm.ref.ts, text=text, blocks=plain_blocks(blocks)
            )
        except SLACK_FAILURES as error:
            raise delivery_failure(error) from error
        return DeliveredDm(SentDm(dm.ref, text), live=bool(requester_controls(ticket)))

    async def retire_dm(self, dm: SentDm, ticket: Ticket, superseded: bool) -> None:
        text, blocks = retired_dm(dm.text, ticket, superseded, self._config)
        try:
            await self._client.chat_update(
                channel=dm.ref.channel, ts=dm.ref.ts, text=text, blocks=plain_blocks(blocks)
            )
        except SLACK_FAILURES as error:
            raise delivery_failure(error) from error

    async def redraw_card(self, ticket: Ticket) -> MessageRef:
        if ticket.message is None:
            raise DeliveryFailed("the ticket has no channel message")
        try:
            await redraw_card(self._client, self._config, ticket, ticket.message, self._clock.now())
        except SLACK_FAILURES as error:
            raise delivery_failure(error) from error
        return ticket.message

    async def post_team_notice(self, ticket: Ticket, message: Outgoing, role: str) -> MessageRef:
        if ticket.message is None:
            raise DeliveryFailed("the ticket has no channel message")
        notice = AgentNotice(message.about or AgentNotice.INFORMATION.value)
        language = self._config.service(ticket.service).language
        actor = message.actor or "guichet"
        try:
            response = await self._owned.chat_postMessage(
                channel=ticket.message.channel,
                thread_ts=ticket.message.ts,
                text=agents_text(notice, ticket, language, actor, message.text, message.files),
                unfurl_links=False,
                unfurl_media=False,
                metadata=message_metadata(ticket.id, role),
            )
        except SLACK_FAILURES as error:
            raise delivery_failure(error) from error
        return MessageRef(str(response["channel"]), str(response["ts"]))

    async def find_team_notice(
        self, ticket: Ticket, role: str, since: datetime
    ) -> MessageRef | None:
        if ticket.message is None:
            return None
        thread = ticket.message
        found = await find_message(self._owned, thread.channel, ticket.id, role, since, thread.ts)
        if found is not None:
            log.warning(
                "the team's notice about %s found after an unanswered attempt: adopted",
                ticket.id,
                extra={"ticket_id": ticket.id},
            )
        return found
