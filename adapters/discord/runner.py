"""Discord runner: an AutoShardedClient in the caller's loop; receives events, sends replies."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import datetime
from typing import Any

import discord
import yarl
from discord import app_commands

from adapters.common.runner import PlatformRunner
from adapters.discord.commands import build_tree
from adapters.discord.events import CAPABILITIES, PLATFORM, command_event, to_event
from adapters.discord.outbound import Outbound
from adapters.discord.settings import DiscordSettings
from core.control.commands import CommandSpec
from core.types import SOMETHING_WENT_WRONG, ChatEvent, Handler, Reply, SentMessage, Target

log = logging.getLogger(__name__)


def intents() -> discord.Intents:
    """The gateway intents the clone needs; Message Content is privileged (see the README)."""
    return discord.Intents(
        guilds=True,
        guild_messages=True,
        dm_messages=True,
        message_content=True,
        guild_reactions=True,
        dm_reactions=True,
    )


class _Client(discord.AutoShardedClient):
    """discord.py's client with our event hooks; all logic lives in DiscordAdapter."""

    def __init__(self, adapter: DiscordAdapter, **options: Any) -> None:
        super().__init__(**options)
        self.adapter = adapter
        self.ready = asyncio.Event()

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        # Discord allows one IDENTIFY per 5 s per bucket; tests shorten the wait.
        if not initial:
            await asyncio.sleep(self.adapter.settings.identify_delay)

    async def on_ready(self) -> None:
        self.ready.set()

    async def on_guild_available(self, guild: discord.Guild) -> None:
        # Fires for every guild at start (and after an outage) as its GUILD_CREATE arrives.
        self.adapter.spawn(self.adapter.set_nick(guild), "nick")

    async def on_guild_join(self, guild: discord.Guild) -> None:
        self.adapter.spawn(self.adapter.set_nick(guild), "nick")

    async def on_message(self, message: discord.Message) -> None:
        self.adapter.spawn(self.adapter.process(message), "message")

    async def on_raw_message_edit(self, payload: discord.RawMessageUpdateEvent) -> None:
        self.adapter.spawn(self.adapter.process(payload), "edit")

    async def on_raw_message_delete(self, payload: discord.RawMessageDeleteEvent) -> None:
        self.adapter.spawn(self.adapter.process(payload), "delete")

    async def on_raw_reaction_add(self, payload: discord.RawReactionActionEvent) -> None:
        self.adapter.spawn(self.adapter.process(payload), "reaction")

    async def on_interaction(self, interaction: discord.Interaction) -> None:
        if interaction.type is discord.InteractionType.component:
            self.adapter.spawn(self.adapter.on_button(interaction), "button")


