"""Every callback, action and block id Guichet's Slack surfaces use, in one place."""

from __future__ import annotations

from typing import Final

COMMAND: Final = "/ticket"

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

# The scheduler's messages: reminders, on-call pages, and the ticket view they open
BLOCK_PAGING_ACTIONS: Final = "paging_actions"  # the Acknowledge button on the channel message
BLOCK_PAGE_ACTIONS: Final = "page_actions"
BLOCK_REMINDER_ACTIONS: Final = "reminder_actions"
ACTION_OPEN_TICKET: Final = "ticket_open"
TICKET_VIEW_CALLBACK: Final = "ticket_view"
