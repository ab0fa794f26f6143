"""Settings for the whole test session."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import bots.heap
from core.trust.meaning import Meaning
from core.trust.meaning_embedder import multilingual_embedder
from tests.reading import FIXTURES, ReadFn, read_source
from tests.servers import SERVER_WORDS, required

# `clonebot run` freezes the heap once it serves; in a test process that would pin every
# object alive at that moment for the rest of the session. tests/scenario/test_heap.py checks
# the real behaviour in a fresh interpreter.
bots.heap._settled = True


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[Any]) -> Iterator[None]:
    """In CI (CLONEBOT_REQUIRE_SERVERS=1) a test skipped for want of PostgreSQL or Redis fails:
    on a laptop without them it may skip, but a CI run must not pass without running it."""
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if not (report.skipped and required() and isinstance(report.longrepr, tuple)):
        return
    reason = str(report.longrepr[2])
    if any(word in reason for word in SERVER_WORDS):
        report.outcome = "failed"
        report.longrepr = f"CLONEBOT_REQUIRE_SERVERS=1, but this test was skipped: {reason}"


@pytest.fixture
def read() -> ReadFn:
    """`read(reader, text_or_fixture_name, **source_fields)` -> (items, log): one archive
    reader run as the ingest pipeline runs it (core's readers and the adapters' exports)."""
    return read_source


@pytest.fixture
def fixtures() -> Path:
    """The archive files the reader tests read (tests/core/ingest/fixtures)."""
    return FIXTURES


@pytest.fixture(scope="session")
def meaning() -> Meaning:
    """The meaning checks on multilingual-e5-small, as a real turn runs them (a test module
    may define its own `meaning`); skips where the embedder is not installed."""
    embedder = multilingual_embedder()
    if embedder is None:
        pytest.skip("multilingual-e5-small is not installed (make installs it)")
    return Meaning(embedder)
