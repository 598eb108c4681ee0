"""The shapes of the Slack ids and the keys an admin writes in the services file, and what to
tell them when one is not of its shape (``describe_validation_error`` in ``config.py``): a
regular expression means nothing to the person who pasted ``@marie`` or a channel's link."""

from __future__ import annotations

import re

USER_ID = r"^[UW][A-Z0-9]{2,}$"
USERGROUP_ID = r"^S[A-Z0-9]{2,}$"
CHANNEL_REF = r"^([CG][A-Z0-9]{2,}|#[a-z0-9][a-z0-9_-]{0,79})$"
"""A channel id (C…, G…) or a channel name (#it-help): Slack accepts both for posting."""
EMOJI_NAME = r"^[a-z0-9_+\-']+$"
ITEM_KEY = r"^[a-z][a-z0-9_]{0,39}$"
LABEL_KEY = r"^[a-z0-9][a-z0-9_-]{0,39}$"

_LINKED_ID = re.compile(r"/(?:archives|team|user_groups)/([A-Z0-9]+)")


def explain_mismatch(pattern: str, value: object) -> str | None:
    """What to write instead of ``value``, for a value not matching one of the patterns above;
    ``None`` for another pattern (the caller keeps pydantic's own words)."""
    linked = _LINKED_ID.search(value) if isinstance(value, str) else None
    if pattern in (USER_ID, USERGROUP_ID, CHANNEL_REF) and linked:
        return f"{value!r} is a link: write only the id at its end, {linked.group(1)}"
    if pattern == USER_ID and isinstance(value, str) and re.match(USERGROUP_ID, value):
        return (
            f"{value!r} is a user group's id, not a person's: name it under usergroups "
            "(usergroup in an approval step)"
        )
    if pattern == USER_ID:
        return (
            f"{value!r} is not a Slack user id: write the member id, like U0123ABCD "
            "(in Slack: the person's profile, ⋮, Copy member ID)"
        )
    if pattern == USERGROUP_ID:
        return f"{value!r} is not a Slack user group id: write the group's id, like S0123ABCD"
    if pattern == CHANNEL_REF:
        return (
            f"{value!r} is not a channel: write its id, like C0123ABCD (the channel's details, "
            "at the bottom), or its name with # in lower case, like #it-help"
        )
    if pattern == EMOJI_NAME:
        return (
            f"{value!r} is not an emoji's name: write it as Slack does between the colons, in "
            "lower case, like ticket"
        )
    if pattern in (ITEM_KEY, LABEL_KEY):
        first = "a letter" if pattern == ITEM_KEY else "a letter or a digit"
        more = "digits and _" if pattern == ITEM_KEY else "digits, _ and -"
        return f"{value!r} is not an id: lower-case letters, {more}, starting with {first}"
    return None
