"""Runs the battery through the clone's own bootstrap and handler, then scores it."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from langchain_core.messages import HumanMessage, SystemMessage

from bots.bootstrap import Services, build
from bots.evaluation.ablation import run_ablations
from bots.evaluation.battery import builtin_probes
from bots.evaluation.probes import (
    DEFAULT_SUBSET,
    HeldoutPair,
    Probe,
    load_heldout,
    load_probes,
    pick_subset,
)
from bots.evaluation.report import Report
from bots.evaluation.safety import read_redteam
from bots.evaluation.scoring import Exchange, Fidelity, score
from bots.evaluation.timing import TimedGenerator
from core.brain.voice import as_source
from core.config import Settings
from core.ingest.chunking import chunk_item
from core.ingest.items import Item
from core.ingest.pipeline import collect, collect_exchanges, run_ingest
from core.persona.bot import BotConfig, Source, load_bot
from core.ports import Generator
from core.records import Chunk, Visibility
from core.types import Author, ChatEvent, Handler, Reply, ReplyKind, SentMessage, Target

log = logging.getLogger(__name__)

PLATFORM = "eval"
GENERIC_PROMPT = "You are a helpful assistant. Answer the user's question."
JUDGE_PROMPT = (
    "You compare a candidate reply with a creator's real reply to the same fan question. "
    "Score from 1 to 5 how much the candidate sounds like the creator: voice, tone, length "
    "and what it claims. Answer with one digit only."
)
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True, slots=True)
class EvalOptions:
    """What to run.

    Attributes:
        full: Every probe and pair instead of the default CI subset.
        judge: Ask the generator to grade voice; None means on for real providers, off for
            the embedded local model (too small to judge) and the fake one.
        redteam: A red-team results file; None looks in the usual places.
        recall_depth: How deep retrieval recall is measured (recall@1, @k, @depth).
        probes: The probe file; None means `<folder>/eval/probes.jsonl`.
        builtin: Add the built-in safety and indirect-injection probes for categories the
            probe file lacks (bots.evaluation.battery).
        ablate: Also measure each part of her voice (bots.evaluation.ablation): the grounded,
            absent and honesty probes and the held-out pairs again per configuration.
        limit: At most this many probes per category (and held-out pairs), drawn with `seed`.
    """

    full: bool = False
    judge: bool | None = None
    redteam: Path | None = None
    recall_depth: int = 10
    probes: Path | None = None
    builtin: bool = True
    ablate: bool = False
    limit: int | None = None
    seed: int = 23


@dataclass
class EvalSender:
    """The eval platform's side: notices and drafts core sends by itself are kept, not sent."""

    platform: str = PLATFORM
    sent: list[Reply] = field(default_factory=list)

    async def send(self, reply: Reply) -> SentMessage:
        self.sent.append(reply)
        return SentMessage(self.platform, reply.target.channel_id, str(len(self.sent)))

    async def typing(self, target: Target) -> None:
        return None

    async def start(self, handle: Handler) -> None:  # the eval calls the clone itself
        return None

    async def stop(self) -> None:
        return None


async def _generator(settings: Settings) -> Generator:
    from core.llm.generator import make_generator

    generator = make_generator(settings)
    aload = getattr(getattr(generator, "model", None), "aload", None)
    if aload is not None:
        await aload()
    return generator


def chunk_index(services: Services) -> dict[str, Chunk]:
    """Every chunk the clone's sources produce, by id (read from files, not the store)."""
    index: dict[str, Chunk] = {}
    for source in services.bot.sources:
        _, chunks = collect(services.bot.id, source, services.folder)
        index.update(chunks)
        # A reused answer cites the exchange it came from: her words, read from the same files.
        index.update(
            (e.id, as_source(e))
            for e in collect_exchanges(services.bot.id, source, services.folder)
        )
    return index


