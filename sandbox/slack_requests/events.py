"""Events API requests: ``event_callback`` envelopes and the ``url_verification`` handshake."""

from __future__ import annotations

import copy
import string
import time

from sandbox.slack_requests.state import JsonDict
from sandbox.slack_requests.transport import BOT_USER_ID, Reply, SignedSender, SignMode


class EventRequests(SignedSender):
    """Sends Events API bodies as JSON."""

    async def event(
        self,
        event: JsonDict,
        event_id: str | None = None,
        retry_num: int | None = None,
        retry_reason: str | None = None,
        *,
        sign: SignMode = "valid",
        timestamp: int | None = None,
    ) -> Reply:
        """An Events API ``event_callback`` envelope around ``event``."""
        now = time.time()
        event = copy.deepcopy(event)
        event.setdefault("event_ts", f"{now:.6f}")
        envelope: JsonDict = {
            "token": self.verification_token,
            "team_id": self.team_id,
            "context_team_id": self.team_id,
            "context_enterprise_id": None,
            "api_app_id": self.api_app_id,
            "event": event,
            "type": "event_callback",
            "event_id": event_id or "Ev" + "".join(self._rng.choices(string.ascii_uppercase, k=9)),
            "event_time": int(now),
            "authorizations": [
                {
                    "enterprise_id": None,
                    "team_id": self.team_id,
                    "user_id": BOT_USER_ID,
                    "is_bot": True,
                    "is_enterprise_install": False,
                }
            ],
            "is_ext_shared_channel": False,
            "event_context": "4-" + "".join(self._rng.choices(string.ascii_letters, k=24)),
        }
        headers: dict[str, str] = {}
        if retry_num is not None:
            headers["X-Slack-Retry-Num"] = str(retry_num)
            headers["X-Slack-Retry-Reason"] = retry_reason or "http_timeout"
        elif retry_reason is not None:
            headers["X-Slack-Retry-Reason"] = retry_reason
        return await self.post_json(envelope, headers=headers, sign=sign, timestamp=timestamp)

    async def url_verification(
        self, challenge: str, *, sign: SignMode = "valid", timestamp: int | None = None
    ) -> Reply:
        """The Events API ``url_verification`` handshake."""
        data = {
            "token": self.verification_token,
            "challenge": challenge,
            "type": "url_verification",
        }
        return await self.post_json(data, sign=sign, timestamp=timestamp)
