"""The conversation relay in Slack: ``message`` events of ticket threads, the requester's DM
thread."""
