"""The reply pipeline: recall, compose, generate into a buffer, check, cite, disclose, remember."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import uuid
from collections.abc import Sequence
from dataclasses import replace
from typing import Protocol

import numpy as np
import numpy.typing as npt
from langchain_core.messages import BaseMessage

from core.brain.answer_quality import (
    QUOTE_LEAD,
    UNAVAILABLE_LEAD,
    clean_generation,
    echoes_question,
    quote_answer,
    relevant_sources,
)
from core.brain.asked_specific import carries_specific
from core.brain.checks import (
    Answer,
    answer_from,
    leaks_prompt,
    says_never_say,
    squash,
    support_for,
)
from core.brain.prompt import build_messages, system_prompt
from core.brain.quote_floor import nearest_passage, says_something
from core.brain.style import StyleProfile
from core.brain.typing_sign import TYPING_DELAY_SECONDS, TurnSign, TypingSigns
from core.brain.voice import (
    REUSED_FLAG,
    VoiceBudget,
    as_source,
    before_mark,
    pick_examples,
    reusable,
    said_before,
)
from core.control.drafts import REPORT_LABEL, PendingTurn, TurnMemory, draft_from_reply
from core.llm.generator import charged_tokens, metered
from core.memory.embeddings import cosine
from core.memory.exchanges import Exchange, ScoredExchange
from core.memory.memory import visibilities_for
from core.ops.metrics import count_reply, timed
from core.ops.model_pool import run_model
from core.persona.bot import BotConfig, Fact, Persona
from core.ports import Generator, Outbound, StateStore
from core.records import (
    Chunk,
    FanMemoryItem,
    FanScope,
    ReplyRecord,
    ScoredChunk,
    ScoredMemory,
    Visibility,
)
from core.trust.corrections import Corrections, Preferred
from core.trust.grounding import concepts_supported, personal_question_concepts
from core.trust.honesty import ai_label, asks_what_i_am, claims_to_be_human, honest_answer
from core.trust.language import guess_language
from core.trust.meaning import Meaning
from core.trust.privacy import PromptGuard
from core.trust.sanitize import (
    defang_archive,
    defang_untrusted,
    looks_like_injection,
    neutralise_input,
    sanitize_model_text,
)
from core.trust.tone import tone_problem
from core.trust.verify import ClaimVerifier, Mode
from core.turn import Turn, thread_on_message, turn_switches
from core.types import Button, Citation, Reply, Target

log = logging.getLogger(__name__)

_CITE_MARK = re.compile(r"\s?\[(\d{1,2})\]")


class BrainMemory(TurnMemory, Protocol):
    """What the brain needs from memory (core.memory.memory.Memory provides it); remembering a
    turn is `TurnMemory`'s, which approved drafts use too."""

    async def embed_query(self, text: str) -> list[float]: ...

    async def embed_texts(self, texts: list[str]) -> npt.NDArray[np.float32]: ...

    async def recall_corpus(
        self, creator_id: str, vector: list[float], k: int, visibilities: frozenset[Visibility]
    ) -> list[ScoredChunk]: ...

    async def recall_fan(
        self, scope: FanScope, vector: list[float], k: int
    ) -> list[ScoredMemory]: ...

    async def recall_exchanges(
        self, creator_id: str, query: list[float], k: int, visibilities: frozenset[Visibility]
    ) -> list[ScoredExchange]: ...

    async def match_exchanges(
        self, creator_id: str, question: str, k: int, visibilities: frozenset[Visibility]
    ) -> list[ScoredExchange]: ...

    async def recent_fan(self, scope: FanScope, n: int) -> list[FanMemoryItem]: ...

    async def forget_message(self, creator_id: str, fan_id: str, message_id: str) -> int: ...


