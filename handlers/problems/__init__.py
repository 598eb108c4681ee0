"""Problems and storms in Slack: suggestions, linked incidents and their buttons."""
