"""Files a requester sends reach the team: those uploaded in a form (*Add information*'s file
input, a catalogue item's file field) and those sent with a reply in their DM thread (relayed).

Slack keeps a file uploaded in a modal's ``file_input`` private to its uploader: it is shared
nowhere, so its permalink opens for them alone, not for the team the ticket's thread shows it to
("Channel ID where the file will be shared. If not specified the file will be private.":
https://docs.slack.dev/reference/methods/files.completeUploadExternal). A file sent in the
requester's DM with the bot is shared in that DM only: its link opens for the two of them. The
app may read such files (``files:read``), not share another person's: so the bot copies each
one into the ticket's channel thread (``files.info``, its private URL read with the bot's
token, ``files_upload_v2`` into the thread), where the channel's members can open it. The
copies are made after *Add information* (``after_change``), once a catalogue request's card is
posted (``bot/tickets/cards.py``) and once a reply with files is relayed
(``bot/conversation/relay_delivery.py``).

The copy goes through the stored outbox like any message owed (a Slack outage delays it; a
redelivered change stores it once: its id names the history entry, the card's service or the
reply). A copy whose answer was lost is looked for in the thread before it is made again. A
file Slack answers 5xx for, or no answer at all (``files.info``, its private URL), waits and is
tried again (``bot/outbox``'s attempts); one it refuses for good (deleted, 404, too large), or
still failing at the last attempt, is given up: logged, and the thread, whose line said a copy
follows, is told once that it does not (``not_copied_item``: an item of its own, its id named
after the copy's, so stored once however often the copy is given up)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from bot.domain.errors import DeliveryFailed
from bot.domain.models import HistoryAction, MessageRef, Outgoing, Ticket
from bot.domain.outbox import NOT_COPIED, not_copied_item, requester_files_item
from bot.tickets.desk import TicketDesk
from bot.tickets.ports import Courier
from bot.working.changes import Changed

log = logging.getLogger(__name__)


class RequesterFilesPort(Protocol):
    """The Slack side. Both raise ``DeliveryDeferred`` (try later) or ``DeliveryFailed``
    (never: a file deleted meanwhile, the thread gone)."""

    async def copy(self, ticket: Ticket, thread: MessageRef, message: Outgoing) -> MessageRef:
        """The files of ``message`` uploaded again into ``thread``, with a line saying whose."""
        ...

    async def find_copy(
        self, ticket: Ticket, thread: MessageRef, message: Outgoing, since: datetime
    ) -> MessageRef | None:
        """That copy, if an attempt since ``since`` made it (its answer lost)."""
        ...

    async def tell_not_copied(
        self, ticket: Ticket, thread: MessageRef, message: Outgoing
    ) -> MessageRef:
        """A line in ``thread`` saying the files of ``message`` could not be copied there."""
        ...

    async def find_not_copied(
        self, ticket: Ticket, thread: MessageRef, message: Outgoing, since: datetime
    ) -> MessageRef | None:
        """That line, if an attempt since ``since`` posted it (its answer lost)."""
        ...


def added_files_item(changed: Changed) -> tuple[str, Outgoing] | None:
    """The outbox item copying the files ``changed`` added, or ``None``: none added."""
    entry = changed.entry
    if entry.action != HistoryAction.INFO_ADDED or not changed.files:
        return None
    ids = [f.id for f in changed.files]
    return requester_files_item(changed.ticket.id, entry.actor, ids, entry.at.isoformat())


class RequesterFiles:
    """A follower of ``ChangeAnnouncer`` (``after_change``) and the outbox's ``Sender`` of
    ``OutgoingKind.REQUESTER_FILES``."""

    grouped = False

    def __init__(self, desk: TicketDesk, courier: Courier, port: RequesterFilesPort) -> None:
        self.desk = desk
        self.courier = courier
        self.port = port

    async def after_change(self, changed: Changed) -> None:
        item = added_files_item(changed)
        if item is not None and changed.ticket.message is not None:
            await self.courier.store_and_deliver([item], self.desk.clock.now())

    async def send(
        self, messages: Sequence[Outgoing], now: datetime, since: datetime | None = None
    ) -> MessageRef | None:
        message = messages[0]
        ticket = await self.desk.tickets.get(message.ticket_id)
        if ticket is None:
            return None  # erased meanwhile: nothing of theirs is copied
        if ticket.message is None:
            raise DeliveryFailed("the ticket has no channel message")
        port, thread = self.port, ticket.message
        if message.about == NOT_COPIED:
            found = await port.find_not_copied(ticket, thread, message, since) if since else None
            return found or await port.tell_not_copied(ticket, thread, message)
        if since is not None:
            found = await port.find_copy(ticket, thread, message, since)
            if found is not None:
                return found
        return await port.copy(ticket, thread, message)

    async def give_up(self, messages: Sequence[Outgoing], reason: str) -> None:
        for message in messages:
            told = message.about == NOT_COPIED
            log.error(
                "the files %s added to %s were not copied into its thread%s: %s",
                message.actor,
                message.ticket_id,
                ", and the thread could not be told" if told else "",
                reason,
                extra={"ticket_id": message.ticket_id},
            )
            if not told:
                await self.courier.store_and_deliver(
                    [not_copied_item(message)], self.desk.clock.now()
                )
