"""What people do in Slack during a test, each sent to the bot as Slack sends it: a slash
command, a form submitted, a message, a reaction, the App Home opened, a button pressed."""

from __future__ import annotations

import re
from typing import Any

from bot.domain.models import Ticket
from sandbox.emulator import RecordedCall
from tests.e2e.observations import Observations, find_element
from tests.e2e.workspace import EMPLOYEE_EN


class Gestures(Observations):
    """People's gestures; each waits for what Slack would show them when that is the point."""

    async def open_form(self, text: str = "", user: str = EMPLOYEE_EN) -> dict[str, Any]:
        """``/ticket [text]``; returns the modal the bot opened (as Slack stored it): the one
        opened with this command's trigger id, not whichever ``views.open`` comes next."""
        trigger = self.send.new_trigger_id(user)
        status, _ = await self.send.command(text, user_id=user, trigger_id=trigger)
        assert status == 200

        def opened() -> RecordedCall | None:
            calls = self.slack.calls_to("views.open")
            return next((c for c in calls if c.args.get("trigger_id") == trigger), None)

        call = await self.eventually(opened, f"the form of /ticket {text}")
        assert call.ok, call.response
        return call.response["view"]

    async def submit(
        self, view: dict[str, Any], answers: dict[str, Any], user: str = EMPLOYEE_EN
    ) -> tuple[int, Any]:
        values = self.send.state_values(view, answers)
        return await self.send.view_submission(view, values, user_id=user)

    async def file(
        self,
        ticket_type: str = "incident",
        title: str = "My VPN drops every hour",
        description: str = "Since Monday the VPN disconnects every hour.",
        impact: str = "medium",
        urgency: str = "high",
        user: str = EMPLOYEE_EN,
    ) -> Ticket:
        """File a ticket through the modal and wait until it is announced; returns it stored."""
        view = await self.open_form(user=user)
        dms_before = len(self._dms(user))
        status, body = await self.submit(
            view,
            {
                "type": ticket_type,
                "title": title,
                "description": description,
                "impact": impact,
                "urgency": urgency,
            },
            user=user,
        )
        assert status == 200, body
        assert isinstance(body, dict) and body.get("response_action") == "update", body
        await self.wait_dms(user, dms_before + 1)
        confirmation = str(body["view"]["blocks"])
        match = re.search(r"\b[A-Z]{3}-\d+\b", confirmation)
        assert match, confirmation
        ticket = await self.guichet.helpdesk.tickets.get(match.group())
        assert ticket is not None
        return ticket

    async def say(
        self,
        channel: str,
        text: str,
        user: str,
        thread_ts: str | None = None,
        *,
        event_id: str | None = None,
        retry_num: int | None = None,
        **extra: Any,
    ) -> dict[str, Any]:
        """A person writes in a channel (or a DM: ``D...``), in a thread when ``thread_ts`` is
        given: the message is stored in the emulator and its ``message`` event sent to the bot
        (as ``event_id`` when given). With ``retry_num``, Slack delivers that same message
        again (the one written earlier with this text). ``extra`` goes into the event
        (``subtype``, ``bot_id``, ``files``, ...)."""
        if retry_num is None:
            message = self.slack.add_message(channel, text, user=user, thread_ts=thread_ts)
        else:
            message = next(
                m
                for m in self.slack.messages(channel)
                if m.get("text") == text and m.get("user") == user
            )
        event: dict[str, Any] = {
            "type": "message",
            "channel": channel,
            "user": user,
            "text": text,
            "ts": message["ts"],
            "team": "T0001",
            "channel_type": "im" if channel.startswith("D") else "channel",
            **extra,
        }
        if thread_ts:
            event["thread_ts"] = thread_ts
        status, _ = await self.send.event(event, event_id=event_id, retry_num=retry_num)
        assert status == 200
        return message

    async def react(
        self,
        channel: str,
        ts: str,
        user: str,
        reaction: str = "ticket",
        *,
        event_id: str | None = None,
        retry_num: int | None = None,
    ) -> None:
        """``user`` adds ``reaction`` to message ``ts``: the ``reaction_added`` event."""
        stored = self.slack.message(channel, ts)
        event = {
            "type": "reaction_added",
            "user": user,
            "reaction": reaction,
            "item": {"type": "message", "channel": channel, "ts": ts},
            "item_user": stored.get("user"),
        }
        status, _ = await self.send.event(event, event_id=event_id, retry_num=retry_num)
        assert status == 200

    async def open_home(self, user: str) -> dict[str, Any]:
        """``user`` opens the bot's Home tab; returns the view the bot published."""
        before = len(self.home_publishes(user))
        event = {"type": "app_home_opened", "user": user, "channel": f"D{user}", "tab": "home"}
        status, _ = await self.send.event(event)
        assert status == 200
        call = await self.home_published(user, before)  # their tab, not someone else's
        assert call.ok, call.response
        return call.response["view"]

    async def choose(
        self,
        ticket_id: str,
        action_id: str,
        choice: str | None,
        user: str,
        message: dict[str, Any] | None = None,
        trigger_id: str | None = None,
    ) -> tuple[int, Any]:
        """Press a control of the ticket's channel message (``message``: as someone saw it
        earlier; else as it is now). For a menu, ``choice`` is the end of the option's value
        (``resolved``, ``P4``, ``security``); for a button, ``None`` sends its own value."""
        ticket = await self.ticket(ticket_id)
        assert ticket.message is not None
        message = message or self.slack.message(ticket.message.channel, ticket.message.ts)
        element = find_element(message, action_id)
        value: Any = None
        if choice is not None:
            values = [o["value"] for o in element.get("options", [])]
            matching = [v for v in values if v.endswith(f"|{choice}")]
            assert matching, f"{choice!r} is not offered by {action_id}: {values}"
            value = matching[0]
        return await self.send.block_action(
            action_id,
            value,
            user_id=user,
            channel_id=ticket.message.channel,
            message=message,
            trigger_id=trigger_id,
        )

    async def claim(self, ticket: Ticket, user: str) -> Ticket:
        """``user`` presses Claim on ``ticket``'s card as it is now; returns the ticket stored
        once the claim's work is done: the claim stored, the card's own update for it, then
        nothing left after the ack (the requester told, earlier DMs' buttons taken away)."""
        ticket = await self.ticket(ticket.id)  # its card where it is now (moved, reposted)
        before = self.card_updates(ticket)
        status, _ = await self.choose(ticket.id, "ticket_claim", None, user)
        assert status == 200

        async def claimed() -> bool:
            return (await self.ticket(ticket.id)).assignee == user

        await self.eventually(claimed, f"{ticket.id} claimed by {user}")
        await self.card_updated(ticket, before)
        await self.settled()
        return await self.ticket(ticket.id)

    async def choose_form(
        self,
        ticket_id: str,
        action_id: str,
        user: str,
        choice: str | None = None,
        message: dict[str, Any] | None = None,
    ) -> RecordedCall:
        """``choose`` a control that opens a form; returns the ``views.open`` call of that
        press (by its own trigger id), once the bot made it."""
        trigger = self.send.new_trigger_id(user)
        status, _ = await self.choose(ticket_id, action_id, choice, user, message, trigger)
        assert status == 200
        return await self.opened_with(trigger)

    async def press_in_dm(
        self,
        user: str,
        action_id: str,
        value: str | None = None,
        as_user: str | None = None,
        trigger_id: str | None = None,
    ) -> tuple[int, Any]:
        """Press a button of the latest DM to ``user`` holding it (as ``as_user``, to forge)."""
        message = self.latest_dm(user, action_id)
        return await self.send.block_action(
            action_id,
            value,
            user_id=as_user or user,
            channel_id=self.slack.dm_channel_id(user),
            message=message,
            trigger_id=trigger_id,
        )

    async def from_message(self, message: dict[str, Any], channel: str, user: str) -> RecordedCall:
        """The message shortcut ``ticket_from_message`` on ``message``: the bot opens a form at
        once (the trigger lives 3 s) and completes it after; returns the update of the form
        this shortcut opened (by its own trigger id), once it has come."""
        trigger = self.send.new_trigger_id(user)
        status, _ = await self.send.shortcut(
            "ticket_from_message",
            message=message,
            channel_id=channel,
            user_id=user,
            trigger_id=trigger,
        )
        assert status == 200
        opened = await self.opened_with(trigger)
        assert opened.ok, opened.response
        return await self.view_updated(opened.response["view"])

    async def answer_in_dm(self, user: str, action_id: str) -> dict[str, Any]:
        """``user`` presses ``action_id`` in their latest DM holding it; returns what the bot
        posted to that press's own ``response_url`` (the DM answered in place), once it has."""
        message = self.latest_dm(user, action_id)
        channel = self.slack.dm_channel_id(user)
        url = self.send.new_response_url(channel, message["ts"], user)
        status, _ = await self.send.block_action(
            action_id, None, user_id=user, channel_id=channel, message=message, response_url=url
        )
        assert status == 200
        return await self.answered(url, f"the answer to {action_id}")

    async def command_answer(
        self, text: str, user: str, channel: str = "C0GENERAL"
    ) -> dict[str, Any]:
        """``/ticket <text>`` by ``user``: what the bot posted to that command's own
        ``response_url`` (first post). Not "the next post to any response_url": an earlier
        gesture's answer, posted by the work after its ack, may land after this command was
        sent."""
        url = self.send.new_response_url(channel, None, user)
        status, _ = await self.send.command(
            text, user_id=user, channel_id=channel, response_url=url
        )
        assert status == 200
        return await self.answered(url, f"the answer to /ticket {text}")

    async def show(self, ticket_id: str, user: str) -> str:
        """What ``/ticket show <id>`` answers ``user`` (all its blocks, as text)."""
        answer = await self.command_answer(f"show {ticket_id}", user)
        return str(answer.get("blocks") or answer.get("text"))

    async def press(
        self,
        channel: str,
        message: dict[str, Any],
        action_id: str,
        user: str,
        block_id: str | None = None,
        trigger_id: str | None = None,
    ) -> None:
        """``user`` presses the button ``action_id`` (in block ``block_id``) of a message of
        ``channel`` as they see it."""
        status, _ = await self.send.block_action(
            action_id,
            None,
            user_id=user,
            channel_id=channel,
            message=message,
            block_id=block_id,
            trigger_id=trigger_id,
        )
        assert status == 200

    async def press_form(
        self, channel: str, message: dict[str, Any], action_id: str, user: str
    ) -> RecordedCall:
        """``press`` a button that opens a form; returns the ``views.open`` call of that press
        (by its own trigger id), once the bot made it."""
        trigger = self.send.new_trigger_id(user)
        await self.press(channel, message, action_id, user, trigger_id=trigger)
        return await self.opened_with(trigger)
