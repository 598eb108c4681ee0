"""Guichet: the domain, configuration, use cases and scheduler (no Slack payloads here)."""
