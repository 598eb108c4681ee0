"""A local stand-in for Slack's Web API, for the tests and the sandbox, split by Web API family.

``SlackEmulator`` (in ``server``) is the aiohttp app; its methods come from one mixin per family
(``chat``, ``views``, ``conversations``, ``files``), the storage helpers (``store``), the
configuration and inspection API (``scenario``) and what people see and do (``people``).
"""

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
