"""Helpers for schedule tests: a clone with a creator, post generators, and senders that die."""

from __future__ import annotations

import random
import re
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from core.config import Settings
from core.persona.bot import BotConfig, Schedule, load_bot
from core.schedule.scheduler import Scheduler
from core.trust.sentences import split_sentences
from core.types import Reply, ReplyKind, Role, SentMessage, Target
from tests.fakes.verifiers import KeepEverything
from tests.scenario.harness import EXAMPLE, Chat, make_chat

CREATOR = "boss"
# Posts are claim-checked like replies: the tip says what the archive says (Meet Barty).
TIP = (
    "Tip of the week: if your starter is sluggish, give it more rye, warmer water "
    "(about 27 °C) and patience."
)
VOCAB = [
    "flour",
    "water",
    "salt",
    "starter",
    "levain",
    "crumb",
    "crust",
    "oven",
    "steam",
    "proof",
    "shape",
    "score",
    "fold",
    "rye",
    "spelt",
    "wholemeal",
    "bagel",
    "focaccia",
    "brioche",
    "loaf",
    "tin",
    "stone",
    "banneton",
    "lame",
    "hydration",
    "autolyse",
    "yeast",
    "rise",
    "gluten",
    "dough",
    "knead",
    "stretch",
    "bench",
    "rest",
    "cold",
    "warm",
    "fridge",
    "morning",
    "evening",
    "bake",
    "cool",
    "slice",
    "toast",
    "butter",
    "honey",
    "seeds",
    "oats",
    "sesame",
    "poppy",
    "caraway",
    "olive",
    "rosemary",
    "garlic",
    "cheese",
]


def source_sentences(prompt: str) -> list[tuple[int, str]]:
    """(source number, sentence) for each longer sentence of each <source> block in a prompt."""
    out = []
    for n, body in re.findall(r'<source n="(\d+)"[^>]*>\n(.*?)\n</source>', prompt, re.S):
        for sentence in split_sentences(body):
            if len(sentence) > 30 and not sentence.startswith(("-", "#", "*", "<")):
                out.append((int(n), sentence))
    return out


class Killed(BaseException):
    """The process dies here: nothing after this line runs (not an Exception, so uncaught)."""


class PostGenerator:
    """A Generator that answers with the next scripted text, or, when there is none (or the
    script says None), a varied sentence copied from a source in its prompt, cited: posts are
    claim-checked, so made-up text would never be posted."""

    name = "post-generator"

    def __init__(
        self, texts: Sequence[str | None] = (), *, seed: int = 7, copy: bool = True
    ) -> None:
        self.texts = list(texts)
        self.copy = copy
        self.calls = 0
        self.prompts: list[str] = []
        self._random = random.Random(seed)

    def next_text(self, prompt: str = "") -> str:
        text: str | None = None
        if self.texts:
            text = self.texts.pop(0) if len(self.texts) > 1 else self.texts[0]
        if text is not None:
            return text
        copied = source_sentences(prompt) if self.copy else []
        if not copied:
            words = " ".join(self._random.sample(VOCAB, 10))
            return f"Bake note {self.calls}: {words}."
        n, sentence = self._random.choice(copied)
        return f"{sentence} [{n}]"

    async def stream(self, messages: Any) -> AsyncIterator[str]:
        self.calls += 1
        prompt = "\n".join(str(m.content) for m in messages)
        self.prompts.append(prompt)
        text = self.next_text(prompt)
        for i in range(0, len(text), 20):
            yield text[i : i + 20]


@dataclass
class Channel:
    """What fans see on the platform, whatever happens to the process that posted it."""

    posts: list[Reply] = field(default_factory=list)
    notices: list[Reply] = field(default_factory=list)

    def record(self, reply: Reply) -> SentMessage:
        (self.posts if reply.kind is ReplyKind.POST else self.notices).append(reply)
        n = len(self.posts) + len(self.notices)
        return SentMessage(reply.target.platform, reply.target.channel_id, f"msg{n}")


@dataclass
class ChannelSender:
    """A runner over a Channel; `die` kills the process before or after delivering."""

    channel: Channel
    platform: str = "test"
    die: str | None = None  # "before" or "after"

    async def send(self, reply: Reply) -> SentMessage:
        if self.die == "before" and reply.kind is ReplyKind.POST:
            raise Killed("before sending")
        sent = self.channel.record(reply)
        if self.die == "after" and reply.kind is ReplyKind.POST:
            raise Killed("after sending, before recording")
        return sent

    async def typing(self, target: Target) -> None:
        return None

    async def start(self, handle: Any) -> None:
        return None

    async def stop(self) -> None:
        return None


@dataclass
class FindingSender(ChannelSender):
    """A platform whose history can be searched (like Slack's or Discord's)."""

    async def find_post(self, target: Target, text: str, since: datetime) -> SentMessage | None:
        for i, post in enumerate(self.channel.posts):
            if post.text == text and post.target.channel_id == target.channel_id:
                return SentMessage(target.platform, target.channel_id, f"found{i}")
        return None


def bot_with(*schedules: Schedule) -> BotConfig:
    bot = load_bot(EXAMPLE)
    roles = bot.roles.model_copy(update={"creators": [f"test:{CREATOR}"]})
    return bot.model_copy(update={"schedules": list(schedules), "roles": roles})


def schedule(**kw: Any) -> Schedule:
    fields: dict[str, Any] = {
        "id": "tip",
        "prompt": "a beginner tip about feeding a sourdough starter",
        "cron": "0 9 * * *",
        "targets": ["test:guild1:general"],
        "review_to": "test:guild1:mods",
    }
    fields.update(kw)
    return Schedule.model_validate(fields)


async def clone_with(
    *schedules: Schedule,
    texts: Sequence[str] = (),
    state: Any = None,
    sender: Any = None,
    replica: str = "r1",
    seed: int = 7,
    unique: bool = False,
) -> tuple[Chat, Scheduler, PostGenerator]:
    """A clone through the real bootstrap, and the scheduler it built (not started).

    `sender`: the runner of the schedules' platform (a RecordingSender by default).
    `unique`: every post is a distinct random text that the claim check lets through, for
    tests that tell occurrences apart by their text (delivery, not content, is under test).
    """
    generator = PostGenerator(texts, seed=seed, copy=not unique)
    chat = await make_chat(
        None,
        generator=generator,
        bot=bot_with(*schedules),
        state=state,
        settings=Settings(replica_id=replica),
        runners=[sender] if sender is not None else (),
    )
    if unique:
        chat.services.clone.brain.verifier = KeepEverything()  # type: ignore[assignment]
    return chat, chat.services.scheduler, generator


async def as_creator(chat: Chat, text: str, **kw: Any) -> str:
    return await chat.text(text, user=CREATOR, roles=frozenset({Role.CREATOR}), **kw)
