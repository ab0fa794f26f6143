"""The conversation: the entry point for each event, the turn and the policy onion around the brain."""
