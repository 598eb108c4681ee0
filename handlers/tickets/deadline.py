"""How a ticket's next deadline reads on its card and in its requester's DMs.

The due time is written with Slack's date token, so each reader sees it in their own time zone
("today 14:30", "Monday 09:00"). A card or a DM stays in Slack as it was drawn (it is redrawn
when the ticket changes and when a reminder about it goes out, not as time passes), so what it
says must stay true meanwhile: times only ("due today 14:30", "overdue since today 14:30"),
never a countdown ("in 1 h 20 min", "late by 35 min") that is false a minute later. Slack's
only relative date token, ``{ago}`` ("3 minutes ago"; listed for the rich-text date element in
Slack's SDK types), is documented for times past only, so it cannot say "in 20 min". What is
drawn for one look (``/ticket show``, the ticket's details) may say what is left:
``lasting=False``.
"""

from __future__ import annotations

from datetime import timedelta

from bot.domain.deadlines import Deadline, DeadlineState
from bot.domain.models import Language
from bot.locales.i18n import t
from handlers.kit import mrkdwn as md
from handlers.kit.messages import duration_text


def deadline_text(deadline: Deadline, language: Language, *, lasting: bool = True) -> str:
    """``⏱️ Response due today 14:30``, ``🔴 Response overdue since today 14:30``; not
    ``lasting``: ``⏱️ Response due today 14:30, in 1 h 20 min``, ``🔴 … overdue by 35 min``."""
    clock = t(language, f"tickets.deadline.clock.{deadline.clock.value}")
    due = md.date(deadline.due)
    left = duration_text(language, deadline.left, in_days=not deadline.business_time)
    if deadline.state is DeadlineState.OVERDUE:
        if lasting:
            return t(language, "tickets.deadline.overdue_since", clock=clock, due=due)
        late = duration_text(language, deadline.late)
        return t(language, "tickets.deadline.overdue", clock=clock, late=late, due=due)
    if deadline.state is DeadlineState.WAITING:  # paused: what is left holds until it resumes
        if deadline.held_late:  # put on hold once late: still late, nothing left
            return t(language, "tickets.deadline.waiting_late", due=due)
        return t(language, "tickets.deadline.waiting", left=left)
    if deadline.state is DeadlineState.CLOSED and deadline.left <= timedelta(0):
        # its open time ran out at closing time: due at the opening, none of it to run then
        key = "tickets.deadline.running_at" if lasting else "tickets.deadline.at_opening"
        return t(language, key, clock=clock, due=due)
    if deadline.state is DeadlineState.CLOSED and deadline.resumes_at is not None:
        resumes = md.date(deadline.resumes_at)
        key = "tickets.deadline.closed_at" if lasting else "tickets.deadline.closed"
        return t(language, key, clock=clock, due=due, left=left, resumes=resumes)
    key = "tickets.deadline.running_at" if lasting else "tickets.deadline.running"
    if not lasting and deadline.business_time:  # not "in 8 h" for a due time next Monday
        key = "tickets.deadline.running_business"
    return t(language, key, clock=clock, due=due, left=left)
