"""How the bot runs its work: the bounded queue of what is done after Slack's ack."""
