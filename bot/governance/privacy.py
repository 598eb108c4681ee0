"""Private services (``private: true``: security or HR cases): their tickets stay with their
people. Who sees a ticket is the roster's rule everywhere already (``/ticket show``, Home, DMs,
export); what is particular to a private service is checked here: its channel must be a private
one, and no problem or emergency of another service ever gathers its tickets (nor a private
problem the tickets of others) — linking would show a private case to a public team, and the
other way round."""

from __future__ import annotations

import logging

from bot.domain.config import ServicesConfig
from bot.domain.errors import ConfigError
from bot.governance.ports import ChannelPrivacy, Membership, Visibility

log = logging.getLogger(__name__)


def may_link(config: ServicesConfig, incident_service: str, parent_service: str) -> bool:
    """True when an incident of ``incident_service`` may join a problem or an emergency of
    ``parent_service``: same service, or neither is private."""
    if incident_service == parent_service:
        return True
    return not (_private(config, incident_service) or _private(config, parent_service))


def shown_in_channel_of(config: ServicesConfig, service: str) -> set[str]:
    """The services whose tickets (a problem's title, say) may be named in ``service``'s
    channel: its own, and every service that is not private (their cards are in channels
    anyone may join). Another private service's stay with its people."""
    return {other for other in config.services if other == service or not _private(config, other)}


def teaching_nothing(config: ServicesConfig) -> frozenset[str]:
    """The services whose tickets teach Guichet nothing: the private ones. What is learned
    (routes and types from settled tickets, the titles of tickets an article answered) is used
    for everyone — a public ticket's route, its card's "because of" words, the articles
    suggested to anyone — so a private case's words would leave its people through it."""
    return frozenset(name for name, service in config.services.items() if service.private)


def _private(config: ServicesConfig, service: str) -> bool:
    known = config.services.get(service)
    return bool(known and known.private)


async def check_private_channels(config: ServicesConfig, channels: ChannelPrivacy) -> None:
    """Refuse to start (``ConfigError``, one line) when a private service's channel is public
    or cannot be found; when Slack does not answer, say so in the log and go on."""
    for service_id, service in config.services.items():
        if not service.private:
            continue
        visibility = await channels.visibility(service.channel)
        key = f"services file: services.{service_id}.channel"
        if visibility is Visibility.UNKNOWN:
            log.warning("could not check that %s (%s) is private", service.channel, service_id)
        elif visibility is Visibility.MISSING:
            raise ConfigError(
                f"{key}: {service.channel} cannot be found (invite Guichet to the private channel)"
            )
        elif visibility is Visibility.PUBLIC:
            raise ConfigError(
                f"{key}: {service.channel} is a public channel; a private service (private: "
                "true) needs a private channel"
            )


async def check_service_channels(config: ServicesConfig, channels: ChannelPrivacy) -> None:
    """Say at start-up, one warning line each, which service channel Guichet cannot post in
    (not invited, or no such channel): otherwise the first ticket of that service finds out.
    Not a reason to stop: the other services work. Private services are checked (and stop
    start-up) in ``check_private_channels``; a channel written as a #name is not looked up."""
    for service_id, service in config.services.items():
        if service.private or service.channel.startswith("#"):
            continue
        membership = await channels.membership(service.channel)
        key = f"services file: services.{service_id}.channel"
        if membership is Membership.UNKNOWN:
            return  # Slack is not answering (said once by the adapter): no line per channel
        if membership is Membership.OUT:
            log.warning(
                "%s: Guichet is not in %s, so its tickets cannot be posted there: type "
                "/invite @Guichet in that channel",
                key,
                service.channel,
            )
        elif membership is Membership.MISSING:
            log.warning(
                "%s: Slack knows no channel %s: copy the id from the channel's details (at the "
                "bottom)",
                key,
                service.channel,
            )
