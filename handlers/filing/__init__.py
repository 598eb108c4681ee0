"""Filing from Slack: the ``/ticket`` command, the filing form and its submission, the message
shortcut and the ticket reaction."""
