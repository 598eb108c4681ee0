"""How a MongoDB server runs the queries Guichet sends: the commands seen on the wire, and the
server's plan for each (``explain``), to check that every one is served by an index.

``CommandLog`` is a driver listener (``connect(..., listeners=[log])``) keeping the commands
that read or change documents; ``explain`` asks the server how it runs one. Together they let
a test drive the real bot, then check every query it made, not a list written by hand.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from pymongo import monitoring

EXPLAINABLE = ("find", "update", "delete", "findAndModify", "count", "distinct", "aggregate")
_DRIVER_FIELDS = ("lsid", "$db", "$clusterTime", "txnNumber", "$readPreference", "writeConcern")


@dataclass(frozen=True)
class QueryPlan:
    """How the server ran a query (``explain``): the index used and what it examined."""

    index: str | None
    stage: str
    keys_examined: int
    docs_examined: int
    returned: int
    millis: int

    @property
    def scans_collection(self) -> bool:
        """True when some branch reads the whole collection (no index serves it)."""
        return "COLLSCAN" in self.stage.split(" <- ")


class CommandLog(monitoring.CommandListener):
    """The explainable commands a client sent, as sent (one per update or delete statement)."""

    def __init__(self) -> None:
        self.commands: list[dict[str, Any]] = []

    def started(self, event: monitoring.CommandStartedEvent) -> None:
        if event.command_name not in EXPLAINABLE:
            return
        command = {k: v for k, v in event.command.items() if k not in _DRIVER_FIELDS}
        statements = {"update": "updates", "delete": "deletes"}.get(event.command_name)
        if statements is None:
            self.commands.append(copy.deepcopy(command))
            return
        for statement in command.get(statements, []):
            self.commands.append(copy.deepcopy({**command, statements: [statement]}))

    def succeeded(self, event: monitoring.CommandSucceededEvent) -> None:
        """Nothing to keep."""

    def failed(self, event: monitoring.CommandFailedEvent) -> None:
        """Nothing to keep."""


async def explain(handle: Any, command: dict[str, Any]) -> QueryPlan:
    """The server's plan for ``command`` (a ``find``, ``update``... as ``CommandLog`` keeps it),
    with its execution statistics. ``handle``: the motor database."""
    answer = await handle.command("explain", command, verbosity="executionStats")
    return plan_of(answer)


def plan_of(answer: dict[str, Any]) -> QueryPlan:
    """Read an ``explain`` answer (of a query, or of an aggregation's first stage)."""
    if "queryPlanner" not in answer and answer.get("stages"):
        answer = answer["stages"][0].get("$cursor", {})
    stats = answer.get("executionStats", {})
    stages = _stages(answer.get("queryPlanner", {}).get("winningPlan", {}))
    index = next((s.get("indexName") for s in stages if s.get("indexName")), None)
    return QueryPlan(
        index=index,
        stage=" <- ".join(str(s.get("stage")) for s in stages),
        keys_examined=int(stats.get("totalKeysExamined", 0)),
        docs_examined=int(stats.get("totalDocsExamined", 0)),
        returned=int(stats.get("nReturned", 0)),
        millis=int(stats.get("executionTimeMillis", 0)),
    )


def _stages(plan: dict[str, Any]) -> list[dict[str, Any]]:
    """A winning plan's stages, outermost first, every branch (``queryPlan`` nests them on
    newer servers; an ``OR`` has ``inputStages``)."""
    found: list[dict[str, Any]] = []
    pending: list[dict[str, Any]] = [plan.get("queryPlan", plan)]
    while pending:
        node = pending.pop(0)
        if not node:
            continue
        found.append(node)
        if node.get("inputStage"):
            pending.append(node["inputStage"])
        pending.extend(node.get("inputStages", []))
    return found
