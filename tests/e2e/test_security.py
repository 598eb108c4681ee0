"""Forged, stale, broken and odd requests: refused (401) or answered clearly, never a 500,
never a changed ticket, never a ping."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest

from bot.domain.models import Status, Ticket
from sandbox.slack_requests import SignMode
from tests.e2e.harness import DESK_MEMBER, EMPLOYEE_EN, OUTSIDER, Harness


def _only_start_up(bot: Harness) -> bool:
    """Nothing reached Slack but the start-up's ``auth.test``."""
    return [call.method for call in bot.slack.calls] == ["auth.test"]


async def _desk_ticket(bot: Harness) -> tuple[Ticket, dict[str, Any]]:
    ticket = await bot.file(
        "information_request", "How do I reset my password?", "Where is the procedure?"
    )
    assert ticket.message is not None and ticket.service == "service_desk"
    return ticket, bot.slack.message(ticket.message.channel, ticket.message.ts)


async def _all_requests(bot: Harness, ticket: Ticket, message: dict, sign: SignMode) -> list:
    """One request of each kind, signed according to ``sign``."""
    assert ticket.message is not None
    view = {"callback_id": "file_ticket", "blocks": [], "private_metadata": ""}
    return [
        await bot.send.command("list", user_id=EMPLOYEE_EN, sign=sign),
        await bot.send.block_action(
            "ticket_claim",
            ticket.id,
            user_id=DESK_MEMBER,
            channel_id=ticket.message.channel,
            message_ts=ticket.message.ts,
            message=message,
            sign=sign,
        ),
        await bot.send.view_submission(view, {}, user_id=EMPLOYEE_EN, sign=sign),
        await bot.send.event({"type": "app_home_opened", "user": EMPLOYEE_EN}, sign=sign),
        await bot.send.url_verification("challenge-me", sign=sign),
    ]


@pytest.mark.parametrize("sign", ["none", "bad", "stale"])
async def test_unsigned_forged_or_stale_requests_never_reach_a_listener(
    bot: Harness, sign: SignMode
) -> None:
    ticket, message = await _desk_ticket(bot)
    bot.slack.clear()
    replies = await _all_requests(bot, ticket, message, sign)
    assert [status for status, _ in replies] == [401] * 5
    assert not bot.slack.calls  # no listener ran: not even users.info
    stored = await bot.guichet.helpdesk.tickets.get(ticket.id)
    assert stored == ticket
    assert [e.action for e in await bot.guichet.helpdesk.tickets.history(ticket.id)] == [
        "created",
        "posted",
    ]


@pytest.mark.parametrize(
    ("offset", "absolute"),
    [(6 * 60, None), (-5 * 60 - 30, None), (None, 0), (None, -1)],
)
async def test_timestamps_outside_five_minutes_are_refused(
    bot: Harness, offset: int | None, absolute: int | None
) -> None:
    # relative to when the test runs, not to when the suite was collected (a long suite would
    # bring "6 minutes ahead" within the five minutes)
    timestamp = int(time.time()) + offset if offset is not None else absolute
    status, _ = await bot.send.command("help", timestamp=timestamp)
    assert status == 401
    assert _only_start_up(bot)


async def test_a_timestamp_within_five_minutes_is_accepted(bot: Harness) -> None:
    status, _ = await bot.send.command("help", timestamp=int(time.time()) - 4 * 60)
    assert status == 200


@pytest.mark.parametrize(
    "headers",
    [
        {"X-Slack-Request-Timestamp": "soon", "X-Slack-Signature": "v0=abc"},
        {"X-Slack-Request-Timestamp": "1e9", "X-Slack-Signature": "v0=abc"},
        {"X-Slack-Request-Timestamp": str(int(time.time())), "X-Slack-Signature": ""},
        {"X-Slack-Request-Timestamp": str(int(time.time())), "X-Slack-Signature": "v1=ab"},
    ],
)
async def test_garbled_signature_headers_are_refused(bot: Harness, headers: dict) -> None:
    status, _ = await bot.send.post(
        "command=/ticket&text=help",
        "application/x-www-form-urlencoded",
        headers=headers,
        sign="none",
    )
    assert status == 401


@pytest.mark.parametrize(
    "body,content_type",
    [
        ("payload=not-json", "application/x-www-form-urlencoded"),
        ("payload=%5B1%2C2%5D", "application/x-www-form-urlencoded"),  # a JSON list
        ("[1, 2]", "application/json"),
        ('{"type": "event_callback", "event": ', "application/json"),
        ('"just a string"', "application/json"),
    ],
)
async def test_unreadable_bodies(bot: Harness, body: str, content_type: str) -> None:
    unsigned, _ = await bot.send.post(body, content_type, sign="none")
    assert unsigned == 401  # checked before anything is parsed
    signed, _ = await bot.send.post(body, content_type)
    assert signed == 400
    assert _only_start_up(bot)


