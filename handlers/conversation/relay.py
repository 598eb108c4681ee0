"""The Slack side of the conversation relay: the requester's DM thread, the relayed replies,
and the reactions that show their authors what became of them."""

from __future__ import annotations

import logging
from datetime import datetime

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.conversation.ports import RelayMark, ThreadPost, ThreadReply
from bot.conversation.relay import THREAD_ROLE
from bot.domain.catalogue_request import FileRef
from bot.domain.config import ServicesConfig
from bot.domain.errors import DeliveryFailed
from bot.domain.knowledge import Article
from bot.domain.models import Language, MessageRef, Ticket
from bot.domain.outbox import team_note_role
from bot.locales.i18n import t
from handlers.kit import ids
from handlers.kit import mrkdwn as md
from handlers.kit.slack_errors import SLACK_FAILURES, delivery_failure
from handlers.knowledge.render import to_mrkdwn
from handlers.tickets.card_posting import find_dm, find_message, message_metadata

log = logging.getLogger(__name__)

# Slack truncates message text beyond 40,000 characters and advises keeping it under 4,000.
RELAY_MAX = 3900
TO_TEAM = "conversation.relay.to_team"  # a requester's reply, relayed into the card's thread
_MARKS = {
    RelayMark.RELAYED: ids.REACTION_RELAYED,
    RelayMark.INTERNAL: ids.REACTION_INTERNAL,
    RelayMark.FAILED: ids.REACTION_FAILED,
}


def relayed_text(
    language: Language, key: str, ticket: Ticket, reply: ThreadReply, private: bool = False
) -> str:
    """The relayed reply, signed with its author and ticket; broadcasts defused, disguised links
    shown as their real target. A requester's files go to the team named, not linked: shared in
    their DM, they open for its two members only, and the bot copies each one into the card's
    thread (``Conversation.copy_files``). A team's files from a ``private`` channel go to the
    requester named, not linked: they open for that channel's members only."""
    text = md.escape(reply.text, relayed=True).strip()
    links = [f"<{f.permalink}|{md.escape(f.name)}>" for f in reply.attachments if _linkable(f)]
    names = ", ".join(md.escape(f.name) for f in reply.attachments)
    if key == TO_TEAM and reply.attachments:
        copied = len(reply.attachments)
        text += "\n" + t(language, "conversation.relay.copied", files=names, count=copied)
        if reply.files > copied:  # files Slack did not describe: nothing to copy them from
            text += "\n" + t(language, "conversation.relay.files", count=reply.files - copied)
    elif private and reply.attachments:
        named = len(reply.attachments)
        text += "\n" + t(language, "conversation.relay.private_files", files=names, count=named)
        if reply.files > named:
            text += "\n" + t(language, "conversation.relay.files", count=reply.files - named)
    elif links and len(links) == reply.files:
        text += "\n" + t(language, "conversation.relay.attached", files=", ".join(links))
    elif reply.files:
        text += "\n" + t(language, "conversation.relay.files", count=reply.files)
    text = md.truncate(text, RELAY_MAX)
    return t(language, key, user=md.user(reply.author), ticket_id=ticket.id, text=text)


def _gone(error: BaseException) -> bool:
    """Slack says the message is not there (any more)."""
    return isinstance(error, SlackApiError) and error.response.get("error") == "message_not_found"


def _linkable(file: FileRef) -> bool:
    return file.permalink.startswith("https://") and not any(c in file.permalink for c in "<>|")


