"""The one composition root: builds a clone from its folder and settings; tests pass fakes in."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from core.app import Clone
from core.brain import Brain
from core.config import Settings
from core.control import Control
from core.limits import SystemClock
from core.memory import Memory
from core.persona import BotConfig, load_bot
from core.ports import (
    Clock,
    Deduper,
    Embedder,
    Generator,
    MemoryStore,
    RateLimiter,
    Sender,
    StateStore,
)

log = logging.getLogger(__name__)


@dataclass
class Services:
    """Everything one clone runs on. `senders` is filled as adapters start."""

    folder: Path
    settings: Settings
    bot: BotConfig
    embedder: Embedder
    store: MemoryStore
    memory: Memory
    generator: Generator
    state: StateStore
    deduper: Deduper
    limiter: RateLimiter
    clock: Clock
    clone: Clone
    senders: dict[str, Sender] = field(default_factory=dict)

    async def close(self) -> None:
        await self.store.close()
        await self.state.close()


async def build(
    folder: Path,
    settings: Settings | None = None,
    *,
    bot: BotConfig | None = None,
    embedder: Embedder | None = None,
    store: MemoryStore | None = None,
    generator: Generator | None = None,
    state: StateStore | None = None,
    deduper: Deduper | None = None,
    limiter: RateLimiter | None = None,
    clock: Clock | None = None,
    senders: dict[str, Sender] | None = None,
) -> Services:
    """Build a clone. Anything not passed in is made from settings (embedded defaults)."""
    settings = settings or Settings()
    bot = bot or load_bot(folder)
    if embedder is None:
        from core.embeddings import make_embedder

        embedder = make_embedder(settings)
    if store is None:
        from core.stores import open_memory_store

        store = await open_memory_store(settings, bot.id, embedder)
    if state is None:
        from core.state import open_state_store

        state = await open_state_store(settings, bot.id)
    if deduper is None or limiter is None:
        from core.state.redis_limits import make_deduper, make_rate_limiter

        deduper = deduper or make_deduper(settings)
        limiter = limiter or make_rate_limiter(settings)
    if generator is None:
        from core.llm.generator import make_generator

        generator = make_generator(settings)
        # Load a local model before serving: its native loader stalls the loop once (~0.6 s).
        aload = getattr(getattr(generator, "model", None), "aload", None)
        if aload is not None:
            await aload()
    clock = clock or SystemClock()
    senders = senders if senders is not None else {}
    memory = Memory(store, embedder)
    control = Control(bot=bot, state=state, memory=memory, senders=senders)
    k, chars = settings.prompt_budget()
    brain = Brain(
        bot=bot,
        memory=memory,
        generator=generator,
        state=state,
        senders=senders,
        corpus_k=k,
        source_chars=chars,
    )
    clone = Clone(bot=bot, brain=brain, control=control, state=state, limiter=limiter, clock=clock)
    return Services(
        folder=folder,
        settings=settings,
        bot=bot,
        embedder=embedder,
        store=store,
        memory=memory,
        generator=generator,
        state=state,
        deduper=deduper,
        limiter=limiter,
        clock=clock,
        clone=clone,
        senders=senders,
    )
