"""The brain: recall, compose the prompt, generate, check and remember one answer."""
