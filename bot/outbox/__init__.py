"""Delivering the stored outbox: every message the scheduler sends, paced and retried until
it lands."""