async def test_a_body_that_is_not_utf8(bot: Harness) -> None:
    raw = b"command=/ticket&text=\xff\xfe"
    assert (await bot.send.post(raw, "application/x-www-form-urlencoded", sign="none"))[0] == 401
    assert (await bot.send.post(raw, "application/x-www-form-urlencoded"))[0] == 400
    assert _only_start_up(bot)


async def test_unknown_buttons_views_shortcuts_and_events_are_acknowledged(bot: Harness) -> None:
    ticket, message = await _desk_ticket(bot)
    bot.slack.clear()
    assert ticket.message is not None
    replies = [
        await bot.send.block_action(
            "no_such_action", ticket.id, user_id=DESK_MEMBER, channel_id="C0DESK", message=message
        ),
        await bot.send.view_submission({"callback_id": "no_such_view", "blocks": []}, {}),
        await bot.send.view_closed({"callback_id": "no_such_view", "blocks": []}),
        await bot.send.shortcut("no_such_shortcut"),
        await bot.send.shortcut("no_such_shortcut", message={"ts": "1.2", "text": "hi"}),
        await bot.send.event({"type": "reaction_removed", "user": "U1", "reaction": "x"}),
        await bot.send.event({"type": "message", "channel": "C0DESK", "user": "U1", "text": "x"}),
    ]
    assert replies == [(200, "")] * len(replies)
    assert not [c for c in bot.slack.calls if c.method != "auth.test"]
    assert await bot.guichet.helpdesk.tickets.get(ticket.id) == ticket
    ignored = bot.guichet.metrics.slack_requests
    assert ignored.labels(kind="block_actions", outcome="ignored")._value.get() == 1
    # the reaction_removed nobody listens to; the message outside any ticket thread is read
    # by the conversation listener, which relays nothing (no Web API call above)
    assert ignored.labels(kind="event", outcome="ignored")._value.get() == 1


async def test_payloads_of_the_wrong_shape(bot: Harness) -> None:
    ticket, _ = await _desk_ticket(bot)
    # routable, but missing what the listener needs: acknowledged, the failure logged
    incomplete: list[dict[str, Any]] = [
        {"type": "block_actions", "actions": [{"action_id": "ticket_claim", "value": ticket.id}]},
        {"type": "block_actions", "user": {"id": DESK_MEMBER}, "actions": [{"action_id": "x"}]},
        {
            "type": "view_submission",
            "user": {"id": "U1"},
            "view": {
                "type": "modal",
                "callback_id": "file_ticket",
                "state": {"values": {"type": ["x"]}},
            },
        },
        {"type": "event_callback", "event": {"type": "app_home_opened"}},
        {"type": "message_action", "callback_id": "x"},
    ]
    # shapes Bolt itself cannot route (it would fail before any listener): 400
    unroutable: list[dict[str, Any]] = [
        {"type": "block_actions", "user": {"id": DESK_MEMBER}, "actions": []},
        {"type": "block_actions", "user": "U1", "actions": "ticket_claim"},
        {"type": "block_actions", "user": 7, "actions": [{"action_id": "ticket_claim"}]},
        {"type": "view_submission", "user": {"id": "U1"}, "view": {"callback_id": 42}},
        {"type": "view_submission", "user": {"id": "U1"}, "view": None},
        {"type": "view_submission", "view": {"callback_id": "file_ticket", "state": ["x"]}},
        {"type": "view_submission", "view": {"callback_id": "file_ticket"}},  # no view.type
        {"type": "block_actions", "response_url": 3, "actions": [{"action_id": "x"}]},
        {"type": "event_callback", "event": None},
        {"type": "event_callback", "event": {"type": "message", "subtype": 3}},
        {"type": "event_callback"},
        {"type": "shortcut"},
        {"type": "message_action", "callback_id": None},
        {"type": ["block_actions"]},
        {"type": None},
        # a type Bolt has no listener kind for (it would answer 404, and Slack retries that);
        # found by test_fuzz: a form submission whose "type" was damaged to ""
        {"type": "", "user": {"id": "U1"}, "view": {"type": "modal", "callback_id": ""}},
        {"type": "view_submitted", "user": {"id": "U1"}},
        {"user": {"id": "U1"}},
        {"type": "block_actions", "authorizations": "all", "actions": [{"action_id": "x"}]},
    ]
    for payload in incomplete:
        status, _ = await bot.send.post_payload(payload)
        assert status == 200, payload
    for payload in unroutable:
        status, _ = await bot.send.post_payload(payload)
        assert status == 400, payload
    for fields in ({"command": "/ticket"}, {"command": "/ticket", "text": "", "user_id": "U1"}):
        status, _ = await bot.send.post_form(fields)  # no user, no trigger
        assert status == 200
    assert await bot.guichet.helpdesk.tickets.get(ticket.id) == ticket
    assert len(await bot.guichet.helpdesk.tickets.list_by_status(list(Status))) == 1


