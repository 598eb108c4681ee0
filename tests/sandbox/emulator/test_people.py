"""users.info: each person's locale."""

from __future__ import annotations

import pytest
from slack_sdk.errors import SlackApiError

from sandbox.emulator import SlackEmulator
from tests.sandbox.emulator.tiny_app import client_for

pytestmark = pytest.mark.asyncio


async def test_users_info_locale(emulator: SlackEmulator) -> None:
    client = client_for(emulator)
    emulator.add_user("U7", name="Alice", locale="fr-FR")
    with_locale = await client.users_info(user="U7", include_locale=True)
    assert with_locale["user"]["locale"] == "fr-FR" and with_locale["user"]["name"] == "Alice"
    assert "locale" not in (await client.users_info(user="U7"))["user"]
    assert emulator.last("users.info").http_verb == "GET"
    with pytest.raises(SlackApiError) as err:
        await client.users_info(user="U404")
    assert err.value.response["error"] == "user_not_found"
    with pytest.raises(AssertionError, match=r"users\.info"):
        emulator.last("views.update")
