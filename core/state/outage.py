"""What an unreachable state store looks like, for the guard and the caching store alike."""

from __future__ import annotations

import sqlalchemy.exc as sa_exc

# What an unreachable database looks like through SQLAlchemy and its drivers.
_STATE_ERRORS = (
    sa_exc.OperationalError,
    sa_exc.InterfaceError,
    sa_exc.TimeoutError,
    ConnectionError,
    TimeoutError,
)


def is_state_outage(exc: BaseException) -> bool:
    """True if `exc` means the state store (database) cannot be reached, not a bug."""
    return isinstance(exc, _STATE_ERRORS)
