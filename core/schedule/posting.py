"""Writes one proactive post: persona, archive recall, generator, brain checks, no repeats."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from core.brain.brain import Brain
from core.brain.prompt import build_messages
from core.memory.embeddings import cosine
from core.persona.bot import Schedule
from core.records import ScoredChunk, Visibility
from core.types import Citation

log = logging.getLogger(__name__)

# Flags after which a text is no post: it failed a check, or became a deflection for a fan.
UNUSABLE = frozenset({"empty", "human-claim", "prompt-leak", "never-say", "deflected", "tone"})
# Posts go to community channels: only public archive items may feed them.
PUBLIC = frozenset({Visibility.PUBLIC})


@dataclass(frozen=True, slots=True)
class Post:
    text: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class Written:
    """A post, or None with the reason (for the outbox and the audit log)."""

    post: Post | None
    reason: str = ""
    attempts: int = 0


class PostWriter:
    """Generates a scheduled post in the creator's voice and checks it like a reply.

    Args:
        brain: supplies persona, memory, generator and `check` (the same output checks).
        near_duplicate: cosine at or above which a post counts as a repeat of a recent one.
        sources: archive items offered per post.
        attempts: generations per occurrence (a repeat or failed check gets one more try).
    """

    def __init__(
        self,
        *,
        brain: Brain,
        near_duplicate: float = 0.9,
        sources: int = 3,
        attempts: int = 2,
    ) -> None:
        self.brain = brain
        self.near_duplicate = near_duplicate
        self.sources = sources
        self.attempts = attempts

    async def write(self, schedule: Schedule, recent_posts: Sequence[str]) -> Written:
        """Write a post unlike `recent_posts`; after `attempts` tries give up with a reason."""
        memory = self.brain.memory
        recent = [await memory.embed_query(t) for t in recent_posts if t]
        reason = ""
        for attempt in range(self.attempts):
            post, reason = await self._attempt(schedule, attempt, recent_posts[:3])
            if post is None:
                continue
            vector = await memory.embed_query(post.text)
            closest = max((cosine(vector, r) for r in recent), default=0.0)
            if closest >= self.near_duplicate:
                reason = f"near-duplicate ({closest:.2f})"
                log.info("schedule %s: attempt %d is a %s", schedule.id, attempt + 1, reason)
                continue
            return Written(post, attempts=attempt + 1)
        log.warning(
            "schedule %s: no post after %d attempts: %s", schedule.id, self.attempts, reason
        )
        return Written(None, reason, self.attempts)

    async def _attempt(
        self, schedule: Schedule, attempt: int, avoid: Sequence[str]
    ) -> tuple[Post | None, str]:
        brain = self.brain
        vector = await brain.memory.embed_query(schedule.prompt)
        hits = await brain.memory.recall_corpus(brain.bot.id, vector, self.sources * 2, PUBLIC)
        good = [h for h in hits if h.score >= brain.min_score]
        # A second attempt leans on other archive items, so it is not the same post again.
        sources: list[ScoredChunk] = (
            (good[self.sources :] or good)[: self.sources] if attempt else good[: self.sources]
        )
        ask = (
            "Write one short post for your whole community (not a reply to anyone). "
            f"Theme: {schedule.prompt}. Use one of the sources and cite it as [n]."
        )
        if attempt and avoid:
            ask += " It must say something different from your recent posts: " + " | ".join(
                a[:120] for a in avoid
            )
        messages = build_messages(
            brain.persona,
            sources=[h.chunk for h in sources],
            notes=[],
            recent=[],
            message=ask,
            source_chars=brain.source_chars,
        )
        try:
            raw = await self._generate(messages)
        except Exception as exc:  # a provider failure skips this try, never the scheduler
            log.error("schedule %s: generation failed: %s", schedule.id, exc)
            return None, "generation-failed"
        facts = [f.text for f in brain.persona.facts]
        answer = await brain.check(raw, sources, facts, schedule.prompt)
        bad = UNUSABLE.intersection(answer.flags)
        if bad:
            return None, "check:" + ",".join(sorted(bad))
        return Post(answer.text, answer.citations), ""

    async def _generate(self, messages: Sequence[object]) -> str:
        pieces: list[str] = []
        limit = self.brain.bot.policies.max_reply_chars * 3
        stream = self.brain.generator.stream(messages)  # type: ignore[arg-type]
        async with contextlib.aclosing(stream):  # type: ignore[type-var]
            async for piece in stream:
                pieces.append(piece)
                if sum(map(len, pieces)) > limit:
                    break
        return "".join(pieces)
