"""The ticket's channel card and the requester's notices, and the Slack side of the shared ports
(``bot.tickets.ports``)."""
