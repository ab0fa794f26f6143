"""A chat-like test harness: the real bootstrap and Clone, in-memory ports and a chosen LLM."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from langchain_core.language_models.fake_chat_models import FakeListChatModel

from adapters.discord import events as discord_events
from adapters.slack import events as slack_events
from adapters.telegram import events as telegram_events
from bots.bootstrap import Services, build
from bots.settings import RunSettings
from core.config import Settings
from core.control.commands import parse_command
from core.ingest.pipeline import run_ingest
from core.llm.generator import LangChainGenerator
from core.memory.embeddings import HashEmbedder
from core.memory.stores.inmemory import InMemoryMemoryStore
from core.persona.bot import BotConfig, load_bot
from core.state.limits import InMemoryDeduper, InMemoryRateLimiter
from core.state.memory import InMemoryStateStore
from core.types import (
    Author,
    Capabilities,
    ChatEvent,
    Command,
    ContentKind,
    EventKind,
    Reply,
    Role,
    SentMessage,
    Target,
)

EXAMPLE = Path(__file__).resolve().parents[2] / "bots" / "example"


class FakeClock:
    def __init__(self) -> None:
        self.t = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self.t

    def advance(self, **kw: float) -> None:
        self.t += timedelta(**kw)


@dataclass
class RecordingSender:
    """A platform runner, as core's outbound router sees it: records what core posts by
    itself (notices, drafts, handoff anchors) and its typing signs."""

    platform: str = "test"
    sent: list[Reply] = field(default_factory=list)
    typing_in: list[Target] = field(default_factory=list)

    async def send(self, reply: Reply) -> SentMessage:
        self.sent.append(reply)
        return SentMessage(self.platform, reply.target.channel_id, str(len(self.sent)))

    async def typing(self, target: Target) -> None:
        self.typing_in.append(target)

    async def start(self, handle: Any) -> None:  # the harness calls the clone itself
        return None

    async def stop(self) -> None:
        return None

    def on(self, platform: str) -> RecordingSender:
        """The same record, as the runner of another platform."""
        return RecordingSender(platform, self.sent, self.typing_in)


# What each real adapter declares, so a scenario on "discord" behaves as the Discord one would.
PLATFORM_CAPABILITIES = {
    "discord": discord_events.CAPABILITIES,
    "slack": slack_events.CAPABILITIES,
    "telegram": telegram_events.CAPABILITIES,
}


class Chat:
    """Says things as people on a fake platform and returns what the clone answers."""

    def __init__(self, services: Services, clock: FakeClock, sender: RecordingSender) -> None:
        self.services = services
        self.clock = clock
        self.sender = sender
        self._n = 0

    @property
    def clone(self):  # type: ignore[no-untyped-def]
        return self.services.clone

    def event(
        self,
        text: str,
        *,
        user: str = "fan1",
        community: str = "guild1",
        channel: str = "general",
        thread: str | None = None,
        dm: bool = False,
        mention: bool = True,
        roles: frozenset[Role] = frozenset(),
        role_ids: frozenset[str] = frozenset(),
        is_bot: bool = False,
        content: ContentKind = ContentKind.TEXT,
        kind: EventKind | None = None,
        platform: str = "test",
        username: str = "",
        display_name: str | None = None,
        **kw: Any,
    ) -> ChatEvent:
        self._n += 1
        command = parse_command(text)
        return ChatEvent(
            platform=platform,
            workspace_id="dm" if dm else community,
            channel_id=f"dm-{user}" if dm else channel,
            thread_id=thread,
            author=Author(
                user,
                user.title() if display_name is None else display_name,
                is_bot,
                roles,
                role_ids,
                username=username,
            ),
            text=text,
            message_id=kw.pop("message_id", f"m{self._n}"),
            event_id=f"e{self._n}",
            kind=kind or (EventKind.COMMAND if command else EventKind.MESSAGE),
            command=command,
            content=content,
            is_dm=dm,
            mentions_bot=mention,
            timestamp=self.clock.now(),
            capabilities=kw.pop(
                "capabilities", PLATFORM_CAPABILITIES.get(platform, Capabilities())
            ),
            **kw,
        )

    async def say(self, text: str, **kw: Any) -> list[Reply]:
        return list(await self.clone.handle(self.event(text, **kw)))

    async def text(self, text: str, **kw: Any) -> str:
        replies = await self.say(text, **kw)
        return "\n".join(r.text for r in replies)


def without_coalescing(bot: BotConfig) -> BotConfig:
    """The bot with `coalesce_seconds = 0`: each message is its own turn unless it arrives
    while the fan's previous turn is still being written."""
    policies = bot.policies.model_copy(update={"coalesce_seconds": 0.0})
    return bot.model_copy(update={"policies": policies})


