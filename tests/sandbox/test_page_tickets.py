"""The page's server without a browser, for tickets: filing through the form, claiming, refusals,
command answers, shortcuts, actions inside a modal and the ticket's conversation relayed; each
gesture reaches the bot as Slack would send it and comes back in ``/sandbox/api/state``."""

from __future__ import annotations

import re

from slack_bolt.async_app import AsyncAck
from slack_sdk.web.async_client import AsyncWebClient

from tests.sandbox.driver import (
    EMMA,
    GENERAL,
    INFRA,
    JOHN,
    MARIE,
    PAUL,
    PageDriver,
    blocks_text,
    has_action,
    listen_first,
)

VPN = {
    "type": {"type": "incident"},
    "title": {"title": "Mon VPN coupe toutes les heures"},
    "description": {"description": "Depuis lundi le VPN se déconnecte toutes les heures."},
    "impact": {"impact": "medium"},
    "urgency": {"urgency": "high"},
}


async def _file(page: PageDriver, user: str, values: dict) -> str:
    modal = await page.open_form(user)
    status, answer = await page.post(
        "submit", user=user, view_id=modal["view"]["id"], values=values
    )
    assert (status, answer) == (200, {"ok": True}), answer
    filed = (await page.state(user))["modal"]
    assert filed["view"]["callback_id"] == "ticket_filed"
    match = re.search(r"\b[A-Z]{3}-\d+\b", blocks_text(filed["view"]))
    assert match, filed
    return match.group()


async def test_filing_through_the_page(page: PageDriver) -> None:
    modal = await page.open_form(MARIE)
    assert modal["view"]["title"]["text"] == "Nouveau ticket"  # Marie's Slack speaks French
    assert modal["errors"] == {} and modal["depth"] == 1

    status, answer = await page.post("submit", user=MARIE, view_id=modal["view"]["id"], values={})
    assert (status, answer) == (200, {"ok": True})
    shown = (await page.state(MARIE))["modal"]
    assert shown["view"]["id"] == modal["view"]["id"]  # still open, with the field errors
    assert set(shown["errors"]) == {"type", "title"}  # the rest has its defaults
    assert shown["errors"]["title"] == "Donnez un titre à votre demande."

    status, answer = await page.post("submit", user=MARIE, view_id=modal["view"]["id"], values=VPN)
    assert (status, answer) == (200, {"ok": True})
    filed = (await page.state(MARIE))["modal"]
    assert filed["view"]["callback_id"] == "ticket_filed" and filed["errors"] == {}
    found = re.search(r"INC-\d+", blocks_text(filed["view"]))
    assert found is not None
    ticket_id = found.group()

    dm = f"D{MARIE}"

    async def dm_arrived() -> list:
        state = await page.state(MARIE, dm)
        return [m for m in state["messages"] if ticket_id in m["text"]]

    (message,) = await page.until(dm_arrived, "Marie's DM")
    assert message["user"] == "UBOT" and "Votre ticket" in message["text"]
    assert (await page.state(MARIE))["activity"][dm] == 1

    await page.post("close", user=MARIE, view_id=filed["view"]["id"])
    assert (await page.state(MARIE))["modal"] is None


async def test_the_agent_claims_and_the_message_changes_in_place(page: PageDriver) -> None:
    ticket_id = await _file(page, MARIE, VPN)

    async def posted() -> list:
        return (await page.state(EMMA, INFRA))["messages"]

    (message,) = await page.until(posted, "the ticket in #it-infra-network")
    assert ticket_id in blocks_text(message) and has_action(message, "ticket_claim")
    claim = next(b for b in message["blocks"] if b["type"] == "actions")
    status, answer = await page.post(
        "action",
        user=EMMA,
        channel=INFRA,
        ts=message["ts"],
        action_id="ticket_claim",
        block_id=claim["block_id"],
        value=ticket_id,
    )
    assert (status, answer) == (200, {"ok": True})

    async def claimed() -> dict | None:
        (current,) = (await page.state(EMMA, INFRA))["messages"]
        return current if current["edited"] else None

    updated = await page.until(claimed, "the ticket message to be updated")
    assert updated["ts"] == message["ts"] and not has_action(updated, "ticket_claim")
    assert f"<@{EMMA}>" in blocks_text(updated)
    stored = await page.sandbox.guichet.helpdesk.tickets.get(ticket_id)
    assert stored is not None and stored.assignee == EMMA