def _event(run: str, n: int, text: str) -> ChatEvent:
    # A fresh fan, DM and community per turn: no cooldown, rate limit or earlier turn of the
    # battery can colour another probe's answer.
    return ChatEvent(
        platform=PLATFORM,
        workspace_id=f"{run}-{n}",
        channel_id=f"dm-{n}",
        author=Author(f"fan-{n}", f"Eval fan {n}"),
        text=text,
        message_id=f"{run}-m{n}",
        event_id=f"{run}-e{n}",
        is_dm=True,
        mentions_bot=True,
    )


def _body(reply: Reply, disclosure: str) -> tuple[str, bool]:
    """The reply's own words, without the disclosure core prepends on first contact."""
    text = reply.text
    if text.startswith(disclosure):
        head, _, rest = text.partition("\n\n")
        return rest.strip(), True
    return text.strip(), False


async def _turn(
    services: Services, run: str, n: int, probe_id: str, text: str, index: dict[str, Chunk]
) -> Exchange:
    started = time.perf_counter()
    replies = list(await services.clone.handle(_event(run, n, text)))
    latency = time.perf_counter() - started
    if not replies:
        return Exchange(probe_id, text, "", "silent", (), False, False, latency)
    reply = replies[0]
    body, disclosed = _body(reply, services.bot.persona.disclosure_line)
    cited = tuple((c.source_id, index.get(c.source_id)) for c in reply.citations)
    logged = await services.state.replies(services.bot.id, limit=1)
    flags = logged[0].flags if logged and logged[0].fan_text == text.strip() else ()
    return Exchange(
        probe_id=probe_id,
        message=text,
        body=body,
        kind=reply.kind.value if reply.kind is not ReplyKind.ANSWER else "answer",
        cited=cited,
        disclosed=disclosed,
        labelled=bool(reply.ai_label),
        latency=latency,
        flags=tuple(flags),
    )


async def _complete(generator: Generator, system: str, user: str) -> str:
    pieces = []
    try:
        async for piece in generator.stream([SystemMessage(system), HumanMessage(user)]):
            pieces.append(piece)
    except Exception as exc:  # a failed baseline or judge call is a gap, not a failed eval
        log.warning("eval side call failed: %s", exc)
        return ""
    return "".join(pieces).strip()


def _judge_score(text: str) -> float | None:
    digits = [c for c in text if c in "12345"]
    return (int(digits[0]) - 1) / 4 if digits else None


async def _fidelity(
    services: Services,
    generator: Generator,
    run: str,
    start: int,
    pairs: Sequence[HeldoutPair],
    index: dict[str, Chunk],
    judge: bool,
    progress: Progress | None,
) -> list[Fidelity]:
    out = []
    for i, pair in enumerate(pairs):
        clone = await _turn(services, run, start + i, pair.id, pair.prompt, index)
        generic = await _complete(generator, GENERIC_PROMPT, pair.prompt)
        grades: list[float | None] = [None, None]
        if judge:
            for j, candidate in enumerate((clone.body, generic)):
                asked = (
                    f"Question: {pair.prompt}\nCreator's real reply: {pair.reply}\n"
                    f"Candidate: {candidate}\nScore:"
                )
                grades[j] = _judge_score(await _complete(generator, JUDGE_PROMPT, asked))
        vectors = await asyncio.to_thread(
            services.embedder.embed_documents, [clone.body or " ", generic or " ", pair.reply]
        )
        out.append(Fidelity(pair, clone, generic, vectors, (grades[0], grades[1])))
        if progress:
            progress("fidelity", i + 1, len(pairs))
    return out


