"""The scheduler's messages in Slack: reminders and pages, their Acknowledge and Open buttons."""
