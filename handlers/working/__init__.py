"""Working tickets from Slack: the buttons and menus under a ticket's channel card, the assign and
add-information forms, the requester's buttons in their DMs."""