class DiscordAdapter(PlatformRunner[DiscordSettings]):
    """Receives gateway events and interactions; also the runner core's outbound
    replies go through on Discord."""

    platform = PLATFORM
    capabilities = CAPABILITIES

    def channel_posts(self, settings: DiscordSettings) -> tuple[int, float]:
        return settings.pacing.per_channel

    def _setup(self) -> None:
        self._out = Outbound(self.settings, self._limiter, self._running_client)
        self._client: _Client | None = None
        self._tree: app_commands.CommandTree[Any] | None = None
        self._gateway: asyncio.Task[None] | None = None

    # lifecycle

    async def start(self, handle: Handler) -> None:
        """Log in, sync slash commands, connect every shard; returns once all are ready."""
        s = self.settings
        self._inbound.bind(handle)
        if s.api_url:  # discord.py keeps the REST base on the class: one per process
            discord.http.Route.BASE = s.api_url.rstrip("/")
        if s.gateway_url:
            discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(s.gateway_url)
        client = _Client(
            self,
            intents=intents(),
            shard_count=s.shard_count,
            shard_ids=list(s.shard_ids) if s.shard_ids is not None else None,
            allowed_mentions=discord.AllowedMentions.none(),  # the default for any send
            guild_ready_timeout=s.guild_ready_timeout,
            max_messages=1000,
        )
        self._client = client
        tree = self._tree = build_tree(client, self._on_command)
        try:
            await client.login(s.token)
            if s.sync_commands:
                await tree.sync()
        except BaseException:
            await self.stop()  # closes the HTTP session the failed login opened
            raise
        self._gateway = asyncio.create_task(client.connect(reconnect=True), name="discord-gateway")
        self._gateway.add_done_callback(_log_gateway_end)
        ready = asyncio.create_task(client.ready.wait())
        done, _ = await asyncio.wait(
            {self._gateway, ready}, timeout=s.ready_timeout, return_when="FIRST_COMPLETED"
        )
        if ready not in done:
            ready.cancel()
            failed = self._gateway in done and self._gateway.exception()
            await self.stop()
            raise RuntimeError("discord: gateway never became ready") from (failed or None)
        assert client.user is not None
        log.info("discord: %s ready on shards %s", client.user, sorted(client.shards))

    async def stop(self) -> None:
        """Let running handlers finish (up to drain_seconds), then close the gateway and HTTP."""
        await self._inbound.tasks.drain(self.settings.drain_seconds)
        client, self._client = self._client, None
        if client is not None:
            await client.close()
        if self._gateway is not None:
            try:
                await self._gateway
            except Exception:
                log.warning("discord: gateway ended with an error", exc_info=True)
            self._gateway = None

    def _running_client(self) -> discord.Client:
        if self._client is None:
            raise RuntimeError("DiscordAdapter is not started")
        return self._client

    # receiving

    async def set_nick(self, guild: discord.Guild) -> None:
        # The AI marker in the nickname discloses the clone in the member list too. A guild
        # that denies Change Nickname still gets answers, so a failure is only logged.
        me, nick = guild.me, self.settings.display_name
        if not nick or me is None or me.nick == nick:
            return
        try:
            await me.edit(nick=nick)
        except discord.HTTPException:
            log.warning("discord: setting nickname %r in guild %s failed", nick, guild.id)

    async def process(self, native: Any) -> None:
        try:
            user = self._running_client().user
            assert user is not None
            event = to_event(native, bot_id=user.id)
            if event is None or not await self._inbound.first_time(event.dedup_key):
                return
            await self._inbound.answer(event, self.send)
        except Exception:
            log.exception("discord: %s failed", type(native).__name__)

    async def _on_command(self, it: discord.Interaction, spec: CommandSpec, args: str) -> None:
        # Acknowledge at once (Discord allows 3 s) and privately: core decides later whether
        # the answer is ephemeral; public answers are posted to the channel.
        try:
            await it.response.defer(ephemeral=True, thinking=True)
        except discord.HTTPException:
            log.warning("discord: could not defer interaction %s", it.id, exc_info=True)
            return
        self.spawn(self._interaction(it, command_event(it, spec, args)), "command")

    async def on_button(self, it: discord.Interaction) -> None:
        try:
            user = self._running_client().user
            event = to_event(it, bot_id=user.id if user else 0)
            if event is None:
                return
            await it.response.defer()  # stops the button's spinner; the message stays as is
        except Exception:
            log.exception("discord: button interaction %s failed", it.id)
            return
        await self._interaction(it, event, placeholder=False)

    async def _interaction(
        self, it: discord.Interaction, event: ChatEvent, *, placeholder: bool = True
    ) -> None:
        try:
            if not await self._inbound.first_time(event.dedup_key):
                return
            for reply in await self._inbound.replies(event):
                if reply.ephemeral:
                    placeholder = await self._out.send_private(it, reply, placeholder)
                else:
                    await self.send(reply)
            if placeholder:
                await it.delete_original_response()
        except Exception:
            log.exception("discord: interaction %s (%s) failed", it.id, event.kind)
            if placeholder:  # never leave the caller looking at "thinking..." forever
                with contextlib.suppress(discord.HTTPException):
                    await it.edit_original_response(content=SOMETHING_WENT_WRONG)

    # sending (what the OutboundRouter calls: send, typing, and the outbox's find_post)

    async def typing(self, target: Target) -> None:
        """One typing sign (it lasts about 10 s; core renews it)."""
        await self._out.typing(target)

    async def send(self, reply: Reply) -> SentMessage | None:
        """Send a reply (see `Outbound.send`)."""
        return await self._out.send(reply)

    async def open_thread(self, target: Target, name: str | None = None) -> Target:
        """Open a thread (on the message replied to, if any) and return a Target inside it."""
        return await self._out.open_thread(target, name)

    async def find_post(self, target: Target, text: str, since: datetime) -> SentMessage | None:
        """Our post with this text in the channel's recent history, if it went out."""
        return await self._out.find_post(target, text, since)


def _log_gateway_end(task: asyncio.Task[None]) -> None:
    # discord.py reconnects and resumes by itself; ending means a fatal close (bad token,
    # privileged intents not enabled, a parser crash). Say so loudly: nothing is received now.
    if not task.cancelled() and task.exception() is not None:
        log.error("discord: gateway stopped", exc_info=task.exception())
