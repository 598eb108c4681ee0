"""What a person does in the sandbox's page, done the way Slack does it.

Each method stands for one gesture in a Slack client (type a slash command, post a message,
press a button, submit a modal, react, open the App Home) and does what Slack does then: it
changes what the emulator shows and sends the bot the signed request Slack would send. Nothing
here knows Guichet's ids: whatever blocks the bot posts, whatever it listens to, goes through.
"""

from __future__ import annotations

from sandbox.client.dismissals import Dismissals
from sandbox.client.downloads import Downloads
from sandbox.client.gestures import Gestures
from sandbox.client.page import PageState
from sandbox.client.session import DueWork, Refused, outcome

__all__ = ["DueWork", "Refused", "SandboxClient", "outcome"]


class SandboxClient(PageState, Gestures, Dismissals, Downloads):
    """Made before the emulator starts (it serves the page); ``connect`` gives it the bot."""
