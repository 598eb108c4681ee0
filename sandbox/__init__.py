"""The sandbox: Guichet without a Slack workspace (``python -m bot --sandbox``).

The Slack emulator (a stand-in for Slack's Web API, shared with the tests), the signed-request
helper, the demo workspace, and the web page that plays the Slack client.
"""
