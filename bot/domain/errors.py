"""Errors the domain raises; handlers turn them into messages people can read."""

from __future__ import annotations

from datetime import datetime

from bot.domain.models import HistoryEntry, Ticket


class GuichetError(Exception):
    """Base of the errors Guichet expects and explains."""


class ConfigError(GuichetError):
    """The environment or the services file is wrong; the message names the key and the fault."""


class TicketNotFound(GuichetError):
    def __init__(self, ticket_id: str) -> None:
        super().__init__(f"no ticket {ticket_id}")
        self.ticket_id = ticket_id


class IllegalTransition(GuichetError):
    """A status change the state machine does not allow."""

    def __init__(self, current: str, wanted: str) -> None:
        super().__init__(f"cannot go from {current} to {wanted}")
        self.current = current
        self.wanted = wanted


class AlreadyClaimed(GuichetError):
    def __init__(self, ticket_id: str, assignee: str) -> None:
        super().__init__(f"{ticket_id} is already assigned to {assignee}")
        self.ticket_id = ticket_id
        self.assignee = assignee


class NotAllowed(GuichetError):
    """The user may not work this ticket (not in its service); ``requester`` when they filed it
    (they may add information or cancel it instead)."""

    def __init__(self, service: str, *, requester: bool = False) -> None:
        super().__init__(f"not allowed to work {service} tickets")
        self.service = service
        self.requester = requester


class NotVisible(GuichetError):
    """The user may not see this ticket: neither its requester, its assignee nor one of the
    people who work its service."""

    def __init__(self, ticket_id: str) -> None:
        super().__init__(f"{ticket_id} is not visible to this user")
        self.ticket_id = ticket_id


class NotTheRequester(GuichetError):
    """Only the person who filed the ticket may do this."""

    def __init__(self, ticket_id: str) -> None:
        super().__init__(f"only the requester of {ticket_id} may do this")
        self.ticket_id = ticket_id


class StaleTicket(GuichetError):
    """The ticket changed since the person acting last saw it; nothing was written.

    ``ticket`` is how it stands now and ``last_change`` its last change (the one that came
    first: ``bot/domain/card_changes.py``)."""

    def __init__(self, ticket: Ticket, last_change: HistoryEntry | None) -> None:
        super().__init__(f"{ticket.id} changed meanwhile")
        self.ticket = ticket
        self.last_change = last_change


class AwaitingApproval(GuichetError):
    """A catalogue request still awaiting its approvers: not its service's work yet, so no
    control acts on it (no card shows one before it is approved; a forged or replayed press
    is refused). Its requester may still withdraw it (``RequesterFollowUp.cancel``)."""

    def __init__(self, ticket_id: str) -> None:
        super().__init__(f"{ticket_id} awaits approval")
        self.ticket_id = ticket_id


class TicketEnded(GuichetError):
    """The ticket is cancelled, resolved or closed: a control pressed on it (Acknowledge on a
    page still in someone's DMs, Claim on an old card) does nothing. ``ended`` is the change
    that ended it (who, when), when known."""

    def __init__(self, ticket: Ticket, ended: HistoryEntry | None) -> None:
        super().__init__(f"{ticket.id} is {ticket.status}")
        self.ticket = ticket
        self.ended = ended


class WrongStatus(GuichetError):
    """The ticket's status does not allow this (e.g. changing a closed ticket)."""

    def __init__(self, ticket_id: str, status: str) -> None:
        super().__init__(f"{ticket_id} is {status}")
        self.ticket_id = ticket_id
        self.status = status


class NoChange(GuichetError):
    """The ticket already has that value (``field`` is assignee, priority, service, type or
    status)."""

    def __init__(self, ticket_id: str, field: str, value: str) -> None:
        super().__init__(f"{ticket_id} already has {field} {value}")
        self.ticket_id = ticket_id
        self.field = field
        self.value = value


class CannotWork(GuichetError):
    """The person chosen to work a ticket is not one of its service's people."""

    def __init__(self, user: str, service: str) -> None:
        super().__init__(f"{user} does not work for {service}")
        self.user = user
        self.service = service


class AlreadyRated(GuichetError):
    def __init__(self, ticket_id: str, rating: int) -> None:
        super().__init__(f"{ticket_id} was already rated {rating}")
        self.ticket_id = ticket_id
        self.rating = rating


class StoreUnavailable(GuichetError):
    """The database did not do what was asked; nothing was written. As such: it did not answer
    (down, unreachable, stepping down, timed out), and trying again later may mend it, so a
    scheduler step stops at it and a person is told to try again in a minute."""


