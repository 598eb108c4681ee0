"""A requester writing in the thread of any DM Guichet sent them about their ticket (filed,
assigned, status, priority, …), not its conversation thread: known by the DM's metadata
(``thread_ticket.py``), the stored ticket decides (``Conversation.from_requester_dm``). Relayed
to the team; a ticket without a conversation thread yet takes this one. Answered in that thread
when it is not relayed (the ticket reached no team; a request awaiting approval keeps its own
answer: ``waiting_request.py``), and once when the team's answers arrive in another thread."""

from __future__ import annotations

import logging

from slack_sdk.models.blocks import Block, ContextBlock, MarkdownTextObject
from slack_sdk.web.async_client import AsyncWebClient

from bot.conversation.ports import ThreadReply
from bot.conversation.relay import RelayOutcome
from bot.domain.errors import StoreUnavailable
from bot.domain.models import Language, MessageRef, Status, Ticket
from bot.knowledge.courtesy import Courtesy, courtesy, says_not_solved
from bot.locales.i18n import t
from handlers.conversation.thread_ticket import thread_root, ticket_named
from handlers.conversation.waiting_request import answer_while_waiting
from handlers.kit import ids
from handlers.kit.context import HandlerContext
from handlers.kit.permalinks import permalink
from handlers.kit.slack_errors import SLACK_FAILURES, reason
from handlers.knowledge.blocks import answers_a_question, asked_in, offer_blocks, shown_in

log = logging.getLogger(__name__)

_GONE_ON = {RelayOutcome.RELAYED, RelayOutcome.QUEUED}  # it reaches the team (now or soon)


async def reply_under_dm(ctx: HandlerContext, client: AsyncWebClient, reply: ThreadReply) -> None:
    """``reply`` was written in a DM thread that is no ticket's conversation thread."""
    root = await thread_root(client, reply)
    if root is None:  # Slack could not say what the thread is about (logged)
        return
    ticket_id = ticket_named(root, reply)
    if ticket_id is None:
        if answers_a_question(root):  # under Guichet's articles, or its offer to file
            await _nobody_reads_here(ctx, client, reply, root)
        return
    if await answer_while_waiting(ctx, client, reply, ticket_id):
        return
    relayed = await ctx.conversation.from_requester_dm(reply, ticket_id)
    ticket = relayed.ticket
    if ticket is None or relayed.outcome is RelayOutcome.IGNORED:
        return
    language = await ctx.locales.language_of(reply.author)
    if relayed.outcome is RelayOutcome.UNANNOUNCED:
        key = (
            "conversation.dm_reply.not_posted"
            if ticket.is_open
            else "conversation.dm_reply.never_posted"
        )
        await _answer(client, reply, t(language, key, ticket_id=ticket.id))
    elif relayed.outcome in _GONE_ON and (press := _answer_to_press(reply, root, ticket)):
        button, key = press
        text = t(language, key, ticket_id=ticket.id, button=t(language, button))
        await _answer(client, reply, text)
    elif relayed.elsewhere is not None and relayed.outcome in _GONE_ON:
        await _point_once(ctx, client, reply, ticket, relayed.elsewhere, language)


_SOLVED_WORDS = {Courtesy.YES, Courtesy.THANKS, Courtesy.THANKS_FAREWELL, Courtesy.ACKNOWLEDGED}


def _answer_to_press(reply: ThreadReply, root: dict, ticket: Ticket) -> tuple[str, str] | None:
    """The button to point at (its text's key, and the answer's), when ``reply`` answers the
    *is it solved?* DM it was written under, its buttons still there, in words: « oui c bon
    merci » (*Yes*), « non ça marche toujours pas » (*No*). The ticket stays resolved until
    the press: a text is no confirmation, and « oui mais… » is neither."""
    asked = any(
        isinstance(element, dict) and element.get("action_id") == ids.ACTION_SOLVED
        for block in root.get("blocks") or []
        if isinstance(block, dict)
        for element in block.get("elements") or []
    )
    if not asked or ticket.status is not Status.RESOLVED or reply.files:
        return None
    if courtesy(reply.text) in _SOLVED_WORDS:
        return "working.button.solved", "conversation.dm_reply.press_solved"
    if says_not_solved(reply.text):
        return "working.button.not_solved", "conversation.dm_reply.press_not_solved"
    return None


