"""The bot's own direct messages to an erased person, and the bot's copies of their files and
relays of their replies in the tickets' channel threads (and an agent's, in the requesters' DM
threads), still to be deleted (the relays: redacted) from Slack (``/ticket privacy erase``;
``bot/governance/dm_erasure.py``).

One document per erasure, stored before anything is erased so that a failure or a replica that
stops midway leaves it for the scheduler's next tick: the person (Slack is asked for their DM
with the bot again at each attempt), the DM channels the store knew of them (read before the
erasure drops those copies), whether those DMs are clean already (``dms_done``), and the
threads that may hold copies of their files or relays of their replies (``threads``: every card
a ticket had, and for an agent the requesters' DM threads their replies were relayed into; each
leaves the list once it holds none, so a later attempt reads only what is left).
``next_attempt_at`` is both when it is due and the lease of the replica working it (``claim``,
one atomic update). The document goes as soon as the conversation holds nothing of the bot's:
it is the last thing Guichet keeps naming them.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from pymongo import ASCENDING, ReturnDocument

from bot.domain.models import HistoryAction, MessageRef
from storage.client import Database, store_errors
from storage.indexes import ensure_index
from storage.ticket_documents import EARLIER_CARDS

log = logging.getLogger(__name__)

MAX_CHANNELS = 100
MAX_THREADS = 2_000
FILES_SHARED = HistoryAction.FILES_SHARED.value
RELAYED_TO_TEAM = HistoryAction.RELAYED_TO_TEAM.value
RELAYED_TO_REQUESTER = HistoryAction.RELAYED_TO_REQUESTER.value
CARD_PLACES = {"message": 1, EARLIER_CARDS: 1}
"""The projection reading every card place of a ticket (``card_places``)."""


def card_places(document: dict[str, Any]) -> tuple[MessageRef, ...]:
    """Every place the card of the ticket ``document`` had: the earlier ones (oldest first),
    then the current one; each once."""
    refs = [*(document.get(EARLIER_CARDS) or ()), document.get("message")]
    places = (MessageRef(str(r["channel"]), str(r["ts"])) for r in refs if r)
    return tuple(dict.fromkeys(places))


def copies_naming(person: str) -> dict[str, Any]:
    """The tickets whose channel thread may hold the bot's copies of ``person``'s files
    (``bot/working/requester_files.py``): those whose history says they shared files there
    (*Add information*'s files, files sent with a reply in their DM thread: ``files_shared``
    entries, their actor the uploader), and the catalogue requests they filed with files."""
    return {  # a moved ticket waiting for its new card still has its earlier ones
        "$or": [
            {"history": {"$elemMatch": {"actor": person, "action": FILES_SHARED}}},
            {"requester": person, "request.files.0": {"$exists": True}},
        ],
    }


def relays_naming(person: str) -> dict[str, Any]:
    """The tickets whose channel thread holds the bot's relays of ``person``'s DM-thread
    replies ("💬 @marie, who filed INC-1, replies: …", ``handlers/conversation/relay.py``):
    those whose history says one was relayed to the team (``relayed_to_team``, its actor the
    reply's author). Every card place of each (``card_places``)."""
    return {"history": {"$elemMatch": {"actor": person, "action": RELAYED_TO_TEAM}}}


def answers_naming(person: str) -> dict[str, Any]:
    """The tickets whose requester's DM thread holds the bot's relays of ``person``'s replies
    in the card's thread ("@alice (INC-1): …", an agent answering the requester,
    ``handlers/conversation/relay.py``): those whose history says one was relayed to the
    requester (``relayed_to_requester``, its actor the reply's author) and that keep that
    thread (``requester_thread``)."""
    return {
        "requester_thread": {"$ne": None},
        "history": {"$elemMatch": {"actor": person, "action": RELAYED_TO_REQUESTER}},
    }


def _capped(what: str, refs: dict[MessageRef, None]) -> tuple[MessageRef, ...]:
    """At most ``MAX_THREADS`` of ``refs``; more is said in the log (those are left to a
    person: the step's document stays one document)."""
    if len(refs) >= MAX_THREADS:
        log.warning(
            "privacy erase: %d threads or more may hold the bot's %s; the first %d are "
            "cleaned, the others are left to clean by hand",
            len(refs),
            what,
            MAX_THREADS,
        )
    return tuple(refs)[:MAX_THREADS]


@dataclass(frozen=True)
class DmErasureJob:
    id: str
    person: str
    channels: tuple[str, ...]
    attempts: int
    created_at: datetime
    threads: tuple[MessageRef, ...] = ()
    """Card threads still to look for copies of the person's files and relays of their
    replies in."""
    dms_done: bool = False


def _job(document: dict[str, Any]) -> DmErasureJob:
    return DmErasureJob(
        id=str(document["_id"]),
        person=str(document["person"]),
        channels=tuple(document.get("channels") or ()),
        attempts=int(document.get("attempts") or 0),
        created_at=document["created_at"],
        threads=tuple(
            MessageRef(str(ref["channel"]), str(ref["ts"])) for ref in document.get("threads") or ()
        ),
        dms_done=bool(document.get("dms_done")),
    )


class DmErasureStore:
    def __init__(self, database: Database) -> None:
        self._jobs = database.handle["dm_erasures"]
        self._tickets = database.handle["tickets"]
        self._outbox = database.handle["outbox"]

    @store_errors
    async def create_indexes(self) -> None:
        await ensure_index(self._jobs, [("next_attempt_at", ASCENDING)], name="due")

    @store_errors
    async def known_channels(self, person: str) -> tuple[str, ...]:
        """The DM channels (``D…``) where the store says the bot wrote to ``person``: the
        copies of their tickets' DMs and the outbox's records of messages sent to them. Slack's
        ``conversations.open`` names the same channel while their account is active; these
        are what is left to clean once it no longer answers for them."""
        channels: dict[str, None] = {}
        query = {"requester": person}
        fields = {"requester_dms.channel": 1, "requester_thread.channel": 1}
        for ticket in await self._tickets.find(query, fields).to_list(10_000):
            refs = [*(ticket.get("requester_dms") or ()), ticket.get("requester_thread") or {}]
            channels.update(dict.fromkeys(str(ref.get("channel") or "") for ref in refs))
        sent = {"message.recipient": person, "sent.channel": {"$regex": "^D"}}
        for item in await self._outbox.find(sent, {"sent.channel": 1}).to_list(10_000):
            channels[str(item["sent"]["channel"])] = None
        return tuple(c for c in channels if c.startswith("D"))[:MAX_CHANNELS]

    @store_errors
    async def known_threads(self, person: str) -> tuple[MessageRef, ...]:
        """The channel threads where the bot may have copied ``person``'s files: every card
        place (the current and the earlier ones, ``card_places``) of the tickets
        ``copies_naming`` finds, in the tickets, not in the outbox (its records go 7 days after
        they are sent). Read before the erasure takes them out of the history. Served by the
        history's actor index and the requester index."""
        return await self._cards(copies_naming(person), "copies of files")

    @store_errors
    async def relay_threads(self, person: str) -> tuple[MessageRef, ...]:
        """The channel threads where the bot relayed ``person``'s DM-thread replies: every card
        place of the tickets ``relays_naming`` finds (read before the erasure, as
        ``known_threads``; served by the history's actor index)."""
        return await self._cards(relays_naming(person), "relays to the team")

    @store_errors
    async def answer_threads(self, person: str) -> tuple[MessageRef, ...]:
        """The requesters' DM threads where the bot relayed ``person``'s replies to them (an
        agent's): the ``requester_thread`` of the tickets ``answers_naming`` finds (read before
        the erasure, as ``known_threads``; served by the history's actor index)."""
        query, fields = answers_naming(person), {"requester_thread": 1}
        found = await self._tickets.find(query, fields).to_list(MAX_THREADS)
        refs = (t["requester_thread"] for t in found)
        places = dict.fromkeys(MessageRef(str(r["channel"]), str(r["ts"])) for r in refs)
        return _capped("relays to requesters", places)

    async def _cards(self, query: dict[str, Any], what: str) -> tuple[MessageRef, ...]:
        found = await self._tickets.find(query, CARD_PLACES).to_list(MAX_THREADS)
        return _capped(what, dict.fromkeys(ref for t in found for ref in card_places(t)))

    @store_errors
    async def add(
        self,
        person: str,
        channels: tuple[str, ...],
        at: datetime,
        threads: tuple[MessageRef, ...] = (),
    ) -> DmErasureJob:
        document = {
            "_id": uuid.uuid4().hex,
            "person": person,
            "channels": list(channels),
            "threads": [{"channel": ref.channel, "ts": ref.ts} for ref in threads],
            "dms_done": False,
            "attempts": 0,
            "created_at": at,
            "next_attempt_at": at,
            "last_error": None,
        }
        await self._jobs.insert_one(document)
        return _job(document)

    @store_errors
    async def claim(
        self, job_id: str | None, now: datetime, lease: timedelta
    ) -> DmErasureJob | None:
        """The job (``job_id``, or any that is due) leased to the caller until ``now + lease``;
        ``None`` when it is not due (another replica works it) or gone."""
        query: dict[str, Any] = {"next_attempt_at": {"$lte": now}}
        if job_id is not None:
            query["_id"] = job_id
        document = await self._jobs.find_one_and_update(
            query,
            {"$set": {"next_attempt_at": now + lease}, "$inc": {"attempts": 1}},
            sort=[("next_attempt_at", ASCENDING)],
            return_document=ReturnDocument.AFTER,
        )
        return _job(document) if document else None

    @store_errors
    async def later(self, job_id: str, at: datetime, error: str | None) -> None:
        """Due again at ``at``; without ``error`` the attempt made progress, and the count of
        attempts that failed in a row starts again."""
        changes: dict[str, Any] = {"next_attempt_at": at, "last_error": error}
        if error is None:
            changes["attempts"] = 0
        await self._jobs.update_one({"_id": job_id}, {"$set": changes})

    @store_errors
    async def dms_cleaned(self, job_id: str) -> None:
        """The person's DMs hold nothing of the bot's: later attempts skip them."""
        await self._jobs.update_one({"_id": job_id}, {"$set": {"dms_done": True}})

    @store_errors
    async def thread_cleaned(self, job_id: str, thread: MessageRef) -> None:
        """``thread`` holds no copy of the person's files nor relay of their words any more:
        not read again."""
        ref = {"channel": thread.channel, "ts": thread.ts}
        await self._jobs.update_one({"_id": job_id}, {"$pull": {"threads": ref}})

    @store_errors
    async def done(self, job_id: str) -> None:
        await self._jobs.delete_one({"_id": job_id})
