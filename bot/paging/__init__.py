"""Chasing work: the scheduler's tick, stale-ticket reminders, on-call paging and acknowledging."""
