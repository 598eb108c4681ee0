"""A local stand-in for Slack's Web API: kept so ``from sandbox.slack_emulator import ...`` works;
the emulator lives in the ``sandbox.emulator`` package."""

from sandbox.emulator.server import SlackEmulator
from sandbox.emulator.state import (
    APP_ID,
    BOT_ID,
    BOT_NAME,
    BOT_USER_ID,
    DEFAULT_CHANNEL_ID,
    DEFAULT_USER_ID,
    MAX_MESSAGE_BLOCKS,
    MAX_TEXT_LENGTH,
    MAX_VIEW_BLOCKS,
    RESPONSE_URL_METHOD,
    SHUTDOWN_TIMEOUT,
    SUPPORTED_METHODS,
    TEAM_DOMAIN,
    TEAM_ID,
    TEAM_NAME,
    UPLOAD_METHOD,
    JsonDict,
    RecordedCall,
    UploadedFile,
)

__all__ = [
    "APP_ID",
    "BOT_ID",
    "BOT_NAME",
    "BOT_USER_ID",
    "DEFAULT_CHANNEL_ID",
    "DEFAULT_USER_ID",
    "MAX_MESSAGE_BLOCKS",
    "MAX_TEXT_LENGTH",
    "MAX_VIEW_BLOCKS",
    "RESPONSE_URL_METHOD",
    "SHUTDOWN_TIMEOUT",
    "SUPPORTED_METHODS",
    "TEAM_DOMAIN",
    "TEAM_ID",
    "TEAM_NAME",
    "UPLOAD_METHOD",
    "JsonDict",
    "RecordedCall",
    "SlackEmulator",
    "UploadedFile",
]
