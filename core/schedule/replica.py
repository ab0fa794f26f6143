"""This process's replica name, and whether a claim was left by an earlier run of it."""

from __future__ import annotations

import os
import socket

from core.config import Settings


def host_name() -> str:
    return socket.gethostname() or "local"


def replica_id(settings: Settings) -> str:
    """`CLONEBOT_REPLICA_ID`, else host name and pid: two processes on one host never share
    a name, so neither settles the other's scheduled-post claims as its own."""
    return settings.replica_id or f"{host_name()}-{os.getpid()}"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: it exists
        return True
    return True


def earlier_run(claimed_by: str, me: str) -> bool:
    """True if `claimed_by` is this process's own name, or (with default names) a process on
    this host that is no longer running: a restart's predecessor, whose claims are ours."""
    if claimed_by == me:
        return True
    prefix = f"{host_name()}-"
    pid = claimed_by.removeprefix(prefix)
    if not (me.startswith(prefix) and claimed_by.startswith(prefix) and pid.isdigit()):
        return False  # a set CLONEBOT_REPLICA_ID, or another host: only the same name is ours
    return int(pid) != os.getpid() and not _alive(int(pid))