async def test_a_refusal_is_ephemeral_to_the_one_who_pressed(page: PageDriver) -> None:
    ticket_id = await _file(page, MARIE, VPN)
    (message,) = await page.until(
        lambda: page.sandbox.emulator.messages(INFRA), "the ticket in #it-infra-network"
    )
    for who in (EMMA, PAUL):  # Paul (on call, in the channel) presses the old message too
        status, answer = await page.post(
            "action",
            user=who,
            channel=INFRA,
            ts=message["ts"],
            action_id="ticket_claim",
            value=ticket_id,  # what the button on their screen carries
        )
        assert (status, answer) == (200, {"ok": True})

    async def told() -> list:
        return [m for m in (await page.state(PAUL, INFRA))["messages"] if m["ephemeral"]]

    (refusal,) = await page.until(told, "Paul's answer")
    assert ticket_id in refusal["text"] and f"<@{EMMA}>" in refusal["text"]
    assert refusal["user"] == "UBOT"
    assert not [m for m in (await page.state(EMMA, INFRA))["messages"] if m["ephemeral"]]


async def test_command_answers_come_back_through_the_response_url(page: PageDriver) -> None:
    status, answer = await page.post("command", user=JOHN, channel=GENERAL, text="/ticket help")
    assert (status, answer) == (200, {"ok": True})

    async def answered() -> list:
        return [m for m in (await page.state(JOHN, GENERAL))["messages"] if m["ephemeral"]]

    (help_message,) = await page.until(answered, "the help")
    assert "/ticket" in blocks_text(help_message)
    assert (await page.state(MARIE, GENERAL))["messages"] == []  # only John sees it

    status, answer = await page.post("command", user=JOHN, channel=GENERAL, text="/nope x")
    assert status == 200 and answer == {
        "ok": False,
        "error": "/nope is not a command Guichet knows.",
    }


async def test_shortcut_opens_a_modal_on_the_right_screen(page: PageDriver) -> None:
    bolt = page.sandbox.guichet.bolt

    async def opened(ack: AsyncAck, body: dict, client: AsyncWebClient) -> None:
        await ack()
        view = {
            "type": "modal",
            "callback_id": "from_message",
            "title": {"type": "plain_text", "text": "From a message"},
            "close": {"type": "plain_text", "text": "Close"},
            "blocks": [
                {"type": "section", "text": {"type": "plain_text", "text": body["message"]["text"]}}
            ],
        }
        await client.views_open(trigger_id=body["trigger_id"], view=view)

    bolt.shortcut("sandbox_from_message")(opened)
    listen_first(bolt)
    await page.post("message", user=MARIE, channel=GENERAL, text="printer on fire")
    (message,) = (await page.state(MARIE, GENERAL))["messages"]
    status, answer = await page.post(
        "shortcut", user=JOHN, callback_id="sandbox_from_message", channel=GENERAL, ts=message["ts"]
    )
    assert (status, answer) == (200, {"ok": True})
    modal = await page.until(lambda: page.sandbox.emulator.modals(JOHN), "John's modal")
    assert modal[-1]["blocks"][0]["text"]["text"] == "printer on fire"
    assert (await page.state(MARIE))["modal"] is None
    # a shortcut the bot does not know is acknowledged (and ignored), as Slack needs
    status, answer = await page.post("shortcut", user=JOHN, callback_id="nobody_listens")
    assert (status, answer) == (200, {"ok": True})


