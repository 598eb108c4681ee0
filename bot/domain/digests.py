"""A weekly digest's claim, as the digest job sees it once it has taken one.

Kept in the domain so the job (``bot/reports/digest.py``) reads the claim it is handed without
depending on the repository's module for the type; ``storage/digests.py`` builds it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.domain.models import MessageRef


@dataclass(frozen=True)
class DigestClaim:
    """The digest ``key`` (service and week), how many times it was taken, and the figures'
    message once posted (so a retry after a failed chart upload does not post them twice);
    ``since``: when it was first taken, once an attempt has failed (the figures may have been
    posted then, their answer lost: looked for from that time before being posted again)."""

    key: str
    attempts: int
    message: MessageRef | None
    since: datetime | None = None
