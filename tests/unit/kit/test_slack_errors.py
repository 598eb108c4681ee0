"""Which of Slack's failures may have done the work all the same (``DeliveryDeferred.lost``):
the outbox counts a message given up after them as maybe delivered, not as never sent."""

from __future__ import annotations

import aiohttp
import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_slack_response import AsyncSlackResponse

from bot.domain.errors import DeliveryDeferred
from handlers.kit.slack_errors import delivery_failure


def _answered(status: int, error: str) -> SlackApiError:
    response = AsyncSlackResponse(
        client=None,
        http_verb="POST",
        api_url="https://slack.com/api/chat.postMessage",
        req_args={},
        data={"ok": False, "error": error},
        headers={},
        status_code=status,
    )
    return SlackApiError(error, response)


@pytest.mark.parametrize(
    "error,lost",
    [
        (TimeoutError(), True),  # no answer at all
        (aiohttp.ServerDisconnectedError(), True),
        (_answered(503, "service_unavailable"), True),  # a 5xx may follow the work
        (_answered(200, "fatal_error"), True),  # Slack: some of it may have succeeded
        (_answered(200, "internal_error"), True),
        (_answered(429, "ratelimited"), False),  # refused before any work
        (_answered(200, "service_unavailable"), False),
        (_answered(200, "request_timeout"), False),  # the request never reached it whole
    ],
)
def test_what_may_have_been_done_despite_the_failure(error: BaseException, lost: bool) -> None:
    failure = delivery_failure(error)
    assert isinstance(failure, DeliveryDeferred)
    assert failure.lost is lost


def test_a_refusal_is_a_failure_for_good() -> None:
    failure = delivery_failure(_answered(200, "user_disabled"))
    assert not isinstance(failure, DeliveryDeferred) and failure.reason == "user_disabled"
