"""The knowledge base: articles from a folder and from Slack, their search, and deflection."""
