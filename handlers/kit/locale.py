"""Each person's language, from their Slack locale (users.info), cached."""

from __future__ import annotations

import logging
import time

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.models import Language
from bot.locales.i18n import language_for_locale

log = logging.getLogger(__name__)


class LocaleResolver:
    def __init__(
        self, client: AsyncWebClient, default: Language, ttl_seconds: float = 3600
    ) -> None:
        self._client = client
        self._default = default
        self._ttl = ttl_seconds
        self._cache: dict[str, tuple[float, Language]] = {}

    def known(self, user_id: str) -> Language | None:
        """The language already known for ``user_id``, without asking Slack (``None``: not yet)."""
        cached = self._cache.get(user_id)
        if cached and time.monotonic() - cached[0] < self._ttl:
            return cached[1]
        return None

    async def language_of(self, user_id: str) -> Language:
        cached = self._cache.get(user_id)
        if cached and time.monotonic() - cached[0] < self._ttl:
            return cached[1]
        try:
            response = await self._client.users_info(user=user_id, include_locale=True)
        except SlackApiError as error:
            log.warning("users.info failed for %s: %s", user_id, error.response.get("error"))
            return self._default
        locale = (response.get("user") or {}).get("locale")
        language = language_for_locale(locale) if locale else self._default
        if len(self._cache) > 10_000:
            self._cache.clear()
        self._cache[user_id] = (time.monotonic(), language)
        return language
