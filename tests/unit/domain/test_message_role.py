"""``message_role``: what a message's Slack metadata names it by, so a retry after a lost
answer adopts that message and no other."""

from __future__ import annotations

from dataclasses import replace

from bot.domain.models import Outgoing, OutgoingKind
from bot.domain.outbox import message_role


def test_a_send_with_a_token_is_told_apart_from_another_of_the_same_reply() -> None:
    reply = Outgoing(OutgoingKind.SAVED_REPLY, "INC-1", "U1", about="vpn_restart", text="Hi")
    first, second = replace(reply, token="a1"), replace(reply, token="b2")
    assert message_role(first) == "saved_reply:U1:vpn_restart:0:1:a1"
    assert message_role(first) != message_role(second)


def test_a_message_without_a_token_keeps_the_role_it_was_stored_with() -> None:
    page = Outgoing(OutgoingKind.PAGE, "EMG-1", "U2", level=1, number=2)
    assert message_role(page) == "page:U2::1:2"
