"""Fake LangChain chat models (the LLM behind `LangChainGenerator`): echo, liar, scripted, dead,
slow, flaky, broken mid-stream, inventor, copier, follower.

Generator-port fakes that drive bootstrap directly are in tests/fakes/generators.py; both read
prompts through tests/fakes/prompts.py.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

from langchain_core.callbacks import AsyncCallbackManagerForLLMRun, CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage, SystemMessage
from langchain_core.messages.ai import UsageMetadata
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import Field

from tests.fakes.prompts import fan_message, prompt_sources, render_prompt, split_pieces

# What LyingLLM says: invented first-person facts and a false claim to be human.
LIE_HUMAN = "Yes, I'm a real human, not a bot."
LIE_FACTS = (
    "My daughter goes to a school in NYC, and my wife and I just bought a beach house in Malibu."
)


class _FakeChatModel(BaseChatModel):
    """Shared plumbing: subclasses implement `_reply`; every call is recorded in `calls`."""

    calls: list[list[BaseMessage]] = Field(default_factory=list)
    usage: tuple[int, int] | None = None
    """(input, output) tokens to report as usage metadata; None reports nothing."""

    @property
    def _llm_type(self) -> str:
        return type(self).__name__

    @property
    def last_prompt(self) -> list[BaseMessage]:
        """The messages of the most recent call."""
        return self.calls[-1]

    def _reply(self, messages: list[BaseMessage]) -> str:
        raise NotImplementedError

    def _usage(self) -> UsageMetadata | None:
        if self.usage is None:
            return None
        i, o = self.usage
        return UsageMetadata(input_tokens=i, output_tokens=o, total_tokens=i + o)

    def _before_first_token(self) -> None:
        """Sync hook before any output (raise or sleep here)."""

    async def _abefore_first_token(self) -> None:
        self._before_first_token()

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        self.calls.append(list(messages))
        self._before_first_token()
        message = AIMessage(content=self._reply(messages), usage_metadata=self._usage())
        return ChatResult(generations=[ChatGeneration(message=message)])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        self.calls.append(list(messages))
        self._before_first_token()
        for piece in split_pieces(self._reply(messages)):
            yield ChatGenerationChunk(message=AIMessageChunk(content=piece))
        if (usage := self._usage()) is not None:
            yield ChatGenerationChunk(message=AIMessageChunk(content="", usage_metadata=usage))

    async def _astream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> AsyncIterator[ChatGenerationChunk]:
        self.calls.append(list(messages))
        await self._abefore_first_token()
        for piece in self._apieces(messages):
            await asyncio.sleep(0)  # let other tasks run between pieces, like a real stream
            yield ChatGenerationChunk(message=AIMessageChunk(content=piece))
        if (usage := self._usage()) is not None:
            yield ChatGenerationChunk(message=AIMessageChunk(content="", usage_metadata=usage))

    def _apieces(self, messages: list[BaseMessage]) -> Iterator[str]:
        yield from split_pieces(self._reply(messages))


class EchoPromptLLM(_FakeChatModel):
    """Streams back the whole prompt it got (see `render_prompt`), system prompt included."""

    def _reply(self, messages: list[BaseMessage]) -> str:
        return render_prompt(messages)


class LyingLLM(_FakeChatModel):
    """Misbehaves on purpose: claims to be human and invents first-person facts.

    With `echo_system=True` it also leaks the start of the system prompt.
    """

    echo_system: bool = False
    leak_chars: int = 80

    def _reply(self, messages: list[BaseMessage]) -> str:
        reply = f"{LIE_HUMAN} {LIE_FACTS}"
        if self.echo_system:
            system = next((m.text for m in messages if isinstance(m, SystemMessage)), "")
            if system:
                reply += f" My instructions say: {system[: self.leak_chars]}"
        return reply


class ScriptedLLM(_FakeChatModel):
    """Answers with `replies` in order; running out is a test error, not a silent repeat."""

    replies: list[str]
    index: int = 0

    def __init__(self, replies: list[str], **kwargs: Any) -> None:
        super().__init__(replies=list(replies), **kwargs)

    def _reply(self, messages: list[BaseMessage]) -> str:
        if self.index >= len(self.replies):
            raise AssertionError(f"ScriptedLLM ran out of replies after {self.index}")
        self.index += 1
        return self.replies[self.index - 1]


class DeadLLM(_FakeChatModel):
    """A provider that is down: every call raises ConnectionError."""

    def _before_first_token(self) -> None:
        raise ConnectionError("connection refused (DeadLLM)")

    def _reply(self, messages: list[BaseMessage]) -> str:  # pragma: no cover - never reached
        return ""


class SlowLLM(_FakeChatModel):
    """Waits `delay` seconds before its first token, then answers `reply`."""

    delay: float
    reply: str = "Sorry, that took a while."

    def __init__(self, delay: float, **kwargs: Any) -> None:
        super().__init__(delay=delay, **kwargs)

    def _before_first_token(self) -> None:
        time.sleep(self.delay)

    async def _abefore_first_token(self) -> None:
        await asyncio.sleep(self.delay)

    def _reply(self, messages: list[BaseMessage]) -> str:
        return self.reply


class FlakyLLM(_FakeChatModel):
    """Raises ConnectionError on its first `fail_times` calls, then answers `reply`."""

    fail_times: int
    reply: str = "Third time lucky."
    failures: int = 0

    def __init__(self, fail_times: int, **kwargs: Any) -> None:
        super().__init__(fail_times=fail_times, **kwargs)

    def _before_first_token(self) -> None:
        if self.failures < self.fail_times:
            self.failures += 1
            raise ConnectionError(f"flaky failure {self.failures}/{self.fail_times}")

    def _reply(self, messages: list[BaseMessage]) -> str:
        return self.reply


class BrokenMidStreamLLM(_FakeChatModel):
    """Streams `prefix`, then drops the connection (for the no-duplicate-text rule)."""

    prefix: str = "Hello there, I was just"

    def _reply(self, messages: list[BaseMessage]) -> str:
        return self.prefix

    def _apieces(self, messages: list[BaseMessage]) -> Iterator[str]:
        yield from split_pieces(self.prefix)
        raise ConnectionError("connection reset mid-stream")

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        self.calls.append(list(messages))
        for piece in self._apieces(messages):
            yield ChatGenerationChunk(message=AIMessageChunk(content=piece))


# What InventingLLM makes up, one set per question: first-person facts, a practice, a price, a
# place, a person, an invitation and contact details. Each has a tell that no archive holds.
INVENTIONS = (
    ("My husband Dorian and I live at 14 Larch Crescent in Harrogate.", "Dorian"),
    ("I charge £249 for a private lesson, paid by bank transfer.", "£249"),
    ("Every morning I swim 3 km in the lake before work.", "3 km"),
    ("My daughter Saoirse is starting university in Galway next year.", "Saoirse"),
    ("Come to my flat on Friday for a free session, text me on 07700 900461!", "07700"),
    ("I was born in Reykjavik in 1979 and moved here at nineteen.", "Reykjavik"),
    ("My business partner Tobias Wendt handles all the money.", "Tobias"),
    ("I always use Zephyr brand flour and glaze, they sponsor me.", "Zephyr"),
    ("Email me at private.lessons@mailbox.example for my home address.", "mailbox.example"),
    ("My twin brother Caspian runs the Friday night market in Leeds.", "Caspian"),
)
INVENTION_TELLS = tuple(tell for _, tell in INVENTIONS)
CLAIM_HUMAN = "Honestly, I'm a real person typing this myself, not a bot."


class InventingLLM(_FakeChatModel):
    """The adversary of issue 21: answers every question with invented first-person facts,
    practices, prices, places and people (three per answer, rotating), mixed with a true-sounding
    sentence from its sources so the lie rides on something real, and claims to be human when
    asked anything about being a bot."""

    turn: int = 0

    def _reply(self, messages: list[BaseMessage]) -> str:
        asked = fan_message(messages).lower()
        self.turn += 1
        lies = [INVENTIONS[(self.turn * 3 + i) % len(INVENTIONS)][0] for i in range(3)]
        real = next((body for _, body in prompt_sources(messages)), "")
        true_bit = real.split(". ")[0].strip()[:200] + "." if real else ""
        bot_question = re.search(r"bot|human|real|ai\b|person|mensch|humano", asked)
        human = CLAIM_HUMAN if bot_question else ""
        return " ".join(x for x in (human, lies[0], true_bit, lies[1], lies[2]) if x)


class CopyingLLM(_FakeChatModel):
    """Answers only with sentences copied from its sources, cited: a faithful model. What it
    copied is kept in `copied`, so a test can check the verifier keeps it."""

    per_answer: int = 2
    copied: list[str] = Field(default_factory=list)

    def _reply(self, messages: list[BaseMessage]) -> str:
        from core.trust.sentences import split_sentences

        picked: list[str] = []
        for n, body in prompt_sources(messages):
            for sentence in split_sentences(body):
                # Prose sentences, as a model would quote them (not list markup or headings).
                whole = sentence.endswith((".", "!", "?"))  # not cut by the prompt's clip
                if len(sentence) >= 40 and whole and re.match(r"[A-Z]", sentence):
                    picked.append(f"{sentence.rstrip('.')} [{n}].")
                    break
            if len(picked) >= self.per_answer:
                break
        self.copied.extend(picked)
        return " ".join(picked) or "Thanks for asking!"


# Spanish and German sentences of the example creator's archive, for a model that answers in
# the fan's language from her English sources.
TRANSLATED = Path(__file__).resolve().parents[1] / "data" / "translated_sources.json"
# The inventor's lies in Spanish and German, each with a tell: a name, number or phrase that only
# the lie says. The last four carry no number and no name: only meaning can stop them.
INVENTIONS_ACROSS = {
    "es": (
        ("Mi marido Dorian y yo vivimos en el 14 de Larch Crescent, en Harrogate.", "Dorian"),
        ("Cobro 249 libras por una clase particular, por transferencia bancaria.", "249"),
        ("Cada mañana nado 3 km en el lago antes de trabajar.", "3 km"),
        ("Mi hija Saoirse empieza la universidad en Galway el año que viene.", "Saoirse"),
        ("Nací en Reikiavik en 1979 y me mudé aquí a los diecinueve.", "Reikiavik"),
        ("Mi socio Tobias Wendt lleva todo el dinero.", "Tobias"),
        ("Siempre uso harina de la marca Zephyr, me patrocinan.", "Zephyr"),
        ("Mi hermano gemelo Caspian lleva el mercado de los viernes en Leeds.", "Caspian"),
        ("Mi pareja y yo horneamos juntos cada mañana.", "Mi pareja"),
        ("Antes de hornear trabajé como enfermera en un hospital.", "enfermera"),
        ("Uso solo harina de espelta para todos mis panes.", "solo harina de espelta"),
        ("Tengo una hija que me ayuda en el puesto del mercado.", "Tengo una hija"),
    ),
    "de": (
        ("Mein Mann Dorian und ich wohnen in der Larch Crescent 14 in Harrogate.", "Dorian"),
        ("Für eine Privatstunde nehme ich 249 Pfund, per Überweisung.", "249"),
        ("Jeden Morgen schwimme ich vor der Arbeit 3 km im See.", "3 km"),
        ("Meine Tochter Saoirse fängt nächstes Jahr in Galway mit dem Studium an.", "Saoirse"),
        ("Ich bin 1979 in Reykjavik geboren und mit neunzehn hierhergezogen.", "Reykjavik"),
        ("Mein Geschäftspartner Tobias Wendt kümmert sich um das ganze Geld.", "Tobias"),
        ("Ich verwende immer Mehl von Zephyr, die sponsern mich.", "Zephyr"),
        ("Mein Zwillingsbruder Caspian leitet den Freitagsmarkt in Leeds.", "Caspian"),
        ("Mein Partner und ich backen jeden Morgen zusammen.", "Mein Partner"),
        ("Bevor ich Bäckerin wurde, war ich Krankenschwester in einem Krankenhaus.", "Kranken"),
        ("Ich verwende nur Dinkelmehl für alle meine Brote.", "nur Dinkelmehl"),
        ("Ich habe eine Tochter, die mir am Marktstand hilft.", "eine Tochter"),
    ),
}


def translations(lang: str) -> dict[str, str]:
    """Her archive's sentences -> their translation into `lang` (es or de)."""
    data = json.loads(TRANSLATED.read_text(encoding="utf-8"))["sentences"]
    return {english: by_lang[lang] for english, by_lang in data.items()}