async def test_an_action_inside_a_modal_carries_what_is_typed(page: PageDriver) -> None:
    bolt = page.sandbox.guichet.bolt
    seen: list[dict] = []
    option = lambda value: {"text": {"type": "plain_text", "text": value}, "value": value}  # noqa: E731

    def form(title: str) -> dict:
        label = {"type": "plain_text", "text": "Field"}
        return {
            "type": "modal",
            "callback_id": "many",
            "title": {"type": "plain_text", "text": title},
            "submit": {"type": "plain_text", "text": "Send"},
            "blocks": [
                {
                    "type": "input",
                    "block_id": "who",
                    "label": label,
                    "element": {"type": "users_select", "action_id": "who"},
                },
                {
                    "type": "input",
                    "block_id": "flags",
                    "optional": True,
                    "label": label,
                    "element": {
                        "type": "checkboxes",
                        "action_id": "flags",
                        "options": [option("vip"), option("outage")],
                    },
                },
                {
                    "type": "actions",
                    "block_id": "more",
                    "elements": [
                        {
                            "type": "static_select",
                            "action_id": "kind",
                            "options": [option("a"), option("b")],
                        }
                    ],
                },
            ],
        }

    async def opened(ack: AsyncAck, body: dict, client: AsyncWebClient) -> None:
        await ack()
        await client.views_open(trigger_id=body["trigger_id"], view=form("Many fields"))

    async def picked(ack: AsyncAck, body: dict, action: dict, client: AsyncWebClient) -> None:
        await ack()
        seen.append({"state": body["view"]["state"]["values"], "action": action})
        await client.views_update(
            view_id=body["view"]["id"], view=form(f"Kind {action['selected_option']['value']}")
        )

    bolt.shortcut("sandbox_many")(opened)
    bolt.action("kind")(picked)
    listen_first(bolt, 2)
    await page.post("shortcut", user=JOHN, callback_id="sandbox_many")
    modal = await page.until(lambda: page.sandbox.emulator.modals(JOHN), "the modal")
    values = {"who": {"who": EMMA}, "flags": {"flags": ["outage"]}, "more": {"kind": "b"}}
    status, answer = await page.post(
        "action",
        user=JOHN,
        view_id=modal[-1]["id"],
        action_id="kind",
        block_id="more",
        value="b",
        values=values,
    )
    assert (status, answer) == (200, {"ok": True})
    await page.until(
        lambda: page.sandbox.emulator.modals(JOHN)[-1]["title"]["text"] == "Kind b", "the update"
    )
    (call,) = seen
    assert call["action"]["selected_option"]["value"] == "b"
    state = call["state"]
    assert state["who"]["who"] == {"type": "users_select", "selected_user": EMMA}
    assert [o["value"] for o in state["flags"]["flags"]["selected_options"]] == ["outage"]
    assert state["more"]["kind"]["selected_option"]["value"] == "b"
    assert (await page.state(JOHN))["modal"]["depth"] == 1


async def test_the_conversation_is_relayed_both_ways(page: PageDriver) -> None:
    await _file(page, MARIE, VPN)
    (post,) = await page.until(lambda: page.sandbox.emulator.messages(INFRA), "the ticket's post")
    await page.post(
        "message",
        user=EMMA,
        channel=INFRA,
        text="Can you try the wired network?",
        thread_ts=post["ts"],
    )
    dm = f"D{MARIE}"

    def relayed(text: str, channel: str) -> list[dict]:
        return [m for m in page.sandbox.emulator.messages(channel) if text in str(m.get("text"))]

    (to_marie,) = await page.until(lambda: relayed("wired network", dm), "the relay to Marie")
    assert to_marie["user"] == "UBOT"
    thread = to_marie.get("thread_ts") or to_marie["ts"]
    status, answer = await page.post(
        "message", user=MARIE, channel=dm, text="Oui, ça marche en filaire", thread_ts=thread
    )
    assert (status, answer) == (200, {"ok": True})
    (to_team,) = await page.until(lambda: relayed("en filaire", INFRA), "the relay back")
    assert to_team["user"] == "UBOT" and to_team["thread_ts"] == post["ts"]
