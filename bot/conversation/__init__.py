"""The conversation about a ticket: its channel thread and its requester's DM thread."""
