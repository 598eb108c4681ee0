"""The sandbox's services file: the demo workspace it describes, and its mistakes named."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from bot.domain.errors import ConfigError
from bot.domain.models import Language
from bot.locales.i18n import language_for_locale
from sandbox.app import sandbox_settings
from sandbox.emulator import SlackEmulator
from sandbox.workspace import load_workspace, parse_workspace

SMALL = """
default_service: service_desk
services:
  service_desk:
    name: {fr: "Centre de support", en: "Service desk"}
    channel: %(channel)s
    agents: [U0AGENT]
sandbox:
  people:
    - {id: U0AGENT, name: Ann Agent}
%(extra)s
"""


def small(channel: str = "C0DESK", extra: str = "  channels: {C0DESK: {name: desk}}") -> str:
    return SMALL % {"channel": channel, "extra": extra}


def test_the_bundled_workspace() -> None:
    workspace = load_workspace()
    config = workspace.config
    languages = [language_for_locale(p.locale) for p in workspace.people]
    assert Language.FR in languages and Language.EN in languages
    people = {p.id for p in workspace.people}
    for service_id, service in config.services.items():
        assert service.agents and set(service.agents) <= people, service_id
    for service_id in ("infra_network", "security"):
        levels = config.service(service_id).oncall
        assert len(levels) == 2 and levels[0].after == timedelta(0)
        assert levels[1].after <= timedelta(minutes=15)  # one "+15 min" shows the escalation
        assert config.service(service_id).repage_every <= timedelta(minutes=5)
    names = [c.name for c in workspace.channels]
    assert names == [
        "general",
        "it-service-desk",
        "it-internal",
        "it-app-dev",
        "it-security",
        "it-infra-network",
    ]
    general = workspace.channels[0]
    assert set(general.members) == people
    infra = next(c for c in workspace.channels if c.service == "infra_network")
    assert set(infra.members) == {"U0EMMA", "U0PAUL"}

    emulator = SlackEmulator()
    workspace.populate(emulator)
    assert emulator.channel_info("#it-infra-network")["id"] == "C0INFRA"
    assert emulator.channel_info("DU0MARIE")["user"] == "U0MARIE"
    described = workspace.describe()
    assert described["channels"][5]["service_name"] == "Infrastructure & network"
    assert described["shortcuts"] == [] or all(s["callback_id"] for s in described["shortcuts"])


def test_a_channel_given_by_name() -> None:
    workspace = parse_workspace(small(channel='"#it-help"', extra=""))
    assert [(c.id, c.name) for c in workspace.channels][1] == ("C0ITHELP", "it-help")


@pytest.mark.parametrize(
    "text,problem",
    [
        ("default_service: x\n", "expected a services file with a 'sandbox:' section"),
        (small(extra=""), "sandbox.channels: no name for C0DESK (the channel of service_desk)"),
        (
            small().replace("agents: [U0AGENT]", "agents: [U0OTHER]"),
            "services.service_desk: U0OTHER not listed in sandbox.people",
        ),
        (small().replace("{id: U0AGENT,", "{id: nobody,"), "people.0.id"),
        (small().replace("channels:", "chanels:"), "chanels: unknown setting"),
    ],
)
def test_mistakes_are_named(text: str, problem: str) -> None:
    with pytest.raises(ConfigError) as error:
        parse_workspace(text, "test file")
    assert problem in str(error.value)


def test_shortcuts_come_from_the_file_or_the_manifest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    declared = (
        small() + "  shortcuts:\n    - {name: File it, type: message, callback_id: file_it}\n"
    )
    (shortcut,) = parse_workspace(declared).shortcuts
    assert (shortcut.name, shortcut.type, shortcut.callback_id) == ("File it", "message", "file_it")

    monkeypatch.chdir(tmp_path)
    (tmp_path / "manifest.yml").write_text(
        "features:\n  shortcuts:\n"
        "    - {name: New ticket, type: global, callback_id: new_ticket, description: x}\n",
        encoding="utf-8",
    )
    (from_manifest,) = parse_workspace(small()).shortcuts
    assert (from_manifest.type, from_manifest.callback_id) == ("global", "new_ticket")
    (tmp_path / "manifest.yml").write_text("features: {shortcuts: [{name: x}]}", "utf-8")
    with pytest.raises(ConfigError, match="unreadable features"):
        parse_workspace(small())


def test_slash_commands_come_from_the_manifest() -> None:
    assert parse_workspace(small()).commands == ("/ticket",)  # this checkout's manifest.yml


def test_missing_file() -> None:
    with pytest.raises(ConfigError, match="cannot be read"):
        load_workspace("/nonexistent/services.yml")


def test_the_environment_does_not_leak_into_the_sandbox(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-a-real-one")
    monkeypatch.setenv("SLACK_APP_TOKEN", "xapp-real")
    monkeypatch.setenv("MONGODB_URI", "mongodb://prod:27017")
    monkeypatch.setenv("PORT", "0")
    settings = sandbox_settings("http://127.0.0.1:1/api/", "secret")
    assert settings.slack_bot_token.get_secret_value() == "xoxb-sandbox"
    assert settings.slack_app_token is None and settings.mongodb_uri is None


def test_malformed_yaml_is_one_clear_error() -> None:
    with pytest.raises(ConfigError, match=r"demo\.yml: malformed YAML at line 3, column 4"):
        parse_workspace("sandbox:\n  people: [unclosed\n  x: y", "demo.yml")
