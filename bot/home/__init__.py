"""What a person's App Home shows."""
