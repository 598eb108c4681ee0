"""Approvals of catalogue requests: who approves an item (services file, ``approval:``), and
where a request's approval stands (stored in ``approvals``, one document per ticket).

One or two steps, each decided by any one of its approvers: named users, the members of a
Slack user group (read when the step starts), or the first available of a list (the first whose
Slack account is active). ``when`` asks for approval only
above an amount (a number field's answer). An approver who has not decided after
``remind_after`` is reminded; after ``fallback_after`` the ``fallback`` approvers are asked too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from bot.domain.durations import parse_duration
from bot.domain.slack_ids import USER_ID, USERGROUP_ID

ApprovalDuration = Annotated[timedelta, BeforeValidator(parse_duration)]
Approver = Annotated[str, Field(pattern=USER_ID)]
STEPS_MAX = 2
REASON_MAX = 500


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ApprovalStep(_Strict):
    users: list[Approver] = Field(default_factory=list)  # any one of them decides
    usergroup: str | None = Field(default=None, pattern=USERGROUP_ID)  # any member
    first_available: list[Approver] = Field(default_factory=list)  # the first active one

    @model_validator(mode="after")
    def _one_way(self) -> ApprovalStep:
        ways = [bool(self.users), self.usergroup is not None, bool(self.first_available)]
        if sum(ways) != 1:
            raise ValueError("name the approvers with one of users, usergroup or first_available")
        return self


class AmountThreshold(_Strict):
    field: str
    above: float


class ApprovalConfig(_Strict):
    steps: list[ApprovalStep] = Field(min_length=1, max_length=STEPS_MAX)
    when: AmountThreshold | None = None
    remind_after: ApprovalDuration = timedelta(hours=4)
    fallback_after: ApprovalDuration = timedelta(days=1)
    fallback: list[Approver] = Field(default_factory=list)

    @model_validator(mode="after")
    def _delays_in_order(self) -> ApprovalConfig:
        if self.remind_after < timedelta(minutes=1):
            raise ValueError("remind_after must be at least 1m")
        if self.fallback_after <= self.remind_after:
            raise ValueError("fallback_after must be longer than remind_after")
        if any(step.usergroup for step in self.steps) and not self.fallback:
            raise ValueError("a usergroup step needs a fallback (asked when the group is empty)")
        return self

    def applies(self, answers: dict[str, object]) -> bool:
        """Whether a request with ``answers`` needs approval (its amount above the threshold)."""
        if self.when is None:
            return True
        amount = answers.get(self.when.field)
        return (
            isinstance(amount, int | float)
            and not isinstance(amount, bool)
            and (amount > self.when.above)
        )


class ApprovalState(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"  # the requester cancelled the request while it waited


@dataclass(frozen=True)
class Decision:
    step: int
    by: str
    approved: bool
    at: datetime
    reason: str | None = None


@dataclass(frozen=True)
class Chase:
    """A reminder or a fallback ask claimed by the scheduler (``what``: ``reminder`` or
    ``fallback``) at ``at``, at ``step``, whose asks may not be stored in the outbox yet: kept on
    the approval until they are, so a sweep cut short between the claim and the asks does them
    again (the outbox ids and a conditional history entry make them once). ``newcomers``: the
    fallback approvers who were not asked at that step before."""

    what: str
    at: datetime
    step: int
    newcomers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Approval:
    """Where one request's approval stands."""

    ticket_id: str
    requester: str
    item: str
    step: int  # 0, then 1 for a second step
    steps: int
    approvers: tuple[str, ...]  # who may decide the current step
    state: ApprovalState
    asked_at: datetime
    due_at: datetime | None  # the next reminder or fallback; None once decided
    reminded: bool = False
    fallback_asked: bool = False
    decisions: tuple[Decision, ...] = field(default_factory=tuple)
    asked: tuple[str, ...] = ()  # everyone asked so far, at any step (told who decided)
    withdrawn_at: datetime | None = None  # when the requester withdrew it (``WITHDRAWN``)
    chase: Chase | None = None  # a reminder or fallback claimed, its asks maybe not stored yet

    @property
    def last(self) -> Decision | None:
        return self.decisions[-1] if self.decisions else None
