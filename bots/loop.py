"""The event loop the CLI runs on: uvloop where it is installed, else asyncio's own."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


def loop_factory(choice: str = "uvloop") -> Callable[[], asyncio.AbstractEventLoop] | None:
    """uvloop's loop for "uvloop" when it can be imported; None means asyncio's default loop.

    uvloop cut the clonebot process's CPU per message by about 5% in bench.throughput (the
    loop, the sockets and the timers are a tenth of a message's Python time). It has no Windows
    build, so there the default loop runs, as it does with CLONEBOT_EVENT_LOOP=asyncio.
    """
    if choice != "uvloop":
        return None
    try:
        import uvloop
    except ImportError:
        return None
    return uvloop.new_event_loop


def run(main: Coroutine[Any, Any, T], choice: str = "uvloop") -> T:
    """`asyncio.run`, on the chosen loop."""
    with asyncio.Runner(loop_factory=loop_factory(choice)) as runner:
        return runner.run(main)