async def test_a_listener_failing_just_after_its_ack_answers_at_once(bot: Harness) -> None:
    """Bolt clears the ack of a listener that fails after acknowledging; unless the error
    handler puts it back, Slack would wait 3 s (and the request go to the next listener)."""
    ticket, _ = await _desk_ticket(bot)
    payload = {"type": "block_actions", "actions": [{"action_id": "ticket_claim", "value": "x"}]}
    for _ in range(5):
        started = time.perf_counter()
        status, body = await bot.send.post_payload(payload)  # no "user": fails right after ack
        assert (status, body) == (200, "")
        assert time.perf_counter() - started < 1.0
    errors = bot.guichet.metrics.listener_errors.labels(kind="block_actions")
    assert errors._value.get() == 5
    ignored = bot.guichet.metrics.slack_requests.labels(kind="block_actions", outcome="ignored")
    assert ignored._value.get() == 0  # answered by the claim listener, not the fallback
    assert await bot.guichet.helpdesk.tickets.get(ticket.id) == ticket


async def test_a_failure_before_the_answer_shows_an_error_modal(bot: Harness) -> None:
    # no "user": the form's listener fails before it can answer
    payload = {"type": "view_submission", "view": {"type": "modal", "callback_id": "file_ticket"}}
    status, body = await bot.send.post_payload(payload)
    assert status == 200 and isinstance(body, dict)
    assert body["response_action"] == "push"  # over the form, whose answers stay beneath
    language = bot.config.language.value
    assert ("Something went wrong" if language == "en" else "mal passé") in json.dumps(
        body["view"], ensure_ascii=False
    )
    errors = bot.guichet.metrics.listener_errors.labels(kind="view_submission")
    assert errors._value.get() == 1


async def test_forged_ticket_id_in_a_button_pings_nobody(bot: Harness) -> None:
    ticket, message = await _desk_ticket(bot)
    assert ticket.message is not None
    for forged in ("<!channel>", "<!here|here>", "INC-1 <@U0BOSS>", "x" * 5000):
        await bot.send.block_action(
            "ticket_claim",
            forged,
            user_id=DESK_MEMBER,
            channel_id=ticket.message.channel,
            message_ts=ticket.message.ts,
            message=message,
        )
    await bot.ephemeral_seen(None, count=4)
    answers = bot.ephemerals_to(None)
    for answer in answers:
        assert "<!" not in answer["text"] and "<@U0BOSS>" not in answer["text"]
    # four presses answered in whichever order their turns start (two workers): each its own
    for shown in ("&lt;!channel&gt;", "&lt;!here|here&gt;", "INC-1 &lt;@U0BOSS&gt;"):
        assert len([a for a in answers if f"*{shown}*" in a["text"]]) == 1, (shown, answers)
    assert await bot.guichet.helpdesk.tickets.get(ticket.id) == ticket


async def test_someone_elses_ticket_id_in_a_button_changes_nothing(bot: Harness) -> None:
    security = await bot.file("incident", "Phishing mail", "I clicked on a phishing link.")
    assert security.service == "security" and security.message is not None
    _, message = await _desk_ticket(bot)
    await bot.send.block_action(
        "ticket_claim", security.id, user_id=DESK_MEMBER, channel_id="C0DESK", message=message
    )
    refusal = await bot.ephemeral_seen(DESK_MEMBER)
    assert refusal["text"] == f"Only members of IT security can claim {security.id}."
    assert await bot.guichet.helpdesk.tickets.get(security.id) == security


ODD_TEXTS = [
    "<!channel> everything is down <!here> <!everyone> <@U0BOSS> <#C0EVIL> <https://x.y|click>",
    "مرحبا الشبكة لا تعمل \u202eevil\u202c and עברית",
    "control \x00\x01\x07\x1b[31m chars\r\n\t end",
    "😱🔥💻 " * 40,
    "&lt; already escaped &amp; <b>html</b> *bold* _it_ ~st~ `code` ```block```",
]


@pytest.mark.parametrize("text", ODD_TEXTS)
async def test_odd_text_in_the_command_opens_the_form(bot: Harness, text: str) -> None:
    view = await bot.open_form(text)
    assert view["blocks"]
    assert not next(iter(bot.guichet.metrics.listener_errors.collect())).samples


