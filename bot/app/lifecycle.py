"""What the web app does when it starts and stops, in order: open the Slack clients, check the
token and the private services' channels (either stops start-up, closing what had opened), then
the background start-up work (indexes, user groups, stored articles), the scheduler and the
after-ack queue; on shutdown the queue is drained before the database closes."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass

from aiohttp import web

from bot.app.retry import RetryInBackground
from bot.app.stores import Stores
from bot.domain.config import ServicesConfig
from bot.domain.errors import ConfigError
from bot.governance.privacy import check_private_channels, check_service_channels
from bot.governance.usergroups import UserGroupSync
from bot.knowledge.base import KnowledgeBase
from bot.paging.scheduler import Scheduler
from bot.runtime.after_ack import AfterAck
from handlers.governance.membership import SlackChannelPrivacy
from handlers.transport.identity import SlackIdentity, TokenRefused
from handlers.transport.routes import HttpConnection, SocketModeConnection
from handlers.transport.slack_client import SlackClient

log = logging.getLogger("guichet")


@dataclass(frozen=True)
class Background:
    """The start-up work retried until the database answers (``/healthz`` reads it)."""

    indexes: RetryInBackground
    usergroups_synced: RetryInBackground
    stored_articles: RetryInBackground


def add_lifecycle(
    app: web.Application,
    *,
    clients: tuple[SlackClient, ...],
    privacy: SlackChannelPrivacy,
    identity: SlackIdentity,
    connection: SocketModeConnection | HttpConnection,
    config: ServicesConfig,
    stores: Stores,
    usergroups: UserGroupSync,
    scheduler: Scheduler,
    knowledge: KnowledgeBase,
    after_ack: AfterAck,
    retry_seconds: float,
) -> Background:
    """Register every start-up and shutdown step on ``app``; nothing runs until it starts."""
    background = Background(
        indexes=RetryInBackground(stores.create_indexes, "create the indexes", retry_seconds),
        usergroups_synced=RetryInBackground(
            usergroups.sync_all, "sync the user groups", retry_seconds
        ),
        stored_articles=RetryInBackground(
            knowledge.load_stored, "index the stored articles", retry_seconds
        ),
    )

    async def close_slack() -> None:
        """What start-up opened before it was refused ("Unclosed client session" otherwise)."""
        await identity.stop()
        for each in clients:
            await each.close()

    async def verify_token(_: web.Application) -> None:
        """A refused token stops start-up, and aiohttp cleans up nothing it did not start."""
        try:
            await identity.start()
            await connection.verify()  # Socket Mode: the app-level token
        except TokenRefused:
            await close_slack()
            raise

    async def private_channels(_: web.Application) -> None:
        """A private service's public channel stops start-up: close what started before."""
        try:
            await check_private_channels(config, privacy)
        except ConfigError:
            await close_slack()
            raise

    checks: list[asyncio.Task[None]] = []

    async def database_answers() -> None:
        reason = await stores.database.unreachable()
        if reason is not None:
            log.error(
                "MONGODB_URI: the database is not answering (%s): check that MongoDB runs and "
                "that MONGODB_URI names it (host, port, user and password). Meanwhile Guichet "
                "tells people nothing can be saved and /healthz answers 503; it carries on by "
                "itself once the database answers",
                reason,
            )

    async def service_channels(_: web.Application) -> None:
        """In the background: Slack not answering must not hold up start-up."""
        checks.append(asyncio.create_task(check_service_channels(config, privacy)))

    async def check_database(_: web.Application) -> None:
        """Said at start-up in one line, not only as what each step could not do (the bot
        serves meanwhile: a database restarting with it is not a reason to stop)."""
        if stores.database.persistent:
            checks.append(asyncio.create_task(database_answers()))

    async def stop_checks(_: web.Application) -> None:
        for check in checks:
            check.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await check

    async def start_scheduler(_: web.Application) -> None:
        scheduler.start()

    async def load_articles(_: web.Application) -> None:
        """Folder and stored articles before the first request; when the database does not
        answer yet, the stored ones are indexed in the background once it does."""
        if not await knowledge.load():
            await background.stored_articles.start()

    async def stop(_: web.Application) -> None:
        await scheduler.stop()
        stores.database.close()

    opening = [each.open for each in clients]
    for position, step in enumerate([*opening, verify_token, private_channels]):
        app.on_startup.insert(position, step)  # before anything the web app already had
    app.on_startup.append(check_database)
    app.on_startup.append(service_channels)
    app.on_startup.append(background.indexes.start)
    app.on_startup.append(background.usergroups_synced.start)
    app.on_startup.append(start_scheduler)
    app.on_startup.append(load_articles)
    app.on_startup.append(after_ack.start)
    app.on_shutdown.append(after_ack.drain)  # before the database closes (on_cleanup)
    app.on_shutdown.append(knowledge.stop)  # no article embedded once it is stopping
    app.on_cleanup.append(stop_checks)
    app.on_cleanup.append(background.indexes.stop)
    app.on_cleanup.append(identity.stop)
    app.on_cleanup.append(background.usergroups_synced.stop)
    app.on_cleanup.append(background.stored_articles.stop)
    app.on_cleanup.append(stop)
    for each in clients:
        app.on_cleanup.append(each.close)
    return background
