"""Cost of checking one 5-sentence reply: the claim verifier beside the old grounding rule.

    python -m bench.verify [--runs 200]

Rows (p50 / p95 in ms, and the ratio of p95 to the baseline's, all measured in this run):
  baseline  the old first-person/topic-word grounding (find_claims + is_supported)
  verify    the claim verifier on MiniLM: 5 new sentences embedded in one batch, source
            vectors already cached (the same chunks answer many questions)
  logic     the verifier with the sentence vectors cached too: everything but the model
  copied    a reply copied from its sources: matched word for word, nothing embedded
  cold      the verifier when the 4 retrieved chunks are new too (their vectors embedded)
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from collections.abc import Awaitable, Callable

import numpy as np

from core.memory.embeddings import MiniLMEmbedder
from core.trust.grounding import find_claims, is_supported
from core.trust.verify import ClaimVerifier, Support

CHUNKS = [
    "How I keep him: in the fridge, fed once a week. The night before a bake I take 10 g and "
    "feed it 1:5:5, so 10 g starter, 50 g flour, 50 g water. The flour is 80% strong white and "
    "20% wholemeal rye. By breakfast he has tripled and smells like yoghurt and green apples.",
    "People ask about flour more than anything else, so here is how I choose. Everyday loaves: "
    "strong white bread flour around 12.5-13% protein. Higher is not always better; above 14% "
    "I find the crumb gets tough. I am not sponsored by any flour brand.",
    "Autolyse: mix the flours and 375 g water, cover, rest 45 minutes. Add the levain, squeeze "
    "it through. Rest 30 minutes, then add the salt with the last 15 g water.",
    "I opened my micro-bakery, Quill & Crumb, in March 2019: bread subscriptions and a Saturday "
    "market stall. I closed the bread subscriptions in September 2023.",
]
FACTS = ["I have a ginger cat called Poolish, adopted in 2021.", "I live and bake in the UK."]
REPLIES = [
    "My starter lives in the fridge and I feed him once a week. The night before, I feed it "
    "1:5:5. I use strong white flour with a bit of rye. My daughter helps me every Sunday. "
    "Hope that helps!",
    "For everyday loaves I go for bread flour around 13% protein. Above 14% the crumb gets "
    "tough. Nobody sponsors my flour. I bought a new mill in Bath last year. Happy baking!",
]


def _ms(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered) * 1000, ordered[int(0.95 * (len(ordered) - 1))] * 1000


async def _time(fn: Callable[[int], Awaitable[object]], runs: int) -> list[float]:
    out = []
    for i in range(runs):
        started = time.perf_counter()
        await fn(i)
        out.append(time.perf_counter() - started)
    return out


async def main(runs: int) -> None:
    model = MiniLMEmbedder()
    cache: dict[str, np.ndarray] = {}

    async def embed(texts: list[str]) -> np.ndarray:
        return await asyncio.to_thread(model.embed_array, texts)

    async def embed_cached(texts: list[str]) -> np.ndarray:
        missing = [t for t in texts if t not in cache]
        if missing:
            for t, v in zip(missing, await embed(missing), strict=True):
                cache[t] = v
        return np.stack([cache[t] for t in texts])

    support = [Support(c, source=i) for i, c in enumerate(CHUNKS, 1)] + [Support(f) for f in FACTS]
    verifier = ClaimVerifier(embed, model.model_name)
    logic = ClaimVerifier(embed_cached, model.model_name)
    await verifier.verify(REPLIES[0], support)  # sources cached, model warm
    await logic.verify(REPLIES[0], support)
    await logic.verify(REPLIES[1], support)
    copied = " ".join(c.split(". ")[0] + "." for c in CHUNKS)

    async def baseline(i: int) -> None:
        for claim in find_claims(REPLIES[i % 2], ignore_names=["Mara Quill"]):
            is_supported(claim, [*FACTS, *CHUNKS])

    async def fresh(i: int) -> None:
        # A new reply each run: its sentences are not cached anywhere.
        await verifier.verify(REPLIES[i % 2].replace("Hope", f"Hope {i} times"), support)

    async def cold(i: int) -> None:
        new = [Support(f"{c} (take {i})", source=n) for n, c in enumerate(CHUNKS, 1)]
        await ClaimVerifier(embed, model.model_name).verify(REPLIES[i % 2], new)

    rows = {
        "baseline": await _time(baseline, runs),
        "verify": await _time(fresh, runs),
        "logic": await _time(lambda i: logic.verify(REPLIES[i % 2], support), runs),
        "copied": await _time(lambda i: verifier.verify(copied, support), runs),
        "cold": await _time(cold, max(runs // 10, 5)),
    }
    base = _ms(rows["baseline"])[1]
    print(f"5-sentence reply, {runs} runs, MiniLM int8 on onnxruntime")
    print(f"{'row':10} {'p50 ms':>8} {'p95 ms':>8} {'p95 / baseline':>15}")
    for name, samples in rows.items():
        p50, p95 = _ms(samples)
        print(f"{name:10} {p50:8.2f} {p95:8.2f} {p95 / base:15.1f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    asyncio.run(main(parser.parse_args().runs))
