"""Control: creator and moderator switches, mutes, handoffs, drafts, fan rights and commands."""
