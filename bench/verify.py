"""Cost of checking one 5-sentence reply: the claim check as it was beside the claim check now.

    python -m bench.verify [--runs 200]

Wall time is what a fan waits; CPU time (the whole process, all threads) is what it costs, and
stays meaningful when other work loads the machine. Every run checks a reply no run has seen
(each of its 5 sentences is reworded), so no cache holds the reply's vectors; the 4 retrieved
chunks' vectors were made before the reply existed (at retrieval, while the model writes),
which is what a turn does. Rows (p50 / p95 ms):

  grounding       the rule before issue 21 (first-person sentences with a topic word)
  before          the claim verifier as it was: MiniLM embeds the 5 sentences for it alone
  honesty         the honesty check every reply already passes: e5 embeds the 5 sentences
  honesty+before  what a turn paid for both before: two models embed the same 5 sentences
  honesty+now     what a turn pays now: one e5 pass serves the honesty and the claim check
  verify now      the claim check's own share of that (timed inside the same runs)
  verify alone    the claim check on e5 if nothing had embedded the sentences yet
  copied          a reply copied from its sources: matched word for word, nothing embedded
  cold            the claim check when the chunks were never prepared (e5, 5 runs)
  cold+kept       the same in a new process whose ingest kept the chunks' vectors on disk
                  (core/trust/unit_vectors.py): a new verifier and store each run, which
                  also embeds the store's probe text once, as a new process does
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import numpy as np

from core.memory.embeddings import MiniLMEmbedder
from core.trust.grounding import find_claims, is_supported
from core.trust.honesty import claims_to_be_human
from core.trust.meaning_embedder import meaning_for
from core.trust.unit_vectors import UnitVectors
from core.trust.verify import ClaimVerifier, Support, verifier_for

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
    [
        "My starter lives in the fridge and I feed him once a week.",
        "The night before, I feed it 1:5:5.",
        "I use strong white flour with a bit of rye.",
        "My daughter helps me every Sunday.",
        "Hope that helps!",
    ],
    [
        "For everyday loaves I go for bread flour around 13% protein.",
        "Above 14% the crumb gets tough.",
        "Nobody sponsors my flour.",
        "I bought a new mill in Bath last year.",
        "Happy baking!",
    ],
]
# Openers that make each run's sentences new text (32 x 32 = 1024 distinct ones).
_OPENERS = (
    "honestly truly really basically frankly simply clearly plainly surely certainly "
    "naturally obviously actually generally usually typically mostly largely roughly "
    "practically essentially literally seriously genuinely admittedly arguably happily "
    "luckily sadly oddly curiously interestingly"
)
_NAMES = (
    "friend baker reader neighbour pal mate folks everyone team crew lovely dear love "
    "darling sunshine chef maker dreamer starter crumb loaf kneader shaper scorer proofer "
    "miller sifter stirrer whisker roller glazer toaster"
)
_A, _B = _OPENERS.split(), _NAMES.split()


def reply(run: int) -> str:
    """Run `run`'s reply: the same five claims, each sentence worded as no other run words it."""
    out = []
    for k, sentence in enumerate(REPLIES[run % 2]):
        n = run * 5 + k
        opener = f"{_A[n % 32].capitalize()}, {_B[n // 32 % 32]},"
        out.append(f"{opener} {sentence[0].lower()}{sentence[1:]}")
    return " ".join(out)


def _ms(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered) * 1000, ordered[int(0.95 * (len(ordered) - 1))] * 1000


Samples = list[tuple[float, float]]  # (wall, CPU of the whole process) seconds


async def _time(fn: Callable[[int], Awaitable[object]], runs: int, offset: int) -> Samples:
    out = []
    for i in range(runs):
        started, cpu = time.perf_counter(), time.process_time()
        await fn(offset + i)
        out.append((time.perf_counter() - started, time.process_time() - cpu))
    return out


