"""The CLI's side of the admin API: find a running clone by its run.json and act through it."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import aiohttp

from bots.admin import RunInfo, run_file
from core.config import Settings
from core.persona.bot import load_bot


class AdminError(RuntimeError):
    """The running clone refused or failed an admin request."""


def running(folder: Path, settings: Settings | None = None) -> RunInfo | None:
    """The running process of this clone, if its run.json names a live process."""
    settings = settings or Settings()
    path = run_file(settings.data_dir, load_bot(folder).id)
    try:
        info = RunInfo(**json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None
    try:
        os.kill(info.pid, 0)
    except ProcessLookupError:
        return None  # stale: the process died without cleaning up
    except PermissionError:
        pass  # alive, owned by another user
    return info


async def call(
    info: RunInfo, method: str, action: str, *, body: dict[str, Any] | None = None, **query: str
) -> dict[str, Any]:
    """One admin request to the running clone; raises AdminError on a non-200 answer."""
    url = f"{info.url}/admin/{info.creator_id}/{action}"
    headers = {"Authorization": f"Bearer {info.token}"}
    timeout = aiohttp.ClientTimeout(total=3600)  # an ingest of a large archive takes a while
    async with (
        aiohttp.ClientSession(timeout=timeout) as http,
        http.request(method, url, json=body, params=query or None, headers=headers) as r,
    ):
        data = await r.json(content_type=None)
        if r.status != 200:
            raise AdminError(f"{action}: HTTP {r.status}: {data.get('error', data)}")
        return dict(data)
