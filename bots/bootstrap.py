"""The one composition root: builds a clone from its folder and settings; tests pass fakes in."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from adapters.common.router import OutboundRouter
from bots.platforms import Missing, Runner, make_adapters
from core.brain.brain import Brain
from core.brain.quote_floor import quote_floor
from core.brain.style import StyleProfile, measure
from core.brain.voice import VoiceBudget
from core.config import Settings
from core.control.control import Control
from core.control.fan_rights import FanRights, personal_data
from core.conversation.app import Clone
from core.ingest.pipeline import Progress, run_ingest
from core.ingest.report import IngestReport
from core.memory.memory import Memory
from core.memory.recent_vectors import RecentVectors
from core.ops.model_pool import run_model
from core.persona.bot import BotConfig, load_bot
from core.ports import (
    Clock,
    Deduper,
    Embedder,
    Generator,
    MemoryStore,
    RateLimiter,
    StateStore,
)
from core.schedule.scheduler import Scheduler
from core.state.limits import SystemClock
from core.trust.meaning import Meaning
from core.trust.meaning_embedder import meaning_for, multilingual_embedder
from core.trust.verify import ClaimVerifier, Mode, verifier_for
from core.types import Target

log = logging.getLogger(__name__)

# Scopes whose last turns a single-writer clone keeps in memory: about 8 turns each, a few MB.
RECENT_SCOPES = 4_096


@dataclass
class Services:
    """Everything one clone runs on, built by `build`; `clonebot run` starts and stops the
    runners and the scheduler, and nothing is wired in after."""

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
    rights: FanRights
    # The claim check; its `prepare_archive` is what ingest runs it for (see `ingest`).
    verifier: ClaimVerifier
    # Where core's own replies go (typing signs, notices, drafts, posts): to these runners.
    outbound: OutboundRouter
    scheduler: Scheduler
    runners: list[Runner] = field(default_factory=list)
    # Platforms bot.toml allows whose tokens are not set (for `clonebot run` to report).
    missing: list[Missing] = field(default_factory=list)

    async def ingest(
        self, bot: BotConfig | None = None, *, on_progress: Progress | None = None
    ) -> IngestReport:
        """Ingest bot.toml's sources (`bot`: as read again now) into this clone's memory, and
        make the claim check's vectors of the archive then, not on fans' turns."""
        return await run_ingest(
            bot or self.bot,
            self.folder,
            self.memory,
            on_progress=on_progress,
            prepare=self.verifier.prepare_archive,
        )

    async def close(self) -> None:
        await self.clone.close()  # messages still waiting get their outcome; counts written
        await self.rights.close()  # a pending purge runs before the stores close
        await self.memory.close()  # stops its query thread, then closes the store
        await self.state.close()
        self.verifier.close()
        for shared in (self.deduper, self.limiter):  # Redis clients, when configured
            aclose = getattr(shared, "aclose", None)
            if aclose is not None:
                await aclose()


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
    runners: Sequence[Runner] = (),
    platforms: bool = False,
    several: bool = False,
    persistent_jobs: bool = True,
    meaning: Meaning | None = None,
    verifier: ClaimVerifier | None = None,
) -> Services:
    """Build a clone. Anything not passed in is made from settings (embedded defaults).

    `runners`: platform runners built elsewhere (tests, the terminal chat). `platforms`: also
    build a runner for each platform bot.toml allows and whose tokens are set (`clonebot
    run`; `several` when it runs more than one clone). Every runner is the sender of what
    core posts to its platform, through one OutboundRouter.
    `persistent_jobs`: the scheduler keeps its jobs in a store beside the state (off in tests).
    `meaning`: the meaning-based care, honesty and privacy checks; by default on the
    multilingual embedder when installed (off with the hash embedder of tests).
    """
    settings = settings or Settings()
    bot = bot or load_bot(folder)
    if embedder is None:
        from core.memory.embeddings import make_embedder

        embedder = make_embedder(settings)
    # Her texts' claim-check vectors are kept beside a memory that persists (not beside a store
    # a test passed in, nor the in-memory twin).
    keep_vectors = store is None and settings.memory_backend != "memory"
    if store is None and settings.memory_backend == "server":
        store = _guarded_server_store(settings, bot.id, embedder)
    if store is None:
        from core.memory.stores import open_memory_store

        store = await open_memory_store(settings, bot.id, embedder)
    if state is None:
        from core.state import open_state_store

        state = await open_state_store(settings, bot.id)
    if deduper is None or limiter is None:
        from core.state.redis_limits import make_deduper, make_rate_limiter

        deduper = deduper or make_deduper(settings, prefix=settings.redis_prefix)
        limiter = limiter or make_rate_limiter(settings, prefix=settings.redis_prefix)
    deduper, limiter = _metered(deduper, limiter)
    if generator is None:
        from core.llm.generator import make_generator

        generator = make_generator(settings)
        # Load a local model before serving: its native loader stalls the loop once (~0.6 s).
        aload = getattr(getattr(generator, "model", None), "aload", None)
        if aload is not None:
            await aload()
        generator = _with_breaker(generator, settings)
    clock = clock or SystemClock()
    runners, missing = list(runners), list[Missing]()
    if platforms:
        built, missing = make_adapters(
            bot, settings, deduper=deduper, limiter=limiter, several=several
        )
        runners += built
    outbound = OutboundRouter(runners)
    # Edge and the in-memory twin are written by this process alone, so the last turns of each
    # scope can be kept here (core.memory.recent_turns); a Qdrant server has other writers.
    single_writer = settings.memory_backend in ("edge", "memory", "qdrant-local")
    # Her exchanges are matched across languages by the multilingual embedder, when installed
    # (not with the hash twin of tests, which is no meaning).
    found = None if embedder.model_name.startswith("hash-") else multilingual_embedder()
    memory = Memory(
        store,
        embedder,
        recent_scopes=RECENT_SCOPES if single_writer else 0,
        multilingual=found if isinstance(found, RecentVectors) else None,
    )
    rights = FanRights(
        bot.id, personal_data(memory, state), purge_delay=settings.forget_purge_seconds
    )
    if single_writer:
        # Erased memory a crash left un-purged (Edge records it in `purge.pending`) goes now.
        await memory.purge()
    mode = answer_mode(bot, settings)
    k, chars = settings.prompt_budget()
    meaning = meaning if meaning is not None else meaning_for(embedder)
    # First-use costs (probes, a model's first run) are paid here, not by the first fans.
    await run_model(meaning.warm)
    if verifier is None:
        vectors = settings.source_vectors_path_for(bot.id) if keep_vectors else None
        verifier = verifier_for(meaning, memory.embed_texts, embedder.model_name, vectors=vectors)
        verifier.learn_vocabulary(await asyncio.to_thread(her_words, bot, folder))
    # Fans' words the claim check and the meaning checks hold in this process go with a forget.
    memory.on_forget += [verifier.forget, meaning.forget]
    brain = Brain(
        bot=bot,
        memory=memory,
        generator=generator,
        state=state,
        outbound=outbound,
        corpus_k=k,
        source_chars=chars,
        meaning=meaning,
        verifier=verifier,
        answer_mode=mode,
        voice=VoiceBudget.for_provider(settings.llm_provider == "local"),
        style=await asyncio.to_thread(measure_style, bot, folder),
        quote_floor=quote_floor(embedder.model_name),
    )

    async def start_live(where: Target, minutes: float) -> bool:
        # A live schedule starts the Clone's live mode. The Clone is built below (it needs
        # Control, which needs this scheduler): the hook names it when a schedule fires.
        return await clone.start_live(where, minutes)

    scheduler = Scheduler.for_clone(
        bot=bot,
        brain=brain,
        state=state,
        outbound=outbound,
        clock=clock,
        settings=settings,
        reingest=partial(run_ingest, bot, folder, memory, prepare=verifier.prepare_archive),
        persistent=persistent_jobs,
        live=start_live,
    )
    control = Control(
        bot=bot,
        state=state,
        memory=memory,
        rights=rights,
        outbound=outbound,
        schedule=scheduler,
        answer_mode=mode,
    )
    clone = Clone(
        bot=bot,
        brain=brain,
        control=control,
        state=state,
        limiter=limiter,
        clock=clock,
        outbound=outbound,
        embedder_name=embedder.model_name,
    )
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
        rights=rights,
        verifier=verifier,
        outbound=outbound,
        scheduler=scheduler,
        runners=runners,
        missing=missing,
    )


def answer_mode(bot: BotConfig, settings: Settings) -> Mode:
    """bot.toml's `answer_mode`, else strict for the embedded model (a tiny model invents) and
    balanced for a remote one."""
    if bot.policies.answer_mode is not None:
        return Mode(bot.policies.answer_mode)
    return Mode.STRICT if settings.llm_provider in ("local", "fake") else Mode.BALANCED


def _guarded_server_store(settings: Settings, creator_id: str, embedder: Embedder) -> MemoryStore:
    """The Qdrant server store, opened lazily behind a guard: the clone starts and answers
    from its persona while the server is down, and uses memory as soon as it returns."""
    from core.memory.stores.guarded import GuardedMemoryStore

    async def open_store() -> MemoryStore:
        from qdrant_client import AsyncQdrantClient

        from core.memory.stores.qdrant_client_store import QdrantClientMemoryStore

        if not settings.qdrant_url:
            raise ValueError("memory_backend 'server' needs CLONEBOT_QDRANT_URL")
        key = settings.qdrant_api_key.get_secret_value() if settings.qdrant_api_key else None
        # No version check: it is a blocking HTTP call that would stall the loop while the
        # server is down. Each request gets the guard's own short timeout as well.
        client = AsyncQdrantClient(
            url=settings.qdrant_url, api_key=key, check_compatibility=False, timeout=3
        )
        try:
            return await QdrantClientMemoryStore.open(client, embedder, creator_id=creator_id)
        except BaseException:
            await client.close()
            raise

    return GuardedMemoryStore(open_store, where=f"Qdrant at {settings.qdrant_url}")


def _metered(deduper: Deduper, limiter: RateLimiter) -> tuple[Deduper, RateLimiter]:
    """Count dedup hits and rate-limit waits; survive a Redis outage on local memory."""
    from core.state.resilient import ResilientDeduper, ResilientRateLimiter

    if not isinstance(deduper, ResilientDeduper):
        deduper = ResilientDeduper(deduper)
    if not isinstance(limiter, ResilientRateLimiter):
        limiter = ResilientRateLimiter(limiter)
    return deduper, limiter


def her_words(bot: BotConfig, folder: Path) -> list[str]:
    """Every text of hers the clone knows (archive chunks with titles, bio, facts): strict
    answers word their claims only with words she has used."""
    from core.ingest.pipeline import collect

    texts = [bot.persona.bio, *(f.text for f in bot.persona.facts)]
    for source in bot.sources:
        try:
            _, chunks = collect(bot.id, source, folder)
        except Exception as exc:  # unreadable now: strict answers then use the support only
            log.warning("vocabulary: could not read %s: %s", source.name, exc)
            continue
        texts += [f"{c.title or ''} {c.text}" for c in chunks.values()]
    return texts


def measure_style(bot: BotConfig, folder: Path) -> StyleProfile | None:
    """Her style from her replies to fans in the archive (None when too few, or unreadable)."""
    from core.ingest.pipeline import collect_exchanges

    replies: list[str] = []
    for source in bot.sources:
        try:
            replies += [e.answer for e in collect_exchanges(bot.id, source, folder)]
        except Exception as exc:  # the style is a nicety: a bad file must not stop the clone
            log.warning("style: could not read %s: %s", source.name, exc)
    return measure(replies)


def _with_breaker(generator: Generator, settings: Settings) -> Generator:
    """A first-text deadline and a circuit breaker, so a dead provider fails fast."""
    from core.llm.breaker import CircuitBreakerGenerator

    return CircuitBreakerGenerator(
        generator,
        first_text_seconds=settings.first_text_seconds(),
        failures_to_open=settings.llm_breaker_failures,
        open_seconds=settings.llm_breaker_open_seconds,
    )
