"""What a person does with the catalogue's forms, sent as Slack sends it."""

from __future__ import annotations

from typing import Any

from tests.e2e.harness import EMPLOYEE_EN, Harness


async def choose(
    bot: Harness,
    view: dict[str, Any],
    item: str,
    typed: dict[str, Any] | None = None,
    user: str = EMPLOYEE_EN,
) -> dict[str, Any]:
    """``user`` picks ``item`` in "What do you need?" (having typed ``typed`` in the form so
    far); returns the form as the bot turned it (``views.update``)."""
    before = len(bot.slack.calls_to("views.update"))
    values = bot.send.state_values(view, typed or {})
    status, _ = await bot.send.block_action(
        "catalogue_pick", item, user_id=user, view=view, values=values
    )
    assert status == 200
    call = (await bot.slack.wait_for("views.update", count=before + 1))[-1]
    assert call.ok, call.response
    assert call.args["hash"] == view["hash"]  # the bot says which version it changes
    return call.response["view"]


def inputs(view: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The view's input blocks by block id."""
    return {b["block_id"]: b for b in view["blocks"] if b["type"] == "input"}


def section_texts(message: dict[str, Any]) -> str:
    """The text of a message's or view's sections, one per line, as people read it."""
    return "\n".join(
        b["text"]["text"] for b in message["blocks"] if b["type"] == "section" and b.get("text")
    )