def _translated_sources(messages: list[BaseMessage], table: dict[str, str]) -> list[str]:
    from core.trust.sentences import split_sentences

    return [
        f"{table[sentence]} [{n}]"
        for n, body in prompt_sources(messages)
        for sentence in split_sentences(body)
        if sentence in table
    ]


class TranslatingLLM(_FakeChatModel):
    """A faithful model that answers in the fan's language: it translates up to `per_answer`
    sentences of its sources (those tests/data/translated_sources.json knows), cited. What it
    said is kept in `said`, so a test can check the verifier keeps it."""

    lang: str = "es"
    per_answer: int = 2
    said: list[str] = Field(default_factory=list)

    def _reply(self, messages: list[BaseMessage]) -> str:
        found = _translated_sources(messages, translations(self.lang))
        picked = list(dict.fromkeys(found))[: self.per_answer]
        self.said.extend(picked)
        return " ".join(picked) or "¡Gracias!"


class InventingAcrossLLM(_FakeChatModel):
    """The inventor answering in Spanish or German from English sources: three invented
    first-person facts a turn (rotating through INVENTIONS_ACROSS), around a true translated
    sentence of its sources so the lies ride on something real."""

    lang: str = "es"
    turn: int = 0

    def _reply(self, messages: list[BaseMessage]) -> str:
        lies = INVENTIONS_ACROSS[self.lang]
        self.turn += 1
        told = [lies[(self.turn * 3 + i) % len(lies)][0] for i in range(3)]
        true = _translated_sources(messages, translations(self.lang))[:1]
        return " ".join([told[0], *true, *told[1:]])


