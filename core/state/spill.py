"""A local file for write-behind rows the database could not take at shutdown, replayed later."""

from __future__ import annotations

import json
import logging
import os
from datetime import datetime
from pathlib import Path
from typing import Any

from core.records import ReplyRecord
from core.state.common import StateBatch

log = logging.getLogger(__name__)

VERSION = 1


def _reply(data: dict[str, Any]) -> ReplyRecord:
    return ReplyRecord(
        id=str(data["id"]),
        creator_id=str(data["creator_id"]),
        fan_id=str(data["fan_id"]),
        conversation_id=str(data["conversation_id"]),
        fan_text=str(data["fan_text"]),
        reply_text=str(data["reply_text"]),
        at=datetime.fromisoformat(data["at"]),
        flags=tuple(data.get("flags") or ()),
        message_id=data.get("message_id"),
    )


def write_spill(path: Path, batch: StateBatch) -> None:
    """Write `batch` to `path` atomically (a crash mid-write leaves the old file or none)."""
    data = {
        "version": VERSION,
        "activity": [[c, k, at.isoformat()] for c, k, at in batch.activity],
        "fan_seen": [[c, f, m, at.isoformat()] for c, f, m, at in batch.fan_seen],
        "replies": [
            {
                "id": r.id,
                "creator_id": r.creator_id,
                "fan_id": r.fan_id,
                "conversation_id": r.conversation_id,
                "fan_text": r.fan_text,
                "reply_text": r.reply_text,
                "at": r.at.isoformat(),
                "flags": list(r.flags),
                "message_id": r.message_id,
            }
            for r in batch.replies
        ],
        "usage": [[c, d, n] for c, d, n in batch.usage],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    # Fans' texts are in it: readable by this user only, like the state database.
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def read_spill(path: Path) -> StateBatch | None:
    """The rows spilled at `path`; None if there is no file. A file that cannot be read is
    renamed aside (`.bad-<n>`) and logged, so a bad file neither blocks a start nor is lost."""
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != VERSION:
            raise ValueError(f"unknown spill version {data.get('version')!r}")
        return StateBatch(
            activity=tuple(
                (str(c), str(k), datetime.fromisoformat(at)) for c, k, at in data["activity"]
            ),
            fan_seen=tuple(
                (str(c), str(f), str(m), datetime.fromisoformat(at))
                for c, f, m, at in data["fan_seen"]
            ),
            replies=tuple(_reply(r) for r in data["replies"]),
            usage=tuple((str(c), str(d), int(n)) for c, d, n in data["usage"]),
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        n = 1
        while (aside := path.with_name(f"{path.name}.bad-{n}")).exists():
            n += 1
        path.replace(aside)
        log.error("state spill file %s unreadable (%s); moved to %s", path, exc, aside.name)
        return None
