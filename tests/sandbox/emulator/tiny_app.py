"""A tiny real Bolt app, and a Web API client, to try the Slack emulator and the signed-request
helper against: what they accept is what Slack and Bolt accept."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from sandbox.emulator import SlackEmulator

TOKEN = "xoxb-test"
SECRET = "s3cret"


def ticket_modal(title: str = "New ticket") -> dict[str, Any]:
    """A modal with one input of each element type that state_values supports."""
    return {
        "type": "modal",
        "callback_id": "ticket_modal",
        "private_metadata": "C0GENERAL",
        "title": {"type": "plain_text", "text": title},
        "submit": {"type": "plain_text", "text": "File"},
        "close": {"type": "plain_text", "text": "Cancel"},
        "blocks": [
            {
                "type": "input",
                "block_id": "summary",
                "label": {"type": "plain_text", "text": "Summary"},
                "element": {"type": "plain_text_input", "action_id": "summary_input"},
            },
            {
                "type": "input",
                "block_id": "priority",
                "label": {"type": "plain_text", "text": "Priority"},
                "element": {
                    "type": "static_select",
                    "action_id": "priority_select",
                    "options": [
                        {"text": {"type": "plain_text", "text": "Low"}, "value": "low"},
                        {"text": {"type": "plain_text", "text": "High"}, "value": "high"},
                    ],
                    "initial_option": {
                        "text": {"type": "plain_text", "text": "Low"},
                        "value": "low",
                    },
                },
            },
            {
                "type": "input",
                "block_id": "impact",
                "label": {"type": "plain_text", "text": "Impact"},
                "element": {
                    "type": "radio_buttons",
                    "action_id": "impact_radio",
                    "options": [
                        {"text": {"type": "plain_text", "text": "Me"}, "value": "me"},
                        {"text": {"type": "plain_text", "text": "Team"}, "value": "team"},
                    ],
                },
            },
            {
                "type": "input",
                "block_id": "assignee",
                "optional": True,
                "label": {"type": "plain_text", "text": "Assignee"},
                "element": {"type": "users_select", "action_id": "assignee_user"},
            },
            {
                "type": "input",
                "block_id": "watchers",
                "optional": True,
                "label": {"type": "plain_text", "text": "Watchers"},
                "element": {"type": "multi_users_select", "action_id": "watchers_users"},
            },
            {
                "type": "input",
                "block_id": "flags",
                "optional": True,
                "label": {"type": "plain_text", "text": "Flags"},
                "element": {
                    "type": "checkboxes",
                    "action_id": "flags_check",
                    "options": [
                        {"text": {"type": "plain_text", "text": "VIP"}, "value": "vip"},
                        {"text": {"type": "plain_text", "text": "Outage"}, "value": "outage"},
                    ],
                },
            },
        ],
    }


def build_app(emulator: SlackEmulator) -> AsyncApp:
    """A tiny Bolt app: /ticket opens a modal, a button posts in the thread."""
    client = AsyncWebClient(token=TOKEN, base_url=emulator.base_url)
    app = AsyncApp(client=client, signing_secret=SECRET)

    @app.command("/ticket")
    async def open_ticket(
        ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient, logger: logging.Logger
    ) -> None:
        await ack()
        title = "A title far too long for Slack!" if body["text"] == "long" else "New ticket"
        try:
            await client.views_open(trigger_id=body["trigger_id"], view=ticket_modal(title))
        except SlackApiError as e:
            # Bolt quirk: a listener raising right after ack() makes the request answer 404
            # after 3 s (ack.response is reset), so errors must be handled in the listener.
            logger.info("views.open refused: %s", e.response["error"])

    @app.action("take_ticket")
    async def take_ticket(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        await client.chat_postMessage(
            channel=body["channel"]["id"],
            thread_ts=body["message"]["ts"],
            text=f"<@{body['user']['id']}> took the ticket",
        )

    @app.view("ticket_modal")
    async def file_ticket(ack: AsyncAck, view: dict[str, Any], client: AsyncWebClient) -> None:
        values = view["state"]["values"]
        summary = values["summary"]["summary_input"]["value"]
        if not summary:
            await ack(response_action="errors", errors={"summary": "Required"})
            return
        if summary in ("thanks", "thanks at length"):  # answered with a view (one too long)
            title = "Thanks" if summary == "thanks" else "Thanks, far too long a title"
            thanks = {"type": "section", "text": {"type": "plain_text", "text": "Filed"}}
            answer = {"type": "modal", "title": {"type": "plain_text", "text": title}}
            await ack(response_action="update", view={**answer, "blocks": [thanks]})
            return
        await ack()
        priority = values["priority"]["priority_select"]["selected_option"]["value"]
        await client.chat_postMessage(
            channel=view["private_metadata"], text=f"{summary} ({priority})"
        )

    return app


def client_for(emulator: SlackEmulator, token: str = TOKEN) -> AsyncWebClient:
    return AsyncWebClient(token=token, base_url=emulator.base_url)
