"""Contract fixtures: fresh PostgreSQL schemas on the shared server, dropped at the end."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import psycopg
import pytest

from tests.servers import require_postgres

PG_DSN = "postgresql://postgres@127.0.0.1:5432/test"


def _pg_url(schema: str) -> str:
    # search_path in the connection options puts every table (and alembic_version) in `schema`;
    # not waiting for each commit's fsync keeps the suite fast on a busy shared server.
    options = f"-csearch_path%3D{schema}%20-csynchronous_commit%3Doff"
    return f"postgresql+psycopg://postgres@127.0.0.1:5432/test?options={options}"


@dataclass
class PgSchemas:
    """Fresh PostgreSQL schemas, dropped at the end: nothing leaks into the shared database."""

    made: list[str]

    def new(self) -> str:
        name = f"clonebot_test_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(PG_DSN, autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{name}"')
        self.made.append(name)
        return _pg_url(name)


@pytest.fixture(scope="session")
def pg() -> Iterator[PgSchemas]:
    require_postgres(PG_DSN)  # skips without the server (fails in CI: tests/servers.py)
    schemas = PgSchemas([])
    yield schemas
    with psycopg.connect(PG_DSN, autocommit=True) as conn:
        for name in schemas.made:
            conn.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')
