"""What the bot posted of an erased person in a ticket's channel thread, or in a requester's DM
thread (``bot/governance/dm_erasure.py``), the thread read with ``conversations.replies``
(metadata included):

- its copies of their files: each message of the bot's sharing files (``file_share``) whose line
  mentions the person (``handlers/working/requester_files.py``: "📎 The file <@U…> attached to
  *INC-1* …", in whichever language) loses its files (``files.delete``: deleting the message
  would leave them) and then goes (``chat.delete``);
- its relays of their DM-thread replies (``handlers/conversation/relay.py``): each message of
  the bot's whose metadata says it relayed a reply to the team (``relay_to_team``) and whose
  signature line names the person as its author ("💬 <@U…>, who filed INC-1, replies:") is
  updated (``chat.update``) to one line saying a former employee's message was removed, in the
  language it was written in (the service's then). Updated, not deleted: the team's replies
  around it answered it, and a gap would leave them answering nothing; the line keeps the
  conversation readable and says why the words are gone. Once updated it names nobody, so a
  later attempt leaves it alone;
- in a requester's DM thread, its relays of the person's replies in the card's thread (an
  agent's: "<@U…> (INC-1):", ``relay_to_requester``), updated the same way, in the language
  they were written in (the ticket's): the requester's answers around them keep their place.

Another person's copies and relays, and what people posted, stay."""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.errors import DeliveryFailed
from bot.domain.models import Language, MessageRef, OutgoingKind
from bot.governance.ports import CopySweep, Trace
from bot.locales.i18n import t
from handlers.governance.bot_dms import GONE, UNREADABLE, Identity, every_page
from handlers.kit import mrkdwn as md
from handlers.kit.slack_errors import SLACK_FAILURES, reason
from handlers.tickets.card_posting import EVENT_TYPE, message_metadata

log = logging.getLogger(__name__)

FILE_GONE = frozenset({"file_not_found", "file_deleted"})  # deleted already
THREAD_GONE = UNREADABLE | GONE | {"thread_not_found"}  # the card or its channel is no more
RELAY_ROLE = f"{OutgoingKind.RELAY_TO_TEAM.value}:"  # how a relay's metadata role starts
RELAY_KEY = "conversation.relay.to_team"  # its wording, whose first line signs it
REQUESTER_RELAY_ROLE = f"{OutgoingKind.RELAY_TO_REQUESTER.value}:"  # an agent's reply relayed
REQUESTER_RELAY_KEY = "conversation.relay.to_requester"
ERASED = "erased"
REDACTED_ROLE = f"{RELAY_ROLE}{ERASED}"
"""A redacted relay's role: its ticket stays, not the DM channel and reply it named (a relay
to the requester: ``relay_to_requester:erased``)."""
_RELAYS = {
    RELAY_ROLE: (RELAY_KEY, Trace.RELAY),
    REQUESTER_RELAY_ROLE: (REQUESTER_RELAY_KEY, Trace.REQUESTER_RELAY),
}


