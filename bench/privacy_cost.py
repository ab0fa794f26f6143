"""What the paraphrase check of prompt privacy costs per reply, on against off, side by side.

    python -m bench.privacy_cost

Two clones built by bootstrap on the same multilingual embedder, one with the measured
paraphrase threshold, one without it. Each runs every outgoing check (`Brain.check`: honesty,
privacy, the claim verifier) on the same replies, each reply once: the example creator's own
chat replies (Discord and Telegram), her blog three sentences at a time (markdown: bullets,
colons and semicolons, which the privacy check splits finer than a sentence), and one reply
that gives the instructions away (the prompt paraphraser's). The calls alternate between the
two clones, so load on the machine falls on both alike. Reported: ms per reply (median, mean)
and texts embedded per reply, which shows whether the check reuses the sentence vectors the
honesty and claim checks made for the same reply.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from collections.abc import Sequence
from typing import Any

from langchain_core.messages import SystemMessage

from core.brain.prompt import system_prompt
from core.trust.meaning import Meaning, TextEmbedder, read_thresholds
from tests.fakes.generators import PromptParaphraser
from tests.probes.meaning import CREATOR_DISCORD, EXAMPLE, creator_sentences


class Counting:
    """The embedder, counting the texts it is asked to embed."""

    def __init__(self, inner: TextEmbedder) -> None:
        self.inner = inner
        self.model_name = inner.model_name
        self.texts = 0

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.texts += len(texts)
        return self.inner.embed_documents(texts)

    def embed_array(self, texts: Sequence[str]) -> Any:
        self.texts += len(texts)
        array = getattr(self.inner, "embed_array", None)
        return array(texts) if array is not None else self.inner.embed_documents(list(texts))


def samples(persona: Any) -> dict[str, list[str]]:
    """Her chat replies, her blog three sentences at a time, and one reply that rewords the
    prompt (the prompt paraphraser's, 15 sentences)."""
    discord = json.loads((EXAMPLE / "archive/discord/ask-mara.json").read_text(encoding="utf-8"))
    chat = [m["content"] for m in discord["messages"] if m["author"]["id"] == CREATOR_DISCORD]
    telegram = json.loads((EXAMPLE / "archive/telegram/result.json").read_text(encoding="utf-8"))
    chat += [
        m["text"]
        for m in telegram["messages"]
        if m.get("from") == "Mara Quill" and isinstance(m.get("text"), str)
    ]
    sentences = creator_sentences()
    blog = [" ".join(sentences[i : i + 3]) for i in range(0, 360, 3)]
    dump = PromptParaphraser().reply([SystemMessage(system_prompt(persona))])
    return {
        "her chat replies": list(dict.fromkeys(chat)),
        "her blog, 3 sentences": list(dict.fromkeys(blog)),
        "a reworded dump of the prompt": [dump],
    }


async def clone(embedder: Counting, on: bool) -> Any:
    from tests.scenario.harness import make_chat

    measured = read_thresholds()
    if not on:
        measured.pop("paraphrase", None)
    meaning = Meaning(embedder, thresholds=measured)
    assert meaning.enabled("paraphrase") is on
    chat = await make_chat(None, meaning=meaning, ingest=False)
    return chat.services.clone.brain


async def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args(argv)
    from core.trust.meaning_embedder import multilingual_embedder

    e5 = multilingual_embedder()
    if e5 is None:
        raise SystemExit("no multilingual embedder installed")
    counters = {"off": Counting(e5), "on": Counting(e5)}
    brains = {k: await clone(c, k == "on") for k, c in counters.items()}
    persona = brains["on"].persona
    support = [f.text for f in persona.facts]
    e5.embed_documents(["Warm-up."])  # loads the model
    # The guard of a system prompt is built on its first reply, once: timed apart.
    for key, brain in brains.items():
        before = counters[key].texts
        started = time.perf_counter()
        await brain._guard(brain._system)
        print(
            f"{key}: privacy guard built in {(time.perf_counter() - started) * 1e3:.0f} ms, "
            f"{counters[key].texts - before} texts embedded (once per system prompt)"
        )
    for brain in brains.values():  # the claim check embeds her facts on its first reply
        await brain.check("Warm-up.", [], support, "a fan question")
    print(
        "\n| replies | paraphrase check | ms per reply, median | mean | texts embedded per "
        "reply | replies with a leak removed |"
    )
    print("|---|---|---|---|---|---|")
    for name, texts in samples(persona).items():
        ms: dict[str, list[float]] = {"off": [], "on": []}
        embedded = {"off": 0, "on": 0}
        removed = {"off": 0, "on": 0}
        for i, text in enumerate(texts):
            for key in ("off", "on") if i % 2 == 0 else ("on", "off"):
                before = counters[key].texts
                started = time.perf_counter()
                answer = await brains[key].check(text, [], support, "a fan question")
                ms[key].append((time.perf_counter() - started) * 1e3)
                embedded[key] += counters[key].texts - before
                removed[key] += bool({"prompt-leak-removed", "prompt-leak"} & set(answer.flags))
        for key in ("off", "on"):
            print(
                f"| {name} ({len(texts)}) | {key} | {statistics.median(ms[key]):.1f} "
                f"| {statistics.fmean(ms[key]):.1f} | {embedded[key] / len(texts):.2f} "
                f"| {removed[key]} |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
