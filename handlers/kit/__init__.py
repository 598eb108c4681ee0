"""What every Slack surface shares: ids, button values, form flattening, mrkdwn escaping, the
person's language, refusals, answering only the person who pressed, and the listeners' context."""
