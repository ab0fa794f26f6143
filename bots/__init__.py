"""The composition root and the CLI.

Importing bots registers the platforms' archive formats and schedule target forms with core
(bots/registry.py), so every way in (the CLI, `clonebot run`, the admin API, the eval, tests)
reads the same bot.toml alike.
"""

from bots.registry import register_platforms

register_platforms()
