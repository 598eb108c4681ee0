"""Opening a form from a person's click: one way for every button, so none fails in silence.

Slack opens a modal only within 3 seconds of the click (its ``trigger_id``), and refuses a view
it finds wrong. When it cannot, the person pressed a button and saw nothing happen: they are told
where they pressed (or by DM) to try again, and one error line says what could not open and why.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk.models.views import View
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.web.async_slack_response import AsyncSlackResponse

from handlers.kit.replies import tell
from handlers.kit.slack_errors import SLACK_FAILURES, reason

log = logging.getLogger(__name__)


async def open_form(
    client: AsyncWebClient,
    body: dict[str, Any],
    user: str,
    view: View | dict[str, Any],
    *,
    about: str,
    failed: str,
    push: bool = False,
) -> AsyncSlackResponse | None:
    """Open ``view`` for the click ``body`` (pushed over the modal it came from with ``push``:
    that one comes back when it is closed). When Slack cannot (the click's 3 seconds gone, the
    view refused, no answer), ``user`` is told ``failed`` and one error line names ``about``;
    ``None`` then."""
    opening = client.views_push if push else client.views_open
    try:
        return await opening(trigger_id=body["trigger_id"], view=view)
    except SLACK_FAILURES as error:
        log.error("could not open the form for %s: %s", about, reason(error))
        await tell(client, body, user, failed)
        return None
