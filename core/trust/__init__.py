"""Trust: honesty, grounding, sanitising, care/escalation, tone and corrections."""
