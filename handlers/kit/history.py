"""How a ticket's history entry reads: shared by the ticket's card, ``/ticket show`` and the
refusals that say what changed first, so it lives with what every surface shares."""

from __future__ import annotations

import re

from bot.domain.config import ServicesConfig
from bot.domain.models import HistoryAction, HistoryEntry, Language, Priority, Status, TicketType
from bot.locales.i18n import MESSAGES, priority_name, status_name, t, type_name
from handlers.kit import mrkdwn as md
from handlers.kit import people

HISTORY_NOTE_MAX = 200
_FILE_LINK = re.compile(r" ?https?://[^\s,]+")  # a file's link after its name (FILES_SHARED)
# Entries whose ``after`` lists people (or channels), shown as mentions
_PEOPLE_AFTER = frozenset(
    {
        HistoryAction.PAGED,
        HistoryAction.PAGE_UNCONFIRMED,
        HistoryAction.REMINDED,
        HistoryAction.APPROVAL_REQUESTED,
        HistoryAction.APPROVAL_REMINDED,
        HistoryAction.APPROVAL_FALLBACK,
    }
)


def describe_change(
    entry: HistoryEntry, language: Language, config: ServicesConfig | None = None
) -> str:
    """A history entry as a person reads it, who did what from what to what (``/ticket show``,
    the card's "last change", refusals of stale changes)."""
    actor = people.actor(entry.actor, language)
    before, after = entry.before or "", entry.after or ""
    if entry.action == "status" and entry.before and entry.after:
        before = status_name(language, Status(entry.before))
        after = status_name(language, Status(entry.after))
    elif entry.action in ("priority", "not_emergency") and entry.before and entry.after:
        before = priority_name(language, Priority(entry.before))
        after = priority_name(language, Priority(entry.after))
    elif entry.action == HistoryAction.TYPE_CHANGED and entry.before and entry.after:
        before = type_name(language, TicketType(entry.before))
        after = type_name(language, TicketType(entry.after))
    elif entry.action == "reassigned" and config is not None:
        before = md.escape(config.service_name(before, language))
        after = md.escape(config.service_name(after, language))
    elif entry.action in ("assigned", "claimed") and entry.after:
        after = people.person(entry.after, language)
    elif entry.action == "posted" and entry.after:
        after = md.channel(entry.after)
    elif entry.action == "dm_failed" and f"tickets.requester_notice.{after}" in MESSAGES:
        after = t(language, f"tickets.requester_notice.{after}")  # what was not told, in words
    elif entry.action in _PEOPLE_AFTER and entry.after:
        after = ", ".join(_reference(ref) for ref in entry.after.split(","))
    key = f"tickets.history.{entry.action}"
    if entry.action == "status" and entry.note:  # resolved with the problem named in the note
        key = "tickets.history.status_with"
    elif entry.action == HistoryAction.ACKNOWLEDGED and entry.after:  # and took the ticket
        key = "governance.history.acknowledged_taken"
    elif entry.action == HistoryAction.ASSIGNED and entry.after == entry.actor:
        key = "tickets.history.claimed"  # the form's picker used on oneself: "claimed by"
    elif entry.action == HistoryAction.INFO_ADDED and not entry.note:  # files alone
        key = "tickets.history.info_added_files"
    elif entry.action == HistoryAction.REOPENED and entry.after == Status.NEW:
        key = "governance.history.reopened_queue"
    elif entry.action in (HistoryAction.EDITED, HistoryAction.UNASSIGNED):
        key = f"governance.history.{entry.action}"
        if entry.action == HistoryAction.UNASSIGNED:
            before = people.person(before, language)
        else:  # the titles, as written by people
            before, after = md.escape(md.truncate(before, 80)), md.escape(md.truncate(after, 80))
    if key not in MESSAGES:
        return entry.action
    raw = entry.note or ""
    if entry.action == HistoryAction.FILES_SHARED:  # the files' names, not their links: a
        # form's or a DM's file opens for its uploader (or that DM) alone, a team's for its
        # channel; the ticket's thread holds the team's copies
        raw = _FILE_LINK.sub("", raw)
    note = md.escape(md.truncate(" ".join(raw.split()), HISTORY_NOTE_MAX))
    if entry.action == HistoryAction.INCIDENTS_LINKED:  # "after" is how many
        count = int(after) if after.isdigit() else 0
        return t(language, key, actor=actor, count=count, note=note)
    if entry.action == HistoryAction.REASSIGNED:  # services' names: « d’Infrastructure »
        return t(language, key, actor=actor, from_service=before, to_service=after)
    return t(language, key, actor=actor, before=before, after=after, note=note)


def _reference(ref: str) -> str:
    """A user id or a channel reference from the history, as a mention."""
    return md.user(ref) if ref.startswith(("U", "W")) else md.channel(ref)
