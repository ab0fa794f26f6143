"""The conversation: each event's entry point, the turn queue and the policy onion."""