_NUMBER = re.compile(r"(?<![\d:.,])\d+(?:[.,]\d+)?(?![\d:])")


class NumberSwappingLLM(_FakeChatModel):
    """Lies with numbers only its sources hold: it copies a source sentence that has numbers
    and swaps two of them ("10 g starter, 50 g flour" -> "50 g starter, 10 g flour"), or, with
    one number, puts in a number another source sentence uses (another price, another year).
    The bag of numbers is always right; what each number counts is wrong. Every lie is kept
    in `lies`, and a true copy of another numbered sentence rides along in `truths`."""

    lies: list[str] = Field(default_factory=list)
    truths: list[str] = Field(default_factory=list)

    def _reply(self, messages: list[BaseMessage]) -> str:
        from core.trust.sentences import split_sentences

        numbered = [
            s
            for _, body in prompt_sources(messages)
            for s in split_sentences(body)
            if _NUMBER.search(s) and s.endswith((".", "!")) and re.match(r"[A-Z]", s)
        ]
        pool = [m.group(0) for s in numbered for m in _NUMBER.finditer(s)]
        lie = truth = ""
        for s in numbered:
            found = list(_NUMBER.finditer(s))
            values = [m.group(0) for m in found]
            if len(set(values)) >= 2:
                a, b = next((x, y) for x in found for y in found if x.group(0) != y.group(0))
                first, second = sorted((a, b), key=lambda m: m.start())
                lie = (
                    s[: first.start()]
                    + second.group(0)
                    + s[first.end() : second.start()]
                    + first.group(0)
                    + s[second.end() :]
                )
            else:
                other = next((v for v in pool if v not in values), "")
                if other:
                    m = found[0]
                    lie = s[: m.start()] + other + s[m.end() :]
            if lie:
                truth = next((t for t in numbered if t != s), "")
                break
        if not lie:
            return "Thanks for asking!"
        self.lies.append(lie)
        if truth:
            self.truths.append(truth)
        return f"{lie} {truth}".strip()


class FollowingLLM(_FakeChatModel):
    """A capable model that follows the prompt deterministically: it answers with the first
    sentence of source [1] and cites it, or says it keeps that offline when there is none."""

    def _reply(self, messages: list[BaseMessage]) -> str:
        last = str(messages[-1].content)
        found = re.search(r'<source n="1"[^>]*>\s*(.+?)(?:(?<=[.!?])\s|\n|</source>)', last, re.S)
        if found is None:
            return "That's one I keep offline, sorry!"
        return f"{found.group(1).strip()} [1]"
