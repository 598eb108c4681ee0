"""Slash commands, form-urlencoded as Slack posts them."""

from __future__ import annotations

from sandbox.slack_requests.transport import Reply, SignedSender, SignMode


class CommandRequests(SignedSender):
    """Sends slash commands."""

    async def command(
        self,
        text: str,
        user_id: str = "U1",
        channel_id: str = "C0GENERAL",
        command: str = "/ticket",
        trigger_id: str | None = None,
        locale: str | None = None,
        *,
        channel_name: str | None = None,
        response_url: str | None = None,
        sign: SignMode = "valid",
        timestamp: int | None = None,
    ) -> Reply:
        """A slash command, form-urlencoded like Slack's (``response_url`` defaults to a new
        one; see ``new_response_url``)."""
        fields = {
            "token": self.verification_token,
            "team_id": self.team_id,
            "team_domain": self.team_domain,
            "channel_id": channel_id,
            "channel_name": channel_name or self._channel_name(channel_id),
            "user_id": user_id,
            "user_name": user_id.lower(),
            "command": command,
            "text": text,
            "api_app_id": self.api_app_id,
            "is_enterprise_install": "false",
            "response_url": response_url
            or self.new_response_url(channel_id, None, user_id).replace("/actions/", "/commands/"),
            "trigger_id": trigger_id or self.new_trigger_id(user_id),
        }
        if locale is not None:
            fields["locale"] = locale
        return await self.post_form(fields, sign=sign, timestamp=timestamp)