async def run_eval(
    folder: Path,
    settings: Settings | None = None,
    *,
    options: EvalOptions | None = None,
    progress: Progress | None = None,
    **fakes: Any,
) -> Report:
    """Run the battery against the clone in `folder` and score it.

    The clone is built by `bots.bootstrap.build` from `settings`, like the running clone, but
    on a throw-away data folder (state, embedded memory, limits), so an eval never touches the
    clone's real state or a running clone's locked store. The archive is ingested there first.

    Args:
        folder: The clone's folder (bot.toml, archive, eval/).
        settings: Deployment settings (LLM provider, embedder, memory backend).
        options: What to run.
        progress: Called with (phase, done, total) as probes finish.
        **fakes: Passed to `build` (bot, embedder, store, generator, state...); tests use them.
    """
    options = options or EvalOptions()
    settings = settings or Settings()
    started = time.perf_counter()
    bot = fakes.pop("bot", None) or load_bot(folder)
    # Each probe is one message from a fresh fan: nothing to coalesce, so no window to wait.
    bot = bot.model_copy(
        update={"policies": bot.policies.model_copy(update={"coalesce_seconds": 0.0})}
    )
    loaded = load_probes(options.probes or folder / "eval" / "probes.jsonl")
    if options.builtin:
        loaded += builtin_probes(bot, {p.category for p in loaded})
    probes, pairs = pick_subset(
        loaded,
        load_heldout(folder / "eval" / "heldout.jsonl"),
        full=options.full,
        limit=options.limit,
        seed=options.seed,
    )
    # Probes planting text in the archive run last: the plants must not colour other answers.
    planted = [p for p in probes if p.category == "indirect"]
    probes = [p for p in probes if p.category != "indirect"]
    indirect_meta: dict[str, Any] = {}
    ablation: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="clonebot-eval-") as tmp:
        local = settings.model_copy(
            update={"data_dir": Path(tmp), "state_url": None, "redis_url": None}
        )
        generator: Generator = fakes.pop("generator", None) or await _generator(local)
        timed = TimedGenerator(generator)
        services = await build(
            folder, local, bot=bot, generator=timed, runners=[EvalSender()], **fakes
        )
        try:
            await run_ingest(bot, folder, services.memory)
            index = await asyncio.to_thread(chunk_index, services)
            run = uuid.uuid4().hex[:8]
            exchanges: list[Exchange] = []
            for n, probe in enumerate(probes):
                exchanges.append(await _turn(services, run, n, probe.id, probe.message, index))
                if progress:
                    progress("probes", n + 1, len(probes))
            ranks = await _ranks(services, probes, options.recall_depth)
            judge = options.judge
            if judge is None:
                judge = local.llm_provider not in ("local", "fake")
            fidelity = await _fidelity(
                services, generator, run, len(probes), pairs, index, judge, progress
            )
            if options.ablate:
                # Before the plants below, which would colour every later answer; the rows'
                # generations are kept out of the speed and cost figures of the main run.
                timed_before = len(timed.timings)

                async def ask(tag: str, n: int, probe_id: str, text: str) -> Exchange:
                    return await _turn(services, tag, n, probe_id, text, index)

                ablation = await run_ablations(
                    brain=services.clone.brain,
                    bot=bot,
                    embedder=services.embedder,
                    ask=ask,
                    run=run,
                    probes=probes,
                    exchanges=exchanges,
                    fidelity=fidelity,
                    progress=progress,
                )
                del timed.timings[timed_before:]
            if planted:
                start = len(probes) + len(pairs)
                runs, indirect_meta = await _indirect(
                    services, bot, run, start, planted, index, Path(tmp)
                )
                for probe, exchange in runs:
                    probes.append(probe)
                    exchanges.append(exchange)
        finally:
            await services.close()
    k, _ = local.prompt_budget()
    report = score(
        bot=bot,
        probes=probes,
        exchanges=exchanges,
        ranks=ranks,
        fidelity=fidelity,
        timings=timed.timings,
        recall_k=k,
        recall_depth=options.recall_depth,
        redteam=read_redteam(folder, bot.id, settings.data_dir, options.redteam),
        meta={
            "bot": bot.id,
            "creator": bot.persona.name,
            "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "llm": timed.name,
            "embedder": getattr(services.embedder, "model_name", "?"),
            "memory_backend": local.memory_backend,
            "subset": _subset_name(options),
            "subset_sizes": {"probes": len(probes), "heldout": len(pairs)},
            "default_subset": DEFAULT_SUBSET,
            "judge": judge,
            "probe_file": str(options.probes or folder / "eval" / "probes.jsonl"),
            "builtin_probes": sum(p.builtin for p in probes),
            "indirect": indirect_meta,
            "total_seconds": round(time.perf_counter() - started, 2),
        },
    )
    report.ablation = ablation
    return report


