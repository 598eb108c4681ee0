"""Reports in Slack: ``/ticket stats`` and ``/ticket export``, the weekly digest's blocks and
uploads."""
