"""Running the bot: what people are told when something fails on our side."""

from __future__ import annotations

from bot.domain.models import Language

TEXTS: dict[str, dict[Language, str]] = {
    "error.modal_title": {Language.FR: "Un souci", Language.EN: "Something went wrong"},
    "error.modal_close": {Language.FR: "Fermer", Language.EN: "Close"},
}