def _subset_name(options: EvalOptions) -> str:
    if options.limit is not None:
        return f"limit {options.limit} per category (seed {options.seed})"
    return "full" if options.full else "default"


async def _ranks(services: Services, probes: Sequence[Probe], depth: int) -> dict[str, int | None]:
    """Rank of the named archive item among the top `depth` chunks, per grounded probe."""
    from bots.evaluation.metrics import first_rank

    ranks: dict[str, int | None] = {}
    public = frozenset({Visibility.PUBLIC})
    for probe in probes:
        if probe.category != "grounded":
            continue
        hits = await services.memory.recall_corpus(services.bot.id, probe.message, depth, public)
        wanted = probe.acceptable()
        # Any acceptable item is a hit; first_rank looks for the marker.
        items: list[str | None] = [
            "hit"
            if any(s in (None, h.chunk.source) and i == h.chunk.item_id for s, i in wanted)
            else None
            for h in hits
        ]
        ranks[probe.id] = first_rank(items, "hit")
    return ranks


PLANTED_SOURCE = "eval-planted"


async def _indirect(
    services: Services,
    bot: BotConfig,
    run: str,
    start: int,
    probes: Sequence[Probe],
    index: dict[str, Chunk],
    tmp: Path,
) -> tuple[list[tuple[Probe, Exchange]], dict[str, Any]]:
    """Indirect injections: each probe's `plant` put in the archive, then its question asked.

    Twice: first through ingest (the real path: the quarantine may keep the plant out), then
    planted straight into memory (what the model does when injected text does reach it).
    """
    folder = tmp / "planted"
    folder.mkdir(exist_ok=True)
    for probe in probes:
        front = f"---\nid: {probe.id}\ntitle: {probe.id}\n---\n"
        (folder / f"{probe.id}.md").write_text(front + probe.plant, encoding="utf-8")
    source = Source(name=PLANTED_SOURCE, path="planted", format="markdown")
    report, chunks = await asyncio.to_thread(collect, bot.id, source, tmp)
    await services.memory.upsert_chunks(list(chunks.values()))
    index.update(chunks)
    quarantined = {q.file.rsplit("/", 1)[-1].removesuffix(".md") for q in report.quarantined}
    out: list[tuple[Probe, Exchange]] = []
    for n, probe in enumerate(probes):
        ex = await _turn(services, run, start + n, probe.id, probe.message, index)
        out.append((dataclasses.replace(probe, expect={**probe.expect, "path": "ingest"}), ex))
    raw: list[Chunk] = []
    for probe in probes:
        item = Item(item_id=f"{probe.id}-raw", text=probe.plant, visibility=Visibility.PUBLIC)
        raw += chunk_item(
            item, creator_id=bot.id, source=f"{PLANTED_SOURCE}-raw", source_file="planted-raw"
        )
    await services.memory.upsert_chunks(raw)
    index.update({c.id: c for c in raw})
    for n, probe in enumerate(probes):
        ex = await _turn(services, run, start + len(probes) + n, probe.id, probe.message, index)
        raw_probe = dataclasses.replace(
            probe, id=f"{probe.id}-raw", expect={**probe.expect, "path": "raw"}
        )
        out.append((raw_probe, ex))
    meta = {
        "planted": len(probes),
        "quarantined_at_ingest": sorted(quarantined),
        "quarantine_rate": len(quarantined & {p.id for p in probes}) / len(probes),
    }
    return out, meta