class SlackRelay:
    def __init__(
        self, client: AsyncWebClient, config: ServicesConfig, owned: AsyncWebClient | None = None
    ) -> None:
        """``owned`` (no blind retry) posts what the outbox delivers: the relays, the DM
        thread's root, the articles; ``client`` adds the reactions."""
        self._client = client
        self._owned = owned or client
        self._config = config

    async def open_requester_thread(self, ticket: Ticket) -> MessageRef:
        text = t(
            ticket.language,
            "conversation.relay.thread_root",
            ticket_id=ticket.id,
            title=md.escape(ticket.title),
        )
        return await self._post(ticket.requester, None, text, (ticket.id, THREAD_ROLE))

    def _private(self, ticket: Ticket) -> bool:
        """Whether the ticket's channel is a private service's (its files open for its people)."""
        service = self._config.services.get(ticket.service)
        return service is not None and service.private

    async def find_requester_thread(self, ticket: Ticket, since: datetime) -> MessageRef | None:
        return await find_dm(self._owned, ticket.requester, ticket.id, THREAD_ROLE, since)

    async def discard(self, ref: MessageRef) -> None:
        try:
            await self._client.chat_delete(channel=ref.channel, ts=ref.ts)
        except SLACK_FAILURES as error:
            log.warning("could not delete the duplicate DM thread %s: %s", ref.ts, error)

    async def to_requester(
        self, ticket: Ticket, thread: MessageRef, reply: ThreadReply, role: str
    ) -> MessageRef:
        text = relayed_text(
            ticket.language, "conversation.relay.to_requester", ticket, reply, self._private(ticket)
        )
        return await self._post(thread.channel, thread.ts, text, (ticket.id, role))

    async def to_team(self, ticket: Ticket, reply: ThreadReply, role: str) -> MessageRef:
        if ticket.message is None:
            raise DeliveryFailed("the ticket has no channel message")
        language = self._team_language(ticket)
        text = relayed_text(language, TO_TEAM, ticket, reply)
        return await self._post(ticket.message.channel, ticket.message.ts, text, (ticket.id, role))

    async def find_relayed(
        self, ticket: Ticket, thread: MessageRef, role: str, since: datetime
    ) -> MessageRef | None:
        found = await find_message(self._owned, thread.channel, ticket.id, role, since, thread.ts)
        if found is not None:
            log.warning(
                "%s of %s found after an unanswered attempt: adopted, not sent again",
                role,
                ticket.id,
                extra={"ticket_id": ticket.id},
            )
        return found

    async def correct(
        self, ticket: Ticket, relayed: MessageRef, reply: ThreadReply | None, to_requester: bool
    ) -> None:
        try:
            if reply is None:
                await self._owned.chat_delete(channel=relayed.channel, ts=relayed.ts)
                return
            if to_requester:
                language, key = ticket.language, "conversation.relay.to_requester"
            else:
                language, key = self._team_language(ticket), TO_TEAM
            text = relayed_text(language, key, ticket, reply, self._private(ticket))
            await self._owned.chat_update(channel=relayed.channel, ts=relayed.ts, text=text)
        except SLACK_FAILURES as error:
            if reply is None and _gone(error):
                return  # deleted already (an earlier attempt whose answer was lost)
            raise delivery_failure(error) from error

    async def send_article(
        self, ticket: Ticket, post: ThreadPost, article: Article, author: str
    ) -> None:
        language = ticket.language
        intro = t(
            language, "conversation.article.to_requester", user=md.user(author), ticket_id=ticket.id
        )
        body = md.truncate(
            to_mrkdwn(article.body), RELAY_MAX - len(intro) - len(article.title) - 10
        )
        text = f"{intro}\n*{md.escape(article.title)}*\n{body}"
        notice = t(
            self._team_language(ticket),
            "conversation.article.to_team",
            user=md.user(author),
            title=md.escape(article.title),
        )
        await self._to_requester_then_team(ticket, post, text, notice)

    async def send_saved_reply(
        self, ticket: Ticket, post: ThreadPost, key: str, text: str, author: str
    ) -> None:
        intro = t(
            ticket.language,
            "conversation.saved_reply.to_requester",
            user=md.user(author),
            ticket_id=ticket.id,
        )
        body = md.truncate(md.escape(text.strip()), RELAY_MAX - len(intro) - 1)
        team = self._team_language(ticket)
        notice = t(
            team,
            "conversation.saved_reply.to_team",
            user=md.user(author),
            title=md.escape(self._saved_reply_title(ticket, key, team)),
        )
        await self._to_requester_then_team(ticket, post, f"{intro}\n{body}", notice)

    async def tell_merged(
        self, ticket: Ticket, post: ThreadPost, other: str, absorbed: bool, author: str
    ) -> None:
        key = "conversation.merge.absorbed" if absorbed else "conversation.merge.merged"
        text = t(ticket.language, key, ticket_id=ticket.id, other=other, user=md.user(author))
        await self._to_requester(ticket, post, text)

    def _saved_reply_title(self, ticket: Ticket, key: str, language: Language) -> str:
        known = self._config.services.get(ticket.service)
        reply = known.saved_replies.get(key) if known else None
        return reply.wording(language)[1].title if reply else key

    async def _to_requester(self, ticket: Ticket, post: ThreadPost, text: str) -> None:
        """``text`` in the requester's DM thread, its ticket and role in its metadata; not
        again when an attempt whose answer was lost posted it (``post.found``)."""
        if post.found is None:
            await self._post(post.thread.channel, post.thread.ts, text, (ticket.id, post.role))

    async def _to_requester_then_team(
        self, ticket: Ticket, post: ThreadPost, text: str, notice: str
    ) -> None:
        """``text`` in the requester's DM thread, then ``notice`` in the channel thread (a
        courtesy: the requester has it whether or not the notice goes; an attempt whose
        requester post was answered with nothing raised before its notice). The notice carries
        its role too, and is not posted again when an earlier attempt did (``post.noted``)."""
        await self._to_requester(ticket, post, text)
        if ticket.message is None or post.noted is not None:
            return
        tagged = (ticket.id, team_note_role(post.role))
        try:
            await self._post(ticket.message.channel, ticket.message.ts, notice, tagged)
        except DeliveryFailed as failure:
            log.warning("ticket %s: notice not posted in its thread: %s", ticket.id, failure.reason)

    def _team_language(self, ticket: Ticket) -> Language:
        if ticket.service in self._config.services:
            return self._config.service(ticket.service).language
        return self._config.language

    async def mark(self, reply: ThreadReply, mark: RelayMark) -> None:
        try:
            await self._client.reactions_add(
                channel=reply.channel, timestamp=reply.ts, name=_MARKS[mark]
            )
        except SLACK_FAILURES as error:
            log.warning("could not mark a reply as %s: %s", mark.value, error)

    async def _post(
        self,
        channel: str,
        thread_ts: str | None,
        text: str,
        tagged: tuple[str, str] | None = None,
    ) -> MessageRef:
        """Post ``text``; ``tagged`` (ticket id, role) goes in its metadata."""
        try:
            response = await self._owned.chat_postMessage(
                channel=channel,
                thread_ts=thread_ts,
                text=text,
                unfurl_links=False,
                metadata=message_metadata(*tagged) if tagged else None,
            )
        except SLACK_FAILURES as error:  # for now (DeliveryDeferred) or for good: the outbox
            raise delivery_failure(error) from error  # tries the first again
        return MessageRef(channel=str(response["channel"]), ts=str(response["ts"]))
