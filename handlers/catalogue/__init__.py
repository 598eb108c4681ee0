"""The service catalogue's Slack surfaces: "What do you need?", an item's form, its submission."""
