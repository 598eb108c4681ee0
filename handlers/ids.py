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

# Filing from a message: the message shortcut "Create a ticket from this message"
MESSAGE_SHORTCUT_CALLBACK: Final = "ticket_from_message"
BLOCK_SOURCE: Final = "source"
# Reactions Guichet adds: on a message filed by reaction, on a relayed reply, on an internal note
# and on a reply it could not relay
REACTION_FILED: Final = "white_check_mark"
REACTION_RELAYED: Final = "incoming_envelope"
REACTION_INTERNAL: Final = "lock"
REACTION_FAILED: Final = "warning"

# App Home
HOME_CALLBACK: Final = "guichet_home"
ACTION_HOME_NEW_TICKET: Final = "home_new_ticket"
ACTION_HOME_DETAILS: Final = "home_ticket_details"
DETAILS_CALLBACK: Final = "ticket_details"
BLOCK_HOME_ACTIONS: Final = "home_actions"
