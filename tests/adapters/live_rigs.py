"""Live mode through each real adapter and its fake server: one rig per platform, same shape.

A rig starts the fake platform, the adapter (its pacing scaled by `scale`: 0.1 plays a minute
in six seconds, every platform window included) and the real Clone from bots/bootstrap with
in-memory ports, the adapter as its runner. The scenario in test_live_platforms.py drives it.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from langchain_core.language_models.fake_chat_models import FakeListChatModel

from adapters.discord import DiscordAdapter, DiscordSettings
from adapters.discord.settings import Pacing as DiscordPacing
from adapters.slack import SlackAdapter, SlackSettings
from adapters.telegram import Pacing as TelegramPacing
from adapters.telegram import TelegramAdapter, TelegramSettings
from bots.bootstrap import Services, build
from core.config import Settings
from core.llm.generator import LangChainGenerator
from core.memory.embeddings import HashEmbedder
from core.memory.stores.inmemory import InMemoryMemoryStore
from core.persona.bot import PlatformConfig, load_bot
from core.state.limits import InMemoryDeduper, InMemoryRateLimiter
from core.state.memory import InMemoryStateStore
from core.types import ChatEvent, Reply
from tests.fakes import discord_server as dfake
from tests.fakes import slack_server as sfake
from tests.fakes import telegram_server as tfake
from tests.fakes.verifiers import KeepEverything
from tests.scenario.harness import EXAMPLE
from tests.scenario.live_kit import use_minilm

ROUND_SECONDS = 20.0  # the default round, scaled like everything else


def _scaled(window: tuple[int, float], scale: float) -> tuple[int, float]:
    return window[0], window[1] * scale


async def live_services(
    platform: str, adapter: Any, config: PlatformConfig, scale: float
) -> Services:
    """The example clone with the adapter as its runner; fans need not address it in groups
    (the creator's choice), and questions are grouped with MiniLM."""
    bot = load_bot(EXAMPLE)
    policies = bot.policies.model_copy(
        update={"reply_in_groups": "always", "live_round_seconds": ROUND_SECONDS * scale}
    )
    bot = bot.model_copy(
        update={"policies": policies, "platforms": {**bot.platforms, platform: config}}
    )
    llm = FakeListChatModel(responses=["Here is what I do [1]."] * 200)
    services = await build(
        EXAMPLE,
        Settings(),
        bot=bot,
        embedder=HashEmbedder(),
        store=InMemoryMemoryStore(),
        generator=LangChainGenerator(llm, name="fake", timeout_seconds=5, retries=0),
        state=InMemoryStateStore(),
        deduper=InMemoryDeduper(),
        limiter=InMemoryRateLimiter(),
        runners=[adapter],
        verifier=KeepEverything(),  # what core may say is pinned in tests/trust
    )
    use_minilm(services.clone)
    return services


@dataclass
class Post:
    at: float  # when the fake server got it
    text: str
    pinged: tuple[str, ...]
    reply_to: str | None


@dataclass
class Rig:
    """What the scenario needs from a platform; subclasses fill it in."""

    scale: float
    services: Services | None = None
    fans: dict[str, int] = field(default_factory=dict)  # message id -> fan number
    key: str = ""  # the live conversation
    fan_prefix: str = ""  # fan ids are fan_prefix + user id
    windows: list[tuple[int, float]] = field(default_factory=list)  # the channel's pacing
    # When each message reached core (by message id): the adapter's own receiving lag on a
    # loaded machine is not core's to answer for.
    arrived: dict[str, float] = field(default_factory=dict)

    @property
    def clone(self) -> Any:
        assert self.services is not None
        return self.services.clone

    async def handle(self, event: ChatEvent) -> Sequence[Reply]:
        """Core's handler, noting when each message arrived."""
        if event.message_id:
            self.arrived.setdefault(event.message_id, time.monotonic())
        return list(await self.clone.handle(event))

    def fan_user(self, n: int) -> str:
        raise NotImplementedError


# -- Telegram --------------------------------------------------------------------------------

TG_GROUP = tfake.group_chat(-100123, "Mara's live")
TG_MOD = tfake.user(600, "Mod")
TG_MODS_CHAT = -100999


@dataclass
class TelegramRig(Rig):
    fake: tfake.FakeTelegram | None = None
    adapter: TelegramAdapter | None = None

    async def start(self) -> None:
        self.fake = fake = await tfake.FakeTelegram().start()
        fake.member_status[(TG_GROUP["id"], TG_MOD["id"])] = "administrator"
        pacing = TelegramPacing()
        scaled = TelegramPacing(
            per_chat=_scaled(pacing.per_chat, self.scale),
            per_group=_scaled(pacing.per_group, self.scale),
            overall=_scaled(pacing.overall, self.scale),
            reactions=_scaled(pacing.reactions, self.scale),
        )
        self.windows = [scaled.per_chat, scaled.per_group]
        settings = TelegramSettings(
            token=tfake.TOKEN,
            base_url=fake.base_url,
            base_file_url=fake.base_file_url,
            pacing=scaled,
            poll_timeout=1,
        )
        self.adapter = TelegramAdapter(
            settings, deduper=InMemoryDeduper(), rate_limiter=InMemoryRateLimiter()
        )
        config = PlatformConfig(enabled=True, moderator_channel=str(TG_MODS_CHAT))
        self.services = await live_services("telegram", self.adapter, config, self.scale)
        await self.adapter.start(self.handle)
        self.key = f"telegram:{TG_GROUP['id']}:{TG_GROUP['id']}:"
        self.fan_prefix = f"telegram:{TG_GROUP['id']}:"

    async def stop(self) -> None:
        if self.services is not None:  # first: no live pointer outlives its adapter
            await self.services.close()
        if self.adapter is not None:
            await self.adapter.stop()
        if self.fake is not None:
            await self.fake.stop()

    def fan_user(self, n: int) -> str:
        return str(10_000 + n)

    async def moderator(self, args: str) -> None:
        assert self.fake is not None
        await self.fake.push(self.fake.message(TG_GROUP, TG_MOD, f"/clone_live {args}"))

    async def ask(self, n: int, text: str) -> str:
        assert self.fake is not None
        who = tfake.user(10_000 + n, f"Fan {n}")
        [update] = await self.fake.push(self.fake.message(TG_GROUP, who, text))
        message_id = str(update["message"]["message_id"])
        self.fans[message_id] = n
        return message_id

    def posts(self) -> list[Post]:
        assert self.fake is not None
        out = []
        for (method, p), at in zip(self.fake.calls, self.fake.stamps, strict=True):
            if method == "sendMessage" and p["chat_id"] == str(TG_GROUP["id"]):
                pings = tuple(re.findall(r"tg://user\?id=(\d+)", p["text"]))
                reply = (p.get("reply_parameters") or {}).get("message_id")
                out.append(Post(at, p["text"], pings, str(reply) if reply else None))
        return out

    def reactions(self) -> list[str]:
        assert self.fake is not None
        return [str(p["message_id"]) for p in self.fake.calls_to("setMessageReaction")]

    def reply_at(self, message_id: str) -> float | None:
        """When a reply to that message reached the platform (no threads: a reply to it)."""
        return next((p.at for p in self.posts() if p.reply_to == message_id), None)


# -- Discord ---------------------------------------------------------------------------------

DC_MOD, DC_MOD_ROLE = 222_222, 333_333


@dataclass
class DiscordRig(Rig):
    fake: dfake.FakeDiscord | None = None
    adapter: DiscordAdapter | None = None
    guild: dfake.Guild | None = None

    async def start(self) -> None:
        self.guild = guild = dfake.Guild(
            id=dfake.guild_id_for_shard(0, 1),
            channel_id=dfake.snowflake(),
            roles={DC_MOD_ROLE: dfake.MANAGE_MESSAGES},
        )
        self.fake = fake = await dfake.FakeDiscord(guilds=[guild]).start()
        mods_channel = dfake.snowflake()
        fake.channels.add(mods_channel)
        pacing = DiscordPacing()
        scaled = DiscordPacing(
            per_channel=_scaled(pacing.per_channel, self.scale),
            overall=_scaled(pacing.overall, self.scale),
            reactions=_scaled(pacing.reactions, self.scale),
        )
        self.windows = [scaled.per_channel]
        settings = DiscordSettings(
            token=dfake.TOKEN,
            guild_ready_timeout=0.05,
            identify_delay=0.0,
            pacing=scaled,
            api_url=f"http://127.0.0.1:{fake.port}/api/v10",
            gateway_url=str(fake.gateway_url),
            shard_count=1,
        )
        self.adapter = DiscordAdapter(
            settings, deduper=InMemoryDeduper(), rate_limiter=InMemoryRateLimiter()
        )
        config = PlatformConfig(
            enabled=True, moderator_role_id=str(DC_MOD_ROLE), moderator_channel=str(mods_channel)
        )
        self.services = await live_services("discord", self.adapter, config, self.scale)
        await self.adapter.start(self.handle)
        self.key = f"discord:{guild.id}:{guild.channel_id}:"
        self.fan_prefix = f"discord:{guild.id}:"

    async def stop(self) -> None:
        if self.services is not None:  # first: no live pointer outlives its adapter
            await self.services.close()
        if self.adapter is not None:
            await self.adapter.stop()
        if self.fake is not None:
            await self.fake.stop()

    def fan_user(self, n: int) -> str:
        return str(10_000 + n)

    async def moderator(self, args: str) -> None:
        assert self.fake is not None and self.guild is not None
        data = {
            "id": str(dfake.snowflake()),
            "name": "clone",
            "type": 1,
            "options": [
                {
                    "name": "live",
                    "type": 1,
                    "options": [{"name": "args", "type": 3, "value": args}],
                }
            ],
        }
        await self.fake.interaction_create(
            self.guild, DC_MOD, data, permissions=dfake.MANAGE_MESSAGES, role_ids=(DC_MOD_ROLE,)
        )

    async def ask(self, n: int, text: str) -> str:
        assert self.fake is not None and self.guild is not None
        msg = await self.fake.message_create(self.guild, 10_000 + n, text)
        self.fans[msg["id"]] = n
        return str(msg["id"])

    def posts(self) -> list[Post]:
        assert self.fake is not None and self.guild is not None
        path = f"/channels/{self.guild.channel_id}/messages"
        out = []
        for (method, p, body), at in zip(self.fake.calls, self.fake.stamps, strict=True):
            if method == "POST" and p == path:
                pings = tuple((body.get("allowed_mentions") or {}).get("users") or ())
                ref = (body.get("message_reference") or {}).get("message_id")
                out.append(Post(at, body.get("content") or "", pings, str(ref) if ref else None))
        return out

    def reactions(self) -> list[str]:
        assert self.fake is not None
        rx = re.compile(r"/channels/\d+/messages/(\d+)/reactions/[^/]+/@me")
        return [m.group(1) for method, p, _ in self.fake.calls if (m := rx.fullmatch(p))]

    def reply_at(self, message_id: str) -> float | None:
        """When a reply in the thread opened on that message reached Discord."""
        assert self.fake is not None
        path = f"/channels/{message_id}/messages"  # a thread on a message takes its id
        found = zip(self.fake.calls, self.fake.stamps, strict=True)
        return next((at for (m, p, _), at in found if m == "POST" and p == path), None)


# -- Slack -----------------------------------------------------------------------------------

SL_CHANNEL = "CLIVE"


@dataclass
class SlackRig(Rig):
    fake: sfake.FakeSlack | None = None
    adapter: SlackAdapter | None = None
    asked: int = 0

    async def start(self) -> None:
        self.fake = fake = await sfake.FakeSlack().start()
        for n in range(-1, 400):
            fake.add_user(self.fan_user(n), f"fan {n}")
        base = SlackSettings(bot_token="x", app_token="y")
        pace = _scaled(base.pace, self.scale)
        self.windows = [pace]
        settings = SlackSettings(
            bot_token=sfake.BOT_TOKEN,
            app_token=sfake.APP_TOKEN,
            base_url=fake.api_url,
            pace=pace,
            reaction_pace=_scaled(base.reaction_pace, self.scale),
        )
        self.adapter = SlackAdapter(
            settings, deduper=InMemoryDeduper(), rate_limiter=InMemoryRateLimiter()
        )
        config = PlatformConfig(
            enabled=True, moderator_role_id="S0MODS", moderator_channel="CMODS"
        )
        self.services = await live_services("slack", self.adapter, config, self.scale)
        await self.adapter.start(self.handle)
        self.key = f"slack:{sfake.TEAM}:{SL_CHANNEL}:"
        self.fan_prefix = f"slack:{sfake.TEAM}:"

    async def stop(self) -> None:
        if self.services is not None:  # first: no live pointer outlives its adapter
            await self.services.close()
        if self.adapter is not None:
            await self.adapter.stop()
        if self.fake is not None:
            await self.fake.stop()

    def fan_user(self, n: int) -> str:
        return f"UF{n + 1:05d}"

    async def moderator(self, args: str) -> None:
        assert self.fake is not None
        body = sfake.command_body(
            "/clone",
            f"live {args}",
            user="UADMIN",
            channel=SL_CHANNEL,
            response_url=self.fake.response_url(),
        )
        await self.fake.push("slash_commands", body)

    async def ask(self, n: int, text: str) -> str:
        assert self.fake is not None
        self.asked += 1
        ts = f"{int(time.time())}.{self.asked:06d}"
        event = sfake.message(text, user=self.fan_user(n), channel=SL_CHANNEL, ts=ts)
        await self.fake.push("events_api", sfake.event_body(event))
        self.fans[ts] = n
        return ts

    def posts(self) -> list[Post]:
        assert self.fake is not None
        out = []
        for (method, p), at in zip(self.fake.calls, self.fake.stamps, strict=True):
            if method == "chat.postMessage" and p.get("channel") == SL_CHANNEL:
                text = str(p.get("text") or "")
                pings = tuple(re.findall(r"<@(U\w+)>", text))
                out.append(Post(at, text, pings, p.get("thread_ts")))
        return out

    def reactions(self) -> list[str]:
        assert self.fake is not None
        return [str(p["timestamp"]) for p in self.fake.sent("reactions.add") if p["name"] == "+1"]

    def reply_at(self, message_id: str) -> float | None:
        """When a reply in that message's thread reached Slack."""
        return next((p.at for p in self.posts() if p.reply_to == message_id), None)


RIGS = {"telegram": TelegramRig, "discord": DiscordRig, "slack": SlackRig}