async def make_chat(
    llm: Any,
    *,
    generator: Any = None,
    bot: BotConfig | None = None,
    ingest: bool = True,
    state: Any = None,
    settings: Settings | None = None,
    coalesce: bool = False,
    meaning: Any = None,
    folder: Path = EXAMPLE,
    embedder: Any = None,
    verifier: Any = None,
    platforms: Sequence[str] = ("test",),
    runners: Sequence[Any] = (),
) -> Chat:
    """A clone through the real bootstrap. `platforms` get one shared RecordingSender
    (`chat.sender`) as their runner, except those `runners` serve."""
    bot = bot or load_bot(folder)
    if not coalesce:
        # Chat-like tests say one thing and read the answer; waiting out the coalescing window
        # after each would only slow them. Coalescing has its own tests (test_queue.py).
        bot = without_coalescing(bot)
    clock = FakeClock()
    sender = RecordingSender(platforms[0])
    served = {r.platform for r in runners}
    recording = [sender if p == sender.platform else sender.on(p) for p in platforms]
    recording = [r for r in recording if r.platform not in served]
    embedder = embedder or HashEmbedder()
    services = await build(
        folder,
        settings or Settings(),
        bot=bot,
        embedder=embedder,
        store=InMemoryMemoryStore(),
        generator=generator or LangChainGenerator(llm, name="fake", timeout_seconds=5, retries=0),
        state=state or InMemoryStateStore(),
        deduper=InMemoryDeduper(),
        limiter=InMemoryRateLimiter(now=lambda: clock.now().timestamp()),
        clock=clock,
        runners=[*recording, *runners],
        persistent_jobs=False,  # a test's scheduler keeps its jobs in memory
        meaning=meaning,
        verifier=verifier,
    )
    if ingest:
        await run_ingest(bot, folder, services.memory)
    return Chat(services, clock, sender)


async def replica_chat(state: Any) -> Chat:
    """One app instance of the example clone on a shared state store, with `test:creator`
    as its creator: replica tests run one per instance on the same database."""
    chat = await make_chat(FakeListChatModel(responses=["Rye [1]."] * 20), state=state)
    bot = chat.services.bot
    roles = bot.roles.model_copy(update={"creators": ["test:creator"]})
    bot = bot.model_copy(update={"roles": roles})
    chat.services.clone.bot = chat.services.clone.control.bot = chat.services.clone.brain.bot = bot
    return chat


__all__ = [
    "Chat",
    "Command",
    "FakeClock",
    "RecordingSender",
    "make_chat",
    "replica_chat",
    "without_coalescing",
]


def telegram_only_env(monkeypatch: Any) -> None:
    """`clonebot run` finds the fake Telegram's token and no other platform's."""
    from tests.fakes.telegram_server import TOKEN

    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    for var in ("SLACK_BOT_TOKEN", "DISCORD_BOT_TOKEN"):
        monkeypatch.delenv(var, raising=False)


def run_settings(tmp_path: Path, telegram_api_url: str, **kw: Any) -> RunSettings:
    """Settings for `run_clones` on in-memory parts against a fake Telegram Bot API."""
    return RunSettings(
        data_dir=tmp_path,
        memory_backend="memory",
        embedder="hash",
        llm_provider="fake",
        telegram_api_url=telegram_api_url,
        **kw,
    )
