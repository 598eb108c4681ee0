"""Working tickets: claiming, assigning, status and priority, reassigning, the requester's
follow-up, and telling the people concerned."""