class SlackBotFileCopies:
    def __init__(
        self, client: AsyncWebClient, identity: Identity, language: Language = Language.EN
    ) -> None:
        """``identity`` tells the bot's own user id (``auth.test``): whose messages go;
        ``language`` (the configuration's) says a relay is removed when its own signature no
        longer tells its language (a wording changed since it was posted)."""
        self._client = client
        self._identity = identity
        self._language = language

    async def clean_thread(self, person: str, thread: MessageRef, budget: int) -> CopySweep:
        try:
            me = (await self._identity.answer()).bot_user_id
            if not me:
                raise DeliveryFailed("auth.test did not say who the bot is")
            try:
                replies = await every_page(
                    self._client.conversations_replies,
                    channel=thread.channel,
                    ts=thread.ts,
                    include_all_metadata=True,
                )
            except SlackApiError as error:
                if reason(error) not in THREAD_GONE:
                    raise
                log.warning(
                    "privacy erase: thread %s/%s cannot be read (%s): skipped",
                    thread.channel,
                    thread.ts,
                    reason(error),
                )
                return CopySweep(0, 1, finished=True)
            spent, done = 1, dict.fromkeys(Trace, 0)
            for index, message in enumerate(replies):
                if message.get("ts") == thread.ts or message.get("user") != me:
                    continue
                relay = self._relay_of(message, person)
                copy = relay is None and _copy_of(message, person)
                trace = relay[2] if relay is not None else Trace.FILES if copy else None
                if trace is None:
                    continue
                ids = [str(f["id"]) for f in message.get("files") or [] if _has_id(f)]
                cost = len(ids) + 1 if trace is Trace.FILES else 1
                if spent + cost > budget and spent > 1:  # the rest next time
                    left = self._left(replies[index:], person, me, thread.ts)
                    return _sweep(done, spent, finished=False, left=left)
                if trace is Trace.FILES:
                    for file_id in ids:
                        await self._delete_file(file_id)
                        done[Trace.FILES], spent = done[Trace.FILES] + 1, spent + 1
                    await self._delete_message(thread.channel, str(message["ts"]))
                elif relay is not None:
                    await self._redact(thread.channel, str(message["ts"]), *relay)
                    done[trace] += 1
                spent += 1
            return _sweep(done, spent, finished=True)
        except SLACK_FAILURES as error:
            raise DeliveryFailed(reason(error)) from error
        except ConnectionError as error:  # auth.test could not be asked
            raise DeliveryFailed(str(error)) from error

    def _trace_of(self, message: dict[str, Any], person: str) -> Trace | None:
        """What ``message`` (the bot's) is of ``person``: a copy of their files, a relay of
        their reply (to the team, to the requester), or nothing of theirs."""
        relay = self._relay_of(message, person)
        if relay is not None:
            return relay[2]
        return Trace.FILES if _copy_of(message, person) else None

    def _left(
        self, replies: list[dict[str, Any]], person: str, me: str, root: str
    ) -> frozenset[Trace]:
        """What ``replies`` (the rest of a thread, read already) still hold of ``person``."""
        return frozenset(
            trace
            for message in replies
            if message.get("ts") != root and message.get("user") == me
            if (trace := self._trace_of(message, person)) is not None
        )

    def _relay_of(
        self, message: dict[str, Any], person: str
    ) -> tuple[str, Language, Trace, str] | None:
        """The ticket, language, trace and redacted role of ``message`` when it is a relay of
        ``person``'s reply, to the team (a card's thread) or to the requester (an agent's, in
        the requester's DM thread): its metadata role says which relay, its signature line
        names them as the author (the words come after it, so another person's reply
        mentioning them is not theirs)."""
        metadata = message.get("metadata") or {}
        payload = metadata.get("event_payload") or {}
        role = str(payload.get("role") or "")
        prefix = next((p for p in _RELAYS if role.startswith(p)), None)
        if metadata.get("event_type") != EVENT_TYPE or prefix is None:
            return None
        key, trace = _RELAYS[prefix]
        signature = str(message.get("text") or "").split("\n", 1)[0]
        if md.user(person) not in signature:  # the template's line: only its author's mention
            return None
        ticket_id = str(payload.get("ticket_id") or "")
        redacted = f"{prefix}{ERASED}"
        for language in Language:
            said = t(language, key, user=md.user(person), ticket_id=ticket_id, text="")
            if signature == said.split("\n", 1)[0]:
                return ticket_id, language, trace, redacted
        return ticket_id, self._language, trace, redacted

    async def _redact(
        self, channel: str, ts: str, ticket_id: str, language: Language, _: Trace, role: str
    ) -> None:
        """The relay becomes one line; its metadata, which named the reply it relayed (its
        channel and ts), keeps only its ticket and what it was (``role``)."""
        try:
            await self._client.chat_update(
                channel=channel,
                ts=ts,
                text=t(language, "governance.erase.relay_removed"),
                metadata=message_metadata(ticket_id, role),
            )
        except SlackApiError as error:
            if reason(error) not in GONE:
                raise

    async def _delete_file(self, file_id: str) -> None:
        try:
            await self._client.files_delete(file=file_id)
        except SlackApiError as error:
            if reason(error) not in FILE_GONE:
                raise

    async def _delete_message(self, channel: str, ts: str) -> None:
        try:
            await self._client.chat_delete(channel=channel, ts=ts)
        except SlackApiError as error:
            if reason(error) not in GONE:
                raise


def _sweep(
    done: dict[Trace, int], spent: int, finished: bool, left: frozenset[Trace] = frozenset()
) -> CopySweep:
    return CopySweep(
        done[Trace.FILES],
        spent,
        finished,
        relays=done[Trace.RELAY],
        requester_relays=done[Trace.REQUESTER_RELAY],
        left=left,
    )


def _copy_of(message: dict[str, Any], person: str) -> bool:
    """A copy the bot made of ``person``'s files: its ``file_share`` line mentions them."""
    return message.get("subtype") == "file_share" and md.user(person) in str(
        message.get("text") or ""
    )


def _has_id(shared: Any) -> bool:
    return isinstance(shared, dict) and bool(shared.get("id"))
