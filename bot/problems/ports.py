"""What problems and storms need from Slack: suggestions, linked incidents and their notices."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from bot.domain.models import (
    MessageRef,
    OutgoingKind,
    ProblemSuggestion,
    Ticket,
)
from bot.domain.sent_dm import SentDm


class ProblemBoard(Protocol):
    """The Slack side of problems and storms: the suggestion in a service channel, the
    incidents linked in a problem's thread, and what their requesters are told. Every method
    raises ``DeliveryDeferred`` (for now: rate limit, Slack down) or ``DeliveryFailed``."""

    async def post_suggestion(
        self, suggestion: ProblemSuggestion, incidents: Sequence[Ticket]
    ) -> MessageRef:
        """Post the suggestion in its service channel, with "Create a problem" and
        "Not related", its id in its metadata."""
        ...

    async def find_suggestion(
        self, suggestion: ProblemSuggestion, since: datetime
    ) -> MessageRef | None:
        """The suggestion's message posted since ``since`` by a post whose answer was lost;
        ``None`` when it was not posted."""
        ...

    async def show_suggestion(
        self,
        suggestion: ProblemSuggestion,
        incidents: Sequence[Ticket],
        problem: Ticket | None = None,
    ) -> MessageRef:
        """Update the suggestion's message: the incidents it holds, or what was decided."""
        ...

    async def post_linked(
        self, parent: Ticket, incidents: Sequence[Ticket], role: str
    ) -> MessageRef:
        """A reply in the problem's (or emergency's) thread listing incidents just linked to
        it, each with an Unlink button; ``role`` in its metadata."""
        ...

    async def find_linked(self, parent: Ticket, role: str, since: datetime) -> MessageRef | None:
        """The reply in ``role`` posted in ``parent``'s thread since ``since`` by an attempt
        whose answer was lost; ``None`` when it was not posted."""
        ...

    async def show_linked(
        self, parent: Ticket, incidents: Sequence[Ticket], ref: MessageRef
    ) -> MessageRef:
        """Redraw the reply at ``ref`` in ``parent``'s thread listing ``incidents`` as they
        stand: an Unlink button only on those still linked and open."""
        ...

    async def post_recurrence(self, incident: Ticket, parent: Ticket, role: str) -> MessageRef:
        """A reply in ``incident``'s thread: it matches ``parent``, fixed a short while ago
        (when), a possible recurrence; ``role`` in its metadata."""
        ...

    async def show_recurrence(
        self, incident: Ticket, parent: Ticket, ref: MessageRef, linked_by: str | None
    ) -> MessageRef:
        """Redraw the possible-recurrence reply at ``ref``: while ``parent`` is open and the
        incident may join it, with a button to link them; once linked, who linked it."""
        ...

    async def find_recurrence(
        self, incident: Ticket, role: str, since: datetime
    ) -> MessageRef | None:
        """The reply in ``role`` posted in ``incident``'s thread since ``since`` by an attempt
        whose answer was lost; ``None`` when it was not posted."""
        ...

    async def warn_duplicate(self, ticket: Ticket, earlier: Sequence[Ticket]) -> MessageRef:
        """A reply in ``ticket``'s thread: its requester already reported the same thing
        (``earlier``), a duplicate rather than a recurring problem."""
        ...

    async def show_ticket(self, ticket: Ticket) -> MessageRef:
        """Update the ticket's channel message to show it as it stands (its linked count)."""
        ...

    async def tell_requester(
        self, kind: OutgoingKind, incident: Ticket, about: Ticket | None, role: str
    ) -> SentDm:
        """A direct message to the incident's requester, in their language: known issue
        (``about`` is the problem), grouped, separated, fixed; ``role`` in its metadata; with
        the requester's buttons, so it becomes the latest DM about the incident
        (``bot/tickets/requester_dms.py``)."""
        ...

    async def find_told(
        self,
        kind: OutgoingKind,
        incident: Ticket,
        about: Ticket | None,
        role: str,
        since: datetime,
    ) -> SentDm | None:
        """The DM in ``role`` to the incident's requester posted since ``since`` by an
        attempt whose answer was lost; ``None`` when it was not posted."""
        ...

    async def report_failure(
        self, kind: OutgoingKind, incident: Ticket, about: Ticket | None, reason: str
    ) -> None:
        """Tell the people working ``about`` (or the incident's service) that a message could
        not be delivered; failures here are only logged."""
        ...
