"""Emergency paging: pure arithmetic, no I/O.

An emergency (and a P1 of a service with ``page_p1: true``) pages its service's on-call level 1
at once. The current level is paged again every ``repage_every`` until someone acknowledges;
once a level's ``after`` (counted from the start) passes without an acknowledgement, the next
level is paged as well and becomes the current one. When the last level is reached the channel
is told, once, and that level keeps being re-paged. A service with no on-call pages its channel
instead (a broadcast thread reply on the ticket, ``@channel`` first then ``@here``), on the same
cadence. A ticket that is claimed, resolved or cancelled stops paging.

A level pages its ``users`` and the members of its ``usergroups`` (as last synced from Slack,
given as ``members``), each person once. A round that would page nobody (its groups empty)
passes the alert to the next level at once, as a level nobody could be paged at does; with no
level above, it pages the channel rather than nobody.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from bot.domain.config import OncallLevel, ServiceConfig
from bot.domain.models import Outgoing, OutgoingKind, Paging, Priority, TicketType
from bot.domain.sla import grid_after


def pages(ticket_type: TicketType, priority: Priority, service: ServiceConfig) -> bool:
    """True when a new ticket must page on-call."""
    return ticket_type is TicketType.EMERGENCY or (priority is Priority.P1 and service.page_p1)


def start(at: datetime) -> Paging:
    """Paging that is due at once."""
    return Paging(started_at=at, next_at=at)


Members = Mapping[str, Sequence[str]]
"""The members of Slack user groups, by group id (as last synced)."""


def level_people(level: OncallLevel, members: Members | None = None) -> list[str]:
    """Who ``level`` pages: its users, then the members of its user groups, each once."""
    people = list(dict.fromkeys(level.users))
    for group in level.usergroups:
        people += [user for user in (members or {}).get(group, ()) if user not in people]
    return people


@dataclass(frozen=True)
class PageStep:
    """What a due paging sends now, and the paging state afterwards."""

    messages: tuple[Outgoing, ...]
    paging: Paging


def step(
    ticket_id: str,
    paging: Paging,
    service: ServiceConfig,
    at: datetime,
    members: Members | None = None,
) -> PageStep:
    """The pages due at ``at`` (``paging.next_at`` has passed) and the paging that follows
    (``members``: of the user groups the levels name).

    After a long outage only what is due *now* is sent (the levels reached, once), never a
    burst of the re-pages missed meanwhile.
    """
    if not paging.active or paging.next_at is None:
        return PageStep((), paging)
    number = paging.pages + 1
    anchor = paging.next_at
    next_repage = grid_after(anchor, service.repage_every, at)
    levels = service.oncall
    if not levels:
        page = Outgoing(OutgoingKind.PAGE, ticket_id, recipient=None, number=number)
        return PageStep((page,), replace(paging, pages=number, next_at=next_repage))

    reached = reached_level(paging, service, at)
    current = min(paging.level, len(levels) - 1)  # the services file lost a level meanwhile
    if paging.pages == 0:
        newly = range(0, reached + 1)  # the first round: every level already due
    elif reached > current:
        newly = range(current + 1, reached + 1)  # escalation: the next level(s) as well
    else:
        newly = range(current, current + 1)  # a re-page of the current level
    messages: list[Outgoing] = []
    paged = dict(paging.paged)  # each person's own count, this round's page included
    for level in newly:
        for user in level_people(levels[level], members):
            if user not in {m.recipient for m in messages}:
                paged[user] = paged.get(user, 0) + 1
                messages.append(
                    Outgoing(
                        OutgoingKind.PAGE,
                        ticket_id,
                        recipient=user,
                        level=level,
                        number=paged[user],
                    )
                )
    level = max(current, reached)
    skipped_to = paging.skipped_to
    if not messages and level + 1 < len(levels):  # nobody in it (empty groups): the next, now
        skipped_to = max(skipped_to, level + 1)
    elif not messages:  # nobody on any level reached, none above: the channel, not nobody
        messages.append(Outgoing(OutgoingKind.PAGE, ticket_id, recipient=None, number=number))
    announced = paging.last_level_announced
    if level == len(levels) - 1 and not announced:
        messages.append(Outgoing(OutgoingKind.LAST_LEVEL, ticket_id, level=level, number=number))
        announced = True
    next_at = next_repage
    if skipped_to > paging.skipped_to:
        next_at = at
    elif level + 1 < len(levels):
        next_at = min(next_at, paging.started_at + levels[level + 1].after)
    after = replace(
        paging,
        level=level,
        pages=number,
        next_at=next_at,
        last_level_announced=announced,
        paged=paged,
        skipped_to=skipped_to,
    )
    return PageStep(tuple(messages), after)


def moved(
    paging: Paging,
    service: ServiceConfig | None,
    pages_there: bool,
    at: datetime,
    moved_from: str | None = None,
) -> Paging:
    """A running paging when its ticket is sent to another service (``service``; ``pages_there``:
    its type and priority page there) from ``moved_from``: it starts again there, due at once,
    from that service's first level (the level reached and the pages counted were the other
    team's); else it stops."""
    if not paging.active:
        return paging
    if service is None or not pages_there:
        return stop(paging, at)
    return replace(start(at), moved_from=moved_from)


def reached_level(paging: Paging, service: ServiceConfig, at: datetime) -> int:
    """The highest on-call level whose ``after`` has passed at ``at`` (0 at least), or the one
    paging skipped to because nobody below could be paged, if higher."""
    reached = 0
    for index, level in enumerate(service.oncall):
        if paging.started_at + level.after <= at:
            reached = index
    return max(reached, min(paging.skipped_to, len(service.oncall) - 1))


def skip_past(paging: Paging, level: int, service: ServiceConfig, at: datetime) -> Paging | None:
    """Paging once nobody on ``level`` could be paged (every page of its round failed for good):
    the next level is due at once; ``None`` when there is none, or paging is past that level or
    over."""
    if not paging.active or paging.level != level or level + 1 >= len(service.oncall):
        return None
    return replace(paging, skipped_to=max(paging.skipped_to, level + 1), next_at=at)


def acknowledge(paging: Paging, user: str, at: datetime) -> Paging:
    return replace(paging, acked_by=user, acked_at=at, next_at=None)


def paged_people(paging: Paging | None) -> list[str]:
    """Who ``paging`` paged (a page counted for them: their Home shows it while it runs)."""
    if paging is None:
        return []
    return sorted(user for user, count in paging.paged.items() if count > 0)


def stop(paging: Paging, at: datetime) -> Paging:
    """Paging ends without an acknowledgement (the ticket was claimed or closed)."""
    if not paging.active:
        return paging
    return replace(paging, stopped_at=at, next_at=None)
