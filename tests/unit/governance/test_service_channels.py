"""Start-up's look at each service channel (``check_service_channels``): one warning per
channel Guichet cannot post in, nothing for the others, and no line per channel when Slack is
not answering."""

from __future__ import annotations

import logging

import pytest

from bot.domain.config import parse_services_config
from bot.governance.ports import Membership, Visibility
from bot.governance.privacy import check_service_channels

SERVICES = """
default_service: service_desk
services:
  service_desk:
    name: {fr: "Centre de support", en: "Service desk"}
    channel: C0DESK
  internal_it:
    name: {fr: "Informatique interne", en: "Internal IT"}
    channel: C0INTERNAL
  app_dev:
    name: {fr: "Développement", en: "Development"}
    channel: "#it-app-dev"
  security:
    name: {fr: "Sécurité", en: "Security"}
    channel: G0SECURITY
    private: true
  infra_network:
    name: {fr: "Infrastructure", en: "Infrastructure"}
    channel: C0INFRA
"""


class Channels:
    def __init__(self, answers: dict[str, Membership]) -> None:
        self.answers = answers
        self.asked: list[str] = []

    async def visibility(self, channel: str) -> Visibility:
        raise AssertionError("not asked here")

    async def membership(self, channel: str) -> Membership:
        self.asked.append(channel)
        return self.answers.get(channel, Membership.IN)


async def test_each_channel_guichet_cannot_post_in_is_one_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    channels = Channels({"C0INTERNAL": Membership.OUT, "C0INFRA": Membership.MISSING})
    with caplog.at_level(logging.WARNING):
        await check_service_channels(parse_services_config(SERVICES), channels)
    assert channels.asked == ["C0DESK", "C0INTERNAL", "C0INFRA"]  # not a #name, not private
    assert [record.getMessage() for record in caplog.records] == [
        "services file: services.internal_it.channel: Guichet is not in C0INTERNAL, so its "
        "tickets cannot be posted there: type /invite @Guichet in that channel",
        "services file: services.infra_network.channel: Slack knows no channel C0INFRA: copy the "
        "id from the channel's details (at the bottom)",
    ]


async def test_slack_not_answering_stops_the_look_at_the_first_channel(
    caplog: pytest.LogCaptureFixture,
) -> None:
    channels = Channels({"C0DESK": Membership.UNKNOWN, "C0INFRA": Membership.MISSING})
    with caplog.at_level(logging.WARNING):
        await check_service_channels(parse_services_config(SERVICES), channels)
    assert channels.asked == ["C0DESK"] and not caplog.records
