"""Burst benchmark: many fans writing at once, the turn queue beside drop-on-cooldown, one run.

    python -m bench.burst [--fans 20] [--messages 10] [--patience 150]

Two scenarios with the example clone's own policies (cooldowns, caps, coalescing), an instant
fake LLM and in-memory stores: every fan sends all their DMs at once; then every fan sends all
their mentions at once into one group channel. Each runs twice in the same process: as shipped
(the turn queue) and with `drop_on_limit = true`, the behaviour before it (a cooldown or cap
drops the message unanswered). Prints each message's outcome per class side by side, how many
fans got an answer covering their last message, and p50/p95/p99 from the burst to the answer
that covers each message (messages never covered are left out of the percentiles and counted).
Messages still waiting after `--patience` seconds are dropped as "shutdown".
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bots.bootstrap import build
from core.config import Settings
from core.ingest.pipeline import run_ingest
from core.memory.embeddings import HashEmbedder
from core.ops.metrics import REGISTRY
from core.persona.bot import load_bot
from core.state.limits import InMemoryDeduper, InMemoryRateLimiter
from core.state.memory import InMemoryStateStore
from core.types import Author, ChatEvent, Reply, ReplyKind, SentMessage, Target

EXAMPLE = Path(__file__).resolve().parents[1] / "bots" / "example"
OUTCOMES = ("answered", "coalesced", "deferred", "notice_sent", "ignored_by_rule", "dropped")


@dataclass
class Sender:
    """The bench platform's runner: records side replies (busy notices) with their time."""

    platform: str = "burst"
    notices: list[tuple[str, float]] = field(default_factory=list)

    async def send(self, reply: Reply) -> SentMessage:
        if reply.kind is ReplyKind.NOTICE:
            self.notices.append((reply.target.channel_id, time.perf_counter()))
        return SentMessage("burst", reply.target.channel_id, "1")

    async def typing(self, target: Target) -> None:
        return None

    async def start(self, handle: object) -> None:  # the bench calls the clone itself
        return None

    async def stop(self) -> None:
        return None


@dataclass
class Result:
    outcomes: Counter[str]
    why: Counter[str]
    fans_covered: int
    notices_max: int
    notices: int
    waits: list[float]
    uncovered: int
    seconds: float


def _outcomes(creator: str) -> tuple[Counter[str], Counter[str]]:
    by_outcome: Counter[str] = Counter()
    by_why: Counter[str] = Counter()
    for metric in REGISTRY.collect():
        if metric.name != "clonebot_messages":
            continue
        for s in metric.samples:
            if s.name.endswith("_total") and s.labels["creator"] == creator:
                by_outcome[s.labels["outcome"]] += int(s.value)
                if s.labels["why"]:
                    by_why[f"{s.labels['outcome']}:{s.labels['why']}"] += int(s.value)
    return by_outcome, by_why


