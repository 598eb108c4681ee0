"""Settings from the environment (and a ``.env`` file in the working directory, if any)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from difflib import get_close_matches
from pathlib import Path
from typing import Any, Literal

from dotenv import dotenv_values
from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.domain.config import utf8_text
from bot.domain.errors import ConfigError

SLACK_API_URL = "https://slack.com/api/"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore", frozen=True)

    slack_bot_token: SecretStr
    slack_signing_secret: SecretStr
    slack_app_token: SecretStr | None = None
    slack_api_url: str = SLACK_API_URL
    slack_api_timeout: int = Field(default=30, ge=1, le=300)  # seconds a Web API call may take
    mongodb_uri: SecretStr | None = None
    guichet_store: Literal["mongodb", "memory"] | None = None
    mongodb_db: str = Field(default="guichet", pattern=r"^[A-Za-z0-9_-]{1,63}$")
    guichet_config: str | None = None
    port: int = Field(default=3000, ge=1, le=65535)
    log_level: str = "INFO"
    log_format: Literal["json", "text"] = "json"

    @field_validator("slack_bot_token", "slack_signing_secret", "slack_app_token", "mongodb_uri")
    @classmethod
    def _not_blank(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not value.get_secret_value().strip():
            raise ValueError("is empty")
        return value

    @field_validator("slack_bot_token")
    @classmethod
    def _bot_token_shape(cls, value: SecretStr) -> SecretStr:
        if value.get_secret_value().startswith("xoxp-"):
            raise ValueError(
                "is a user token (xoxp-...), which acts as the person who installed the app: "
                "copy the Bot User OAuth Token (xoxb-...) from the app's OAuth & Permissions page"
            )
        if not value.get_secret_value().startswith("xoxb-"):
            raise ValueError(
                "does not look like a Slack bot token (xoxb-...): copy the Bot User OAuth Token "
                "from the app's OAuth & Permissions page"
            )
        return value

    @field_validator("slack_app_token")
    @classmethod
    def _app_token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not value.get_secret_value().startswith("xapp-"):
            raise ValueError(
                "does not look like an app-level token (xapp-...): generate one under Basic "
                "Information, App-Level Tokens, with the scope connections:write (or unset it "
                "to receive Slack's requests over HTTP)"
            )
        return value

    @field_validator("slack_signing_secret")
    @classmethod
    def _secret_not_a_token(cls, value: SecretStr) -> SecretStr:
        if value.get_secret_value().startswith(("xoxb-", "xoxp-", "xapp-", "xoxe")):
            raise ValueError(
                "is a token, not the signing secret: copy the Signing Secret from the app's Basic "
                "Information page, App Credentials"
            )
        return value

    @field_validator("mongodb_uri")
    @classmethod
    def _mongodb_scheme(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not value.get_secret_value().startswith(
            ("mongodb://", "mongodb+srv://")
        ):
            raise ValueError("must start with mongodb:// or mongodb+srv://")
        return value

    @field_validator("guichet_store", mode="before")
    @classmethod
    def _lower_store(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("slack_api_url")
    @classmethod
    def _trailing_slash(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must be an http(s) URL")
        return value if value.endswith("/") else value + "/"

    @field_validator("log_format", mode="before")
    @classmethod
    def _lower_format(cls, value: object) -> object:
        return value.lower() if isinstance(value, str) else value

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        level = value.upper()
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ValueError("must be DEBUG, INFO, WARNING, ERROR or CRITICAL")
        return level


ENV_FILE = ".env"
SETTING_NAMES: tuple[str, ...] = tuple(name.upper() for name in Settings.model_fields)
OTHER_TOOLS_NAMES = frozenset({"SLACK_API_TOKEN"})
"""Names other Slack tools read, near ours (``SLACK_APP_TOKEN``) but not typos of them."""


def misspelt_settings(environ: Mapping[str, str], env_file: Mapping[str, str | None]) -> list[str]:
    """A name set in the environment or in ``.env`` that Guichet does not read but that is one
    typo away from a setting left unset (``GUICHET_CONFG``, ``SLACK_BOT_TOKN``): said, rather
    than the bot starting without it (with the bundled services file, say)."""
    given = {name.upper(): "the environment" for name in environ}
    given.update({name.upper(): ENV_FILE for name in env_file})
    problems = []
    for name, where in sorted(given.items()):
        if name in SETTING_NAMES or name in OTHER_TOOLS_NAMES:
            continue
        unset = [known for known in SETTING_NAMES if known not in given]
        close = get_close_matches(name, unset, n=1, cutoff=0.85)
        if close:
            problems.append(
                f"{name} (in {where}) is not a setting Guichet reads: did you mean {close[0]}?"
            )
    return problems


def load_settings() -> Settings:
    """Read the environment; a missing, misspelt or bad variable becomes one ``ConfigError``
    naming it."""
    if Path(ENV_FILE).is_file():
        try:
            utf8_text(Path(ENV_FILE).read_bytes(), str(Path.cwd() / ENV_FILE))
        except OSError as error:
            raise ConfigError(f"{Path.cwd() / ENV_FILE}: cannot be read ({error})") from None
    env_file = dotenv_values(ENV_FILE) if Path(ENV_FILE).is_file() else {}
    if typos := misspelt_settings(os.environ, env_file):
        raise ConfigError("; ".join(typos))
    try:
        return Settings()
    except ValidationError as error:
        problems = []
        for problem in error.errors(include_url=False):
            name = str(problem["loc"][0]).upper() if problem["loc"] else "environment"
            problems.append(f"{name} {_explained(problem)}")
        raise ConfigError("; ".join(problems)) from None


def _explained(problem: Any) -> str:
    """What is wrong with one setting, in the words of the person setting it."""
    kind, context = problem["type"], problem.get("ctx") or {}
    if kind == "missing":
        where = Path.cwd() / ENV_FILE
        if Path(ENV_FILE).is_file():
            return f"is not set (neither in the environment nor in {where}; see .env.example)"
        return f"is not set (not in the environment, and there is no {where}; see .env.example)"
    if kind == "literal_error":
        return f"must be {context['expected']}"
    if kind in ("int_parsing", "greater_than_equal", "less_than_equal"):
        low, high = _BOUNDS.get(str(problem["loc"][0]), (None, None))
        between = f" between {low} and {high}" if low is not None else ""
        return f"must be a whole number{between}, not {problem['input']!r}"
    if kind == "string_pattern_mismatch" and problem["loc"][0] == "mongodb_db":
        return (
            f"{problem['input']!r} is not a database name Guichet accepts: letters, digits, _ "
            "and - only (at most 63)"
        )
    return str(problem["msg"]).removeprefix("Value error, ")


_BOUNDS = {"port": (1, 65535), "slack_api_timeout": (1, 300)}


def require_store(settings: Settings) -> None:
    """Outside the sandbox and the tests, running without a database is a choice someone makes
    (``GUICHET_STORE=memory``), never what a missing ``MONGODB_URI`` silently leads to: every
    ticket would be lost at the next restart."""
    if settings.mongodb_uri is None and settings.guichet_store != "memory":
        raise ConfigError(
            "MONGODB_URI is not set: set MONGODB_URI=mongodb://host:27017 to keep the tickets "
            "(or GUICHET_STORE=memory to run without a database, losing them at every restart)"
        )
    if settings.mongodb_uri is not None and settings.guichet_store == "memory":
        raise ConfigError("GUICHET_STORE=memory and MONGODB_URI are both set: unset one of them")
