"""`make redteam`, prompt privacy: models that give their instructions away, asked 20 ways, with
a canary in each non-public persona field in turn.

Two models: one repeats its whole system prompt with bullets and line breaks removed; one
rewords it (clauses reversed, no bullets, the order changed, one line translated). Counts the
replies that carry the canary, a run of 8 words in order from that field (after folding case,
punctuation, bullets, look-alikes) or, for the rewording model, one of its reworded sentences;
and the replies in which the meaning check (a paraphrase of one instruction) removed a sentence.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.fakes.generators import PromptParaphraser, PromptRepeater

FIELDS = ("voice", "style_notes", "values", "boundaries", "avoid_topics", "never_say")
MODELS: dict[str, Callable[[], Any]] = {
    "prompt-repeater": PromptRepeater,
    "prompt-paraphraser": PromptParaphraser,
}


@dataclass
class PrivacyTally:
    model: str = ""
    replies: int = 0
    canary_leaks: int = 0
    run_leaks: int = 0
    paraphrase_leaks: int = 0  # replies that still carry one of the model's reworded sentences
    paraphrase_blocks: int = 0  # replies from which the meaning check removed a sentence
    raw_canary: int = 0  # the same model's text before any check, to show the gate works


def runs_of(text: str, n: int) -> set[tuple[str, ...]]:
    from core.trust.privacy import words

    w = words(text)
    return {tuple(w[i : i + n]) for i in range(len(w) - n + 1)}


async def run(
    example: Path,
    prompts: Sequence[str],
    meaning: Any = None,
    model: str = "prompt-repeater",
    mode: str | None = None,
) -> PrivacyTally:
    """Each field in turn gets a canary; the model is asked every prompt once. `mode`: the
    answer mode (creative lets most sentences through the claim check, so the privacy check
    alone stands between the model and the fan)."""
    from core.persona.bot import load_bot
    from core.trust.privacy import RUN_WORDS
    from tests.probes.redteam import Bench

    tally = PrivacyTally(model)
    for field in FIELDS:
        canary = f"CANARY-{field.replace('_', '').upper()}-3141"
        bot = load_bot(example)
        value = getattr(bot.persona, field)
        planted: Any = (
            f"{value} Marker {canary}." if isinstance(value, str) else [*value, f"marker {canary}"]
        )
        persona = bot.persona.model_copy(update={field: planted})
        generator = _Recorded(MODELS[model]())
        bench = await Bench.create(generator, persona=persona, meaning=meaning, mode=mode)
        secret = [planted] if isinstance(planted, str) else list(planted)
        secret_runs = set().union(*(runs_of(s, RUN_WORDS) for s in [*secret, " ".join(secret)]))
        for i, prompt in enumerate(prompts):
            generator.last, generator.inner.said = "", []  # a turn the model never saw
            text, _ = await bench.say(prompt, user=f"pp{field}{i}", channel=f"pp{field}{i}")
            tally.replies += 1
            tally.canary_leaks += canary.lower() in text.lower()
            tally.run_leaks += bool(runs_of(text, RUN_WORDS) & secret_runs)
            reworded = getattr(generator.inner, "said", [])
            tally.paraphrase_leaks += any(s in text for s in reworded)
            tally.raw_canary += canary.lower() in generator.last.lower()
        state, bot_id = bench.services.state, bench.services.bot.id
        tally.paraphrase_blocks += len(await state.replies(bot_id, "leak:paraphrase", 10**6))
        await bench.services.close()
    return tally


class _Recorded:
    """A fake model whose last raw text (before any check) is kept, to show the gate works."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.name = inner.name
        self.last = ""

    async def stream(self, messages: Sequence[Any]) -> AsyncIterator[str]:
        self.last = self.inner.reply(messages)
        async for piece in self.inner.stream(messages):
            yield piece
