"""Scopes: the emulator grants the bot the scopes of the app's manifest and refuses, as Slack
does (``missing_scope`` with ``needed`` and ``provided``), a method they do not cover."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from slack_sdk.errors import SlackApiError

from sandbox.emulator import DEFAULT_CHANNEL_ID, SlackEmulator
from sandbox.emulator.scopes import MANIFEST, manifest_bot_scopes
from tests.sandbox.emulator.tiny_app import TOKEN, client_for

pytestmark = pytest.mark.asyncio


def _manifest_without(tmp_path: Path, *removed: str) -> Path:
    manifest = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    bot = manifest["oauth_config"]["scopes"]["bot"]
    manifest["oauth_config"]["scopes"]["bot"] = [s for s in bot if s not in removed]
    path = tmp_path / "manifest.yml"
    path.write_text(yaml.safe_dump(manifest), encoding="utf-8")
    return path


async def test_the_emulator_grants_the_scopes_of_the_manifest(emulator: SlackEmulator) -> None:
    assert emulator.bot_scopes == manifest_bot_scopes()
    assert "chat:write" in emulator.bot_scopes


async def test_a_manifest_lacking_a_scope_makes_its_methods_refused(tmp_path: Path) -> None:
    scopes = manifest_bot_scopes(_manifest_without(tmp_path, "chat:write", "reactions:write"))
    async with SlackEmulator(token=TOKEN, bot_scopes=scopes) as emulator:
        client = client_for(emulator)
        with pytest.raises(SlackApiError) as refused:
            await client.chat_postMessage(channel=DEFAULT_CHANNEL_ID, text="hello")
        answer = refused.value.response
        assert answer["error"] == "missing_scope"
        assert answer["needed"] == "chat:write"
        assert answer["provided"] == ",".join(scopes)
        assert emulator.messages(DEFAULT_CHANNEL_ID) == []
        emulator.add_message(DEFAULT_CHANNEL_ID, "a message", ts="1.000001")
        with pytest.raises(SlackApiError) as refused:
            await client.reactions_add(channel=DEFAULT_CHANNEL_ID, timestamp="1.000001", name="x")
        assert refused.value.response["needed"] == "reactions:write"
        assert (await client.users_info(user="U1"))["ok"]  # users:read is still granted


@pytest.mark.parametrize(
    "kind,needed",
    [("public", "channels:history"), ("private", "groups:history"), ("dm", "im:history")],
)
async def test_reading_a_conversation_needs_the_scope_of_its_kind(
    tmp_path: Path, kind: str, needed: str
) -> None:
    kinds = ("channels:history", "groups:history", "im:history", "mpim:history")
    scopes = [s for s in manifest_bot_scopes() if s not in kinds]
    async with SlackEmulator(
        token=TOKEN, bot_scopes=[*scopes, "mpim:history", "mpim:write"]
    ) as emulator:
        emulator.add_user("U2", "bob")
        emulator.add_channel("C0PRIV", "secret", members=["U1"], is_private=True)
        channel = {"public": DEFAULT_CHANNEL_ID, "private": "C0PRIV"}.get(kind)
        channel = channel or emulator.open_dm("U1")
        client = client_for(emulator)
        with pytest.raises(SlackApiError) as refused:
            await client.conversations_history(channel=channel)
        assert (refused.value.response["error"], refused.value.response["needed"]) == (
            "missing_scope",
            needed,
        )
        group = (await client.conversations_open(users="U1,U2"))["channel"]["id"]
        assert (await client.conversations_history(channel=group))["ok"]


async def test_a_group_dm_needs_mpim_write(tmp_path: Path) -> None:
    scopes = manifest_bot_scopes(_manifest_without(tmp_path, "mpim:write"))
    async with SlackEmulator(token=TOKEN, bot_scopes=scopes) as emulator:
        emulator.add_user("U2", "bob")
        client = client_for(emulator)
        assert (await client.conversations_open(users="U1"))["ok"]
        with pytest.raises(SlackApiError) as refused:
            await client.conversations_open(users="U1,U2")
        assert refused.value.response["needed"] == "mpim:write"
