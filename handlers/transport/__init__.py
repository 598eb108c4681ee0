"""How Slack's requests reach the Bolt app and leave it: the HTTP route and Socket Mode, the shape
guard, telemetry, the Web API client, the one error handler and the fallbacks."""
