"""manifest.yml cannot drift from the code: every command, shortcut and event listener the app
registers is declared (and every declared one is handled), and the bot scopes are exactly those
that the Web API methods the code calls and the events it subscribes to need.

When this fails, its message says what to add or remove, and where.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

import bot.app.bolt_app as bolt_construction
import bot.app.build as composition
from bot.app.settings import Settings
from bot.domain.config import load_services_config
from handlers.filing.command import HELP_WORDS, KB_WORDS, LIST_WORDS, SHOW_WORDS
from handlers.kit import ids
from handlers.transport.routes import EVENTS_PATH
from storage.client import connect
from tests.e2e.harness import SERVICES_FILE, TOKEN

ROOT = Path(__file__).resolve().parents[3]
MANIFEST = ROOT / "manifest.yml"
CODE_DIRS = ("bot", "handlers", "storage")

METHOD_SCOPES: dict[str, set[str]] = {
    # Web API method -> the bot scopes it needs (from each method's page in Slack's docs).
    # Reading or writing in private channels needs the groups:* twin of each channels:* scope.
    "auth.test": set(),
    # called with the app-level token (its scope connections:write is the token's, not a bot
    # scope of the manifest): start-up checks the Socket Mode token with it
    "apps.connections.open": set(),
    "chat.postMessage": {"chat:write"},
    # files_upload_v2 calls files.getUploadURLExternal and files.completeUploadExternal
    "files.upload.v2": {"files:write"},
    "files.info": {"files:read"},
    "files.delete": {"files:write"},
    "chat.postEphemeral": {"chat:write"},
    "chat.update": {"chat:write"},
    "chat.delete": {"chat:write"},
    "chat.scheduleMessage": {"chat:write"},
    "chat.getPermalink": set(),
    "views.open": set(),
    "views.update": set(),
    "views.push": set(),
    "views.publish": set(),
    "users.info": {"users:read"},
    "users.lookupByEmail": {"users:read.email"},
    "conversations.members": {"channels:read", "groups:read"},
    "conversations.info": {"channels:read", "groups:read"},
    # Slack lists all four: the reaction path reads the message in whatever conversation the bot
    # is in (a 🎫 in a group DM needs mpim:history, or conversations.history says missing_scope)
    "conversations.history": {"channels:history", "groups:history", "im:history", "mpim:history"},
    "conversations.replies": {"channels:history", "groups:history", "im:history", "mpim:history"},
    "conversations.open": {"im:write"},
    "conversations.join": {"channels:join"},
    "reactions.add": {"reactions:write"},
    "reactions.remove": {"reactions:write"},
    "reactions.get": {"reactions:read"},
    "pins.add": {"pins:write"},
    "team.info": {"team:read"},
    "usergroups.users.list": {"usergroups:read"},
}
EVENT_SCOPES: dict[str, set[str]] = {
    "app_home_opened": set(),
    "app_mention": {"app_mentions:read"},
    "message.channels": {"channels:history"},
    "message.groups": {"groups:history"},
    "message.im": {"im:history"},
    "message.mpim": {"mpim:history"},
    "reaction_added": {"reactions:read"},
    "reaction_removed": {"reactions:read"},
    "member_joined_channel": {"channels:read", "groups:read"},
    "member_left_channel": {"channels:read", "groups:read"},
    "subteam_updated": {"usergroups:read"},
    "subteam_members_changed": {"usergroups:read"},
}
PENDING: set[tuple[str, str]] = set()
"""What manifest.yml declares before its listener exists (built on another branch); empty when
everything declared is handled. test_pending_is_still_pending says when to remove an entry."""
SHORTCUT_KINDS = {"message_action": "message", "shortcut": "global"}


class RecordingApp(AsyncApp):
    """An AsyncApp that notes every listener registered through it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.registered: list[tuple[str, Any]] = []

    def command(self, command: Any, *args: Any, **kwargs: Any) -> Any:
        self.registered.append(("command", command))
        return super().command(command, *args, **kwargs)

    def shortcut(self, constraints: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(constraints, dict):
            kind = SHORTCUT_KINDS.get(str(constraints.get("type")), "any")
            self.registered.append((f"shortcut:{kind}", constraints.get("callback_id")))
        else:
            self.registered.append(("shortcut:any", constraints))
        return super().shortcut(constraints, *args, **kwargs)

    def global_shortcut(self, callback_id: Any, *args: Any, **kwargs: Any) -> Any:
        self.registered.append(("shortcut:global", callback_id))
        return super().global_shortcut(callback_id, *args, **kwargs)

    def message_shortcut(self, callback_id: Any, *args: Any, **kwargs: Any) -> Any:
        self.registered.append(("shortcut:message", callback_id))
        return super().message_shortcut(callback_id, *args, **kwargs)

    def event(self, event: Any, *args: Any, **kwargs: Any) -> Any:
        kind = event.get("type") if isinstance(event, dict) else event
        self.registered.append(("event", kind))
        return super().event(event, *args, **kwargs)

    def message(self, keyword: Any = None, *args: Any, **kwargs: Any) -> Any:
        self.registered.append(("event", "message"))
        return super().message(keyword, *args, **kwargs)

    def _interactive(self, kind: str, constraints: Any) -> None:
        self.registered.append((kind, constraints))

    def action(self, constraints: Any, *args: Any, **kwargs: Any) -> Any:
        self._interactive("action", constraints)
        return super().action(constraints, *args, **kwargs)

    def block_action(self, constraints: Any, *args: Any, **kwargs: Any) -> Any:
        self._interactive("action", constraints)
        return super().block_action(constraints, *args, **kwargs)

    def view(self, constraints: Any, *args: Any, **kwargs: Any) -> Any:
        self._interactive("view", constraints)
        return super().view(constraints, *args, **kwargs)

    def view_submission(self, constraints: Any, *args: Any, **kwargs: Any) -> Any:
        self._interactive("view", constraints)
        return super().view_submission(constraints, *args, **kwargs)

    def view_closed(self, constraints: Any, *args: Any, **kwargs: Any) -> Any:
        self._interactive("view", constraints)
        return super().view_closed(constraints, *args, **kwargs)

    def options(self, constraints: Any, *args: Any, **kwargs: Any) -> Any:
        self._interactive("options", constraints)
        return super().options(constraints, *args, **kwargs)


@pytest.fixture(scope="module")
def manifest() -> dict[str, Any]:
    return yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def registered() -> set[tuple[str, str]]:
    """What the real wiring (``bot.app.build.build``) registers, literal ids only (catch-all
    patterns such as the fallback listeners are not features to declare)."""
    settings = Settings(
        slack_bot_token=TOKEN,
        slack_signing_secret="secret",
        slack_api_url="http://127.0.0.1:9/api/",  # nothing is called: build() does no I/O
        _env_file=None,
    )
    config = load_services_config(SERVICES_FILE)
    original = bolt_construction.AsyncApp
    bolt_construction.AsyncApp = RecordingApp  # type: ignore[misc]
    try:
        guichet = composition.build(settings, config, connect(None, "manifest"))
    finally:
        bolt_construction.AsyncApp = original  # type: ignore[misc]
    app = guichet.bolt
    assert isinstance(app, RecordingApp)
    found: set[tuple[str, str]] = set()
    for kind, what in app.registered:
        if not isinstance(what, str):
            continue
        if kind.startswith("shortcut"):
            found.add(("shortcut", what))
            found.add((kind, what))
        else:
            found.add((kind, what))
    return found


def _declared(manifest: dict[str, Any]) -> set[tuple[str, str]]:
    features = manifest.get("features") or {}
    declared = {("command", c["command"]) for c in features.get("slash_commands") or []}
    for shortcut in features.get("shortcuts") or []:
        declared.add(("shortcut", shortcut["callback_id"]))
        declared.add((f"shortcut:{shortcut['type']}", shortcut["callback_id"]))
    events = (manifest.get("settings") or {}).get("event_subscriptions") or {}
    declared |= {("event", e) for e in events.get("bot_events") or []}
    return declared


def _handles(registered: set[tuple[str, str]], item: tuple[str, str]) -> bool:
    kind, what = item
    if kind == "event" and what.startswith("message."):
        return ("event", "message") in registered
    return item in registered


def test_every_listener_is_declared(manifest: dict, registered: set[tuple[str, str]]) -> None:
    declared = _declared(manifest)
    missing = []
    for kind, what in sorted(registered):
        if kind == "command" and ("command", what) not in declared:
            missing.append(f"features.slash_commands: - command: {what}")
        elif kind.startswith("shortcut:") and kind != "shortcut:any":
            if (kind, what) not in declared:
                missing.append(f"features.shortcuts: - type: {kind[9:]}, callback_id: {what}")
        elif kind == "shortcut" and ("shortcut", what) not in declared:
            missing.append(f"features.shortcuts: - callback_id: {what}")
        elif kind == "event" and what == "message":
            if not any(k == "event" and w.startswith("message.") for k, w in declared):
                missing.append("settings.event_subscriptions.bot_events: message.channels/im/...")
        elif kind == "event" and ("event", what) not in declared:
            missing.append(f"settings.event_subscriptions.bot_events: - {what}")
    assert not missing, "add to manifest.yml:\n  " + "\n  ".join(missing)


def test_every_declared_feature_is_handled(
    manifest: dict, registered: set[tuple[str, str]]
) -> None:
    unhandled = [
        f"{kind} {what}"
        for kind, what in sorted(_declared(manifest))
        if kind in ("command", "shortcut", "event")
        and not _handles(registered, (kind, what))
        and (kind, what) not in PENDING
    ]
    assert not unhandled, (
        "manifest.yml declares what no listener handles (Slack would get 404s and retry): "
        + ", ".join(unhandled)
        + " — register a listener, or remove it from manifest.yml"
    )


def test_pending_is_still_pending(registered: set[tuple[str, str]]) -> None:
    done = sorted(f"{kind} {what}" for kind, what in PENDING if _handles(registered, (kind, what)))
    assert not done, f"now handled, remove from PENDING in tests/unit/app/test_manifest.py: {done}"


def test_interactivity_and_home(manifest: dict, registered: set[tuple[str, str]]) -> None:
    settings = manifest["settings"]
    interactive = {k for k, _ in registered} & {"action", "view", "options", "shortcut"}
    if interactive:
        assert settings["interactivity"]["is_enabled"] is True
    home = manifest["features"]["app_home"]
    if ("event", "app_home_opened") in _declared(manifest) or "views.publish" in _methods():
        assert home["home_tab_enabled"] is True
    assert home["messages_tab_enabled"] is True  # requesters get their updates by DM


def test_one_request_url_for_everything(manifest: dict) -> None:
    urls = [c["url"] for c in manifest["features"]["slash_commands"]]
    urls.append(manifest["settings"]["event_subscriptions"]["request_url"])
    urls.append(manifest["settings"]["interactivity"]["request_url"])
    assert len(set(urls)) == 1 and urls[0].startswith("https://")
    assert urls[0].endswith(EVENTS_PATH)
    assert manifest["features"]["slash_commands"][0]["command"] == ids.COMMAND


def test_the_usage_hint_names_the_subcommands_people_type(manifest: dict) -> None:
    hint = manifest["features"]["slash_commands"][0]["usage_hint"]
    typed = set(re.findall(r"[\w-]+", hint.lower()))
    for words in (LIST_WORDS, SHOW_WORDS, KB_WORDS, HELP_WORDS):
        assert typed & words, (sorted(words), hint)


def _python_files() -> Iterator[Path]:
    for directory in CODE_DIRS:
        yield from sorted((ROOT / directory).rglob("*.py"))


API_METHODS = {
    name
    for name, value in vars(AsyncWebClient).items()
    if callable(value) and not name.startswith("_") and name != "api_call"
}


def _methods() -> dict[str, list[str]]:
    """Web API method -> where the code calls it (``client.chat_postMessage(...)``,
    ``client.api_call("chat.postMessage")``, or Bolt's ``say(...)``)."""
    found: dict[str, list[str]] = {}
    for path in _python_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            method = None
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr in API_METHODS:
                method = func.attr.replace("_", ".")
            elif isinstance(func, ast.Attribute) and func.attr == "api_call" and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    method = first.value
            elif isinstance(func, ast.Name) and func.id == "say":
                method = "chat.postMessage"
            if method:
                where = f"{path.relative_to(ROOT)}:{node.lineno}"
                found.setdefault(method, []).append(where)
    return found


def test_the_code_calls_slack_methods() -> None:
    methods = _methods()
    assert {"chat.postMessage", "views.open", "users.info"} <= set(methods)


def test_every_method_has_known_scopes() -> None:
    unknown = {m: w for m, w in _methods().items() if m not in METHOD_SCOPES}
    assert not unknown, (
        "add these methods to METHOD_SCOPES in tests/unit/app/test_manifest.py with the bot scopes "
        f"Slack's docs list for them (and the scopes to manifest.yml): {unknown}"
    )


ELEMENT_SCOPES: dict[str, set[str]] = {
    # Block Kit element class (as the code builds it) -> the bot scopes it needs. file_input:
    # "In order to use the file_input element within your app, your app must have the
    # files:read scope." (docs.slack.dev, reference/block-kit/block-elements/file-input-element)
    "FileInputElement": {"files:read"},
}


def _elements() -> dict[str, list[str]]:
    """Block Kit element class -> where the code builds one (``FileInputElement(...)``)."""
    found: dict[str, list[str]] = {}
    for path in _python_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            if node.func.id in ELEMENT_SCOPES:
                where = f"{path.relative_to(ROOT)}:{node.lineno}"
                found.setdefault(node.func.id, []).append(where)
    return found


def test_bot_scopes_are_exactly_what_the_code_needs(manifest: dict) -> None:
    needs: dict[str, list[str]] = {}
    for method, where in _methods().items():
        for scope in METHOD_SCOPES.get(method, set()):
            needs.setdefault(scope, []).append(f"{method} at {where[0]}")
    for element, where in _elements().items():
        for scope in ELEMENT_SCOPES[element]:
            needs.setdefault(scope, []).append(f"{element} at {where[0]}")
    declared = _declared(manifest)
    for kind, what in declared:
        if kind == "event":
            assert what in EVENT_SCOPES, f"add event {what} to EVENT_SCOPES in this test"
            for scope in EVENT_SCOPES[what]:
                needs.setdefault(scope, []).append(f"event {what}")
        if kind in ("command", "shortcut"):
            needs.setdefault("commands", []).append(f"{kind} {what}")
    granted = set(manifest["oauth_config"]["scopes"]["bot"])
    missing = {scope: why for scope, why in needs.items() if scope not in granted}
    unused = sorted(granted - set(needs))
    problems = []
    if missing:
        problems.append(
            "add to oauth_config.scopes.bot: "
            + "; ".join(
                f"{s} (for {', '.join(sorted(set(w)))})" for s, w in sorted(missing.items())
            )
        )
    if unused:
        problems.append(f"remove from oauth_config.scopes.bot (nothing needs them): {unused}")
    assert not problems, "manifest.yml: " + " | ".join(problems)


def test_ids_in_the_manifest_are_constants(manifest: dict) -> None:
    constants = {v for k, v in vars(ids).items() if k.isupper() and isinstance(v, str)}
    for shortcut in manifest["features"]["shortcuts"]:
        assert shortcut["callback_id"] in constants, shortcut
        assert re.fullmatch(r"[a-z_]{1,255}", shortcut["callback_id"])
