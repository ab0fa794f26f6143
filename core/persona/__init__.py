"""The persona: a creator's bot.toml (persona card, facts, roles, policies) and card import."""