async def _point_once(
    ctx: HandlerContext,
    client: AsyncWebClient,
    reply: ThreadReply,
    ticket: Ticket,
    thread: MessageRef,
    language: Language,
) -> None:
    """Say, once in this DM thread (a receipt keeps it two days), that the team's answers
    arrive in the ticket's conversation thread ``thread``: it was relayed, but they would
    otherwise look for the answers here."""
    try:
        async with ctx.receipts.once(
            f"dm-pointer:{ticket.id}:{reply.channel}:{reply.thread_ts}"
        ) as first:
            if not first:
                return
            link = await permalink(client, thread.channel, thread.ts)
            where = (
                t(language, "conversation.dm_reply.thread_link", link=link, ticket_id=ticket.id)
                if link
                else t(language, "conversation.dm_reply.thread_named", ticket_id=ticket.id)
            )
            text = t(language, "conversation.dm_reply.elsewhere", ticket_id=ticket.id, thread=where)
            await _answer(client, reply, text)
    except StoreUnavailable:
        log.warning(
            "database unavailable: %s not told where %s's answers arrive", reply.author, ticket.id
        )


async def _nobody_reads_here(
    ctx: HandlerContext, client: AsyncWebClient, reply: ThreadReply, root: dict
) -> None:
    """A reply under Guichet's answer to a question ("it did not work") reaches nobody: say so
    in that thread, with the button that files a ticket pre-filled with the question and the
    reply (before, it got no answer at all). A thanks there (« merci ! » under the article
    that helped) is answered as a person would, not told to file a ticket; a file sent alone
    there is told how to reach a ticket's team (before, it got no answer at all). Files sent
    with words are told the form does not take them and how to add them once the ticket is
    filed (before, the form took the words and the files were dropped without a word)."""
    if not reply.text.strip() and not reply.files:
        return
    language = await ctx.locales.language_of(reply.author)
    if not reply.text.strip():  # files alone: nobody sees them here
        text = t(language, "knowledge.file_alone.text")
        blocks = offer_blocks(language, text, asked_in(root), shown_in(root))
        await _offer(client, reply, text, blocks)
        return
    kind = courtesy(reply.text) if not reply.files else None  # "merci" + a file: no
    if kind is Courtesy.YES and asked_in(root):  # « oui » to « Voulez-vous ouvrir un ticket ? »
        text = t(language, "knowledge.courtesy.yes")
        await _offer(client, reply, text, offer_blocks(language, text, asked_in(root)))
        return
    if kind is Courtesy.YES:  # a yes to no offer: taken as an acknowledgement
        kind = Courtesy.ACKNOWLEDGED
    if kind is not None and kind is not Courtesy.GREETING:
        await _answer(client, reply, t(language, f"knowledge.courtesy.thread.{kind.value}"))
        return
    question = "\n\n".join(part for part in (asked_in(root), reply.text.strip()) if part)
    text = t(language, "knowledge.thread_reply.text")
    blocks = offer_blocks(language, text, question, shown_in(root))
    if reply.files:  # the form takes the words only: how to add the files to the ticket
        note = t(language, "knowledge.files_note", count=reply.files)
        blocks = [*blocks, ContextBlock(elements=[MarkdownTextObject(text=note)])]
    await _offer(client, reply, text, blocks)


async def _offer(
    client: AsyncWebClient, reply: ThreadReply, text: str, blocks: list[Block]
) -> None:
    """``text`` with its button to file a ticket, in the thread ``reply`` was written in."""
    try:
        await client.chat_postMessage(
            channel=reply.channel, thread_ts=reply.thread_ts, text=text, blocks=blocks
        )
    except SLACK_FAILURES as error:
        log.warning("could not answer %s in %s: %s", reply.author, reply.thread_ts, reason(error))


async def _answer(client: AsyncWebClient, reply: ThreadReply, text: str) -> None:
    """``text`` in the thread ``reply`` was written in; posted once, never retried."""
    try:
        await client.chat_postMessage(channel=reply.channel, thread_ts=reply.thread_ts, text=text)
    except SLACK_FAILURES as error:
        log.warning("could not answer %s in %s: %s", reply.author, reply.thread_ts, reason(error))
