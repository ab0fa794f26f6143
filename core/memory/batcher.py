"""Natural micro-batching of query embeddings on one worker thread, off the event loop."""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass

# On this 2-core box MiniLM costs ~12 ms for one short text alone and ~8 ms a text in batches
# of 4 to 16, ~9-10 ms at 32-64 (best of 5 runs). Every caller in a batch waits for the whole
# batch, so the smallest cap that keeps the per-text gain gives the best median latency.
MAX_BATCH = 8

EmbedMany = Callable[[list[str]], Sequence[Sequence[float]]]


@dataclass(frozen=True, slots=True)
class _Request:
    text: str
    future: asyncio.Future[list[float]]
    loop: asyncio.AbstractEventLoop


class EmbedBatcher:
    """Embeds concurrent queries together on one dedicated thread.

    No timer: while a batch runs, new requests queue, and the next batch takes everything
    waiting (up to `max_batch`). At low load a request runs at once, alone; under load the
    batches grow by themselves. Callers may live on different event loops: each result is
    handed back on the caller's own loop.
    """

    def __init__(
        self, embed_many: EmbedMany, *, max_batch: int = MAX_BATCH, name: str = "embed-batcher"
    ) -> None:
        """Args: embed_many: texts to vectors, in order (blocking; runs on the worker thread);
        max_batch: most texts per call; name: the worker thread's name."""
        self._embed_many = embed_many
        self._max_batch = max_batch
        self._name = name
        self._queue: deque[_Request] = deque()
        self._wake = threading.Condition()
        self._thread: threading.Thread | None = None
        self._closed = False

    async def embed(self, text: str) -> list[float]:
        """The vector of one text, embedded in the next batch.

        Raises:
            RuntimeError: After `close()`.
            Exception: Whatever the embedder raised for the batch this text was in.
        """
        loop = asyncio.get_running_loop()
        future: asyncio.Future[list[float]] = loop.create_future()
        with self._wake:
            if self._closed:
                raise RuntimeError("embed batcher is closed")
            self._queue.append(_Request(text, future, loop))
            if self._thread is None:  # started on first use: never used, never started
                self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
                self._thread.start()
            self._wake.notify()
        # Cancelling this await cancels only this future; the batch it is in carries on.
        return await future

    def close(self, timeout: float | None = 10.0) -> None:
        """Stop taking requests, finish the ones queued, and join the worker thread."""
        with self._wake:
            self._closed = True
            self._wake.notify()
            thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)

    @property
    def running(self) -> bool:
        """Whether the worker thread is alive."""
        return self._thread is not None and self._thread.is_alive()

    def _next_batch(self) -> list[_Request] | None:
        with self._wake:
            while not self._queue and not self._closed:
                self._wake.wait()
            if not self._queue:  # closed and drained
                return None
            take = min(len(self._queue), self._max_batch)
            return [self._queue.popleft() for _ in range(take)]

    def _run(self) -> None:
        while (batch := self._next_batch()) is not None:
            # A caller cancelled while queued costs no compute. Reading done() off-loop is a
            # benign race: at worst a just-cancelled text is embedded and its result dropped.
            live = [r for r in batch if not r.future.done()]
            if not live:
                continue
            # Ten fans saying "hi" at once are one text to the model.
            unique = list(dict.fromkeys(r.text for r in live))
            try:
                vectors = self._embed_many(unique)
                if len(vectors) != len(unique):
                    raise RuntimeError(f"{len(vectors)} vectors for {len(unique)} texts")
            except Exception as exc:  # every waiter of this batch hears it; the next batch runs
                for r in live:
                    _deliver(r, None, exc)
                continue
            by_text = dict(zip(unique, vectors, strict=True))
            for r in live:
                # A copy per caller: one caller mutating its list must not change another's.
                _deliver(r, list(by_text[r.text]), None)


def _deliver(request: _Request, vector: list[float] | None, error: Exception | None) -> None:
    def settle() -> None:
        if request.future.done():  # cancelled meanwhile
            return
        if error is not None:
            request.future.set_exception(error)
        else:
            assert vector is not None
            request.future.set_result(vector)

    # A closed loop refuses the callback; nobody there is waiting any more.
    with contextlib.suppress(RuntimeError):
        request.loop.call_soon_threadsafe(settle)
