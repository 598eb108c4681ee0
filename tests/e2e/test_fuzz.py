"""Property-based: generated commands, button clicks, form submissions and events, signed and
sent to /slack/events. Whatever they hold, the bot answers 200 (handled or ignored) or 400
(a shape Slack never sends) — never a 500, never a hang — and no existing ticket changes.

Bounded to stay fast: a few dozen examples per kind, no deadline (the event loop is shared).
The examples are derandomized, so every run (the CI's above all) draws the same ones and a red
run is reproducible; ``GUICHET_FUZZ_EXPLORE=1`` draws new ones each run, to look for more.
"""

from __future__ import annotations

import os
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.domain.models import Status, Ticket
from handlers.kit import ids
from tests.e2e.harness import DESK_AGENT, DESK_MEMBER, EMPLOYEE_FR, Harness

EXAMPLES = 30
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=os.environ.get("GUICHET_FUZZ_EXPLORE") != "1",
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

ODD_CHARACTERS = st.sampled_from(
    ["<!channel>", "<!here>", "<@U0BOSS>", "&amp;", "\u202e", "\x00", "😱", "ש", "\n", "*_~`"]
)
TEXT = st.one_of(
    st.text(max_size=60),
    st.lists(st.one_of(ODD_CHARACTERS, st.text(max_size=8)), max_size=12).map("".join),
    st.sampled_from(["", "help", "list", "show", "show INC-1", "INC-1", "aide", "x" * 5000]),
)
SLACK_ID = st.from_regex(r"\A[UWCDG][A-Z0-9]{2,10}\Z")
USER = st.one_of(SLACK_ID, st.sampled_from([DESK_MEMBER, DESK_AGENT, EMPLOYEE_FR]))
JSON = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), TEXT),
    lambda children: st.one_of(
        st.lists(children, max_size=3), st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)
ACTION_IDS = st.one_of(st.sampled_from([ids.ACTION_CLAIM, ids.ACTION_ACK]), st.text(max_size=20))
CALLBACK_IDS = st.one_of(st.sampled_from([ids.FILE_TICKET_CALLBACK, ids.FILED_CALLBACK]), TEXT)


def _maybe_broken(payload: st.SearchStrategy[dict[str, Any]]) -> st.SearchStrategy[dict]:
    """The payload as generated, or with one of its keys replaced by any JSON value."""

    def damage(data: st.DataObject, value: dict[str, Any]) -> dict[str, Any]:
        if bool(value) and data.draw(st.booleans()):
            key = data.draw(st.sampled_from(sorted(value)))
            value = {**value, key: data.draw(JSON)}
        return value

    return st.builds(damage, st.data(), payload)


