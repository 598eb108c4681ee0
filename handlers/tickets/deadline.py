"""How a ticket's next deadline reads on its card and in its requester's DMs.

The due time is written with Slack's date token, so each reader sees it in their own time zone
("today 14:30", "Monday 09:00"); what is left (open time) or how late it is (wall time) is
worked out when the message is drawn, and the message is redrawn when the ticket changes and
when a reminder about it goes out.
"""

from __future__ import annotations

from bot.domain.deadlines import Deadline, DeadlineState
from bot.domain.models import Language
from bot.locales.i18n import t
from handlers.kit import mrkdwn as md
from handlers.kit.messages import duration_text


def deadline_text(deadline: Deadline, language: Language) -> str:
    """``⏱️ Response due today 14:30, in 1 h 20 min``; ``🔴 Response overdue by 35 min``."""
    clock = t(language, f"tickets.deadline.clock.{deadline.clock.value}")
    due = md.date(deadline.due)
    left = duration_text(language, deadline.left)
    if deadline.state is DeadlineState.OVERDUE:
        late = duration_text(language, deadline.late)
        return t(language, "tickets.deadline.overdue", clock=clock, late=late, due=due)
    if deadline.state is DeadlineState.WAITING:
        return t(language, "tickets.deadline.waiting", left=left)
    if deadline.state is DeadlineState.CLOSED and deadline.resumes_at is not None:
        resumes = md.date(deadline.resumes_at)
        return t(
            language, "tickets.deadline.closed", clock=clock, due=due, left=left, resumes=resumes
        )
    return t(language, "tickets.deadline.running", clock=clock, due=due, left=left)
