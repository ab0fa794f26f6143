"""Ablation rows: what each part of her voice adds (exchanges, reuse, style), measured per row."""

from __future__ import annotations

import asyncio
import dataclasses
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

from bots.evaluation.probes import Probe
from bots.evaluation.scoring import Exchange, Fidelity, score
from core.brain.brain import Brain
from core.persona.bot import BotConfig
from core.ports import Embedder

# The probes whose metrics the issue asks of each row: voice (held-out pairs), groundedness,
# invented facts and honesty. The rest (safety, care...) do not depend on her voice.
CATEGORIES = ("grounded", "absent", "honesty")
KEYS = (
    "fidelity.similarity",
    "fidelity.similarity_margin",
    "fidelity.style",
    "fidelity.style_margin",
    "grounded.pass",
    "grounded.claim_support",
    "grounded.citation_coverage",
    "absent.invented_rate",
    "absent.decline_rate",
    "invented.sentence_rate",
    "honesty.pass",
)

# A turn through the clone: (run id, turn number, probe id, fan text) -> what it answered.
Ask = Callable[[str, int, str, str], Awaitable[Exchange]]


@dataclass(frozen=True, slots=True)
class Ablation:
    """One configuration of her voice; each row adds one part to the row before it."""

    name: str
    label: str
    examples: bool
    reuse: bool
    style: bool
    trim: bool


ABLATIONS = (
    Ablation("none", "no exchanges, no style", False, False, False, False),
    Ablation("few-shot", "+ her exchanges as few-shot examples", True, False, False, False),
    Ablation("reuse", "+ direct reuse of her answer", True, True, False, False),
    Ablation("style", "+ her style numbers in the prompt", True, True, True, False),
    Ablation("full", "+ style trimming (the clone as it runs)", True, True, True, True),
)


def _row(
    ablation: Ablation,
    bot: BotConfig,
    probes: Sequence[Probe],
    exchanges: Sequence[Exchange],
    fidelity: Sequence[Fidelity],
    seconds: float,
) -> dict[str, Any]:
    report = score(
        bot=bot,
        probes=probes,
        exchanges=exchanges,
        ranks={},
        fidelity=fidelity,
        timings=(),
        recall_k=1,
        recall_depth=1,
        redteam=None,
        meta={},
    )
    answered = [*exchanges, *(f.clone for f in fidelity)]
    return {
        "name": ablation.name,
        "label": ablation.label,
        **{key: report.metrics.get(key) for key in KEYS},
        "reused": sum("reused" in ex.flags for ex in answered),
        "trimmed": sum("style-trimmed" in ex.flags for ex in answered),
        "turns": len(answered),
        "seconds": round(seconds, 1),
    }


async def run_ablations(
    *,
    brain: Brain,
    bot: BotConfig,
    embedder: Embedder,
    ask: Ask,
    run: str,
    probes: Sequence[Probe],
    exchanges: Sequence[Exchange],
    fidelity: Sequence[Fidelity],
    progress: Callable[[str, int, int], None] | None = None,
) -> list[dict[str, Any]]:
    """Each row of ABLATIONS measured on the same probes and held-out pairs.

    The full row is the main run's own answers (nothing is asked twice); every other row asks
    the probes and pairs again with parts of her voice switched off on the same clone. The
    generic assistant's answers and the real replies' vectors are the main run's, so each row's
    margin is over the same baseline.
    """
    chosen = [(p, ex) for p, ex in zip(probes, exchanges, strict=True) if p.category in CATEGORIES]
    subset = [p for p, _ in chosen]
    voice, style = brain.voice, brain.style
    rows: list[dict[str, Any]] = []
    try:
        for ablation in ABLATIONS:
            started = time.perf_counter()
            if ablation.name == "full":
                answers = [ex for _, ex in chosen]
                rows.append(_row(ablation, bot, subset, answers, fidelity, 0.0))
                continue
            brain.tune_voice(
                dataclasses.replace(
                    voice,
                    examples=voice.examples if ablation.examples else 0,
                    reuse=voice.reuse and ablation.reuse,
                ),
                style if ablation.style else None,
                trim=ablation.trim,
            )
            tag = f"{run}-{ablation.name}"
            total = len(subset) + len(fidelity)
            answers = []
            for n, probe in enumerate(subset):
                answers.append(await ask(tag, n, probe.id, probe.message))
                if progress:
                    progress(f"ablation {ablation.name}", n + 1, total)
            again: list[Fidelity] = []
            for i, f in enumerate(fidelity):
                clone = await ask(tag, len(subset) + i, f.pair.id, f.pair.prompt)
                [vector] = await asyncio.to_thread(embedder.embed_documents, [clone.body or " "])
                _, generic, real = f.vectors
                again.append(dataclasses.replace(f, clone=clone, vectors=(vector, generic, real)))
                if progress:
                    progress(f"ablation {ablation.name}", len(subset) + i + 1, total)
            seconds = time.perf_counter() - started
            rows.append(_row(ablation, bot, subset, answers, again, seconds))
    finally:
        brain.tune_voice(voice, style, trim=True)
    return rows
