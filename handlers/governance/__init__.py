"""Governance's Slack side: channel and user-group membership, and the user-group events."""
