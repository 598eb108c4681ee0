"""The knowledge base in Slack: suggested articles, their buttons, articles as Block Kit."""
