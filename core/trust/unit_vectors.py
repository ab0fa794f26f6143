"""The claim check's source-unit vectors kept on disk: SQLite rows by model and text hash.

Why SQLite rather than a .npy file and an index: rows are added a few at a time by the running
clone (a new fact, a chunk ingested since), read by key a few dozen at a time per turn, and
another process (`clonebot ingest`) may write while one reads; SQLite gives that, atomic
writes and a bounded size with nothing to rewrite whole, and Python ships it.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

log = logging.getLogger(__name__)

Floats = npt.NDArray[np.float32]

# About 1.6 KB a row with a 384-d model: some 320 MB at the bound. An archive of 10,000 chunks
# makes about 120,000 units (sentences, adjacent pairs, clauses).
LIMIT = 200_000
# A model is known by its name and by its vector of this text: vectors kept by another build of
# the same model (new weights, another quantisation) are dropped rather than compared against.
PROBE = "Checking the vectors: I bake sourdough every Sunday morning."
SAME_MODEL = 0.9999
_SCHEMA = """
CREATE TABLE IF NOT EXISTS unit_vectors (
    seq INTEGER PRIMARY KEY,
    model TEXT NOT NULL,
    digest BLOB NOT NULL,
    vector BLOB NOT NULL,
    UNIQUE (model, digest)
);
CREATE TABLE IF NOT EXISTS unit_probes (model TEXT PRIMARY KEY, vector BLOB NOT NULL);
"""
_IN = 500  # keys per SELECT ... IN (...), under every SQLite's variable limit


def digest(text: str) -> bytes:
    """A unit's key: the SHA-256 of its text (the text itself is never stored)."""
    return hashlib.sha256(text.encode("utf-8")).digest()


class UnitVectors:
    """Unit vectors of her own texts (archive chunks, facts, bio), kept between processes.

    Keys are (model name, SHA-256 of the unit's text): an edited sentence is a new key, and no
    text is stored. The verifier never writes a fan's words here. Past `limit` rows the oldest
    go. A damaged or unwritable file costs only speed: reads miss and writes are skipped.
    Safe from several threads (one connection behind a lock) and processes (SQLite's locks).

    Args:
        path: The SQLite file, created with its folder if missing.
        limit: Most rows kept (all models together).
    """

    def __init__(self, path: Path, *, limit: int = LIMIT) -> None:
        self.path = path
        self.limit = limit
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self._broken = False

    def _connect(self) -> sqlite3.Connection | None:
        if self._db is None and not self._broken:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(self.path, timeout=10, check_same_thread=False)
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")
                db.executescript(_SCHEMA)
                self._db = db
            except (OSError, sqlite3.Error) as exc:
                self._fail(exc)
        return self._db

    def _fail(self, exc: Exception) -> None:
        log.warning("source vectors at %s unusable, embedding instead: %s", self.path, exc)
        self._broken = True
        if self._db is not None:
            self._db.close()
            self._db = None

    def get(self, model: str, texts: Sequence[str]) -> list[Floats | None]:
        """Each text's kept vector, or None."""
        keys = [digest(t) for t in texts]
        found: dict[bytes, Floats] = {}
        with self._lock:
            db = self._connect()
            if db is None:
                return [None] * len(texts)
            try:
                unique = list(dict.fromkeys(keys))
                for at in range(0, len(unique), _IN):
                    part = unique[at : at + _IN]
                    rows = db.execute(
                        "SELECT digest, vector FROM unit_vectors WHERE model = ? AND digest IN "
                        f"({','.join('?' * len(part))})",
                        [model, *part],
                    )
                    for key, blob in rows:
                        found[key] = np.frombuffer(blob, dtype=np.float32)
            except sqlite3.Error as exc:
                self._fail(exc)
                return [None] * len(texts)
        return [found.get(k) for k in keys]

    def put(self, model: str, items: Iterable[tuple[str, Floats]]) -> int:
        """Keep these texts' vectors (a text already kept is left as it is); returns rows sent."""
        rows = [
            (model, digest(t), np.ascontiguousarray(v, dtype=np.float32).tobytes())
            for t, v in items
        ]
        if not rows:
            return 0
        with self._lock:
            db = self._connect()
            if db is None:
                return 0
            try:
                with db:
                    db.executemany(
                        "INSERT OR IGNORE INTO unit_vectors (model, digest, vector) "
                        "VALUES (?, ?, ?)",
                        rows,
                    )
                    # Rows are numbered in insertion order and only the oldest are ever
                    # deleted, so the span of numbers is the count: no table scan.
                    db.execute(
                        "DELETE FROM unit_vectors WHERE seq <= "
                        "(SELECT MAX(seq) FROM unit_vectors) - ?",
                        (self.limit,),
                    )
            except sqlite3.Error as exc:
                self._fail(exc)
                return 0
        return len(rows)

    def same_model(self, model: str, probe: Floats) -> bool:
        """Record `probe` (the model's vector of PROBE) for `model`, first dropping its rows if
        the one recorded before differs: they were made by another build of the model.

        Returns:
            False if rows were dropped.
        """
        vector = np.ascontiguousarray(probe, dtype=np.float32)
        with self._lock:
            db = self._connect()
            if db is None:
                return True
            try:
                with db:
                    row = db.execute(
                        "SELECT vector FROM unit_probes WHERE model = ?", (model,)
                    ).fetchone()
                    old = np.frombuffer(row[0], dtype=np.float32) if row else None
                    same = (
                        old is not None
                        and old.shape == vector.shape
                        and float(old @ vector) >= SAME_MODEL
                    )
                    if not same:
                        if old is not None:
                            log.info("%s changed: its kept source vectors are dropped", model)
                        db.execute("DELETE FROM unit_vectors WHERE model = ?", (model,))
                        db.execute(
                            "INSERT OR REPLACE INTO unit_probes (model, vector) VALUES (?, ?)",
                            (model, vector.tobytes()),
                        )
                    return same or old is None
            except sqlite3.Error as exc:
                self._fail(exc)
                return True

    def count(self, model: str | None = None) -> int:
        """Rows kept (of one model, or all)."""
        with self._lock:
            db = self._connect()
            if db is None:
                return 0
            if model is None:
                return int(db.execute("SELECT COUNT(*) FROM unit_vectors").fetchone()[0])
            query = "SELECT COUNT(*) FROM unit_vectors WHERE model = ?"
            return int(db.execute(query, (model,)).fetchone()[0])

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None
