"""The composition root and the CLI.

Importing bots registers the platform archive formats with core's ingest, so every way in
(the CLI, `clonebot run`, the admin API, the eval, tests) reads the same bot.toml alike.
"""

from bots.archives import register_archive_formats

register_archive_formats()
