"""The Slack side of approvals: the approver's direct message with the request, its answers and
Approve / Reject; what the requester is told (with the buttons they may use: Cancel while it
waits); who decided, for an approver too late; the DMs of a request its requester withdrew."""

from __future__ import annotations

import logging
from datetime import datetime

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    ContextBlock,
    MarkdownTextObject,
    SectionBlock,
)
from slack_sdk.models.blocks.blocks import Block
from slack_sdk.web.async_client import AsyncWebClient

from bot.catalogue.approval_delivery import ASK, FALLBACK, FALLBACK_STILL, FALLBACK_TOO, REMINDER
from bot.catalogue.ports import RequesterApprovalNotice
from bot.domain.approvals import Approval, Decision
from bot.domain.config import ServicesConfig
from bot.domain.models import Language, MessageRef, Ticket
from bot.domain.sent_dm import DeliveredDm, SentDm
from bot.locales.i18n import t
from handlers.kit import ids
from handlers.kit import mrkdwn as md
from handlers.kit.locale import LocaleResolver
from handlers.kit.slack_errors import SLACK_FAILURES, delivery_failure, reason
from handlers.kit.values import pack
from handlers.tickets.card import SECTION_MAX
from handlers.tickets.card_posting import find_dm, message_metadata
from handlers.tickets.catalogue_answers import answers_block
from handlers.tickets.requester_notices import requester_controls

log = logging.getLogger(__name__)


def _item_name(ticket: Ticket, config: ServicesConfig, language: Language) -> str:
    item = config.catalogue.get(ticket.request.item) if ticket.request else None
    return md.escape(item.name.in_language(language) if item else ticket.title)


def approval_request_blocks(
    ticket: Ticket,
    approval: Approval,
    config: ServicesConfig,
    language: Language,
    why: str,
    decision: Decision | None = None,
    superseded: bool = False,
    withdrawn: bool = False,
) -> tuple[str, list[Block]]:
    """The approver's DM: the request and its answers, then Approve / Reject, or, once
    ``decision`` is made, who decided what; ``superseded``: a later DM asks again (the buttons
    are there); ``withdrawn``: the requester withdrew it, nothing to decide. ``why`` words it:
    asked, a reminder, or asked as the fallback (the approvers asked first did not answer; to a
    fallback approver asked first too: their approval still needed)."""
    key = {
        REMINDER: "catalogue.approval.reminder",  # as the request was worded
        FALLBACK: "catalogue.approval.fallback",
        FALLBACK_TOO: "catalogue.approval.fallback_too",
        FALLBACK_STILL: "catalogue.approval.fallback_still",
    }.get(why, "catalogue.approval.ask")
    if approval.steps == 1:  # its step only when there are several
        key += "_one"
    text = t(
        language,
        key,
        requester=md.user(ticket.requester),
        item=_item_name(ticket, config, language),
        ticket_id=ticket.id,
        step=(decision.step if decision else approval.step) + 1,
        steps=approval.steps,
    )
    value = pack(ticket.id, str(approval.step))
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=text))]
    answers = answers_block(ticket, config, language)
    if answers is not None:
        blocks.append(answers)
    if decision is not None:
        outcome = t(
            language,
            "catalogue.approval.outcome_approved"
            if decision.approved
            else "catalogue.approval.outcome_rejected",
            user=md.user(decision.by),
        )
        blocks.append(SectionBlock(text=MarkdownTextObject(text=outcome)))
        return outcome, blocks
    if withdrawn:
        outcome = t(language, "catalogue.approval.outcome_withdrawn", ticket_id=ticket.id)
        blocks.append(SectionBlock(text=MarkdownTextObject(text=outcome)))
        return outcome, blocks
    if superseded:
        note = t(language, "catalogue.approval.superseded", ticket_id=ticket.id)
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=note)]))
        return text, blocks
    blocks.append(
        ActionsBlock(
            block_id=ids.BLOCK_APPROVAL_ACTIONS,
            elements=[
                ButtonElement(
                    action_id=ids.ACTION_APPROVE,
                    text=t(language, "catalogue.approval.approve"),
                    value=value,
                    style="primary",
                ),
                ButtonElement(
                    action_id=ids.ACTION_REJECT,
                    text=t(language, "catalogue.approval.reject"),
                    value=value,
                    style="danger",
                ),
            ],
        )
    )
    return text, blocks


def decided_text(language: Language, ticket_id: str, decision: Decision | None) -> str:
    """Who decided a request, for an approver who pressed after them."""
    if decision is None:
        return t(language, "catalogue.approval.gone", ticket_id=ticket_id)
    key = (
        "catalogue.approval.decided_approved"
        if decision.approved
        else "catalogue.approval.decided_rejected"
    )
    return t(language, key, ticket_id=ticket_id, user=md.user(decision.by))