class StoreRejected(StoreUnavailable):
    """The database answered and refused this one operation, for what it asks or holds (a
    document too large, one it cannot encode or decode, a value or a validation it refuses):
    trying again will not mend it. Nothing was written. A ``StoreUnavailable`` so that every
    place that answers one still answers (nothing written either way); where the difference
    matters it is told apart: a scheduler step leaves the one item out and goes on
    (``bot/telemetry/isolation.py``), and a person is not told to try again."""


class DeliveryFailed(GuichetError):
    """Slack refused or could not take a message (channel not found, bot not in channel, ...)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class AlreadyFiled(GuichetError):
    """A ticket was already made from this Slack message (its origin key is taken)."""

    def __init__(self, origin_key: str) -> None:
        super().__init__(f"a ticket already exists for {origin_key}")
        self.origin_key = origin_key


class DeliveryDeferred(DeliveryFailed):
    """Slack could not take a message *for now* (rate limited, 5xx, network): try again later,
    not before ``retry_after`` seconds when Slack said so."""

    def __init__(self, reason: str, retry_after: float = 0.0) -> None:
        super().__init__(reason)
        self.retry_after = retry_after


class NotPaging(GuichetError):
    """An acknowledgement for a ticket that never paged anyone."""

    def __init__(self, ticket_id: str) -> None:
        super().__init__(f"{ticket_id} is not paging anyone")
        self.ticket_id = ticket_id


class AlreadyAcknowledged(GuichetError):
    def __init__(self, ticket_id: str, by: str, at: datetime | None) -> None:
        super().__init__(f"{ticket_id} was already acknowledged by {by}")
        self.ticket_id = ticket_id
        self.by = by
        self.at = at


class SuggestionNotFound(GuichetError):
    def __init__(self, suggestion_id: str) -> None:
        super().__init__(f"no suggestion {suggestion_id}")
        self.suggestion_id = suggestion_id


class AlreadyDecided(GuichetError):
    """Someone answered this problem suggestion first: ``state`` is what they chose."""

    def __init__(
        self, suggestion_id: str, state: str, by: str | None, problem_id: str | None
    ) -> None:
        super().__init__(f"{suggestion_id} was already {state}")
        self.suggestion_id = suggestion_id
        self.state = state
        self.by = by
        self.problem_id = problem_id


class NotLinked(GuichetError):
    """The incident is not (or no longer) linked to that problem."""

    def __init__(self, ticket_id: str, problem_id: str | None = None) -> None:
        super().__init__(f"{ticket_id} is not linked to {problem_id or 'a problem'}")
        self.ticket_id = ticket_id
        self.problem_id = problem_id


class CannotLink(GuichetError):
    """The incident may not join that problem: it is linked already (to ``linked_to``), or is
    no longer an incident that may (reclassified, say)."""

    def __init__(self, ticket_id: str, problem_id: str, linked_to: str | None = None) -> None:
        super().__init__(f"{ticket_id} cannot be linked to {problem_id}")
        self.ticket_id = ticket_id
        self.problem_id = problem_id
        self.linked_to = linked_to


class TypeHeldByLinks(GuichetError):
    """The ticket's type holds a problem link together (``bot/domain/reclassification.py``):
    it is linked to ``problem_id``, or ``linked`` incidents are linked to it."""

    def __init__(self, ticket_id: str, problem_id: str | None, linked: int) -> None:
        super().__init__(f"{ticket_id} keeps its type while it is linked")
        self.ticket_id = ticket_id
        self.problem_id = problem_id
        self.linked = linked


class LinksAcrossPrivacy(GuichetError):
    """Sending ``ticket_id`` to ``service`` would link a private service's case with another
    team's (never done: ``bot/governance/privacy.py``): it is linked to ``problem_id``, or
    ``linked`` open incidents that could not join it there are linked to it. Unlink first."""

    def __init__(
        self, ticket_id: str, service: str, problem_id: str | None, linked: int = 0
    ) -> None:
        super().__init__(f"{ticket_id} cannot go to {service}: linked across a private service")
        self.ticket_id = ticket_id
        self.service = service
        self.problem_id = problem_id
        self.linked = linked


class EmergencyPriority(GuichetError):
    """An emergency is P1: another priority is chosen with "Not an emergency: incident…",
    which makes it an incident of that priority and stops its paging."""

    def __init__(self, ticket_id: str) -> None:
        super().__init__(f"{ticket_id} is an emergency: its priority is P1")
        self.ticket_id = ticket_id
