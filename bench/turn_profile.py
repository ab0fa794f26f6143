"""Where one warm turn's CPU goes, by component: e5, MiniLM, Edge, SQLite, LangChain, our code.

`python -m bench.turn_profile [--turns 40] [--warm 30] [--unique]` (about 3 minutes: most of it
is the example archive's ingest). One clone as `bench.throughput` builds it (Edge memory, MiniLM,
SQLite state, the example persona) with the in-process instant model; `Clone.handle` is called
for one DM at a time, so every thread's CPU in the profiled window belongs to the turns.

Attribution (no sampling profiler is installed, and cProfile sees one thread):
- each OS thread's CPU from /proc (the event loop, the model pool, the MiniLM query thread,
  aiosqlite's thread, onnxruntime's own threads), before and after the profiled turns;
- the two models: every batch a model ran in the profiled turns is recorded (texts and
  tensors), then run again alone, and that CPU is the model's (tokenising and the ONNX run);
- the event loop thread under cProfile with a CPU clock, its own time grouped by the package
  the function lives in.

`--unique`: every sentence of every message is new (the default messages are the throughput
bench's: 4 questions, each with a new "(asking for batch n)", so their first sentence repeats).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import shutil
import tempfile
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import bench.throughput as throughput
import core.brain.brain as brain_module
from bench.throughput import VECTORS, Clones, event, load_average
from bots.loop import run as run_on_loop
from core.types import ChatEvent

# Function file paths (or builtin method names) -> component, first match wins.
COMPONENTS = [
    ("qdrant_edge", "Qdrant edge store (in-process)"),
    ("core/memory/stores", "Qdrant edge store (in-process)"),
    ("sqlalchemy", "SQLite state (SQLAlchemy, aiosqlite)"),
    ("aiosqlite", "SQLite state (SQLAlchemy, aiosqlite)"),
    ("sqlite3", "SQLite state (SQLAlchemy, aiosqlite)"),
    ("core/state", "SQLite state (SQLAlchemy, aiosqlite)"),
    ("langchain", "LangChain (messages, model stream)"),
    ("pydantic", "LangChain (messages, model stream)"),
    ("core/llm", "LangChain (messages, model stream)"),
    ("core/trust", "our checks (core/trust)"),
    ("core/brain", "brain (prompt, recall, checks glue)"),
    ("core/memory", "memory facade (caches, recent turns)"),
    ("core/conversation", "conversation pipeline (queue, gates, outcomes)"),
    ("core/control", "conversation pipeline (queue, gates, outcomes)"),
    ("core/", "other core"),
    ("numpy", "numpy (called from our code)"),
    ("asyncio", "event loop, tasks, threads handoff"),
    ("uvloop", "event loop, tasks, threads handoff"),
    ("threading", "event loop, tasks, threads handoff"),
    ("concurrent", "event loop, tasks, threads handoff"),
    ("contextvars", "event loop, tasks, threads handoff"),
    ("method 'run' of 'Context'", "event loop, tasks, threads handoff"),
    ("re.py", "regex"),
    ("method 'sub' of 're", "regex"),
    ("method 'findall' of 're", "regex"),
    ("method 'search' of 're", "regex"),
    ("method 'split' of 're", "regex"),
    ("method 'match' of 're", "regex"),
    ("unicodedata", "text folding (unicodedata)"),
]


@dataclass
class Recorder:
    """Wraps one model's tokenizer and ONNX session: what it ran, in batches, for replay."""

    name: str
    embedder: Any
    texts: list[list[str]] = field(default_factory=list)
    feeds: list[dict[str, Any]] = field(default_factory=list)
    on: bool = False

    def __post_init__(self) -> None:
        tokenizer, session = self.embedder._tokenizer, self.embedder._session
        self.tokenizer, self.session = tokenizer, session
        recorder = self

        class Tokenizer:
            def encode_batch(self, texts: list[str]) -> Any:
                if recorder.on:
                    recorder.texts.append(list(texts))
                return tokenizer.encode_batch(texts)

        class Session:
            def run(self, names: Any, feeds: dict[str, Any]) -> Any:
                if recorder.on:
                    recorder.feeds.append({k: v.copy() for k, v in feeds.items()})
                return session.run(names, feeds)

            def get_inputs(self) -> Any:
                return session.get_inputs()

        self.embedder._tokenizer, self.embedder._session = Tokenizer(), Session()

    @property
    def count(self) -> int:
        return sum(len(t) for t in self.texts)

    def replay_cpu(self) -> float:
        """CPU seconds (whole process, nothing else running) to tokenise and run it all again."""
        best = float("inf")
        for _ in range(3):
            start = time.process_time()
            for texts in self.texts:
                self.tokenizer.encode_batch([self.embedder.prefix + t for t in texts])
            for feeds in self.feeds:
                self.session.run(["last_hidden_state"], feeds)
            best = min(best, time.process_time() - start)
        return best


