"""Who may do what: rosters (agents, user groups, on-call, admins) and the sync of user groups."""
