"""The operator's endpoints, served beside Slack's in both connection modes:
``GET /healthz`` (JSON; 503 when the database does not answer) and ``GET /metrics``
(Prometheus text format)."""

from __future__ import annotations

from aiohttp import web

from bot.app.health import HealthState, health_report
from bot.domain.clock import Clock
from bot.telemetry.metrics import Metrics
from storage.client import Database

HEALTH_PATH = "/healthz"
METRICS_PATH = "/metrics"


def add_operations_routes(
    app: web.Application,
    database: Database,
    health: HealthState,
    metrics: Metrics,
    clock: Clock,
) -> None:
    async def healthz(_: web.Request) -> web.Response:
        status, body = await health_report(database, health, clock)
        return web.json_response(body, status=status)

    async def scrape(_: web.Request) -> web.Response:
        data, content_type = metrics.exposition()
        response = web.Response(body=data)
        response.headers["Content-Type"] = content_type
        return response

    app.router.add_get(HEALTH_PATH, healthz)
    app.router.add_get(METRICS_PATH, scrape)
