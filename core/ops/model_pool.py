"""Model work (embedding) runs on threads of its own, never in the event loop's default executor.

The default executor is where asyncio and the libraries put their short blocking calls: DNS
lookups for new connections (`loop.getaddrinfo`, aiohttp's resolver) and the OpenAI client's
one-time platform probe before its first request. When embedding shared it, an overloaded clone
queued embedding jobs there 8-18 s deep (measured, bench --paths warm-up at 4 msg/s), and a
turn's first model request waited behind them for its platform probe: "no text within 8s" from
a healthy instant provider, while the event loop itself was never late. Here embedding waits
behind embedding only, and a request leaves as soon as the loop gets to it.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")

# Each model runs one batch at a time (its own lock), and at most two models run per turn
# (MiniLM, multilingual-e5); the rest of a job (tokenising, pooling) runs beside them.
WORKERS = min(4, (os.cpu_count() or 1) + 2)

_pool: ThreadPoolExecutor | None = None
_lock = threading.Lock()


def model_pool() -> ThreadPoolExecutor:
    """The process's one pool for model work, made on first use."""
    global _pool
    with _lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="clonebot-model")
        return _pool


async def run_model(fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """`fn(*args, **kwargs)` on the model pool, awaited from the event loop (as
    `asyncio.to_thread`, context variables included, but not in the default executor)."""
    loop = asyncio.get_running_loop()
    call = functools.partial(contextvars.copy_context().run, fn, *args, **kwargs)
    return await loop.run_in_executor(model_pool(), call)
