"""Filing tickets: the form's draft and validation, the classifier, filing from a Slack message."""