async def main(runs: int) -> None:
    minilm = MiniLMEmbedder()
    meaning = meaning_for(minilm)
    if not meaning.embeds_text or meaning.model_name == minilm.model_name:
        raise SystemExit("the multilingual e5 embedder is not installed: nothing to compare")

    async def embed_minilm(texts: list[str]) -> np.ndarray:
        return await asyncio.to_thread(minilm.embed_array, texts)

    support = [Support(c, source=i) for i, c in enumerate(CHUNKS, 1)] + [Support(f) for f in FACTS]
    before = ClaimVerifier(embed_minilm, minilm.model_name)
    now = verifier_for(meaning, embed_minilm, minilm.model_name)
    alone = ClaimVerifier(meaning.embed, meaning.model_name)
    for v in (before, now, alone):  # sources prepared (as at retrieval), models warm
        await v.prepare(support)
        await v.verify(reply(10_000), support)
    claims_to_be_human(reply(10_001), "Mara Quill", meaning)
    own: Samples = []

    async def grounding(i: int) -> None:
        for claim in find_claims(reply(i), ignore_names=["Mara Quill"]):
            is_supported(claim, [*FACTS, *CHUNKS])

    async def honesty(i: int) -> None:
        await asyncio.to_thread(claims_to_be_human, reply(i), "Mara Quill", meaning)

    async def honesty_before(i: int) -> None:
        await honesty(i)
        await before.verify(reply(i), support)

    async def honesty_now(i: int) -> None:
        await honesty(i)
        started, cpu = time.perf_counter(), time.process_time()
        await now.verify(reply(i), support)
        own.append((time.perf_counter() - started, time.process_time() - cpu))

    async def cold(i: int) -> None:
        new = [Support(f"{c} (take {i})", source=n) for n, c in enumerate(CHUNKS, 1)]
        await ClaimVerifier(meaning.embed, meaning.model_name).verify(reply(i), new)

    kept_runs = min(runs, 50)
    folder = Path(tempfile.mkdtemp(prefix="bench-verify-"))
    vectors = folder / "source-vectors.db"

    def takes(i: int) -> list[Support]:
        return [Support(f"{c} (take {i})", source=n) for n, c in enumerate(CHUNKS, 1)]

    # The ingest: every run's chunks prepared and kept before any run (not timed).
    ingest = ClaimVerifier(meaning.embed, meaning.model_name, store=UnitVectors(vectors))
    start = 7 * runs
    await ingest.prepare_archive([s.text for i in range(kept_runs) for s in takes(start + i)])
    ingest.close()

    async def cold_kept(i: int) -> None:
        store = UnitVectors(vectors)
        fresh = ClaimVerifier(meaning.embed, meaning.model_name, store=store)
        await fresh.verify(reply(i), takes(i))
        store.close()

    copied = " ".join(c.split(". ")[0] + "." for c in CHUNKS)
    # Each row gets its own run numbers: no row sees a reply another row embedded.
    rows = {
        "grounding": await _time(grounding, runs, 0),
        "before": await _time(lambda i: before.verify(reply(i), support), runs, runs),
        "honesty": await _time(honesty, runs, 2 * runs),
        "honesty+before": await _time(honesty_before, runs, 3 * runs),
        "honesty+now": await _time(honesty_now, runs, 4 * runs),
    }
    rows["verify now"] = own
    rows["verify alone"] = await _time(lambda i: alone.verify(reply(i), support), runs, 5 * runs)
    rows["copied"] = await _time(lambda i: now.verify(copied, support), runs, 0)
    rows["cold"] = await _time(cold, 5, 6 * runs)
    rows["cold+kept"] = await _time(cold_kept, kept_runs, start)
    shutil.rmtree(folder, ignore_errors=True)
    print(f"5-sentence reply, {runs} runs, new text each run; MiniLM and {meaning.model_name}")
    print(f"(load average when done: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    cols = ("p50 ms", "p95 ms", "p95/sentence", "CPU p50", "CPU p95")
    print(f"{'row':16} " + " ".join(f"{c:>12}" for c in cols))
    for name, samples in rows.items():
        p50, p95 = _ms([w for w, _ in samples])
        c50, c95 = _ms([c for _, c in samples])
        print(f"{name:16} " + " ".join(f"{x:12.2f}" for x in (p50, p95, p95 / 5, c50, c95)))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    asyncio.run(main(parser.parse_args().runs))
