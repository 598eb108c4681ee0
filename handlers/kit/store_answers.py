"""What a person is told, and a log line says, when the database did not do what was asked:
it did not answer (try again in a minute) or it refused the write itself (``StoreRejected``:
trying again will not help). Every listener that catches ``StoreUnavailable`` answers with
``store_failure``."""

from __future__ import annotations

from bot.domain.errors import StoreRejected, StoreUnavailable
from bot.domain.models import Language
from bot.locales.i18n import t


def store_failure(language: Language, error: StoreUnavailable) -> str:
    """The answer for ``error``, in ``language``."""
    if isinstance(error, StoreRejected):
        return t(language, "operations.error.store_rejected")
    return t(language, "operations.error.store_unavailable")


def store_failed(error: StoreUnavailable) -> str:
    """How a log line names it: ``refused the write`` or ``unavailable``."""
    return "refused the write" if isinstance(error, StoreRejected) else "unavailable"
