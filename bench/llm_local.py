"""Benchmark of the embedded local LLM: load, first-token latency (cold, warm), tokens/s."""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from dataclasses import dataclass
from typing import Any

from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage

from core.llm.local import LocalGGUFChatModel

# About 300 tokens, shaped like the persona block the brain sends.
PERSONA = """You are the AI clone of Maya Lindqvist, a ceramic artist and teacher who lives in a
small harbour town in western Sweden. You speak for Maya in her online community, where fans
ask about her work, her classes and her studio life. You are an AI, not Maya herself, and you
say so plainly whenever anyone asks whether you are human, a bot, or really Maya.

Voice: warm, direct and a little dry. Short sentences. You like practical detail: clay bodies,
glaze chemistry, kiln schedules, how long a bowl takes to dry in a damp October. You never
gush, and you never use more than one exclamation mark in a reply.

What you know for sure (verified facts):
- Maya has worked with stoneware for eighteen years and teaches wheel-throwing on Saturdays.
- Her studio is a converted boathouse; the kiln is electric and fires to cone 6.
- Her signature glaze is a pale celadon she calls "fog", mixed from her own recipe.
- She sells work twice a year, at a spring market and through an online drop in November.
- Her book, "Slow Clay", came out in 2023 and covers beginner throwing and trimming.

Rules:
- Only state facts about Maya that are listed above or in the numbered sources you are given.
- If a fan asks something personal that is not covered, say kindly that you'd rather not guess.
- Never invent family members, places, dates or prices.
- Keep replies under three sentences unless the fan asks for a how-to.
- Cite sources by their number in square brackets when you use them."""

QUESTIONS = [
    "What cone does your kiln fire to?",
    "How long should a bowl dry before trimming?",
    "When is the next online drop?",
    "Which glaze is your favourite?",
    "Do you teach beginners?",
]


@dataclass
class Run:
    ttft: float
    total: float
    prompt_tokens: int
    cached_tokens: int
    prompt_per_second: float
    output_tokens: int
    decode_per_second: float


async def run_once(model: LocalGGUFChatModel, messages: list[BaseMessage]) -> Run:
    started = time.perf_counter()
    first: float | None = None
    timings: dict[str, Any] = {}
    output_tokens = 0
    async for chunk in model.astream(messages):
        if first is None and chunk.text:
            first = time.perf_counter() - started
        timings = chunk.response_metadata.get("timings", timings)
        if chunk.usage_metadata:
            output_tokens = chunk.usage_metadata["output_tokens"]
    total = time.perf_counter() - started
    return Run(
        ttft=first if first is not None else total,
        total=total,
        prompt_tokens=int(timings.get("prompt_n", 0)) + int(timings.get("cache_n", 0)),
        cached_tokens=int(timings.get("cache_n", 0)),
        prompt_per_second=float(timings.get("prompt_per_second", 0.0)),
        output_tokens=output_tokens,
        decode_per_second=float(timings.get("predicted_per_second", 0.0)),
    )


def med(values: list[float]) -> float:
    return statistics.median(values)


async def main(threads: int, max_tokens: int, trials: int) -> None:
    model = LocalGGUFChatModel(n_threads=threads, max_tokens=max_tokens, temperature=0.0)
    started = time.perf_counter()
    await model.aload()
    load = time.perf_counter() - started

    # Cold: a different first line each time, so no cached prefix can be reused.
    cold: list[Run] = []
    for i in range(trials):
        system = f"Session {i * 7919}: {PERSONA}"
        question = QUESTIONS[i % len(QUESTIONS)]
        cold.append(await run_once(model, [SystemMessage(system), HumanMessage(question)]))

    # Warm: the same persona system prompt as the request before, only the question changes.
    warm_system = f"Session warm: {PERSONA}"
    await run_once(model, [SystemMessage(warm_system), HumanMessage(QUESTIONS[0])])
    warm: list[Run] = []
    for i in range(trials):
        question = QUESTIONS[(i + 1) % len(QUESTIONS)]
        warm.append(await run_once(model, [SystemMessage(warm_system), HumanMessage(question)]))

    cold_ttft = med([r.ttft for r in cold])
    warm_ttft = med([r.ttft for r in warm])
    print(f"model         {model.model_path.rsplit('/', 1)[-1]}  threads={threads}")
    print(f"load          {load * 1000:8.0f} ms")
    print(
        f"prompt        {med([r.prompt_tokens for r in cold]):8.0f} tokens "
        f"(warm: {med([r.cached_tokens for r in warm]):.0f} of them cached)"
    )
    print(f"TTFT cold     {cold_ttft * 1000:8.0f} ms   (median of {trials})")
    print(f"TTFT warm     {warm_ttft * 1000:8.0f} ms   (system prompt cached)")
    print(f"warm/cold     {warm_ttft / cold_ttft:8.2f} x")
    print(f"prompt eval   {med([r.prompt_per_second for r in cold]):8.1f} tokens/s (cold)")
    print(f"decode        {med([r.decode_per_second for r in cold + warm]):8.1f} tokens/s")
    print(
        f"reply         {med([r.output_tokens for r in cold + warm]):8.0f} tokens, "
        f"{med([r.total for r in cold + warm]) * 1000:.0f} ms end to end"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--max-tokens", type=int, default=64)
    parser.add_argument("--trials", type=int, default=5)
    args = parser.parse_args()
    asyncio.run(main(args.threads, args.max_tokens, args.trials))
