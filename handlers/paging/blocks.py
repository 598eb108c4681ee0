"""Block Kit for what the scheduler sends: reminders, on-call pages (and their acknowledged
form), the last-level notice, delivery failures, and the ticket view the Open button shows."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    ContextBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)
from slack_sdk.models.blocks.blocks import Block
from slack_sdk.models.views import View

from bot.domain.config import OncallLevel, ServicesConfig
from bot.domain.models import (
    NOT_EMERGENCY_BY,
    HistoryEntry,
    Language,
    Outgoing,
    OutgoingKind,
    SlaClock,
    Ticket,
    TicketType,
)
from bot.domain.reclassification import may_dismiss
from bot.locales.i18n import priority_name, status_name, t, type_name
from handlers.kit import ids
from handlers.kit import mrkdwn as md
from handlers.kit.history import describe_change
from handlers.kit.messages import Rendered, duration_text
from handlers.tickets.card import (
    HEADER_MAX,
    SECTION_MAX,
    acknowledge_button,
    card_fields,
    service_name,
    ticket_detail_blocks,
)
from handlers.tickets.catalogue_answers import title_in
from handlers.tickets.emergency_controls import not_emergency_menu

DESCRIPTION_PREVIEW = 500


def _section(text: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=md.truncate(text, SECTION_MAX)))


def _open_button(ticket: Ticket, language: Language) -> ButtonElement:
    return ButtonElement(
        action_id=ids.ACTION_OPEN_TICKET, text=t(language, "paging.button.open"), value=ticket.id
    )


def _facts(ticket: Ticket, config: ServicesConfig, language: Language) -> SectionBlock:
    fields = card_fields(ticket, config, language)
    return SectionBlock(fields=[MarkdownTextObject(text=field) for field in fields])


# --- reminders ---------------------------------------------------------------------------------
def reminder(
    ticket: Ticket,
    message: Outgoing,
    config: ServicesConfig,
    language: Language,
    now: datetime,
    mention: str = "",
) -> Rendered:
    """A late ticket, to its assignee (DM) or its channel (``mention`` first): since when it is
    late (its due time in the reader's zone), not for how long, which goes stale as it stays in
    the thread and counts closed hours where the service keeps opening hours."""
    due = message.due or now
    # sent on the tick that found it due: it is not "less than a minute late", it just fell due
    just = now - due < timedelta(minutes=1)
    key = (
        "paging.reminder.response"
        if message.clock is SlaClock.RESPONSE
        else "paging.reminder.resolution"
    )
    text = t(
        language,
        f"{key}_now" if just else key,
        ticket_id=ticket.id,
        title=md.escape(md.truncate(title_in(ticket, config, language), 150)),
        priority=ticket.priority.value,
        date=md.date(due),
    )
    buttons = [_open_button(ticket, language)]
    if ticket.is_open and not ticket.assignee:
        buttons.insert(
            0,
            ButtonElement(
                action_id=ids.ACTION_CLAIM,
                text=t(language, "working.button.claim"),
                value=ticket.id,
                style="primary",
            ),
        )
    blocks: list[Block] = [
        _section(f"{mention} {text}".strip()),
        _facts(ticket, config, language),
        ActionsBlock(block_id=ids.BLOCK_REMINDER_ACTIONS, elements=buttons),
    ]
    fallback_key = "paging.reminder.fallback_now" if just else "paging.reminder.fallback"
    fallback = t(language, fallback_key, ticket_id=ticket.id, date=md.date(due))
    return Rendered(fallback, blocks)


def reminder_while_paging(
    ticket: Ticket, message: Outgoing, config: ServicesConfig, language: Language
) -> Rendered:
    """The channel's one line, in the ticket's thread, when the response target of a ticket
    being paged passes: no mention and no buttons (the pages call people; the card above has
    Acknowledge)."""
    text = t(
        language,
        "paging.reminder.while_paging",
        ticket_id=ticket.id,
        title=md.escape(md.truncate(title_in(ticket, config, language), 150)),
        priority=ticket.priority.value,
        date=md.date(message.due) if message.due else "",
    )
    fallback = t(language, "paging.reminder.while_paging_fallback", ticket_id=ticket.id)
    return Rendered(fallback, [_section(text)])


def answered_reminder(
    ticket: Ticket, message: Outgoing, config: ServicesConfig, language: Language
) -> Rendered:
    """A channel reminder once someone took the ticket or it ended: what answered it (its last
    change), its facts as they stand, and only its Open button."""
    change = (
        describe_change(ticket.last_change, language, config)
        if ticket.last_change is not None
        else status_name(language, ticket.status, ticket.awaiting_approval)
    )
    text = t(
        language,
        "paging.reminder.answered",
        ticket_id=ticket.id,
        title=md.escape(md.truncate(title_in(ticket, config, language), 150)),
        priority=ticket.priority.value,
        date=md.date(message.due) if message.due else "",
        change=change,
    )
    blocks: list[Block] = [
        _section(text),
        _facts(ticket, config, language),
        ActionsBlock(
            block_id=ids.BLOCK_REMINDER_ACTIONS, elements=[_open_button(ticket, language)]
        ),
    ]
    return Rendered(text, blocks)


# --- pages ---------------------------------------------------------------------------------------
def _page_buttons(ticket: Ticket, language: Language) -> ActionsBlock:
    elements: list = [acknowledge_button(ticket, language), _open_button(ticket, language)]
    if may_dismiss(ticket):  # not while a problem link holds its type
        elements.append(not_emergency_menu(ticket, language))
    return ActionsBlock(block_id=ids.BLOCK_PAGE_ACTIONS, elements=elements)


def _page_header(ticket: Ticket, language: Language) -> HeaderBlock:
    text = t(
        language, "paging.page.header", ticket_id=ticket.id, type=type_name(language, ticket.type)
    )
    return HeaderBlock(text=md.truncate(text, HEADER_MAX))


def _summary(ticket: Ticket) -> SectionBlock:
    title = f"*{md.escape(ticket.title)}*"
    if not ticket.details:  # filed without a description: not the title twice
        return _section(title)
    return _section(f"{title}\n{md.escape(md.truncate(ticket.details, DESCRIPTION_PREVIEW))}")


def page(
    ticket: Ticket, message: Outgoing, config: ServicesConfig, language: Language, now: datetime
) -> Rendered:
    """An on-call page, by DM: the ticket, the level, and Acknowledge / Open ticket."""
    service = service_name(config, ticket.service, language)
    known = config.services.get(ticket.service)
    # as bot/paging/acknowledge.py decides: it takes a ticket nobody has, if the service says so
    takes = known is not None and known.ack_assigns and ticket.assignee is None
    key = "paging.page.oncall" if takes else "paging.page.oncall_no_take"
    notes = [t(language, key, service=md.escape(service), level=message.level + 1)]
    if ticket.paging is not None:
        since = md.time(ticket.paging.started_at)
        if message.number > 1:  # the reader's own count
            notes.append(t(language, "paging.page.repeat", number=message.number, since=since))
        elif message.level > 0 and known is not None:
            below = _levels_below(known.oncall[: message.level], language)
            if ticket.paging.skipped_to >= message.level:  # their DMs failed: not the clock
                # given up unanswered: they may have it, Slack never said
                unsure = any(count > 0 for count in ticket.paging.unconfirmed.values())
                key = "escalated_unconfirmed" if unsure else "escalated_unreachable"
                notes.append(t(language, f"paging.page.{key}", below=below))
            else:
                notes.append(t(language, "paging.page.escalated", since=since, below=below))
    blocks: list[Block] = [
        _page_header(ticket, language),
        _summary(ticket),
        _facts(ticket, config, language),
        ContextBlock(elements=[MarkdownTextObject(text=note) for note in notes]),
        _page_buttons(ticket, language),
    ]
    return Rendered(_page_fallback(ticket, language), blocks)


def _levels_below(levels: Sequence[OncallLevel], language: Language) -> str:
    """Who was paged on the levels under the reader's: « niveau 1 : @a, @b ; niveau 2 : @c »."""
    return t(language, "paging.page.level_separator").join(
        t(
            language,
            "paging.page.level_users",
            level=index + 1,
            users=_level_names(level),
        )
        for index, level in enumerate(levels)
    )


def _level_names(level: OncallLevel) -> str:
    """A level's people as Slack shows them: its users, then its groups (« @infra-oncall »)."""
    names = [md.user(user) for user in level.users]
    return ", ".join([*names, *(md.usergroup(group) for group in level.usergroups)])


def channel_page(
    ticket: Ticket, message: Outgoing, config: ServicesConfig, language: Language
) -> Rendered:
    """A page to the service channel, when nobody is on call: ``@channel`` first, then
    ``@here`` for the re-pages."""
    mention = "<!channel>" if message.number == 1 else "<!here>"
    text = t(
        language,
        "paging.page.channel",
        mention=mention,
        ticket_id=ticket.id,
        title=md.escape(md.truncate(ticket.title, 150)),
        service=md.escape(service_name(config, ticket.service, language)),
    )
    blocks: list[Block] = [_section(text), _page_buttons(ticket, language)]
    return Rendered(_page_fallback(ticket, language), blocks)


def _page_fallback(ticket: Ticket, language: Language) -> str:
    title = md.escape(md.truncate(ticket.title, 150))
    return t(language, "paging.page.fallback", ticket_id=ticket.id, title=title)


def acknowledged_page(ticket: Ticket, language: Language) -> Rendered:
    """What a page becomes once someone answered it: who acknowledged it, and when, or who
    said it was not an emergency (the ticket is no longer one); no more buttons."""
    paging = ticket.paging
    by = md.user(paging.acked_by) if paging and paging.acked_by else "?"
    when = md.time(paging.acked_at) if paging and paging.acked_at else ""
    text = t(language, "paging.page.acknowledged", ticket_id=ticket.id, user=by, time=when)
    if ticket.type is not TicketType.EMERGENCY and paging and paging.stopped_at:
        text = not_emergency_text(ticket, language)
    blocks: list[Block] = [
        _page_header(ticket, language),
        _section(text),
        ContextBlock(elements=[MarkdownTextObject(text=md.escape(md.truncate(ticket.title, 300)))]),
    ]
    return Rendered(text, blocks)


def not_emergency_text(ticket: Ticket, language: Language) -> str:
    """A page once a person said it was not an emergency: who, when, and what it is now."""
    paging = ticket.paging
    return t(
        language,
        "paging.emergency.dismissed_page",
        ticket_id=ticket.id,
        user=md.user(str(ticket.extra.get(NOT_EMERGENCY_BY) or "?")),
        time=md.time(paging.stopped_at) if paging and paging.stopped_at else "",
        priority=priority_name(language, ticket.priority),
    )


def ended_page(
    ticket: Ticket, entry: HistoryEntry, config: ServicesConfig, language: Language
) -> Rendered:
    """What a page becomes once its emergency is cancelled, resolved, merged or taken by
    someone (claimed, assigned): what happened, by whom, and no more buttons."""
    change = describe_change(entry, language, config)
    text = t(language, "paging.page.ended", ticket_id=ticket.id, change=change)
    blocks: list[Block] = [
        _page_header(ticket, language),
        _section(text),
        ContextBlock(elements=[MarkdownTextObject(text=md.escape(md.truncate(ticket.title, 300)))]),
    ]
    return Rendered(text, blocks)


def last_level(
    ticket: Ticket, message: Outgoing, config: ServicesConfig, language: Language
) -> Rendered:
    """Told once in the channel: paging reached the last level and will keep re-paging it."""
    service = config.service(ticket.service)
    levels = service.oncall
    text = t(
        language,
        "paging.page.last_level",
        ticket_id=ticket.id,
        level=message.level + 1,
        users=_level_names(levels[message.level]) if message.level < len(levels) else "",
        every=duration_text(language, service.repage_every),
    )
    return Rendered(text, [_section(text)])


# --- failures ------------------------------------------------------------------------------------
def delivery_failure(
    message: Outgoing,
    ticket: Ticket,
    reason: str,
    language: Language,
    channel: str,
    *,
    maybe_sent: bool = False,
) -> str:
    """For the service channel: a message to ``message.recipient`` (or ``channel``) failed, or
    (``maybe_sent``) was given up with no answer saying whether it arrived."""
    key = (
        "paging.failure.reminder"
        if message.kind is OutgoingKind.REMINDER
        else "paging.failure.page"
    )
    if maybe_sent:
        key += "_unconfirmed"
    who = md.user(message.recipient) if message.recipient else md.channel(channel)
    return t(language, key, user=who, ticket_id=ticket.id, reason=md.escape(reason))


# --- the ticket view ---------------------------------------------------------------------------
def ticket_view(
    ticket: Ticket, history: Sequence[HistoryEntry], config: ServicesConfig, language: Language
) -> View:
    """The Open ticket button: the ticket and its history in a modal."""
    return View(
        type="modal",
        callback_id=ids.TICKET_VIEW_CALLBACK,
        title=t(language, "paging.view.title", ticket_id=ticket.id)[:24],
        close=t(language, "vocabulary.close"),
        blocks=ticket_detail_blocks(ticket, history, config, language),
    )