async def test_huge_text_in_the_command(bot: Harness) -> None:
    view = await bot.open_form("help me " * 1500)
    title = next(b for b in view["blocks"] if b.get("block_id") == "title")
    assert len(title["element"]["initial_value"]) <= 150


@pytest.mark.parametrize("text", ODD_TEXTS)
async def test_odd_text_in_a_ticket_is_stored_as_typed_and_never_pings(
    bot: Harness, text: str
) -> None:
    title = text[:150]
    ticket = await bot.file("incident", title, text + "\nmore " + text, user=EMPLOYEE_EN)
    printable = "".join(c for c in title if c.isprintable() or c in " \n\t")
    assert ticket.title == " ".join(printable.split())  # as typed, less control characters
    assert "\x00" not in ticket.description and "\x1b" not in ticket.description
    assert ticket.message is not None
    posted = bot.slack.message(ticket.message.channel, ticket.message.ts)
    dm = [c for c in bot.slack.calls_to("chat.postMessage") if c.args["channel"] == EMPLOYEE_EN]
    for shown in (json.dumps(posted["blocks"]), posted["text"], dm[-1].args["text"]):
        for markup in ("<!channel>", "<!here>", "<!everyone>", "<@U0BOSS>", "<#C0EVIL>"):
            assert markup not in shown
    if "<!channel>" in text:
        assert "&lt;!channel&gt;" in json.dumps(posted["blocks"])


async def test_outsiders_cannot_read_tickets(bot: Harness) -> None:
    ticket, _ = await _desk_ticket(bot)
    answer = await bot.command_answer(f"show {ticket.id}", OUTSIDER)
    assert ticket.title not in json.dumps(answer)


@pytest.mark.parametrize("action_id", ["ticket_ack", "ticket_open", "home_ticket_details"])
async def test_a_forged_id_in_a_page_or_home_button_is_echoed_as_text(
    bot: Harness, action_id: str
) -> None:
    _, message = await _desk_ticket(bot)
    for count, forged in enumerate(("INC-1<!channel>", "<!here|here>", "<@U0BOSS>"), 1):
        await bot.send.block_action(
            action_id, forged, user_id=DESK_MEMBER, channel_id="C0DESK", message=message
        )
        await bot.told_more(DESK_MEMBER, count - 1, "the answer to a forged id")
    said = bot.told(DESK_MEMBER)
    assert len(said) == 3
    for shown in ("INC-1&lt;!channel&gt;", "&lt;!here|here&gt;", "&lt;@U0BOSS&gt;"):
        assert f"I cannot find ticket *{shown}*." in said, said
    for text in said:
        assert "<!" not in text and "<@" not in text


async def test_ticket_show_answers_a_title_of_markup_as_text(bot: Harness) -> None:
    title = "<!channel> VPN <@U0BOSS> <https://evil.example|bank>"
    ticket = await bot.file("incident", title, "Down.", user=EMPLOYEE_EN)
    answer = await bot.command_answer(f"show {ticket.id}", EMPLOYEE_EN)
    assert answer["text"] == (
        f"{ticket.id} · &lt;!channel&gt; VPN &lt;@U0BOSS&gt; &lt;https://evil.example|bank&gt;"
    )
    assert "<!channel>" not in json.dumps(answer) and "<@U0BOSS>" not in json.dumps(answer)


async def test_a_forged_message_link_in_the_form_pings_nobody(bot: Harness) -> None:
    """The form filed from a message (the message shortcut) carries the message's link in its
    private_metadata: altered to close the card's link and write markup, it is no link."""
    view = await bot.open_form()
    forged = "https://x.example> <!channel> <https://evil.example"
    view["private_metadata"] = json.dumps(
        {"lang": "en", "source": "shortcut", "channel": "C0GENERAL", "ts": "1.2", "link": forged}
    )
    answers = {
        "type": "information_request",
        "title": "Where is the travel policy?",
        "description": "I need it.",
        "impact": "low",
        "urgency": "low",
    }
    status, _ = await bot.submit(view, answers)
    assert status == 200

    async def posted() -> Ticket | None:
        found = await bot.guichet.helpdesk.tickets.list_by_status(list(Status))
        return found[0] if found and found[0].message is not None else None

    ticket = await bot.wait_until(posted, "the ticket posted")
    card = json.dumps(await bot.channel_message(ticket.id), ensure_ascii=False)
    assert "<!channel>" not in card and "evil.example" not in card
    assert "Depuis un message Slack\u00a0: voir le message" in card  # named, not linked
