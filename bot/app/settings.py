"""Settings from the environment (and a ``.env`` file in the working directory, if any)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

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
        if not value.get_secret_value().startswith(("xoxb-", "xoxp-")):
            raise ValueError("does not look like a Slack bot token (xoxb-...)")
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


def load_settings() -> Settings:
    """Read the environment; a missing or bad variable becomes one ``ConfigError`` naming it."""
    try:
        return Settings()
    except ValidationError as error:
        problems = []
        for problem in error.errors(include_url=False):
            name = str(problem["loc"][0]).upper() if problem["loc"] else "environment"
            if problem["type"] == "missing":
                message = "is not set (see .env.example)"
            elif problem["type"] == "literal_error":
                message = f"must be {problem['ctx']['expected']}"
            else:
                message = problem["msg"].removeprefix("Value error, ")
            problems.append(f"{name} {message}")
        raise ConfigError("; ".join(problems)) from None


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
