"""MongoDB through motor: the client factory, indexes and repositories. No Slack in here."""
