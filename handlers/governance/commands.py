"""The governance sub-commands of ``/ticket`` (``audit``, ``privacy``): a listener of the
same command registered before the filing one, matching only these words (and a slip for one,
``/ticket audti``, answered "Did you mean ...?" here: the filing listener cannot know them), so
``/ticket`` itself stays the filing command's."""

from __future__ import annotations

import logging

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.errors import StoreUnavailable
from bot.locales.i18n import t
from handlers.governance import erase_command
from handlers.governance.audit_command import AUDIT_WORDS, answer_audit
from handlers.governance.privacy_command import PRIVACY_WORDS, answer_privacy
from handlers.kit import ids
from handlers.kit.context import HandlerContext
from handlers.kit.store_answers import store_failed, store_failure
from handlers.kit.subcommand_typo import as_meant, meant_subcommand

log = logging.getLogger(__name__)


def _first_word(body: dict) -> str:
    words = str(body.get("text") or "").split()
    return words[0].lower() if words else ""


# the words a slip may have meant, preferred first
GOVERNANCE_WORDS = ("audit", "privacy", "confidentialite", "confidentialité", "rgpd", "gdpr")


def _slip(body: dict) -> str | None:
    """The governance command meant when the text starts with a slip for one (``audti``,
    ``privcay export <@U…>``), or None."""
    words = str(body.get("text") or "").split()
    meant = meant_subcommand(words[0], GOVERNANCE_WORDS) if words else None
    return as_meant(meant, words[1:]) if meant else None


async def _is_governance(body: dict) -> bool:
    return _first_word(body) in AUDIT_WORDS | PRIVACY_WORDS or _slip(body) is not None


def register(app: AsyncApp, ctx: HandlerContext) -> None:
    @app.command(ids.COMMAND, matchers=[_is_governance])
    async def governance_command(
        ack: AsyncAck, body: dict, respond: AsyncRespond, client: AsyncWebClient
    ) -> None:
        await ack()
        user = body["user_id"]
        language = await ctx.locales.language_of(user)
        words = str(body.get("text") or "").split()
        meant = _slip(body)
        try:
            if meant is not None:
                await respond(text=t(language, "filing.typo", command=meant))
            elif _first_word(body) in AUDIT_WORDS:
                await answer_audit(ctx, respond, user, language, words[1:])
            else:
                await answer_privacy(ctx, respond, client, body, language, words[1:])
        except StoreUnavailable as store_error:
            log.exception(
                "database %s for /ticket %s", store_failed(store_error), _first_word(body)
            )
            await respond(text=store_failure(language, store_error))

    erase_command.register(app, ctx)