async def run(
    *, group: bool, drop: bool, fans: int, per_fan: int, patience: float, tag: str
) -> Result:
    bot = load_bot(EXAMPLE)
    creator = f"burst-{tag}"
    policies = bot.policies.model_copy(update={"drop_on_limit": drop})
    bot = bot.model_copy(update={"id": creator, "policies": policies})
    sender = Sender()
    with tempfile.TemporaryDirectory() as tmp:
        services = await build(
            EXAMPLE,
            Settings(data_dir=Path(tmp), memory_backend="memory", embedder="hash"),
            bot=bot,
            embedder=HashEmbedder(),
            generator=_instant(),
            state=InMemoryStateStore(),
            deduper=InMemoryDeduper(),
            limiter=InMemoryRateLimiter(),
            runners=[sender],
        )
        await run_ingest(bot, EXAMPLE, services.memory)
        await services.state.set_switch(creator, "budget", str(10**12))
        before, before_why = _outcomes(creator)
        answered_at: dict[tuple[int, int], float] = {}

        async def say(f: int, n: int) -> None:
            event = ChatEvent(
                platform="burst",
                workspace_id="community" if group else "dm",
                channel_id="general" if group else f"dm-{f}",
                author=Author(f"fan{f}", f"Fan {f}"),
                text=f"question {n} from fan {f}: how often do you feed your starter?",
                message_id=f"{f}-{n}",
                event_id=f"e{f}-{n}",
                is_dm=not group,
                mentions_bot=group,
            )
            if await services.clone.handle(event):
                answered_at[(f, n)] = time.perf_counter()

        started = time.perf_counter()
        tasks = [asyncio.ensure_future(say(f, n)) for n in range(per_fan) for f in range(fans)]
        await asyncio.wait(tasks, timeout=patience)
        seconds = time.perf_counter() - started
        await services.close()  # whatever still waits is dropped as "shutdown"
        await asyncio.gather(*tasks, return_exceptions=True)
        after, after_why = _outcomes(creator)
    waits: list[float] = []
    uncovered = covered_fans = 0
    for f in range(fans):
        answers = sorted((n, t) for (ff, n), t in answered_at.items() if ff == f)
        covered_fans += bool(answers) and answers[-1][0] == per_fan - 1
        for n in range(per_fan):
            later = [t for m, t in answers if m >= n]
            if later:
                waits.append(min(later) - started)
            else:
                uncovered += 1
    channel_notices = Counter(c for c, _ in sender.notices)
    return Result(
        outcomes=after - before,
        why=after_why - before_why,
        fans_covered=covered_fans,
        notices_max=max(channel_notices.values(), default=0),
        notices=len(sender.notices),
        waits=waits,
        uncovered=uncovered,
        seconds=seconds,
    )


def _instant():  # type: ignore[no-untyped-def]
    from langchain_core.language_models.fake_chat_models import FakeListChatModel

    from core.llm.generator import LangChainGenerator

    return LangChainGenerator(
        FakeListChatModel(responses=["I feed it twice a day, at 9 and 21 [1]."]),
        name="instant",
        timeout_seconds=5,
        retries=0,
    )


def _pct(values: list[float], q: float) -> str:
    if not values:
        return "-"
    ordered = sorted(values)
    return f"{ordered[min(len(ordered) - 1, int(q * len(ordered)))]:.2f}"


def report(title: str, fans: int, per_fan: int, new: Result, old: Result) -> None:
    total = fans * per_fan
    print(f"\n{title}: {fans} fans x {per_fan} messages = {total}")
    print(f"  {'':34}{'turn queue':>14}{'drop-on-limit':>16}")
    for outcome in OUTCOMES:
        print(f"  {outcome:34}{new.outcomes[outcome]:>14}{old.outcomes[outcome]:>16}")
    rows = [
        ("accounted for", sum(new.outcomes.values()), sum(old.outcomes.values())),
        ("fans answered on their last msg", new.fans_covered, old.fans_covered),
        ("messages never covered by answer", new.uncovered, old.uncovered),
        ("busy notices (most to one chat)", f"{new.notices} ({new.notices_max})", "-"),
        ("p50 / p95 / p99 to answer (s)", _pcts(new), _pcts(old)),
        ("wall time (s)", f"{new.seconds:.1f}", f"{old.seconds:.1f}"),
    ]
    for label, a, b in rows:
        print(f"  {label:34}{a!s:>14}{b!s:>16}")
    reasons = sorted(set(new.why) | set(old.why))
    for why in reasons:
        print(f"    {why:32}{new.why[why]:>14}{old.why[why]:>16}")


def _pcts(r: Result) -> str:
    return "/".join(_pct(r.waits, q) for q in (0.5, 0.95, 0.99))


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fans", type=int, default=20)
    parser.add_argument("--messages", type=int, default=10)
    parser.add_argument("--patience", type=float, default=150.0)
    args = parser.parse_args()
    for title, group in (("DMs", False), ("one group channel, mentions", True)):
        results = []
        for drop in (False, True):
            tag = f"{'g' if group else 'd'}{int(drop)}"
            results.append(
                await run(
                    group=group,
                    drop=drop,
                    fans=args.fans,
                    per_fan=args.messages,
                    patience=args.patience,
                    tag=tag,
                )
            )
        report(title, args.fans, args.messages, *results)
    print(
        "\n  (example policies; instant fake LLM; deferred = answered late, held by a limit;"
        "\n   p50/p95/p99 over messages covered by an answer, from the burst to that answer)"
    )


if __name__ == "__main__":
    asyncio.run(main())
