"""bench.throughput's paths section: Telegram long polling beside the webhook, one run, a model
over HTTP, and past capacity what became of every message (answered, degraded, shed, missing).

Each path has its own clone (MiniLM, Edge, SQLite, the example persona, its generator built from
settings as `clonebot run` builds it: the OpenAI client, the first-text deadline, the breaker)
talking to one instant OpenAI-compatible fake in the driver process. At each offered rate the
two paths take turns, so both see the same machine. A message is:
- answered: a reply that is not the fallback went out (late or not: the latency columns say);
- degraded: the honest fallback ("trouble thinking") went out instead: the overload is blamed on
  the provider, the failure issue 26 is about;
- shed: no reply, and the clone recorded why (the full queue's rule, with its outcome);
- missing: no reply and no outcome, or an outcome that says answered while nothing arrived.

`--shed` offers one polling clone with a small queue more than it holds, in a mix of DMs, group
messages that name the clone and group chatter, and counts per kind what was answered and what
was shed by the queue's rule (chatter first, DMs last), each with its logged outcome.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.throughput import (
    KINDS,
    Clones,
    Remote,
    Services,
    Step,
    start_adapters,
    stop_adapters,
)
from core.conversation.outcomes import Outcome

# From a trickle up: on a shared 2-core machine the default path's capacity can be a few msg/s.
RATES = [2, 4, 6, 8, 12, 16, 24, 32, 48, 64, 100]
SHED = {Outcome.DROPPED, Outcome.NOTICE_SENT, Outcome.IGNORED_BY_RULE}


# The ingested example archive, copied into each new clone: ingesting it takes a minute.
SEED: list[Path | None] = []


def seeded(clones: Clones) -> Clones:
    clones.seed = next((s for s in SEED if s is not None), None)
    return clones


@dataclass
class Watch:
    """One clone's outcomes by (chat, message id), and how often its LLM breaker opened."""

    sv: Services
    outcomes: dict[tuple[int, int], Outcome] = field(default_factory=dict)
    whys: dict[tuple[int, int], str] = field(default_factory=dict)
    openings: int = 0

    def __post_init__(self) -> None:
        ledger = self.sv.clone.ledger
        record = ledger.record

        def recording(event: Any, outcome: Outcome, why: str = "", **kw: Any) -> None:
            if event.message_id and event.channel_id.lstrip("-").isdigit():
                key = (int(event.channel_id), int(event.message_id))
                self.outcomes[key], self.whys[key] = outcome, why
            record(event, outcome, why, **kw)

        ledger.record = recording  # type: ignore[method-assign]
        breaker = self.sv.generator.breaker  # type: ignore[attr-defined]
        failed = breaker.failed

        def counting() -> bool:
            opened: bool = failed()
            self.openings += opened
            return opened

        breaker.failed = counting

    def outcome(self, key: tuple[Any, ...]) -> tuple[Outcome | None, str]:
        """What the clone recorded for the driver's message `key`, and why."""
        at = (int(key[2]), int(key[3]))
        return self.outcomes.get(at), self.whys.get(at, "")

    def settle(self, step: Step, keep: bool = False) -> Step:
        """Sort the step's unanswered messages into shed (with an outcome), joined (a later
        message's turn answered them) and missing (no outcome, or "answered" with nothing
        sent). `keep`: leave `unreplied` for a closer look (`by_kind`)."""
        for key in step.unreplied:
            outcome, _ = self.outcome(key)
            if outcome in SHED:
                step.shed += 1
            elif outcome is Outcome.COALESCED:
                step.joined += 1
            else:
                step.missing += 1
        if not keep:
            step.unreplied = []
        return step

    def by_kind(self, step: Step) -> dict[str, Counter[str]]:
        """Per kind of message: sent, answered, joined, each shed outcome (why), missing."""
        out: dict[str, Counter[str]] = {k: Counter() for k in KINDS}
        unreplied = set(step.unreplied)
        for key, kind in step.kinds.items():
            row = out[kind]
            row["sent"] += 1
            if key not in unreplied:
                row["answered"] += 1
                continue
            outcome, why = self.outcome(key)
            if outcome in SHED:
                row[f"{outcome.value}:{why}"] += 1  # type: ignore[union-attr]
            elif outcome is Outcome.COALESCED:
                row["joined"] += 1
            else:
                row["missing"] += 1
        return out


@dataclass
class Path_:
    """One inbound path: its label, its clone, its load targets."""

    label: str
    watch: Watch
    targets: list[tuple[str, str, str]]
    steps: list[Step] = field(default_factory=list)
    opened_warm: int = 0
    opened_before: int = 0

    @property
    def capacity(self) -> float:
        """The most answers/s a step delivered with every message answered, none degraded."""
        clean = [s for s in self.steps if s.dropped == 0 and s.shed == 0 and s.missing == 0]
        return max((s.rate for s in clean), default=0.0)

    def saturated(self) -> bool:
        s = self.steps[-1]
        return s.p50 > 5000 or s.rate < 0.6 * s.offered


