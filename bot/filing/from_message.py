"""Filing a ticket from a Slack message someone reacted to (the services file's
``ticket_reaction``, ``:ticket:`` by default).

Slack may deliver the same reaction event more than once, and several people may react to the
same message: only one ticket ever comes from a message. The ticket carries the message's origin
key (team/channel/ts), which the store keeps unique, so the second insert fails whichever replica
or delivery makes it; the loser finds the winner's ticket and says which it is.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot.domain.errors import AlreadyFiled, StoreUnavailable
from bot.domain.models import SUSPECTED_EMERGENCY, Language, Level, Origin, Ticket, TicketType
from bot.filing.drafts import DESCRIPTION_MAX, ValidDraft
from bot.filing.emergency import read_emergency
from bot.filing.filing import Filing
from bot.locales.i18n import t

log = logging.getLogger(__name__)

# A reaction says nothing about who is affected or how soon: the middle of the ITIL matrix (P3)
# neither buries the ticket nor pages anyone; agents adjust it once they have read it.
DEFAULT_IMPACT = Level.MEDIUM
DEFAULT_URGENCY = Level.MEDIUM
# Nobody filled in a form, so nobody said "emergency": a text that reads as one is filed as a
# high-priority incident (P2: high impact, medium urgency, which pages nobody even where P1s
# page) and its card offers "This is an emergency" to the service's people.
SUSPECTED_IMPACT = Level.HIGH
SUSPECTED_URGENCY = Level.MEDIUM
TITLE_LENGTH = 80


@dataclass(frozen=True)
class SourceMessage:
    """The message a ticket is made from; ``text`` is plain text (mentions and links resolved)."""

    team: str
    channel: str
    ts: str
    text: str
    permalink: str | None = None

    @property
    def key(self) -> str:
        return origin_key(self.team, self.channel, self.ts)


@dataclass(frozen=True)
class FromMessage:
    """The ticket of a message, and whether this call made it."""

    ticket: Ticket
    created: bool


def origin_key(team: str, channel: str, ts: str) -> str:
    """What identifies a Slack message across the workspace: team, channel and timestamp."""
    return f"{team}/{channel}/{ts}"


def title_and_description(text: str, language: Language) -> tuple[str, str]:
    """A message's first line (shortened) as the title, the whole message as the description;
    a message without text (an image, a file) gets a title saying so."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    first = next((line for line in lines if line), "")
    if not first:
        fallback = t(language, "filing.from_message.untitled")
        return fallback, fallback
    title = first if len(first) <= TITLE_LENGTH else first[: TITLE_LENGTH - 1].rstrip() + "…"
    return title, text.strip()[:DESCRIPTION_MAX]


def unattended_draft(
    suggested: TicketType, title: str, description: str, text: str
) -> tuple[ValidDraft, dict[str, object]]:
    """The draft of a ticket filed without a form, and the facts to keep with it: never an
    emergency (that takes a person); a suspected one is a high-priority incident that keeps the
    words that made it look like one."""
    if suggested is not TicketType.EMERGENCY:
        return ValidDraft(suggested, title, description, DEFAULT_IMPACT, DEFAULT_URGENCY), {}
    evidence = list(read_emergency(text).evidence)
    draft = ValidDraft(TicketType.INCIDENT, title, description, SUSPECTED_IMPACT, SUSPECTED_URGENCY)
    return draft, {SUSPECTED_EMERGENCY: evidence}


class MessageFiling:
    def __init__(self, filing: Filing) -> None:
        self.filing = filing
        self.desk = filing.desk

    async def existing(self, channel: str, ts: str) -> Ticket | None:
        """The ticket already made from a message (by reaction or by the message shortcut)."""
        return await self.desk.tickets.find_by_origin(channel, ts)

    async def card_of(self, channel: str, ts: str) -> Ticket | None:
        """The ticket whose channel card is this message (the shortcut used on a card)."""
        return await self.desk.tickets.find_by_message(channel, ts)

    async def file_once(
        self, message: SourceMessage, requester: str, language: Language
    ) -> FromMessage:
        """File, post and announce the message's ticket, unless it has one already.

        Raises ``StoreUnavailable``; nothing is written then.
        """
        found = await self.existing(message.channel, message.ts)
        if found is not None:
            return FromMessage(found, created=False)
        title, description = title_and_description(message.text, language)
        draft, extra = unattended_draft(
            self.filing.classifier.suggest_type(message.text), title, description, message.text
        )
        origin = Origin(message.channel, message.ts, message.permalink, key=message.key)
        try:
            ticket = await self.filing.file(
                draft, requester, language, source="reaction", origin=origin, extra=extra
            )
        except AlreadyFiled:
            winner = await self.desk.tickets.find_by_origin_key(message.key)
            if winner is None:  # the winner's ticket vanished between its insert and now
                raise
            return FromMessage(winner, created=False)
        try:
            ticket = await self.filing.announce(ticket)
        except StoreUnavailable:  # posted, but where it was posted could not be recorded
            log.exception("ticket %s posted but its message could not be recorded", ticket.id)
        return FromMessage(ticket, created=True)
