"""The sandbox's demo workspace: the services file it runs with, its people and channels.

``sandbox/services.yml`` is an ordinary services file plus a ``sandbox:`` section (people,
channel names, shortcuts); ``load_workspace`` validates both and ``populate`` puts the people and
channels into the Slack emulator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bot.domain.config import (
    ServicesConfig,
    UserId,
    describe_validation_error,
    parse_yaml_mapping,
    read_config_text,
)
from bot.domain.errors import ConfigError
from sandbox.emulator import BOT_NAME, BOT_USER_ID, DEFAULT_CHANNEL_ID, SlackEmulator

BUNDLED_WORKSPACE = "services.yml"
MANIFEST = "manifest.yml"
GENERAL = "general"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Person(_Strict):
    id: UserId
    name: str = Field(min_length=1, max_length=80)
    locale: str = Field(default="en-US", pattern=r"^[a-z]{2}-[A-Z]{2}$")
    title: str = ""


class ChannelSpec(_Strict):
    name: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,79}$")
    members: list[UserId] = Field(default_factory=list)


class Shortcut(_Strict):
    model_config = ConfigDict(extra="ignore", frozen=True)  # manifests carry descriptions

    name: str = Field(min_length=1)
    type: Literal["message", "global"]
    callback_id: str = Field(min_length=1)


class SandboxSection(_Strict):
    people: list[Person] = Field(min_length=1)
    channels: dict[str, ChannelSpec] = Field(default_factory=dict)
    shortcuts: list[Shortcut] = Field(default_factory=list)


@dataclass(frozen=True)
class Channel:
    id: str
    name: str
    members: tuple[str, ...]
    service: str | None = None
    private: bool = False  # the channel of a private service (private: true)


@dataclass(frozen=True)
class Workspace:
    config: ServicesConfig
    people: tuple[Person, ...]
    channels: tuple[Channel, ...]
    shortcuts: tuple[Shortcut, ...]
    commands: tuple[str, ...] = ("/ticket",)
    """The app's slash commands (the manifest's): Slack refuses others without asking the app."""

    def person(self, user_id: str) -> Person | None:
        return next((p for p in self.people if p.id == user_id), None)

    def populate(self, emulator: SlackEmulator) -> None:
        """Put the people, their channels and their DMs with the bot into the emulator."""
        for person in self.people:
            emulator.add_user(
                person.id,
                person.name.split()[0].lower(),
                real_name=person.name,
                locale=person.locale,
            )
        for channel in self.channels:
            emulator.add_channel(
                channel.id, channel.name, members=channel.members, is_private=channel.private
            )
        for person in self.people:
            emulator.open_dm(person.id)

    def describe(self) -> dict[str, Any]:
        """What the page needs to draw the workspace (JSON)."""
        services = self.config.services
        return {
            "bot": {"id": BOT_USER_ID, "name": BOT_NAME.capitalize()},
            "people": [p.model_dump() for p in self.people],
            "channels": [
                {
                    "id": c.id,
                    "name": c.name,
                    "service": c.service,
                    "service_name": services[c.service].name.en if c.service else None,
                }
                for c in self.channels
            ],
            "reaction": self.config.ticket_reaction,
            "shortcuts": [s.model_dump() for s in self.shortcuts],
        }


def load_workspace(path: str | Path | None = None) -> Workspace:
    """Read the sandbox services file (the bundled one when ``path`` is None)."""
    text, source = read_config_text(path, "sandbox", BUNDLED_WORKSPACE, "sandbox services file")
    # relative folders in it (knowledge.folder) are read next to it
    base = Path(path).parent if path is not None else Path(__file__).parent
    return parse_workspace(text, source, base)


def parse_workspace(
    text: str, source: str = "sandbox services file", base: Path | None = None
) -> Workspace:
    raw = parse_yaml_mapping(text, source)
    if not isinstance(raw.get("sandbox"), dict):
        raise ConfigError(f"{source}: expected a services file with a 'sandbox:' section")
    section_raw = raw.pop("sandbox")
    try:
        config = ServicesConfig.model_validate(raw, context={"base": base})
        section = SandboxSection.model_validate(section_raw)
    except ValidationError as error:
        raise ConfigError(f"{source}: {describe_validation_error(error)}") from None
    known = {p.id for p in section.people}
    channels = [Channel(DEFAULT_CHANNEL_ID, GENERAL, tuple(sorted(known)))]
    for service_id, service in config.services.items():
        staff = [*service.agents, *(u for level in service.oncall for u in level.users)]
        missing = [u for u in staff if u not in known]
        if missing:
            raise ConfigError(
                f"{source}: services.{service_id}: {', '.join(missing)} "
                "not listed in sandbox.people"
            )
        spec = section.channels.get(service.channel)
        if spec is None and service.channel.startswith("#"):  # a name: Slack gives it an id
            name = service.channel[1:]
            spec = ChannelSpec(name=name)
            channel_id = "C0" + re.sub(r"[^A-Z0-9]", "", name.upper())[:12]
        else:
            channel_id = service.channel
        if spec is None:
            raise ConfigError(
                f"{source}: sandbox.channels: no name for {service.channel} "
                f"(the channel of {service_id})"
            )
        members = tuple(dict.fromkeys([*staff, *spec.members]))
        channels.append(Channel(channel_id, spec.name, members, service_id, service.private))
    features = _manifest_features(source)
    shortcuts = section.shortcuts or features[0]
    workspace = Workspace(config, tuple(section.people), tuple(channels), tuple(shortcuts))
    return replace(workspace, commands=features[1]) if features[1] else workspace


def _manifest_features(source: str) -> tuple[list[Shortcut], tuple[str, ...]]:
    """The app's shortcuts and slash commands as its manifest declares them
    (``features.shortcuts``, ``features.slash_commands``), found in the working directory or at
    the root of this checkout."""
    for folder in (Path.cwd(), Path(__file__).resolve().parent.parent):
        manifest = folder / MANIFEST
        if not manifest.is_file():
            continue
        try:
            data = yaml.safe_load(manifest.read_text(encoding="utf-8")) or {}
            features = data.get("features") or {}
            found = features.get("shortcuts") or []
            commands = tuple(str(c["command"]) for c in features.get("slash_commands") or [])
            return [Shortcut.model_validate(item) for item in found], commands
        except (yaml.YAMLError, ValidationError, AttributeError, KeyError, TypeError) as error:
            raise ConfigError(f"{source}: {manifest} has unreadable features: {error}") from None
    return [], ()
