"""Every callback, action and block id Guichet's Slack surfaces use, in one place."""

from __future__ import annotations

from typing import Final

COMMAND: Final = "/ticket"
SHORTCUT_FROM_MESSAGE: Final = "ticket_from_message"  # message shortcut (see manifest.yml)

# The filing modal
FILE_TICKET_CALLBACK: Final = "file_ticket"
FILED_CALLBACK: Final = "ticket_filed"
BLOCK_TYPE: Final = "type"
BLOCK_TITLE: Final = "title"
BLOCK_DESCRIPTION: Final = "description"
BLOCK_IMPACT: Final = "impact"
BLOCK_URGENCY: Final = "urgency"
BLOCK_SUGGESTION: Final = "suggestion"
FORM_BLOCKS: Final = (BLOCK_TYPE, BLOCK_TITLE, BLOCK_DESCRIPTION, BLOCK_IMPACT, BLOCK_URGENCY)

# The ticket message in its service channel
BLOCK_TICKET_ACTIONS: Final = "ticket_actions"
ACTION_CLAIM: Final = "ticket_claim"
ACTION_ACK: Final = "ticket_ack"
