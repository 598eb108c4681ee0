"""The composition root and what runs the bot: build (every object constructed once, in order),
the command line, settings, health, the operator's endpoints and start-up retries."""
