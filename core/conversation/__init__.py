"""The conversation: entry point for each event, the turn, the policy onion around the brain."""
