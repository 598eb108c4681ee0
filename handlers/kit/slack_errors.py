"""The one mapping of Slack failures to the domain's: what a Web API call can fail with, which
failures are worth another try later (``DeliveryDeferred``, honouring ``Retry-After``) and which
never will work (``DeliveryFailed``), and the short reason logged or stored for each."""

from __future__ import annotations

import aiohttp
from slack_sdk.errors import SlackApiError

from bot.domain.errors import DeliveryDeferred, DeliveryFailed

SLACK_FAILURES: tuple[type[BaseException], ...] = (SlackApiError, aiohttp.ClientError, TimeoutError)
"""What a Web API call raises when it did not work: Slack's refusal, or no answer at all."""

VIEW_UPDATE_FAILURES: tuple[type[BaseException], ...] = (KeyError, *SLACK_FAILURES)
"""Why a modal could not be updated from a click in it: no view id in the payload, or Slack's."""

TRANSIENT_ERRORS = frozenset(
    {"ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"}
)
"""Errors Slack answers when it is the one in trouble: worth another try later."""


def reason(error: BaseException) -> str:
    """Slack's error code (``channel_not_found``), or what went wrong on the way."""
    if isinstance(error, SlackApiError):
        return str(error.response.get("error") or "slack_error")
    return f"network: {error.__class__.__name__}"


MAYBE_DONE_ERRORS = frozenset({"internal_error", "fatal_error"})
"""Errors after which Slack says some of the work may have been done (its API documentation)."""


def delivery_failure(error: BaseException) -> DeliveryFailed:
    """A failed call as a failure for now (``DeliveryDeferred``: rate limit, Slack in trouble,
    no answer) or for good (``DeliveryFailed``: Slack refused it). A failure for now is
    ``lost`` when nothing says the call was not carried out: no answer at all, a 5xx (Slack
    may answer one after doing the work), or an error Slack says may follow part of it."""
    if not isinstance(error, SlackApiError):
        return DeliveryDeferred(reason(error), lost=True)
    response = error.response
    status = getattr(response, "status_code", 200)
    code = str(response.get("error") or f"http_{status}")
    if status == 429 or status >= 500 or code in TRANSIENT_ERRORS:
        lost = status >= 500 or code in MAYBE_DONE_ERRORS
        return DeliveryDeferred(code, retry_after=_retry_after(response), lost=lost)
    return DeliveryFailed(code)


def _retry_after(response: object) -> float:
    headers = getattr(response, "headers", None) or {}
    for name, value in headers.items():
        if name.lower() == "retry-after":
            raw = value[0] if isinstance(value, list | tuple) else value
            try:
                return max(0.0, float(raw))
            except (TypeError, ValueError):
                return 0.0
    return 0.0