class Brain:
    """Turns one addressed fan message into a checked, cited, disclosed Reply."""

    def __init__(
        self,
        *,
        bot: BotConfig,
        memory: BrainMemory,
        generator: Generator,
        state: StateStore,
        outbound: Outbound,
        corpus_k: int = 4,
        source_chars: int = 900,
        min_score: float = 0.25,
        prefer_similarity: float = 0.9,
        typing_delay: float = TYPING_DELAY_SECONDS,
        meaning: Meaning | None = None,
        verifier: ClaimVerifier,
        answer_mode: Mode = Mode.STRICT,
        voice: VoiceBudget | None = None,
        style: StyleProfile | None = None,
        quote_floor: float = 0.0,
    ) -> None:
        self.bot = bot
        self.voice = voice or VoiceBudget()
        # Her measured habits: numbers in the prompt, and a trim of what the model wrote.
        self.style = style
        self.trim_style = True
        self.memory = memory
        self.generator = generator
        self.state = state
        self.outbound = outbound
        self.corpus_k = corpus_k
        self.source_chars = source_chars
        self.min_score = min_score
        self.quote_min_score = max(min_score, 0.45)
        # The cosine her quoted sentence needs to the question, measured for the memory's
        # embedder (core/brain/quote_floor.py): a true sentence of hers that does not answer
        # is no answer of hers, so below it she deflects.
        self.quote_floor = quote_floor
        self.min_partial_chars = 80
        self.prefer_similarity = prefer_similarity
        # Typing signs, timed from the model call (core/brain/typing_sign.py).
        self.signs = TypingSigns(outbound, delay=typing_delay)
        # Meaning-based honesty checks (core/trust/meaning.py); patterns alone when None.
        self.meaning = meaning or Meaning(None)
        self._system = self._with_style(system_prompt(bot.persona))
        self._systems: dict[tuple[tuple[str, ...], tuple[str, ...]], str] = {}
        self._prefer_vectors: dict[str, list[float]] = {}
        self._guards: dict[str, PromptGuard] = {}
        self.verifier = verifier
        self.answer_mode = answer_mode

    @property
    def persona(self) -> Persona:
        return self.bot.persona

    def _with_style(self, system: str) -> str:
        return system if self.style is None else system + "\n\n" + self.style.prompt_lines()

    def tune_voice(
        self, voice: VoiceBudget, style: StyleProfile | None, *, trim: bool = True
    ) -> None:
        """Change how her voice is used: few-shot examples, reuse, style numbers and trimming.

        The eval's ablation rows switch these on one by one on the same clone; the prompts and
        privacy guards built on the old system prompt are dropped with it.
        """
        self.voice, self.style, self.trim_style = voice, style, trim
        self._system = self._with_style(system_prompt(self.persona))
        self._systems.clear()
        self._guards.clear()

    async def _reply_target(self, turn: Turn) -> Target:
        """Move a long exchange in a shared channel into a thread, when bot.toml asks for it.

        Only where a thread can hang off the fan's message (Discord opens one on first send;
        Slack threads on the message's ts); Telegram topics cannot be made this way.
        """
        e, after = turn.event, self.bot.policies.open_thread_after_turns
        threaded = thread_on_message(e)
        if after <= 0 or threaded is None:
            return e.target()
        recent = await self.memory.recent_fan(turn.scope, 2 * after + 2)
        turns = sum(
            1 for m in recent if m.speaker == "fan" and m.conversation_id == e.conversation_id
        )
        return threaded if turns >= after else e.target()

    def deflection(self, seed: str) -> str:
        lines = self.persona.deflections or [
            "That's something I keep offline, sorry! Ask me about my work instead?"
        ]
        return lines[sum(map(ord, seed)) % len(lines)]

    async def __call__(self, turn: Turn) -> list[Reply] | None:
        e = turn.event
        question = neutralise_input(
            " ".join(e.command.args) if e.command is not None else e.text
        ).strip()
        if not question:
            return None
        sign = self.signs.for_turn(e.target())
        try:
            answer = await self.answer(turn, question, sign)
        finally:
            await sign.finish()
        count_reply(turn.creator_id, answer.flags)
        text = answer.text
        if turn.disclose:
            text = f"{self.persona.disclosure_line} ({ai_label(self.persona)})\n\n{text}"
        mode = (await turn_switches(turn, self.state)).get("mode") or self.bot.policies.mode
        reply_id = uuid.uuid4().hex[:12]
        drafted = mode == "copilot" and "honesty" not in answer.flags
        if drafted:
            # A draft is not an answer yet: only tokens are counted until the creator approves.
            await self._add_usage(turn, answer)
        else:
            await self._record(turn, question, answer, reply_id)
        reply = Reply(
            target=await self._reply_target(turn),
            text=text,
            citations=answer.citations,
            ai_label=ai_label(self.persona),
            # Fans flag a bad answer in one tap; the id leads the creator to it in review.
            buttons=(Button("report", REPORT_LABEL, reply_id),),
        )
        if drafted:
            pending = PendingTurn(
                reply_id=reply_id,
                scope=turn.scope,
                conversation_id=e.conversation_id,
                fan_text=question,
                message_id=e.message_id or None,
                at=turn.now,
                flags=answer.flags,
            )
            return await self._to_draft(turn, reply, pending)
        return [reply]

    def _system_for(self, corrections: Corrections) -> str:
        """The system prompt with the creator's live facts and never-say rules folded in."""
        key = (corrections.facts, corrections.never_say)
        if not any(key):
            return self._system
        if key not in self._systems:
            facts = [Fact(id=f"live-{i}", text=t) for i, t in enumerate(corrections.facts)]
            persona = self.persona.model_copy(
                update={
                    "facts": [*self.persona.facts, *facts],
                    "never_say": [*self.persona.never_say, *corrections.never_say],
                }
            )
            system = self._with_style(system_prompt(persona))
            self._systems = {key: system}  # only the latest set is worth keeping
        return self._systems[key]

    async def _preferred(
        self, corrections: Corrections, question: str, vector: list[float]
    ) -> Preferred | None:
        """The creator's preferred answer for this or a near-identical question, if any."""
        asked = squash(question)
        best: tuple[float, Preferred | None] = (0.0, None)
        for p in corrections.preferred:
            if squash(p.question) == asked:
                return p
            if p.question not in self._prefer_vectors:
                self._prefer_vectors[p.question] = await self.memory.embed_query(p.question)
            score = cosine(self._prefer_vectors[p.question], vector)
            if score >= self.prefer_similarity and score > best[0]:
                best = (score, p)
        return best[1]

    async def answer(self, turn: Turn, question: str, sign: TurnSign | None = None) -> Answer:
        """The checked answer to `question`; `sign` shows the typing sign while the model
        writes (none when the answer needs no model)."""
        # The care check's vector, if it was made from this very text (a turn may join messages).
        made = turn.meaning_vector
        meant = made[1] if made is not None and made[0] == question else None
        if meant is None and self.meaning.enabled("identity"):
            meant = await self.meaning.embed_one(question, self.memory.embed_query)
        lang = asks_what_i_am(question, self.meaning, meant, creator=self.persona.name)
        if lang is not None:
            return Answer(honest_answer(lang, self.persona.name), (), ("honesty",))
        corrections = Corrections.from_switches(await turn_switches(turn, self.state))
        vector = await self.memory.embed_query(question)
        preferred = await self._preferred(corrections, question, vector)
        if preferred is not None and not claims_to_be_human(
            preferred.answer, self.persona.name, self.meaning
        ):
            text = sanitize_model_text(
                preferred.answer,
                allowed_hosts=self.persona.link_allowlist,
                max_chars=self.bot.policies.max_reply_chars,
            )
            return Answer(text, (), ("preferred",))
        allowed = visibilities_for(turn.event.author.role_ids, self.bot.roles)
        system = self._system_for(corrections)
        never_say = [*self.persona.never_say, *corrections.never_say]
        # Her past exchanges, only those this fan is entitled to (as for sources).
        exchanges = await self._recall_exchanges(turn.creator_id, vector, allowed)
        own = reusable(exchanges, self.voice, turn.now)
        if own is None and self.voice.reuse:
            own = await self._asked_in_another_language(turn, question, allowed)
        if own is not None:
            reused = await self._reuse(own, question, system, never_say, sign)
            if reused is not None:
                return reused
        examples = pick_examples(exchanges, self.voice)
        hits = await self._recall(turn.creator_id, vector, allowed)
        sources = [h for h in hits or () if h.score >= self.min_score]
        support = (
            [f.text for f in self.persona.facts]
            + list(corrections.facts)
            + [h.chunk.text for h in sources]
            # Her real replies, within the fan's entitlement, are her words too.
            + [answer for _, answer in examples]
        )
        personal = personal_question_concepts(question)
        if personal and not concepts_supported(personal, support):
            return Answer(self.deflection(question), (), ("deflected", "personal-question"))
        # A fan turn and its reply share one vector, so 4 notes are about two past exchanges.
        notes = await self.memory.recall_fan(turn.scope, vector, 4)
        recent = await self.memory.recent_fan(turn.scope, 6)
        # Archive and fan text are data: anything posing as instructions is defanged first.
        archive = [defang_archive(h.chunk.text) for h in sources]
        injected = looks_like_injection(question) or any(flagged for _, flagged in archive)
        messages = build_messages(
            self.persona,
            sources=[
                replace(h.chunk, text=text) for h, (text, _) in zip(sources, archive, strict=True)
            ],
            notes=[
                replace(n.item, text=defang_untrusted(n.item.text))
                for n in notes
                if n.score >= self.min_score
            ],
            recent=[replace(r, text=defang_untrusted(r.text)) for r in recent],
            message=defang_untrusted(question),
            system=system,
            source_chars=self.source_chars,
            examples=[(defang_untrusted(q), defang_archive(a)[0]) for q, a in examples],
        )
        known = [f.text for f in self.persona.facts] + list(corrections.facts)
        # The sources' sentence vectors are made while the model writes, so the claim check
        # after it only embeds the reply's own sentences.
        prepared = asyncio.create_task(
            self.verifier.prepare(
                support_for(self.persona, sources, known, question), [self.persona.name]
            )
        )
        try:
            raw, tokens = await self._generate(messages, sign)
        except Exception as exc:  # any provider failure ends in an honest fallback, never a crash
            log.error("generation failed for %s: %s", self.generator.name, exc)
            prepared.cancel()
            fallback = (
                "Sorry, I'm having trouble thinking right now. Please try again in a bit, "
                "or type /human to reach a person."
            )
            # Her own words on the question, when the archive has them, beat an apology.
            failed = Answer(fallback, (), ("generation-failed",))
            return await self._quote_if_unusable(failed, sources, question, vector)
        try:
            await prepared
        except Exception as exc:  # the check embeds what is missing itself
            log.warning("preparing the claim check failed: %s", exc)
        answer = await self.check(
            raw,
            sources,
            support,
            question,
            system=system,
            never_say=never_say,
            facts=known,
            fan_text=question,
        )
        answer = replace(answer, tokens=tokens)  # what the provider says it used
        if self.style is not None and self.trim_style and _model_words(answer):
            # Only the model's own words are trimmed: never a deflection, a quote or a fact.
            trimmed = self.style.trim(answer.text)
            if trimmed and trimmed != answer.text:
                answer = replace(answer, text=trimmed, flags=(*answer.flags, "style-trimmed"))
        if injected:
            answer = replace(answer, flags=(*answer.flags, "injection-seen"))
        if hits is None:  # answered from the persona alone: reviewers should know
            answer = replace(answer, flags=(*answer.flags, "memory-unavailable"))
        # Facts filed under the question's topic first ("lives in my fridge" is no address).
        ranked = sorted(self.persona.facts, key=lambda f: f.topic not in personal)
        facts = [f.text for f in ranked] + list(corrections.facts)
        return await self._quote_if_unusable(answer, sources, question, vector, personal, facts)

    async def _recall_exchanges(
        self, creator_id: str, vector: list[float], allowed: frozenset[Visibility]
    ) -> list[ScoredExchange]:
        """Her exchanges nearest the question; none when memory cannot say (answers go on)."""
        if self.voice.examples <= 0 and not self.voice.reuse:
            return []  # her exchanges are not used at all: no search for them
        k = max(self.voice.examples, 4)
        try:
            return await self.memory.recall_exchanges(creator_id, vector, k, allowed)
        except Exception as exc:
            log.warning("exchange recall failed, answering without examples: %s", exc)
            return []

    async def _asked_in_another_language(
        self, turn: Turn, question: str, allowed: frozenset[Visibility]
    ) -> Exchange | None:
        """Her answer to this question asked in another language than hers, matched by the
        multilingual embedder (none when memory has none, or cannot say)."""
        try:
            hits = await self.memory.match_exchanges(turn.creator_id, question, 4, allowed)
        except Exception as exc:
            log.warning("multilingual exchange match failed, answering on: %s", exc)
            return None
        asked = guess_language(question)
        across = [h for h in hits if guess_language(h.exchange.question) != asked]
        budget = replace(self.voice, reuse_threshold=self.voice.cross_language_threshold)
        return reusable(across, budget, turn.now)

    async def _reuse(
        self,
        own: Exchange,
        question: str,
        system: str,
        never_say: Sequence[str],
        sign: TurnSign | None = None,
    ) -> Answer | None:
        """Her own earlier answer to this question, marked and cited; None if checks object.

        Verbatim on an untrusted generator (the embedded model); a trusted remote model may
        adapt it lightly to the fan's wording, and falls back to verbatim if checks object.
        """
        source = ScoredChunk(as_source(own), 1.0)
        chunk = source.chunk
        citation = Citation(1, chunk.id, chunk.label(), chunk.url, chunk.date)
        support = [own.answer, *(f.text for f in self.persona.facts)]
        verbatim = said_before(own)
        candidates = [verbatim]
        tokens = 0
        if not self.voice.verbatim:
            messages = build_messages(
                self.persona,
                sources=[replace(chunk, text=defang_archive(chunk.text)[0])],
                notes=[],
                recent=[],
                message=defang_untrusted(question),
                system=system,
                source_chars=self.source_chars,
                examples=[(defang_untrusted(own.question), defang_archive(own.answer)[0])],
            )
            with contextlib.suppress(Exception):
                raw, tokens = await self._generate(messages, sign)
                candidates.insert(0, raw)
        for raw in candidates:
            # The verbatim text is checked against itself as marked (date and all): the verifier
            # sees her words as the source they are; an adaptation is checked against her reply.
            marked = replace(chunk, text=_CITE_MARK.sub("", verbatim))
            against = [ScoredChunk(marked, 1.0)] if raw is verbatim else [source]
            checked = await self.check(
                raw,
                against,
                [*support, marked.text],
                question,
                system=system,
                never_say=never_say,
                facts=[f.text for f in self.persona.facts],
                fan_text=question,
            )
            # The verifier notes what it removed ("removed:0/1" = nothing): anything else objects.
            objections = [f for f in checked.flags if not f.startswith("removed:0/")]
            if objections or not checked.text.strip():
                continue
            text = checked.text
            if raw is not verbatim:
                text = f"{_CITE_MARK.sub('', text).rstrip()} ({before_mark(own)}.) [1]"
            return Answer(text, (citation,), (REUSED_FLAG,), tokens=tokens)
        return None

    @timed("recall")
    async def _recall(
        self, creator_id: str, vector: list[float], allowed: frozenset[Visibility]
    ) -> list[ScoredChunk] | None:
        """The archive's nearest chunks; None when memory is unreachable, so the clone answers
        from its persona alone (without sources to claim) instead of failing."""
        try:
            return await self.memory.recall_corpus(creator_id, vector, self.corpus_k, allowed)
        except Exception as exc:
            log.warning("recall failed, answering without the archive: %s", exc)
            return None

    async def _quote_if_unusable(
        self,
        answer: Answer,
        sources: Sequence[ScoredChunk],
        seed: str,
        vector: list[float],
        personal: frozenset[str] = frozenset(),
        facts: Sequence[str] = (),
    ) -> Answer:
        """When checks threw the generated text away, answer in words the creator approved:
        the verified fact a personal question is about, or a quote from the archive."""
        unusable = {"prompt-leak", "human-claim", "tone", "empty", "generation-failed"} & set(
            answer.flags
        )
        fully_deflected = answer.text == self.deflection(seed)
        # Only the model's own words can be an echo (a fact or a deflection never is).
        echo = _model_words(answer) and echoes_question(answer.text, seed)
        if echo:
            answer = replace(answer, flags=(*answer.flags, "echo"))
        if not (unusable or fully_deflected or echo):
            return answer
        on_topic = [f for f in facts if personal and concepts_supported(personal, [f])]
        # Her fact on the topic answers only if it says what was asked: "which school" is not
        # answered by "I taught at a secondary school" (issue 21), so she deflects instead.
        fact = next((f for f in on_topic if carries_specific(seed, f)), None)
        if fact is not None:
            return replace(answer, text=fact, citations=(), flags=(*answer.flags, "fact"))
        if on_topic:
            return replace(answer, flags=(*answer.flags, "fact-unspecific"))
        quotable = [
            h.chunk for h in sources if h.score >= self.quote_min_score and not h.chunk.context
        ]
        if not quotable:
            return answer
        chosen = await self._passage(quotable, vector)
        if chosen is None:  # only hashtags, emoji or links: nothing of hers to quote
            return replace(answer, flags=(*answer.flags, "quote-empty"))
        chunk, words, near = chosen
        if near is not None and near < self.quote_floor:
            return replace(answer, flags=(*answer.flags, "quote-unrelated"))
        lead = UNAVAILABLE_LEAD if "generation-failed" in answer.flags else QUOTE_LEAD
        citation = Citation(1, chunk.id, chunk.label(), chunk.url, chunk.date)
        text = sanitize_model_text(
            quote_answer(chunk, text=words, lead=lead),
            allowed_urls=[chunk.url] if chunk.url else [],
            allowed_hosts=self.persona.link_allowlist,
            max_chars=self.bot.policies.max_reply_chars,
        )
        return replace(answer, text=text, citations=(citation,), flags=(*answer.flags, "quoted"))

    async def _passage(
        self, chunks: Sequence[Chunk], vector: list[float]
    ) -> tuple[Chunk, str, float | None] | None:
        """The sentences of the quotable sources nearest the question, as many as she usually
        writes (a quote that answers, in her length, rather than a source's first lines), and
        the nearest one's cosine to the question."""
        n = max(1, self.style.sentences_p50) if self.style is not None else 2
        return await nearest_passage(self.memory.embed_texts, chunks, vector, n)

    @timed("generate")
    async def _generate(
        self, messages: Sequence[BaseMessage], sign: TurnSign | None = None
    ) -> tuple[str, int]:
        """The model's text, and the tokens it cost (as the provider reports them)."""
        pieces: list[str] = []
        size = 0
        limit = self.bot.policies.max_reply_chars * 3
        stream = self.generator.stream(messages)
        waiting = sign.waiting() if sign is not None else contextlib.nullcontext()
        try:
            # aclosing: leaving early must stop the provider now, not at garbage collection.
            with metered() as used:
                async with waiting, contextlib.aclosing(stream):  # type: ignore[type-var]
                    async for piece in stream:
                        pieces.append(piece)
                        size += len(piece)
                        if size > limit:  # runaway output: stop reading, the checks trim it
                            break
        except Exception as exc:
            # A provider that dies mid-answer (timeout, dropped stream) still said something;
            # a long enough part goes through the same checks instead of being thrown away.
            if size < self.min_partial_chars:
                raise
            log.warning(
                "using %d chars of a partial answer from %s: %s", size, self.generator.name, exc
            )
        prompt_chars = sum(len(m.text) for m in messages)
        return "".join(pieces), charged_tokens(used, prompt_chars, size)

    @timed("checks")
    async def check(
        self,
        raw: str,
        sources: Sequence[ScoredChunk],
        support: Sequence[str],
        seed: str,
        *,
        system: str | None = None,
        never_say: Sequence[str] | None = None,
        facts: Sequence[str] | None = None,
        fan_text: str | None = None,
    ) -> Answer:
        """Every check runs on the full buffered text before anything reaches a fan."""
        flags: list[str] = []
        text = clean_generation(raw)
        # "#sourdough [1]" or "🍞🔥" says nothing: no answer to verify or cite (make eval,
        # 2026-12-02: the claim check kept a hashtag-only reply with its citation).
        if not says_something(_CITE_MARK.sub(" ", text)):
            return Answer(self.deflection(seed), (), ("empty",))
        if claims_to_be_human(text, self.persona.name, self.meaning):
            honest = honest_answer(guess_language(seed), self.persona.name)
            return Answer(honest, (), ("human-claim", "flagged"))
        if leaks_prompt(text, system or self._system):
            return Answer(self.deflection(seed), (), ("prompt-leak", "flagged"))
        guard = await self._guard(system or self._system)
        verdict = guard.check(text, public=support)
        if verdict.leaked:
            # Sentences that give the prompt away are dropped; what is left goes on through
            # every other check, and nothing left means the creator's deflection.
            flags += ["prompt-leak-removed", *(f"leak:{r}" for r in set(verdict.reasons))]
            text = verdict.text
            if len(text.split()) < 3:
                return Answer(self.deflection(seed), (), ("prompt-leak", "flagged"))
        rules = self.persona.never_say if never_say is None else never_say
        if says_never_say(text, rules):
            return Answer(self.deflection(seed), (), ("never-say", "flagged"))
        tone = tone_problem(text)
        if tone is not None:
            return Answer(self.deflection(seed), (), ("tone", f"tone:{tone}", "flagged"))
        # Every sentence must stand on a source, a verified fact or the fan's own words
        # (core/trust/verify.py); marks beyond the sources the model saw point nowhere.
        text = _CITE_MARK.sub(
            lambda m: m.group(0) if 0 < int(m.group(1)) <= len(sources) else "", text
        )
        known = [f.text for f in self.persona.facts] if facts is None else list(facts)
        verified = await self.verifier.verify(
            text,
            support_for(self.persona, sources, known, fan_text),
            mode=self.answer_mode,
            ignore_names=[self.persona.name],
        )
        return answer_from(
            verified,
            sources,
            self.deflection(seed),
            len(raw) // 4 + 1,
            self.persona,
            self.bot.policies.max_reply_chars,
            flags,
        )

    async def _guard(self, system: str) -> PromptGuard:
        """The privacy check for this system prompt (live never-say rules change it)."""
        guard = self._guards.get(system)
        if guard is None:
            # Built once per prompt; embedding its instructions takes a moment, so on the model
            # pool, not on the event loop.
            guard = await run_model(PromptGuard, self.persona, rules=system, meaning=self.meaning)
            if len(self._guards) >= 4:  # the plain prompt and a few live-corrected ones
                self._guards.pop(next(iter(self._guards)))
            self._guards[system] = guard
        return guard

    def _citations(self, text: str, sources: Sequence[ScoredChunk]) -> tuple[Citation, ...]:
        marked = {int(n) for n in _CITE_MARK.findall(text) if 0 < int(n) <= len(sources)}
        # Small models rarely write [n]; then cite the retrieved sources the answer overlaps.
        chosen = sorted(marked) or relevant_sources(text, [s.chunk for s in sources])[:2]
        out = []
        for n in chosen:
            chunk = sources[n - 1].chunk
            out.append(Citation(n, chunk.id, chunk.label(), chunk.url, chunk.date))
        return tuple(out)

    async def _record(
        self, turn: Turn, question: str, answer: Answer, reply_id: str | None = None
    ) -> None:
        e = turn.event
        await self._add_usage(turn, answer)
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
                id=reply_id or uuid.uuid4().hex[:12],
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

    async def _add_usage(self, turn: Turn, answer: Answer) -> None:
        if answer.tokens:
            await self.state.add_usage(turn.creator_id, turn.now.date().isoformat(), answer.tokens)

    async def _to_draft(self, turn: Turn, reply: Reply, pending: PendingTurn) -> list[Reply]:
        return await draft_from_reply(self.state, self.outbound, self.bot, turn, reply, pending)


def _model_words(answer: Answer) -> bool:
    """Whether `answer` is the model's own words as the verifier left them: its only flags are
    the verifier's count (no deflection, quote, fact or other rewrite)."""
    return all(f.startswith("removed:") for f in answer.flags)
