"""An article's markdown as Slack mrkdwn: its links are links, never a disguise (an article saved
from a ticket starts from what its requester wrote)."""

from __future__ import annotations

from handlers.knowledge.render import to_mrkdwn


def test_a_link_keeps_its_words() -> None:
    text = "Open [the VPN guide](https://intranet.example.com/vpn) first."
    assert to_mrkdwn(text) == "Open <https://intranet.example.com/vpn|the VPN guide> first."


def test_a_link_whose_words_name_another_address_shows_where_it_goes() -> None:
    text = "Reset it at [https://sso.example.com/reset](https://evil.example/login)."
    assert to_mrkdwn(text) == "Reset it at <https://evil.example/login>."
    bare = "[sso.example.com](https://sso.example.com.evil.example/)"
    assert to_mrkdwn(bare) == "<https://sso.example.com.evil.example/>"
    same = "[https://sso.example.com](https://sso.example.com/reset)"  # its own host: kept
    assert to_mrkdwn(same) == "<https://sso.example.com/reset|https://sso.example.com>"


def test_markup_in_an_article_pings_nobody() -> None:
    text = "<!channel> [<@U0BOSS>](https://x.example) <https://evil.example|bank>"
    shown = to_mrkdwn(text)
    assert "<!channel>" not in shown and "<@U0BOSS>" not in shown
    assert "<https://evil.example|bank>" not in shown


def test_an_address_holding_a_bar_is_no_link() -> None:
    """``|`` ends a Slack link's address: the rest would be read as the link's words."""
    text = "[bank](https://evil.example|https://sso.example.com)"
    assert to_mrkdwn(text) == text
