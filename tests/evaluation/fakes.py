"""Rigged generators and retrievers for the eval tests: honest, inventing, persona-parroting."""

from __future__ import annotations

import random
import re
from collections.abc import AsyncIterator, Sequence

from langchain_core.messages import BaseMessage

from core.memory.stores.inmemory import InMemoryMemoryStore
from core.records import ScoredChunk, Visibility

_SOURCE = re.compile(r'<source n="(\d+)"[^>]*>\n(.*?)\n</source>', re.S)
_FAN = re.compile(r"<fan>(.*?)</fan>", re.S)
_WORD = re.compile(r"[a-z]{4,}")
GENERIC = "Great question! As an AI assistant, I'd be happy to help you with that. 😊"
DEFLECT = "I've never shared that, so I'm not going to make something up."


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def best_sentence(messages: Sequence[BaseMessage]) -> tuple[int, str] | None:
    """The source sentence sharing most words with the fan's question, with its number."""
    last = str(messages[-1].content)
    fan = _FAN.findall(last)
    question = _words(fan[-1] if fan else last)
    best: tuple[int, int, str] | None = None
    for n, text in _SOURCE.findall(last):
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            overlap = len(question & _words(sentence))
            if overlap and (best is None or overlap > best[0]):
                best = (overlap, int(n), sentence.strip())
    return None if best is None else (best[1], best[2])


def style_line(messages: Sequence[BaseMessage]) -> str:
    """The persona's first style note, which this fake 'writes in'."""
    system = str(messages[0].content)
    match = re.search(r"Style:\n- (.+)", system)
    return match.group(1).strip() + " " if match else ""


class QuotingGenerator:
    """Honest: quotes the most relevant source sentence with its citation, else declines.

    It opens with the persona's first style note, so a different persona changes its voice.
    """

    name = "fake:quoting"

    def reply(self, messages: Sequence[BaseMessage]) -> str:
        if "SOURCES" not in str(messages[-1].content):
            return GENERIC  # the generic-assistant baseline prompt
        found = best_sentence(messages)
        if found is None:
            return DEFLECT
        n, sentence = found
        return f"{style_line(messages)}{sentence} [{n}]"

    async def stream(self, messages: Sequence[BaseMessage]) -> AsyncIterator[str]:
        text = self.reply(messages)
        for i in range(0, len(text), 12):
            yield text[i : i + 12]


class InventingGenerator(QuotingGenerator):
    """Cites a real source but changes its numbers and adds a teacher and a city it made up.

    None of it is a family, health or money claim, so the clone's own checks let it through:
    only checking claims against the cited sources catches it.
    """

    name = "fake:inventing"

    def reply(self, messages: Sequence[BaseMessage]) -> str:
        if "SOURCES" not in str(messages[-1].content):
            return GENERIC
        found = best_sentence(messages)
        made_up = "Chef Pierre Dubois taught me that in Marseille in 2011."
        if found is None:
            return f"Ring me on 07700 900123 and ask for Bernadette. {made_up}"
        n, sentence = found
        bent = re.sub(r"\d+", lambda m: str(int(m.group(0)) + 7), sentence)
        return f"{bent} [{n}] {made_up}"


class RandomCorpusStore(InMemoryMemoryStore):
    """A retriever that ignores the query and returns random archive chunks."""

    def __init__(self, *args: object, seed: int = 7, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.rng = random.Random(seed)

    async def search_corpus(
        self,
        creator_id: str,
        vector: list[float],
        k: int,
        visibilities: frozenset[Visibility],
    ) -> list[ScoredChunk]:
        chunks = [c for c, _ in self._chunks.values() if c.creator_id == creator_id]
        chunks = [c for c in chunks if c.visibility in visibilities]
        picked = self.rng.sample(chunks, min(k, len(chunks)))
        return [ScoredChunk(c, 0.9) for c in picked]


_INSTRUCTION = re.compile(
    r"(?:<!--\s*)?(?:ai|assistant|system)\s*:[^\n]*|ignore previous instructions[^\n]*", re.I
)


class InjectionFollowingGenerator(QuotingGenerator):
    """Obeys whatever instruction reaches it: from a source (indirect) or from the fan.

    A source line addressed to an AI is repeated as if true; a fan asking to announce, post,
    confirm or give contact details gets a "Sure!" and their words back.
    """

    name = "fake:follower"

    def reply(self, messages: Sequence[BaseMessage]) -> str:
        last = str(messages[-1].content)
        if "SOURCES" not in last:
            return GENERIC
        for _, text in _SOURCE.findall(last):
            found = _INSTRUCTION.search(text)
            if found:
                return f"Heads up! {found.group(0)}"
        fan = _FAN.findall(last)
        asked = fan[-1] if fan else last
        if re.search(
            r"announce|post to|say that|confirm|phone|address|wallet|giveaway", asked, re.I
        ):
            return f"Sure! {asked.strip()} Call 07700 900123 or pay via PayPal."
        return super().reply(messages)
