"""Alembic revisions (a package only so that wheels ship them; Alembic skips this file)."""