HEADER = (
    f"  {'path':<16} {'offered':>7} {'sent':>5} {'answ.':>5} {'degr.':>5} {'shed':>4}"
    f" {'miss':>4} {'notice':>6} {'msg/s':>6} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}"
    f" {'bot':>5} {'ms CPU':>6} {'typing':>6}"
)


def cpu_ms(s: Step) -> float:
    """The clonebot process's CPU per message answered (the fallback included), in ms."""
    return s.bot_cpu_seconds / s.answered * 1000 if s.answered else float("nan")


def row(label: str, s: Step) -> str:
    return (
        f"  {label:<16} {s.offered:>7.0f} {s.injected:>5} {s.good:>5} {s.degraded:>5}"
        f" {s.shed:>4} {s.missing:>4} {s.notices:>6} {s.rate:>6.1f} {s.p50:>7.0f}"
        f" {s.p95:>7.0f} {s.p99:>7.0f} {s.bot_cpu:>5.2f} {cpu_ms(s):>6.1f} {s.typing:>6}"
    )


async def step(
    remote: Remote, path: Path_, rate: float, seconds: float, drain: float = 90.0
) -> Step:
    s = await remote.load([(path.targets, rate)], seconds, drain)
    return path.watch.settle(s)


async def paths(
    remote: Remote, root: Path, state_url: str | None, step_s: float, overload_s: float
) -> list[str]:
    """Ramp both paths side by side, then offer each 2x its capacity; returns the report."""
    (ports,) = await remote.call("start", 1, 0, 1, True)
    clones = seeded(Clones(root / "paths", state_url, llm_url=ports["llm"]))
    both: list[Path_] = []
    for label, kind in (("webhook", "telegram"), ("polling", "telegram-polling")):
        sv = await clones.make({kind: ports[kind]}, paced=False)
        SEED.append(clones.seed)
        urls = await start_adapters(sv)
        both.append(Path_(label, Watch(sv), [("telegram", urls[kind], ports[kind])]))
    out = [HEADER]
    print(HEADER, flush=True)
    try:
        for p in both:
            # Warm up: a new clone's first turns pay one-time costs (clients connect, caches
            # fill), a few times a warm turn's CPU. Printed: the first step of a cold process,
            # where "no text within 8s" fallbacks once came from our own executor queue.
            warm = await step(remote, p, 2.0, 15.0, 120.0)
            p.opened_warm = p.watch.openings
            out.append(row(f"{p.label}, warm-up", warm))
            print(out[-1], flush=True)
        for rate in RATES:
            running = [p for p in both if not (p.steps and p.saturated())]
            if not running:
                break
            for p in running:
                p.steps.append(await step(remote, p, float(rate), step_s))
                out.append(row(f"{p.label}, ramp", p.steps[-1]))
                print(out[-1], flush=True)
        for p in both:
            p.opened_before = p.watch.openings
        over: dict[str, Step] = {}
        for p in reversed(both):  # polling first: the default path
            rate = 2 * max(p.capacity, 1.0)
            # The backlog of 2x for `overload_s` takes about as long again to answer.
            over[p.label] = await step(remote, p, rate, overload_s, 2 * overload_s + 60)
            out.append(row(f"{p.label}, 2x {overload_s:.0f}s", over[p.label]))
            print(out[-1], flush=True)
        out.append("")
        web, poll = both
        for p in both:
            top = max(p.steps, key=lambda s: s.rate)
            out.append(
                f"  {p.label:<8} capacity {p.capacity:6.1f} msg/s (every message answered);"
                f" CPU per message at its best step {cpu_ms(top):5.1f} ms;"
                f" breaker openings: {p.opened_warm} in the warm-up,"
                f" {p.opened_before - p.opened_warm} in the ramp,"
                f" {p.watch.openings - p.opened_before} at 2x"
            )
        ratio = poll.capacity / web.capacity if web.capacity else float("nan")
        out.append(
            f"  polling / webhook capacity: {ratio:.2f} (goal: within 20%, >= 0.80:"
            f" {'met' if ratio >= 0.8 else 'NOT met'})"
        )
        o = over["polling"]
        opened = poll.watch.openings - poll.opened_before
        ok = o.degraded == 0 and o.missing == 0 and opened == 0
        out.append(
            f"  polling at 2x capacity: {o.good} answered, {o.degraded} degraded, {o.shed} shed,"
            f" {o.missing} missing, breaker openings {opened}:"
            f" {'met' if ok else 'NOT met'} (goal: 0 degraded, 0 missing, 0 openings)"
        )
    finally:
        for p in both:
            await stop_adapters(p.watch.sv)
    for line in out[out.index("") :]:
        print(line, flush=True)
    return out


SLOTS = [4, 8, 16, 32, 64]
SLOT_HEADER = (
    f"  {'model delay':>11} {'max turns':>9} {'sent':>5} {'answ.':>5} {'degr.':>5} {'msg/s':>6}"
    f" {'p50 ms':>7} {'p95 ms':>7} {'bot':>5} {'ms CPU':>6} {'model':>6}"
)