def _button(ticket_ids: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    action = st.fixed_dictionaries(
        {
            "action_id": ACTION_IDS,
            "block_id": st.text(max_size=10),
            "type": st.sampled_from(["button", "static_select", "overflow"]),
            "value": st.one_of(st.sampled_from(ticket_ids), TEXT, st.none()),
            "action_ts": st.just("1700000000.000100"),
        }
    )
    return st.fixed_dictionaries(
        {
            "type": st.just("block_actions"),
            "user": st.builds(lambda u: {"id": u}, USER),
            "actions": st.lists(action, min_size=1, max_size=2),
            "channel": st.builds(lambda c: {"id": c}, SLACK_ID),
            "container": st.just({"type": "message", "message_ts": "1.2"}),
            "trigger_id": st.just("1.2.abc"),
        },
        optional={"response_url": st.just("http://127.0.0.1:9/response/x")},
    )


def _submission() -> st.SearchStrategy[dict[str, Any]]:
    element = st.fixed_dictionaries(
        {"type": st.sampled_from(["plain_text_input", "static_select"]), "value": TEXT},
        optional={"selected_option": st.one_of(st.none(), JSON)},
    )
    values = st.dictionaries(
        st.sampled_from([*ids.FORM_BLOCKS, "other"]),
        st.dictionaries(st.text(max_size=6), element, max_size=2),
        max_size=6,
    )
    view = st.fixed_dictionaries(
        {
            "type": st.just("modal"),
            "callback_id": CALLBACK_IDS,
            "private_metadata": st.one_of(TEXT, st.just('{"lang": "fr", "source": 3}')),
            "state": st.builds(lambda v: {"values": v}, values),
        }
    )
    return st.fixed_dictionaries(
        {
            "type": st.sampled_from(["view_submission", "view_closed"]),
            "user": st.builds(lambda u: {"id": u}, USER),
            "view": view,
        }
    )


def _event() -> st.SearchStrategy[dict[str, Any]]:
    event = st.fixed_dictionaries(
        {
            "type": st.one_of(
                st.sampled_from(
                    ["app_home_opened", "message", "reaction_added", "app_mention", "member_left"]
                ),
                st.text(min_size=1, max_size=12),
            ),
            "user": USER,
        },
        optional={
            "text": TEXT,
            "channel": SLACK_ID,
            "subtype": st.text(max_size=10),
            "reaction": st.sampled_from(["ticket", "+1", ""]),
            "item": st.fixed_dictionaries({"type": st.just("message"), "channel": SLACK_ID}),
        },
    )
    return event


async def _snapshot(bot: Harness) -> dict[str, Ticket]:
    return {t.id: t for t in await bot.guichet.helpdesk.tickets.list_by_status(list(Status))}


async def _tickets_before(bot: Harness) -> dict[str, Ticket]:
    """Two tickets filed once per bot (the bot lives for all the examples of a test)."""
    before: dict[str, Ticket] | None = getattr(bot, "fuzz_before", None)
    if before is None:
        await bot.file("information_request", "How do I reset my password?", "Where is it?")
        await bot.file("incident", "Phishing mail", "I clicked on a phishing link.")
        before = await _snapshot(bot)
        bot.fuzz_before = before  # type: ignore[attr-defined]
    return before


async def _unchanged_except_claims(bot: Harness, before: dict[str, Ticket]) -> None:
    """No existing ticket changed — but one a generated desk member may legitimately claim."""
    after = await _snapshot(bot)
    for ticket_id, old in before.items():
        new = after[ticket_id]
        if new != old:
            assert old.service == "service_desk" and old.assignee is None, ticket_id
            assert new.assignee in (DESK_MEMBER, DESK_AGENT), ticket_id
            assert new.status is Status.IN_PROGRESS


@FUZZ
@given(text=TEXT, user=USER, extra=st.dictionaries(st.text(max_size=6), st.text(), max_size=2))
async def test_generated_commands(bot: Harness, text: str, user: str, extra: dict) -> None:
    before = await _tickets_before(bot)
    fields = {**extra, "command": "/ticket", "text": text, "user_id": user}
    fields.update({"trigger_id": "1.2.abc", "response_url": bot.slack.response_url()})
    status, _ = await bot.send.post_form(fields)
    assert status == 200
    assert await _snapshot(bot) == before


@FUZZ
@given(data=st.data())
async def test_generated_button_clicks(bot: Harness, data: st.DataObject) -> None:
    before = await _tickets_before(bot)
    ticket_ids = [*before, "INC-999999", "<!channel>"]
    payload = data.draw(_maybe_broken(_button(ticket_ids)))
    status, _ = await bot.send.post_payload(payload)
    assert status in (200, 400)
    await _unchanged_except_claims(bot, before)


@FUZZ
@given(payload=_maybe_broken(_submission()))
async def test_generated_form_submissions(bot: Harness, payload: dict[str, Any]) -> None:
    before = await _tickets_before(bot)
    status, body = await bot.send.post_payload(payload)
    assert status in (200, 400)
    if status == 200 and isinstance(body, dict):
        assert body.get("response_action") in ("errors", "update", "push")
    after = await _snapshot(bot)
    assert {k: after[k] for k in before} == before  # new tickets may be filed, none changed


@FUZZ
@given(event=_maybe_broken(_event()))
async def test_generated_events(bot: Harness, event: dict[str, Any]) -> None:
    before = await _tickets_before(bot)
    status, _ = await bot.send.event(event)
    assert status in (200, 400)
    assert await _snapshot(bot) == before
