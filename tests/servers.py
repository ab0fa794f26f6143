"""The shared PostgreSQL and Redis the `scale` tests need: skip without them, fail in CI.

Without a server a test skips, saying which server it wanted. With
CLONEBOT_REQUIRE_SERVERS=1 (set by .ci/run) tests/conftest.py turns any such skip into a
failure, so CI never passes with those tests quietly not run.
"""

from __future__ import annotations

import os

import psycopg
import pytest

PG_DSN = "postgresql://postgres@127.0.0.1:5432/test"
REDIS_URL = "redis://127.0.0.1:6379/0"
# Words in a skip reason that mean "a server was missing" (tests/conftest.py looks for them).
SERVER_WORDS = ("PostgreSQL", "Redis")


def required() -> bool:
    return os.environ.get("CLONEBOT_REQUIRE_SERVERS") == "1"


def require_postgres(dsn: str = PG_DSN) -> None:
    """Skip the calling test (fail it in CI) unless PostgreSQL answers at `dsn`."""
    try:
        psycopg.connect(dsn, connect_timeout=3).close()
    except psycopg.OperationalError as exc:
        pytest.skip(f"SKIPPING: no PostgreSQL at {dsn} ({str(exc).strip()[:200]})")


async def require_redis(url: str = REDIS_URL) -> None:
    """Skip the calling test (fail it in CI) unless Redis answers at `url`."""
    from redis.asyncio import Redis

    client = Redis.from_url(url)
    try:
        await client.ping()
    except Exception as exc:  # any connection failure means the same thing here
        pytest.skip(f"SKIPPING: no Redis at {url} ({exc})")
    finally:
        await client.aclose()
