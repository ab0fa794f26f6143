"""The reply pipeline: recall, compose, generate into a buffer, check, cite, disclose, remember."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import uuid
from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from core.grounding import concepts_supported, enforce_grounding, personal_question_concepts
from core.honesty import ai_label, asks_what_i_am, claims_to_be_human, honest_answer
from core.persona import BotConfig, Persona
from core.ports import Generator, Sender, StateStore
from core.prompt import build_messages, system_prompt
from core.records import (
    FanMemoryItem,
    FanScope,
    ReplyRecord,
    ScoredChunk,
    ScoredMemory,
    Visibility,
)
from core.sanitize import neutralise_input, sanitize_model_text
from core.turn import Turn
from core.types import Citation, Reply, Target

log = logging.getLogger(__name__)

TYPING_EVERY_SECONDS = 4.0
_CITE_MARK = re.compile(r"\s?\[(\d{1,2})\]")


class GenerationError(Exception):
    """Raised by generators when the provider failed for good (after retries)."""


class BrainMemory(Protocol):
    """What the brain needs from memory (core.memory.Memory provides it)."""

    async def embed_query(self, text: str) -> list[float]: ...

    async def recall_corpus(
        self, creator_id: str, vector: list[float], k: int, visibilities: frozenset[Visibility]
    ) -> list[ScoredChunk]: ...

    async def recall_fan(
        self, scope: FanScope, vector: list[float], k: int
    ) -> list[ScoredMemory]: ...

    async def recent_fan(self, scope: FanScope, n: int) -> list[FanMemoryItem]: ...

    async def remember_turn(
        self,
        scope: FanScope,
        *,
        conversation_id: str,
        fan_text: str,
        reply_text: str,
        message_id: str | None,
        at: datetime,
    ) -> None: ...

    async def forget_message(self, creator_id: str, fan_id: str, message_id: str) -> int: ...


@dataclass(frozen=True, slots=True)
class Answer:
    text: str
    citations: tuple[Citation, ...]
    flags: tuple[str, ...]
    tokens: int = 0


def visibilities_for(role_ids: frozenset[str], bot: BotConfig) -> frozenset[Visibility]:
    """Entitlement: paid and private items only for fans whose platform roles bot.toml maps."""
    allowed = {Visibility.PUBLIC}
    if role_ids & set(bot.roles.paid_role_ids):
        allowed.add(Visibility.PAID)
    if role_ids & set(bot.roles.private_role_ids):
        allowed |= {Visibility.PAID, Visibility.PRIVATE}
    return frozenset(allowed)


def leaks_prompt(text: str, system: str) -> bool:
    """True if output repeats the system prompt or the data markers (prompt extraction)."""
    lowered = text.lower()
    if any(m in lowered for m in ("<source", "</source", "<memory>", "verified facts about")):
        return True
    lines = [ln.strip().lower() for ln in system.splitlines() if len(ln.strip()) > 40]
    return any(ln[:60] in lowered for ln in lines)


class Brain:
    """Turns one addressed fan message into a checked, cited, disclosed Reply."""

    def __init__(
        self,
        *,
        bot: BotConfig,
        memory: BrainMemory,
        generator: Generator,
        state: StateStore,
        senders: Mapping[str, Sender],
        corpus_k: int = 4,
        source_chars: int = 900,
        min_score: float = 0.25,
    ) -> None:
        self.bot = bot
        self.memory = memory
        self.generator = generator
        self.state = state
        self.senders = senders
        self.corpus_k = corpus_k
        self.source_chars = source_chars
        self.min_score = min_score
        self._system = system_prompt(bot.persona)

    @property
    def persona(self) -> Persona:
        return self.bot.persona

    def deflection(self, seed: str) -> str:
        lines = self.persona.deflections or [
            "That's something I keep offline, sorry! Ask me about my work instead?"
        ]
        return lines[sum(map(ord, seed)) % len(lines)]

    @contextlib.asynccontextmanager
    async def typing(self, target: Target) -> AsyncIterator[None]:
        """Show the typing sign at once and renew it (platform signs fade after ~5 s)."""
        sender = self.senders.get(target.platform)
        if sender is None:
            yield
            return

        async def renew() -> None:
            while True:
                try:
                    await sender.typing(target)
                except Exception:  # a failed typing sign must never cost the reply
                    log.warning("typing sign failed in %s", target.conversation_id, exc_info=True)
                await asyncio.sleep(TYPING_EVERY_SECONDS)

        task = asyncio.create_task(renew())
        try:
            yield
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def __call__(self, turn: Turn) -> list[Reply] | None:
        e = turn.event
        question = neutralise_input(
            " ".join(e.command.args) if e.command is not None else e.text
        ).strip()
        if not question:
            return None
        async with self.typing(e.target()):
            answer = await self.answer(turn, question)
        text = answer.text
        if turn.disclose:
            text = f"{self.persona.disclosure_line} ({ai_label(self.persona)})\n\n{text}"
        mode = await self.state.get_switch(turn.creator_id, "mode") or self.bot.policies.mode
        await self._record(turn, question, answer)
        reply = Reply(
            target=e.target(),
            text=text,
            citations=answer.citations,
            ai_label=ai_label(self.persona),
        )
        if mode == "copilot" and "honesty" not in answer.flags:
            return await self._to_draft(turn, reply)
        return [reply]

    async def answer(self, turn: Turn, question: str) -> Answer:
        lang = asks_what_i_am(question)
        if lang is not None:
            return Answer(honest_answer(lang, self.persona.name), (), ("honesty",))
        vector = await self.memory.embed_query(question)
        allowed = visibilities_for(turn.event.author.role_ids, self.bot)
        hits = await self.memory.recall_corpus(turn.creator_id, vector, self.corpus_k, allowed)
        sources = [h for h in hits if h.score >= self.min_score]
        support = [f.text for f in self.persona.facts] + [h.chunk.text for h in sources]
        personal = personal_question_concepts(question)
        if personal and not concepts_supported(personal, support):
            return Answer(self.deflection(question), (), ("deflected", "personal-question"))
        notes = await self.memory.recall_fan(turn.scope, vector, 3)
        recent = await self.memory.recent_fan(turn.scope, 6)
        messages = build_messages(
            self.persona,
            sources=[h.chunk for h in sources],
            notes=[n.item for n in notes if n.score >= self.min_score],
            recent=recent,
            message=question,
            system=self._system,
            source_chars=self.source_chars,
        )
        try:
            raw = await self._generate(messages)
        except Exception as exc:  # any provider failure ends in an honest fallback, never a crash
            log.error("generation failed for %s: %s", self.generator.name, exc)
            fallback = (
                "Sorry, I'm having trouble thinking right now. Please try again in a bit, "
                "or type /human to reach a person."
            )
            return Answer(fallback, (), ("generation-failed",))
        return self.check(raw, sources, support, question)

    async def _generate(self, messages: Sequence[object]) -> str:
        pieces: list[str] = []
        size = 0
        limit = self.bot.policies.max_reply_chars * 3
        stream = self.generator.stream(messages)  # type: ignore[arg-type]
        # aclosing: leaving early must stop the provider now, not at garbage collection.
        async with contextlib.aclosing(stream):  # type: ignore[type-var]
            async for piece in stream:
                pieces.append(piece)
                size += len(piece)
                if size > limit:  # runaway output: stop reading, the checks trim it
                    break
        return "".join(pieces)

    def check(
        self, raw: str, sources: Sequence[ScoredChunk], support: Sequence[str], seed: str
    ) -> Answer:
        """Every check runs on the full buffered text before anything reaches a fan."""
        flags: list[str] = []
        text = raw.strip()
        if not text:
            return Answer(self.deflection(seed), (), ("empty",))
        if claims_to_be_human(text, self.persona.name):
            return Answer(honest_answer("en", self.persona.name), (), ("human-claim",))
        if leaks_prompt(text, self._system):
            return Answer(self.deflection(seed), (), ("prompt-leak",))
        lowered = text.lower()
        if any(rule.lower() in lowered for rule in self.persona.never_say):
            return Answer(self.deflection(seed), (), ("never-say",))
        citations = self._citations(text, sources)
        grounded = enforce_grounding(
            text,
            support=support,
            has_citations=bool(citations),
            deflection=self.deflection(seed),
            ignore_names=[self.persona.name],
        )
        if grounded.deflected:
            flags.append("deflected")
            text = grounded.text
            if text == self.deflection(seed):
                citations = ()
        text = _CITE_MARK.sub(
            lambda m: m.group(0) if 0 < int(m.group(1)) <= len(sources) else "", text
        )
        text = sanitize_model_text(
            text,
            allowed_urls=[c.url for c in citations if c.url],
            allowed_hosts=self.persona.link_allowlist,
            max_chars=self.bot.policies.max_reply_chars,
        )
        return Answer(text, citations, tuple(flags), tokens=len(raw) // 4 + 1)

    def _citations(self, text: str, sources: Sequence[ScoredChunk]) -> tuple[Citation, ...]:
        marked = {int(n) for n in _CITE_MARK.findall(text) if 0 < int(n) <= len(sources)}
        # Small models rarely write [n]; fall back to the best sources actually retrieved.
        chosen = sorted(marked) or list(range(1, min(2, len(sources)) + 1))
        out = []
        for n in chosen:
            chunk = sources[n - 1].chunk
            out.append(Citation(n, chunk.id, chunk.label(), chunk.url, chunk.date))
        return tuple(out)

    async def _record(self, turn: Turn, question: str, answer: Answer) -> None:
        e = turn.event
        if answer.tokens:
            await self.state.add_usage(turn.creator_id, turn.now.date().isoformat(), answer.tokens)
        await self.memory.remember_turn(
            turn.scope,
            conversation_id=e.conversation_id,
            fan_text=question,
            reply_text=answer.text,
            message_id=e.message_id or None,
            at=turn.now,
        )
        await self.state.log_reply(
            ReplyRecord(
                id=uuid.uuid4().hex[:12],
                creator_id=turn.creator_id,
                fan_id=e.fan_id,
                conversation_id=e.conversation_id,
                fan_text=question,
                reply_text=answer.text,
                at=turn.now,
                flags=answer.flags,
                message_id=e.message_id or None,
            )
        )

    async def _to_draft(self, turn: Turn, reply: Reply) -> list[Reply]:
        from core.control import draft_from_reply  # local: control imports brain's label

        return await draft_from_reply(self.state, self.senders, self.bot, turn, reply)