def thread_cpu() -> dict[int, float]:
    """CPU seconds of every OS thread of this process, by thread id."""
    tick = os.sysconf("SC_CLK_TCK")
    out: dict[int, float] = {}
    for tid in os.listdir("/proc/self/task"):
        try:
            fields = Path(f"/proc/self/task/{tid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        out[int(tid)] = (int(fields[11]) + int(fields[12])) / tick
    return out


def thread_label(tid: int) -> str:
    for t in threading.enumerate():
        if t.native_id == tid:
            if t is threading.main_thread():
                return "event loop thread"
            kind = type(t).__module__.split(".")[0]
            if kind == "aiosqlite":
                return "aiosqlite thread (SQLite state)"
            name = t.name.rsplit("_", 1)[0].rsplit("-", 1)[0]
            return f"python thread {name}"
    return "native threads (onnxruntime intra-op)"


def component(key: tuple[str, int, str]) -> str:
    where = f"{key[0]}:{key[2]}"
    for needle, label in COMPONENTS:
        if needle in where:
            return label
    return "other (stdlib, builtins)"


def unique_event(i: int) -> ChatEvent:
    e = event(i)
    n = f"{i:05d}"
    text = f"Mara, question {n}: how long does the dough number {n} rest? Thanks, fan {n}!"
    return replace(e, text=text)


async def main(args: argparse.Namespace) -> None:
    from core.trust.meaning_embedder import multilingual_embedder

    if args.reply:  # the instant model's fixed reply (bench.throughput reads it per call)
        throughput.REPLY = args.reply
    print(f"load average before: {load_average()}")
    root = Path(tempfile.mkdtemp(prefix="turn-profile-"))
    clones = Clones(root, None, "minilm")
    kept = Path(args.keep) / "seed" if args.keep else None
    if kept is not None and kept.exists():  # an ingest kept by an earlier run
        clones.seed = kept
    sv = await clones.make()
    if kept is not None and clones.seed is not None and not kept.exists():
        shutil.copytree(clones.seed, kept)
        vectors = clones.seed.with_name(VECTORS)
        if vectors.exists():
            shutil.copy(vectors, kept.with_name(VECTORS))
    make = unique_event if args.unique else event
    for i in range(args.warm):
        await sv.clone.handle(make(1_000 + i))
    e5 = multilingual_embedder()
    e5 = getattr(e5, "inner", e5)  # the model itself, below any cache of its vectors
    models = [Recorder("multilingual-e5-small", e5), Recorder("all-MiniLM-L6-v2", sv.embedder)]
    for m in models:
        m.on = True
    flags: Counter[str] = Counter()
    counted = brain_module.count_reply

    def count_reply(creator: str, reply_flags: Any) -> None:
        flags.update(f.split(":")[0] for f in reply_flags)
        counted(creator, reply_flags)

    brain_module.count_reply = count_reply  # type: ignore[assignment]
    profiler = cProfile.Profile(time.thread_time)
    cpu0, threads0, wall0 = time.process_time(), thread_cpu(), time.perf_counter()
    profiler.enable()
    for i in range(args.turns):
        replies = await sv.clone.handle(make(50_000 + i))
        assert replies, "no reply"
    profiler.disable()
    cpu = time.process_time() - cpu0
    wall = time.perf_counter() - wall0
    threads1 = thread_cpu()
    brain_module.count_reply = counted  # type: ignore[assignment]
    for m in models:
        m.on = False
    n = args.turns
    per = 1000.0 / n
    cpu_ms, wall_ms = cpu * per, wall * per
    print(f"\n{n} warm turns, one at a time: {cpu_ms:.1f} ms CPU a turn ({wall_ms:.1f} ms wall)")
    print("\nby thread (ms CPU a turn):")
    by_thread: dict[str, float] = defaultdict(float)
    for tid, t in threads1.items():
        by_thread[thread_label(tid)] += t - threads0.get(tid, 0.0)
    for label, t in sorted(by_thread.items(), key=lambda x: -x[1]):
        if t * per >= 0.05:
            print(f"  {label:<45} {t * per:7.1f}")
    print("\nmodels, replayed alone (tokenising and the ONNX run):")
    model_ms = 0.0
    for m in models:
        ms = m.replay_cpu() * per
        model_ms += ms
        print(
            f"  {m.name:<24} {m.count / n:5.2f} texts a turn in {len(m.feeds) / n:4.2f} runs:"
            f" {ms:6.1f} ms CPU a turn"
        )
    print(f"  replies' flags: {dict(flags.most_common())}")
    if args.texts:
        for m in models:
            print(f"  {m.name}, the first turns' batches:")
            for texts in m.texts[: args.texts]:
                print(f"    {texts}")
    stats = pstats.Stats(profiler)
    by_comp: dict[str, float] = defaultdict(float)
    for key, (_cc, _nc, tt, _ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        by_comp[component(key)] += tt
    loop_ms = sum(by_comp.values()) * per
    print(
        f"\nevent loop thread under cProfile ({loop_ms:.1f} ms CPU a turn, own time by package):"
    )
    for label, t in sorted(by_comp.items(), key=lambda x: -x[1]):
        print(f"  {label:<50} {t * per:6.1f}")
    if args.top:
        print()
        stats.sort_stats("tottime").print_stats(args.top)
    print(f"\nload average after: {load_average()}")
    await sv.close()


def cli() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=40, help="profiled turns")
    parser.add_argument("--warm", type=int, default=30, help="turns before the profile")
    parser.add_argument("--unique", action="store_true", help="every sentence new")
    parser.add_argument("--reply", help="what the instant model answers (default: the bench's)")
    parser.add_argument("--keep", help="a folder to keep the ingested archive in, between runs")
    parser.add_argument("--texts", type=int, default=0, help="print the first N batches")
    parser.add_argument("--top", type=int, default=0, help="also print the top N functions")
    run_on_loop(main(parser.parse_args()))


if __name__ == "__main__":
    cli()