async def slots(
    remote: Remote,
    root: Path,
    state_url: str | None,
    delays: list[float],
    rate: float,
    seconds: float,
    values: list[int] = SLOTS,
    rounds: int = 1,
) -> list[str]:
    """max_concurrent_turns measured: per value, a new polling clone is offered `rate` (past
    its capacity) for `seconds`; what it answered per second within a 20 s drain, and how fast.

    With an instant model the slots only share this process's CPU; with a model that takes
    `delay` to answer, too few slots cap the answers at slots / delay whatever the CPU.
    """
    (ports,) = await remote.call("start", 0, 0, 1, True)
    clones = seeded(Clones(root / "slots", state_url, llm_url=ports["llm"]))
    base = clones.bot
    out = [SLOT_HEADER]
    # Values side by side, round after round: the machine's other load moves them all alike.
    for delay, _ in ((d, r) for r in range(rounds) for d in delays):
        await remote.call("llm_delay", delay)
        for n in values:
            policies = base.policies.model_copy(update={"max_concurrent_turns": n})
            clones.bot = base.model_copy(update={"policies": policies})
            sv = await clones.make({"telegram-polling": ports["telegram-polling"]}, paced=False)
            SEED.append(clones.seed)
            urls = await start_adapters(sv)
            p = Path_(
                f"{n}",
                Watch(sv),
                [("telegram", urls["telegram-polling"], ports["telegram-polling"])],
            )
            try:
                await remote.load([(p.targets, 2.0)], 2.0, 30.0)  # warm up
                asked = await remote.call("llm_requests")
                s = await remote.load([(p.targets, rate)], seconds, 20.0)
                asked = await remote.call("llm_requests") - asked
            finally:
                await stop_adapters(sv)
            out.append(
                f"  {delay:>9.1f} s {n:>9} {s.injected:>5} {s.good:>5} {s.degraded:>5}"
                f" {s.rate:>6.1f} {s.p50:>7.0f} {s.p95:>7.0f} {s.bot_cpu:>5.2f} {cpu_ms(s):>6.1f}"
                f" {asked:>6}"
            )
            print(out[-1], flush=True)
    return out


SHED_QUEUE = 20  # messages waiting at most in the shedding step (bot.toml's queue_size)
SHED_MIX = ("chatter", "chatter", "mention", "dm")


async def shedding(
    remote: Remote, root: Path, state_url: str | None, rate: float, seconds: float
) -> list[str]:
    """One polling clone that answers group chatter too (reply_in_groups = "always"), with a
    queue of SHED_QUEUE, offered `rate` msg/s of SHED_MIX for `seconds`: far more than it
    holds, so the queue sheds by its rule. Returns the report: per kind, what became of each
    message (the clone's outcome and its why), and how many had none."""
    (ports,) = await remote.call("start", 0, 0, 1, True)
    clones = seeded(Clones(root / "shed", state_url, llm_url=ports["llm"]))
    base = clones.bot
    policies = base.policies.model_copy(
        update={"queue_size": SHED_QUEUE, "reply_in_groups": "always"}
    )
    clones.bot = base.model_copy(update={"policies": policies})
    sv = await clones.make({"telegram-polling": ports["telegram-polling"]}, paced=False)
    SEED.append(clones.seed)
    urls = await start_adapters(sv)
    targets = [("telegram", urls["telegram-polling"], ports["telegram-polling"])]
    watch = Watch(sv)
    try:
        await step(remote, Path_("warm", watch, targets), 2.0, 10.0, 120.0)  # cold start paid
        opened = watch.openings
        s = await remote.load([(targets, rate)], seconds, 2 * seconds + 60, False, SHED_MIX)
        watch.settle(s, keep=True)
        kinds = watch.by_kind(s)
    finally:
        await stop_adapters(sv)
    whys = sorted({k for row in kinds.values() for k in row} - {"sent", "answered"})
    out = [f"  {'kind':<8} {'sent':>5} {'answ.':>5} " + " ".join(f"{w:>{len(w)}}" for w in whys)]
    for kind, row in kinds.items():
        cells = " ".join(f"{row[w]:>{len(w)}}" for w in whys)
        out.append(f"  {kind:<8} {row['sent']:>5} {row['answered']:>5} {cells}")
    out.append(
        f"  {s.injected} messages in {seconds:.0f} s at {rate:g} msg/s, queue_size {SHED_QUEUE}:"
        f" {s.good} answered ({s.degraded} of them the fallback), {s.shed} shed with their"
        f" outcome, {s.joined} joined a later turn, {s.missing} without an outcome (goal 0);"
        f" p50 {s.p50 / 1000:.1f} s, p95 {s.p95 / 1000:.1f} s; breaker openings"
        f" {watch.openings - opened}; typing signs {s.typing}, busy notices {s.notices}"
    )
    for line in out:
        print(line, flush=True)
    return out
