"""The ticket desk: the one write path of tickets (with the change hooks) and the reads with who may
see; the ports that post and refresh a ticket's message and tell its requester."""
