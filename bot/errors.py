"""Errors the domain raises; handlers turn them into messages people can read."""

from __future__ import annotations

from datetime import datetime


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
    """The user may not do this to this ticket."""


class StoreUnavailable(GuichetError):
    """The database did not answer; nothing was written."""


class DeliveryFailed(GuichetError):
    """Slack refused or could not take a message (channel not found, bot not in channel, ...)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


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
