"""The creator's web dashboard, served by the admin server at /dashboard (docs/dashboard.md)."""

from bots.dashboard.app import Dashboard

__all__ = ["Dashboard"]
