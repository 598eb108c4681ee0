"""Errors the domain raises; handlers turn them into messages people can read."""

from __future__ import annotations


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


class AlreadyFiled(GuichetError):
    """A ticket was already made from this Slack message (its origin key is taken)."""

    def __init__(self, origin_key: str) -> None:
        super().__init__(f"a ticket already exists for {origin_key}")
        self.origin_key = origin_key
