"""Alembic environment of the state store; `SqlStateStore.open` runs it, no alembic.ini needed."""
