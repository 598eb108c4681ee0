"""What keeps each kind of outbox message from showing twice when Slack took it but its answer
was lost (a timeout, a reset connection) and the outbox tries it again.

Every kind is decided here, once: either it is *found* (it carries its ticket and role in
Slack's message metadata, and a retry looks for it with ``conversations.history`` /
``conversations.replies`` and adopts what it finds, ``bot/outbox/deliveries.py``), or it cannot
double, for the reason given. The outbox refuses a sender for a kind not decided here
(``Deliveries.add_senders``), so a new kind cannot ship without a decision.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from bot.domain.models import OutgoingKind

FOUND_AFTER_LOST_ANSWER: frozenset[OutgoingKind] = frozenset(
    {
        OutgoingKind.REMINDER,
        OutgoingKind.PAGE,
        OutgoingKind.LAST_LEVEL,
        OutgoingKind.KNOWN_ISSUE,
        OutgoingKind.GROUPED,
        OutgoingKind.SEPARATED,
        OutgoingKind.FIXED,
        OutgoingKind.LINKED,
        OutgoingKind.RECURRENCE,
        OutgoingKind.CARD,
        OutgoingKind.ARTICLE,
        OutgoingKind.SAVED_REPLY,
        OutgoingKind.MERGE_NOTICE,
        OutgoingKind.APPROVAL_ASK,
        OutgoingKind.APPROVAL_NOTICE,
        OutgoingKind.REQUESTER_DM,
        OutgoingKind.RELAY_TO_REQUESTER,
        OutgoingKind.RELAY_TO_TEAM,
        OutgoingKind.FORMER_ASSIGNEE,
        OutgoingKind.RETENTION_REPORT,
        OutgoingKind.TEAM_NOTICE,
        # a file cannot carry metadata: the copies are told by the line they are shared with
        # (whose files, which ticket), posted by the bot in the thread since the first attempt
        OutgoingKind.REQUESTER_FILES,
    }
)
"""Posted with their metadata (or told as said); looked for and adopted when tried again."""

CANNOT_DOUBLE: Mapping[OutgoingKind, str] = {
    OutgoingKind.REFRESH: "a chat.update of the ticket's own channel message: made twice, it "
    "shows the same",
    OutgoingKind.SUGGESTION: "a chat.update of the suggestion's own message: made twice, it "
    "shows the same",
    OutgoingKind.LINKED_SHOWN: "a chat.update of a reply listing a problem's incidents (where "
    "the outbox recorded it): made twice, it shows the same",
    OutgoingKind.RECURRENCE_SHOWN: "a chat.update of a possible-recurrence reply (where the "
    "outbox recorded it): made twice, it shows the same",
    OutgoingKind.REQUESTER_DMS_RETIRED: "chat.update of the requester's DMs recorded on the "
    "ticket (each forgotten once updated): made twice, they show the same",
    OutgoingKind.APPROVAL_WITHDRAWN: "chat.update of the approver's own asks (where the outbox "
    "recorded them): made twice, they show the same",
    OutgoingKind.DELETED_CARD: "chat.update of the deleted ticket's own card: made twice, it "
    "shows the same",
    OutgoingKind.FORGOTTEN_MESSAGES: "chat.delete of the bot's own messages about the ticket "
    "(found again at each attempt; one already gone counts as deleted): made twice, they are "
    "gone already",
    OutgoingKind.ANONYMISED_CARD: "chat.update of the anonymised ticket's own card: made twice, "
    "it shows the same",
    OutgoingKind.ERASED_CARD: "chat.update of the ticket's own card from the ticket as stored: "
    "made twice, it shows the same",
    OutgoingKind.REDRAWN_CARD: "chat.update of the ticket's own card from the ticket as stored: "
    "made twice, it shows the same",
    OutgoingKind.RELAY_CORRECTED: "chat.update or chat.delete of a relayed reply's copy (where "
    "the outbox recorded it): made twice, it shows the same, or is gone already",
}
"""Kinds a retry cannot show twice, and why."""


def undecided(kinds: Iterable[OutgoingKind]) -> list[OutgoingKind]:
    """The ``kinds`` nobody decided how a lost answer is kept from doubling."""
    return [k for k in kinds if k not in FOUND_AFTER_LOST_ANSWER and k not in CANNOT_DOUBLE]