class SlackApprovalMessenger:
    def __init__(
        self,
        client: AsyncWebClient,
        config: ServicesConfig,
        locales: LocaleResolver,
        owned: AsyncWebClient | None = None,
    ) -> None:
        """``owned`` (no blind retry) posts the DMs the outbox delivers and looks for them."""
        self._client = client
        self._owned = owned or client
        self._config = config
        self._locales = locales

    async def is_active(self, user: str) -> bool:
        try:
            response = await self._client.users_info(user=user)
        except SLACK_FAILURES as error:
            log.warning("users.info failed for %s: %s", user, reason(error))
            return False
        return not bool((response.get("user") or {}).get("deleted"))

    async def group_members(self, usergroup: str) -> list[str]:
        try:
            response = await self._client.usergroups_users_list(usergroup=usergroup)
        except SLACK_FAILURES as error:
            log.error("usergroups.users.list failed for %s: %s", usergroup, reason(error))
            return []
        return [str(user) for user in response.get("users") or []]

    async def _dm(
        self, user: str, ticket_id: str, role: str, text: str, blocks: list[Block] | None = None
    ) -> MessageRef:
        """Post the DM with its metadata; a failure raised as the outbox's
        ``DeliveryDeferred`` or ``DeliveryFailed``."""
        try:
            response = await self._owned.chat_postMessage(
                channel=user,
                text=text,
                blocks=blocks,
                metadata=message_metadata(ticket_id, role),
            )
        except SLACK_FAILURES as error:
            log.warning("could not DM %s about an approval: %s", user, reason(error))
            raise delivery_failure(error) from error
        return MessageRef(str(response["channel"]), str(response["ts"]))

    async def find_dm(
        self, user: str, ticket_id: str, role: str, since: datetime
    ) -> MessageRef | None:
        return await find_dm(self._owned, user, ticket_id, role, since)

    async def ask(
        self, approver: str, ticket: Ticket, approval: Approval, why: str, role: str
    ) -> MessageRef:
        language = await self._locales.language_of(approver)
        text, blocks = approval_request_blocks(ticket, approval, self._config, language, why)
        return await self._dm(approver, ticket.id, role, text, blocks)

    async def show_decided(
        self,
        ticket: Ticket,
        approval: Approval,
        decision: Decision,
        asked: list[tuple[str, MessageRef]],
    ) -> None:
        for approver, where in asked:
            language = await self._locales.language_of(approver)
            text, blocks = approval_request_blocks(
                ticket, approval, self._config, language, ASK, decision
            )
            try:
                await self._client.chat_update(
                    channel=where.channel, ts=where.ts, text=text, blocks=blocks
                )
            except SLACK_FAILURES as error:
                log.warning("could not update %s's approval DM: %s", approver, reason(error))

    async def show_withdrawn(
        self,
        approver: str,
        ticket: Ticket,
        approval: Approval,
        asked: list[tuple[MessageRef, str]],
    ) -> None:
        language = await self._locales.language_of(approver)
        for where, why in asked:
            text, blocks = approval_request_blocks(
                ticket, approval, self._config, language, why, withdrawn=True
            )
            try:
                await self._owned.chat_update(
                    channel=where.channel, ts=where.ts, text=text, blocks=blocks
                )
            except SLACK_FAILURES as error:
                log.warning("could not update %s's withdrawn ask: %s", approver, reason(error))
                raise delivery_failure(error) from error

    async def show_superseded(
        self,
        approver: str,
        ticket: Ticket,
        approval: Approval,
        earlier: list[tuple[MessageRef, str]],
    ) -> None:
        language = await self._locales.language_of(approver)
        for where, why in earlier:
            text, blocks = approval_request_blocks(
                ticket, approval, self._config, language, why, superseded=True
            )
            try:
                await self._client.chat_update(
                    channel=where.channel, ts=where.ts, text=text, blocks=blocks
                )
            except SLACK_FAILURES as error:
                log.warning("could not retire %s's earlier ask: %s", approver, reason(error))

    async def tell_requester(
        self, ticket: Ticket, approval: Approval, notice: RequesterApprovalNotice, role: str
    ) -> DeliveredDm:
        text, blocks, live = self._notice(ticket, approval, notice)
        ref = await self._dm(ticket.requester, ticket.id, role, text, blocks)
        return DeliveredDm(SentDm(ref, text), live=live)

    async def find_told(
        self,
        ticket: Ticket,
        approval: Approval,
        notice: RequesterApprovalNotice,
        role: str,
        since: datetime,
    ) -> DeliveredDm | None:
        ref = await self.find_dm(ticket.requester, ticket.id, role, since)
        if ref is None:
            return None
        text, _, live = self._notice(ticket, approval, notice)
        return DeliveredDm(SentDm(ref, text), live=live)

    def _notice(
        self, ticket: Ticket, approval: Approval, notice: RequesterApprovalNotice
    ) -> tuple[str, list[Block], bool]:
        """What the requester is told (text, blocks) and whether it has buttons."""
        language = ticket.language
        last = approval.last
        text = t(
            language,
            f"catalogue.requester.{notice.value}",
            ticket_id=ticket.id,
            item=_item_name(ticket, self._config, language),
            approvers=", ".join(md.user(user) for user in approval.approvers),
            decision=t(language, f"catalogue.requester.decision_of_{_one_or_several(approval)}"),
            user=md.user(last.by) if last else "",
            reason=md.escape(last.reason or "") if last else "",
        )
        controls = requester_controls(ticket)  # Cancel while it waits
        shown = md.truncate(text, SECTION_MAX)
        blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=shown)), *controls]
        return text, blocks, bool(controls)


def _one_or_several(approval: Approval) -> str:
    """Whose decision the requester waits for: one approver's (« sa »), or several's."""
    return "one" if len(approval.approvers) == 1 else "several"
