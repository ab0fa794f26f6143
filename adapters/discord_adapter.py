"""Discord adapter: gateway events -> ChatEvent, Reply -> REST messages, on discord.py 2.x."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import io
import logging
import re
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import discord
from discord import app_commands

from core.control.commands import COMMANDS, CommandSpec
from core.ports import Deduper, RateLimiter
from core.types import (
    Author,
    ChatEvent,
    Command,
    ContentKind,
    EventKind,
    Handler,
    Reply,
    Role,
    SentMessage,
    Target,
)

log = logging.getLogger(__name__)

PLATFORM = "discord"
MAX_NICK = 32
MAX_MESSAGE = 2000
MAX_CUSTOM_ID = 100
BUTTON_PREFIX = "clone"  # custom_id = "clone:{action}:{value}", so clicks survive restarts
DM_WORKSPACE = "dm"
# Discord has no ephemeral messages outside interactions: private answers go to the DM.
DM_FAILED_NOTICE = "This answer is private, but I can't DM you. Allow DMs from server members."
SORRY = "Sorry, something went wrong on my side. Please try again in a moment."
UNKNOWN_CHANNEL = 10003
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Pacing:
    """Outbound limits as (messages, seconds): Discord's per-channel and per-token ceilings."""

    per_channel: tuple[int, float] = (5, 5.0)
    overall: tuple[int, float] = (50, 1.0)


def intents() -> discord.Intents:
    """The gateway intents the clone needs; Message Content is privileged (see the README)."""
    wanted = discord.Intents.none()
    wanted.guilds = True
    wanted.guild_messages = True
    wanted.dm_messages = True
    wanted.message_content = True
    wanted.guild_reactions = True
    wanted.dm_reactions = True
    return wanted


# -- inbound translation ---------------------------------------------------------------------


def to_event(native: Any, *, bot_id: int) -> ChatEvent | None:
    """Translate a native discord.py object into a ChatEvent, or None if core has no use for it.

    Args:
        native: A `Message`, `RawMessageUpdateEvent`, `RawMessageDeleteEvent`,
            `RawReactionActionEvent`, or a button-click `Interaction` (slash commands go through
            `command_event`, which needs the command spec).
        bot_id: Our bot user's id (to see and strip mentions of the clone).
    """
    if isinstance(native, discord.Message):
        return _from_message(native, bot_id=bot_id)
    if isinstance(native, discord.RawMessageUpdateEvent):
        msg = native.message
        if msg.edited_at is None:  # embed unfurls also arrive as MESSAGE_UPDATE
            return None
        return _from_message(msg, bot_id=bot_id, edit=True)
    if isinstance(native, discord.RawMessageDeleteEvent):
        cached = native.cached_message
        where = _where(cached.channel if cached else None, native.channel_id)
        return ChatEvent(
            platform=PLATFORM,
            workspace_id=str(native.guild_id) if native.guild_id else DM_WORKSPACE,
            channel_id=where[0],
            thread_id=where[1],
            # Uncached messages (older than the cache, or sent before a restart) have no author.
            author=_author(cached.author, cached.channel) if cached else Author(id="unknown"),
            message_id=str(native.message_id),
            event_id=f"{native.message_id}:delete",
            kind=EventKind.DELETE,
            is_dm=native.guild_id is None,
            raw=native,
        )
    if isinstance(native, discord.RawReactionActionEvent):
        return ChatEvent(
            platform=PLATFORM,
            workspace_id=str(native.guild_id) if native.guild_id else DM_WORKSPACE,
            channel_id=str(native.channel_id),
            author=_author(native.member, None) if native.member else Author(str(native.user_id)),
            event_id=f"{native.message_id}:react:{native.user_id}:{native.emoji}",
            kind=EventKind.REACTION,
            is_dm=native.guild_id is None,
            reply_to_bot=native.message_author_id == bot_id,
            action=str(native.emoji),
            target_message_id=str(native.message_id),
            raw=native,
        )
    if (
        isinstance(native, discord.Interaction)
        and native.type is discord.InteractionType.component
    ):
        data: dict[str, Any] = dict(native.data or {})
        custom_id = str(data.get("custom_id", ""))
        prefix, _, rest = custom_id.partition(":")
        if prefix != BUTTON_PREFIX:
            return None
        action, _, value = rest.partition(":")
        return _from_interaction(native, EventKind.BUTTON, text=value, action=action)
    return None


def command_event(interaction: discord.Interaction, spec: CommandSpec, args: str) -> ChatEvent:
    """Translate a slash-command invocation into a COMMAND event named as core names it."""
    return _from_interaction(
        interaction,
        EventKind.COMMAND,
        text=args,
        command=Command(spec.name, tuple(args.split())),
    )


def _from_message(msg: discord.Message, *, bot_id: int, edit: bool = False) -> ChatEvent | None:
    if msg.author.id == bot_id:
        return None  # our own messages: core must never answer itself
    if msg.type not in (discord.MessageType.default, discord.MessageType.reply):
        return None  # joins, pins, thread-created notices...
    guild = msg.guild
    self_role = guild.self_role if guild else None
    mentioned = bot_id in msg.raw_mentions or any(u.id == bot_id for u in msg.mentions)
    # People often pick the bot's managed role from the autocomplete instead of the bot itself.
    role_mentioned = self_role is not None and self_role.id in msg.raw_role_mentions
    pattern = rf"<@!?{bot_id}>" + (rf"|<@&{self_role.id}>" if self_role else "")
    text = re.sub(r"[ \t]{2,}", " ", re.sub(pattern, "", msg.content)).strip()
    ref = msg.reference.resolved if msg.reference else None
    channel_id, thread_id = _where(msg.channel, msg.channel.id)
    return ChatEvent(
        platform=PLATFORM,
        workspace_id=str(guild.id) if guild else DM_WORKSPACE,
        channel_id=channel_id,
        thread_id=thread_id,
        author=_author(msg.author, msg.channel),
        text=text,
        message_id=str(msg.id),
        # An edit is a new delivery of the same message; keep it apart from the creation.
        event_id=f"{msg.id}:edit:{msg.edited_at.isoformat()}" if edit and msg.edited_at else "",
        kind=EventKind.EDIT if edit else EventKind.MESSAGE,
        content=_content(msg),
        is_dm=guild is None,
        mentions_bot=mentioned or role_mentioned,
        reply_to_bot=isinstance(ref, discord.Message) and ref.author.id == bot_id,
        timestamp=(msg.edited_at if edit and msg.edited_at else msg.created_at),
        raw=msg,
    )


def _from_interaction(
    it: discord.Interaction,
    kind: EventKind,
    *,
    text: str,
    command: Command | None = None,
    action: str | None = None,
) -> ChatEvent:
    channel_id, thread_id = _where(it.channel, it.channel_id or 0)
    return ChatEvent(
        platform=PLATFORM,
        workspace_id=str(it.guild_id) if it.guild_id else DM_WORKSPACE,
        channel_id=channel_id,
        thread_id=thread_id,
        author=_author(it.user, it.channel, it.permissions if it.guild_id else None),
        text=text,
        event_id=str(it.id),
        kind=kind,
        is_dm=it.guild_id is None,
        mentions_bot=True,  # an interaction is always addressed to the bot
        command=command,
        action=action,
        target_message_id=str(it.message.id) if it.message else None,
        timestamp=it.created_at,
        raw=it,
    )


def _where(channel: Any, fallback_id: int) -> tuple[str, str | None]:
    """(channel_id, thread_id): a thread's messages belong to its parent channel."""
    if isinstance(channel, discord.Thread) and channel.parent_id:
        return str(channel.parent_id), str(channel.id)
    return str(getattr(channel, "id", None) or fallback_id), None


def _author(
    who: discord.User | discord.Member, channel: Any, perms: discord.Permissions | None = None
) -> Author:
    roles: frozenset[Role] = frozenset()
    role_ids: frozenset[str] = frozenset()
    if isinstance(who, discord.Member):
        if perms is None:  # messages carry no permissions: compute them from the cached guild
            if isinstance(channel, discord.abc.GuildChannel | discord.Thread):
                perms = channel.permissions_for(who)
            else:
                perms = who.guild_permissions
        if perms.administrator or perms.manage_guild or perms.manage_messages:
            roles = frozenset({Role.MODERATOR})
        role_ids = frozenset(str(r.id) for r in who.roles if not r.is_default())
    return Author(
        id=str(who.id),
        display_name=who.display_name,
        is_bot=who.bot,
        platform_roles=roles,
        role_ids=role_ids,
    )


def _content(msg: discord.Message) -> ContentKind:
    if msg.flags.voice:
        return ContentKind.VOICE
    for a in msg.attachments:
        kind = (a.content_type or "").split("/", 1)[0]
        return {"image": ContentKind.IMAGE, "audio": ContentKind.VOICE}.get(kind, ContentKind.FILE)
    if msg.stickers:
        return ContentKind.STICKER
    if msg.content:
        return ContentKind.TEXT
    return ContentKind.OTHER if msg.embeds or msg.poll else ContentKind.TEXT


# -- outbound rendering ----------------------------------------------------------------------


def split_text(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """Split text into pieces of at most `limit` characters, at sentence ends where possible."""
    pieces: list[str] = []
    rest = text.strip()
    while len(rest) > limit:
        window = rest[:limit]
        cut = max(window.rfind(sep) + len(sep) for sep in ("\n", ". ", "! ", "? ", "; "))
        if cut < limit // 2:  # no sentence end in the second half: settle for a word break
            cut = window.rfind(" ") + 1
        if cut <= 0:
            cut = limit
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        pieces.append(rest)
    return pieces


def allowed_mentions(reply: Reply) -> discord.AllowedMentions:
    """Nobody by default; only the users and roles core's allow-list names. Never everyone."""
    return discord.AllowedMentions(
        everyone=False,
        users=[discord.Object(int(u)) for u in reply.mentions.user_ids],
        roles=[discord.Object(int(r)) for r in reply.mentions.role_ids],
        replied_user=False,
    )


def render_text(reply: Reply) -> list[str]:
    """The message contents: text (with the allowed mention prefix) and the AI label line."""
    text = reply.text
    if reply.mention_prefix and (reply.mentions.user_ids or reply.mentions.role_ids):
        text = f"{reply.mention_prefix} {text}"
    # Subtext rather than an embed footer: people who turn embeds off still see the label.
    label = f"-# {discord.utils.escape_markdown(reply.ai_label)}" if reply.ai_label else ""
    pieces = split_text(text) if text.strip() else []
    if label:
        if pieces and len(pieces[-1]) + 1 + len(label) <= MAX_MESSAGE:
            pieces[-1] += "\n" + label
        else:
            pieces.append(label)
    return pieces


def render_embed(reply: Reply) -> discord.Embed | None:
    """Citations as a compact "Sources" embed with linked titles."""
    if not reply.citations:
        return None
    lines = []
    for c in reply.citations:
        title = discord.utils.escape_markdown(c.title)
        if c.url and c.url.startswith(("https://", "http://")):
            lines.append(f"[{c.index}] [{title}]({c.url})" + (f" · {c.date}" if c.date else ""))
        else:
            lines.append(discord.utils.escape_markdown(c.render()))
    return discord.Embed(title="Sources", description="\n".join(lines)[:4096])


def render_view(reply: Reply) -> discord.ui.View | None:
    """Buttons with custom_id "clone:{action}:{value}"; clicks come back as BUTTON events."""
    if not reply.buttons:
        return None
    view = discord.ui.View(timeout=None)
    for b in reply.buttons:
        custom_id = f"{BUTTON_PREFIX}:{b.action}:{b.value}"
        if len(custom_id) > MAX_CUSTOM_ID:
            log.error("discord: button custom_id over 100 chars dropped: %r", custom_id)
            continue
        style = (
            discord.ButtonStyle.danger if "reject" in b.action else discord.ButtonStyle.secondary
        )
        view.add_item(discord.ui.Button(label=b.label[:80], custom_id=custom_id, style=style))
    # Clicks are read from raw interactions (see `to_event`), not from discord.py's in-memory
    # view store: a stopped view is never stored, so nothing leaks and restarts lose nothing.
    view.stop()
    return view


# -- the runner and Sender -------------------------------------------------------------------


class _Client(discord.AutoShardedClient):
    """discord.py's client with our event hooks; all logic lives in DiscordAdapter."""

    def __init__(self, adapter: DiscordAdapter, **options: Any) -> None:
        super().__init__(**options)
        self.adapter = adapter
        self.ready = asyncio.Event()

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        # Discord allows one IDENTIFY per 5 s per bucket; tests shorten the wait.
        if not initial:
            await asyncio.sleep(self.adapter._identify_delay)

    async def on_ready(self) -> None:
        self.ready.set()

    async def on_guild_available(self, guild: discord.Guild) -> None:
        # Fires for every guild at start (and after an outage) as its GUILD_CREATE arrives.
        self.adapter._spawn(guild, self.adapter._set_nick(guild))

    async def on_guild_join(self, guild: discord.Guild) -> None:
        self.adapter._spawn(guild, self.adapter._set_nick(guild))

    async def on_message(self, message: discord.Message) -> None:
        self.adapter._spawn(message, self.adapter._process(message))

    async def on_raw_message_edit(self, payload: discord.RawMessageUpdateEvent) -> None:
        self.adapter._spawn(payload, self.adapter._process(payload))

    async def on_raw_message_delete(self, payload: discord.RawMessageDeleteEvent) -> None:
        self.adapter._spawn(payload, self.adapter._process(payload))

    async def on_raw_reaction_add(self, payload: discord.RawReactionActionEvent) -> None:
        self.adapter._spawn(payload, self.adapter._process(payload))

    async def on_interaction(self, interaction: discord.Interaction) -> None:
        if interaction.type is discord.InteractionType.component:
            self.adapter._spawn(interaction, self.adapter._on_button(interaction))


class DiscordAdapter:
    """Runs an AutoShardedClient in the caller's loop and sends replies, paced."""

    platform = PLATFORM

    def __init__(
        self,
        *,
        token: str,
        deduper: Deduper,
        rate_limiter: RateLimiter,
        shard_count: int | None = None,
        shard_ids: Sequence[int] | None = None,
        sync_commands: bool = True,
        pacing: Pacing = Pacing(),
        thread_name: str = "Conversation with the clone",
        guild_ready_timeout: float = 2.0,
        identify_delay: float = 5.0,
        ready_timeout: float = 60.0,
        max_retries: int = 5,
        drain_seconds: float = 5.0,
        display_name: str | None = None,
    ) -> None:
        """Build the adapter; nothing connects until `start`.

        Args:
            token: The bot token (Developer Portal -> Bot).
            deduper: Drops repeated deliveries (RESUME replays, reconnects, several processes).
            rate_limiter: Shared limiter used for outbound pacing (waits, never drops).
            shard_count: Total shards across all processes; None asks Discord (/gateway/bot).
            shard_ids: The shards this process runs; None runs all of them.
            sync_commands: Overwrite the global slash commands on start (`tree.sync()`).
            pacing: Outbound limits per channel and per token.
            thread_name: Name of a thread opened from a message when a reply asks for one.
            guild_ready_timeout: discord.py's wait for GUILD_CREATEs after READY.
            identify_delay: Pause between shard IDENTIFYs (Discord allows one per 5 s).
            ready_timeout: How long `start` waits for every shard to be ready.
            max_retries: How many rate-limit failures in a row one send survives.
            drain_seconds: How long `stop` lets running handlers finish.
            display_name: The bot's nickname with its AI marker (honesty.ai_display_name),
                set in each guild as it becomes available; None leaves nicknames alone.
        """
        if shard_ids is not None and shard_count is None:
            raise ValueError("shard_ids needs shard_count")
        self._token = token
        self._deduper = deduper
        self._limiter = rate_limiter
        self._shard_count = shard_count
        self._shard_ids = list(shard_ids) if shard_ids is not None else None
        self._sync = sync_commands
        self._pacing = pacing
        self._thread_name = thread_name
        self._guild_ready_timeout = guild_ready_timeout
        self._identify_delay = identify_delay
        self._ready_timeout = ready_timeout
        self._max_retries = max_retries
        self._drain = drain_seconds
        if display_name and len(display_name) > MAX_NICK:
            # Cutting here could cut the AI marker; core.trust.honesty.ai_display_name fits it.
            raise ValueError(f"display_name over {MAX_NICK} characters: {display_name!r}")
        self._display_name = display_name
        self._client: _Client | None = None
        self._tree: app_commands.CommandTree[Any] | None = None
        self._runner: asyncio.Task[None] | None = None
        self._handle: Handler | None = None
        self._tasks: set[asyncio.Task[None]] = set()

    # lifecycle

    async def start(self, handle: Handler) -> None:
        """Log in, sync slash commands, connect every shard; returns once all are ready."""
        self._handle = handle
        client = _Client(
            self,
            intents=intents(),
            shard_count=self._shard_count,
            shard_ids=self._shard_ids,
            allowed_mentions=discord.AllowedMentions.none(),  # the default for any send
            guild_ready_timeout=self._guild_ready_timeout,
            max_messages=1000,
        )
        self._client = client
        tree = self._tree = build_tree(client, self._on_command)
        try:
            await client.login(self._token)
            if self._sync:
                await tree.sync()
        except BaseException:
            await self.stop()  # closes the HTTP session the failed login opened
            raise
        self._runner = asyncio.create_task(client.connect(reconnect=True), name="discord-gateway")
        self._runner.add_done_callback(_log_gateway_end)
        ready = asyncio.create_task(client.ready.wait())
        done, _ = await asyncio.wait(
            {self._runner, ready}, timeout=self._ready_timeout, return_when="FIRST_COMPLETED"
        )
        if ready not in done:
            ready.cancel()
            failed = self._runner in done and self._runner.exception()
            await self.stop()
            raise RuntimeError("discord: gateway never became ready") from (failed or None)
        assert client.user is not None
        log.info("discord: %s ready on shards %s", client.user, sorted(client.shards))

    async def stop(self) -> None:
        """Let running handlers finish (up to drain_seconds), then close the gateway and HTTP."""
        if self._tasks:
            _, pending = await asyncio.wait(set(self._tasks), timeout=self._drain)
            for task in pending:
                task.cancel()
        client, self._client = self._client, None
        if client is not None:
            await client.close()
        if self._runner is not None:
            try:
                await self._runner
            except Exception:
                log.warning("discord: gateway ended with an error", exc_info=True)
            self._runner = None

    async def open_thread(self, target: Target, name: str | None = None) -> Target:
        """Open a thread (on the message replied to, if any) and return a Target inside it.

        Core can use this for handoffs and long exchanges; alternatively it may set
        `Target.thread_id` to a message id, and `send` opens that thread on first use.
        """
        http = self._http
        channel = int(target.channel_id)
        title = (name or self._thread_name)[:100]
        if target.reply_to_message_id:
            data = await self._retrying(
                lambda: http.start_thread_with_message(
                    channel,
                    int(target.reply_to_message_id or 0),
                    name=title,
                    auto_archive_duration=1440,
                )
            )
        else:
            data = await self._retrying(
                lambda: http.start_thread_without_message(
                    channel,
                    name=title,
                    auto_archive_duration=1440,
                    type=11,  # public thread
                )
            )
        return Target(
            platform=PLATFORM,
            workspace_id=target.workspace_id,
            channel_id=target.channel_id,
            thread_id=str(data["id"]),
            user_id=target.user_id,
        )

    # receiving

    @property
    def _bot_id(self) -> int:
        if self._client is None or self._client.user is None:
            raise RuntimeError("DiscordAdapter is not started")
        return self._client.user.id

    def _spawn(self, native: Any, coro: Coroutine[Any, Any, None]) -> None:
        # Each event runs in its own task, so a slow LLM never holds up the gateway.
        task = asyncio.create_task(coro, name=f"discord-event-{type(native).__name__}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _set_nick(self, guild: discord.Guild) -> None:
        # The AI marker in the nickname discloses the clone in the member list too. A guild
        # that denies Change Nickname still gets answers, so a failure is only logged.
        me, nick = guild.me, self._display_name
        if not nick or me is None or me.nick == nick:
            return
        try:
            await me.edit(nick=nick)
        except discord.HTTPException:
            log.warning("discord: setting nickname %r in guild %s failed", nick, guild.id)

    async def _process(self, native: Any) -> None:
        try:
            event = to_event(native, bot_id=self._bot_id)
            if event is None or not await self._deduper.first_time(event.dedup_key):
                return
            assert self._handle is not None
            for reply in await self._handle(event):
                await self.send(reply)
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
        self._spawn(it, self._interaction(it, command_event(it, spec, args)))

    async def _on_button(self, it: discord.Interaction) -> None:
        try:
            event = to_event(it, bot_id=self._bot_id)
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
            if not await self._deduper.first_time(event.dedup_key):
                return
            assert self._handle is not None
            for reply in await self._handle(event):
                if reply.ephemeral:
                    placeholder = await self._private(it, reply, placeholder)
                else:
                    await self.send(reply)
            if placeholder:
                await it.delete_original_response()
        except Exception:
            log.exception("discord: interaction %s (%s) failed", it.id, event.kind)
            if placeholder:  # never leave the caller looking at "thinking..." forever
                with contextlib.suppress(discord.HTTPException):
                    await it.edit_original_response(content=SORRY)

    async def _private(self, it: discord.Interaction, reply: Reply, placeholder: bool) -> bool:
        """Send an ephemeral reply; the first piece replaces the "thinking..." placeholder."""
        pieces = render_text(reply) or [""]
        embed, view = render_embed(reply), render_view(reply)
        for i, piece in enumerate(pieces):
            kwargs: dict[str, Any] = {
                "content": piece or None,
                "allowed_mentions": allowed_mentions(reply),
            }
            file = None
            if i == len(pieces) - 1:
                if embed is not None:
                    kwargs["embed"] = embed
                if view is not None:
                    kwargs["view"] = view
                if reply.attachment is not None:
                    a = reply.attachment
                    file = discord.File(io.BytesIO(a.data), filename=a.filename)
            if placeholder:
                if file is not None:
                    kwargs["attachments"] = [file]
                await self._retrying(functools.partial(it.edit_original_response, **kwargs))
                placeholder = False
            else:
                if file is not None:
                    kwargs["file"] = file
                await self._retrying(functools.partial(it.followup.send, ephemeral=True, **kwargs))
        return placeholder

    # sending (the Sender port)

    @property
    def _http(self) -> Any:
        if self._client is None:
            raise RuntimeError("DiscordAdapter is not started")
        return self._client.http

    async def typing(self, target: Target) -> None:
        """One typing sign (it lasts about 10 s; core renews it)."""
        try:
            await self._http.send_typing(int(target.thread_id or target.channel_id))
        except discord.HTTPException:
            log.debug("discord: typing failed in %s", target.channel_id, exc_info=True)

    async def send(self, reply: Reply) -> SentMessage | None:
        """Send a reply: split text, reference, embed, buttons, attachment, allowed mentions."""
        target = reply.target
        if reply.ephemeral and target.user_id and target.workspace_id != DM_WORKSPACE:
            try:
                dm = await self._retrying(lambda: self._http.start_private_message(target.user_id))
                private = Target(PLATFORM, DM_WORKSPACE, str(dm["id"]))
                return await self._deliver(reply, private)
            except discord.Forbidden:  # the user does not accept DMs from this server
                return await self._deliver(Reply(target=target, text=DM_FAILED_NOTICE), target)
        try:
            return await self._deliver(reply, target)
        except discord.NotFound as exc:
            if exc.code != UNKNOWN_CHANNEL or not target.thread_id:
                raise
            # Core asked for a thread on a message (Slack-style thread_id = message id) that
            # does not exist yet: open it, then post. A thread takes its message's id.
            opened = await self.open_thread(
                Target(
                    PLATFORM,
                    target.workspace_id,
                    target.channel_id,
                    reply_to_message_id=target.thread_id,
                )
            )
            return await self._deliver(reply, opened)

    async def _deliver(self, reply: Reply, target: Target) -> SentMessage | None:
        client = self._client
        if client is None:
            raise RuntimeError("DiscordAdapter is not started")
        dest = int(target.thread_id or target.channel_id)
        channel = client.get_partial_messageable(
            dest,
            guild_id=None if target.workspace_id == DM_WORKSPACE else int(target.workspace_id),
        )
        pieces = render_text(reply)
        embed, view = render_embed(reply), render_view(reply)
        if not pieces and (embed or view or reply.attachment):
            pieces = [""]
        ref = None
        if target.reply_to_message_id:
            # If the message is gone (or lives in the parent channel), still answer.
            ref = discord.MessageReference(
                message_id=int(target.reply_to_message_id),
                channel_id=dest,
                fail_if_not_exists=False,
            )
        sent: discord.Message | None = None
        for i, piece in enumerate(pieces):
            last = i == len(pieces) - 1
            kwargs: dict[str, Any] = {
                "content": piece or None,
                "allowed_mentions": allowed_mentions(reply),
                "mention_author": False,
            }
            if i == 0 and ref is not None:
                kwargs["reference"] = ref
            if last and embed is not None:
                kwargs["embed"] = embed
            if last and view is not None:
                kwargs["view"] = view
            if last and reply.attachment is not None:
                a = reply.attachment
                kwargs["file"] = discord.File(io.BytesIO(a.data), filename=a.filename)
            await self._wait_turn(dest)
            sent = await self._retrying(functools.partial(channel.send, **kwargs))
        if sent is None:
            return None
        return SentMessage(PLATFORM, str(sent.channel.id), str(sent.id))

    async def _wait_turn(self, channel_id: int) -> None:
        p = self._pacing
        keys = [(f"discord:channel:{channel_id}", *p.per_channel), ("discord:all", *p.overall)]
        for key, limit, per in keys:
            # Wait for a slot rather than drop: every reply core decided to send goes out.
            while not await self._limiter.allow(key, int(limit), per):  # noqa: ASYNC110
                await asyncio.sleep(min(max(per / limit / 4, 0.02), 0.5))

    async def _retrying(self, call: Callable[[], Awaitable[T]]) -> T:
        # discord.py already sleeps out each 429 (up to 5 tries per request); this outer loop
        # covers a long 429 streak, so a reply is delayed rather than lost.
        for attempt in range(self._max_retries + 1):
            try:
                return await call()
            except discord.RateLimited as exc:
                wait = exc.retry_after
            except discord.HTTPException as exc:
                if exc.status != 429:
                    raise
                headers = exc.response.headers
                wait = float(headers.get("Retry-After") or 1.0)
            if attempt == self._max_retries:
                break
            log.warning("discord: still rate limited, retrying in %.1f s", wait)
            await asyncio.sleep(wait)
        raise RuntimeError("discord: gave up after repeated rate limits")


def _log_gateway_end(task: asyncio.Task[None]) -> None:
    # discord.py reconnects and resumes by itself; ending means a fatal close (bad token,
    # privileged intents not enabled, a parser crash). Say so loudly: nothing is received now.
    if not task.cancelled() and task.exception() is not None:
        log.error("discord: gateway stopped", exc_info=task.exception())


# -- slash commands --------------------------------------------------------------------------

CommandCallback = Callable[[discord.Interaction, CommandSpec, str], Awaitable[None]]


def build_tree(
    client: discord.Client, on_command: CommandCallback
) -> app_commands.CommandTree[Any]:
    """Every core command as a Discord application command: `/clone <sub>` and top-level ones."""
    tree: app_commands.CommandTree[Any] = app_commands.CommandTree(client)
    group = app_commands.Group(name="clone", description="Control the creator's AI clone")
    for spec in COMMANDS:
        command = _slash(spec, on_command)
        if spec.sub is None:
            tree.add_command(command)
        else:
            group.add_command(command)
    tree.add_command(group)
    return tree


def _slash(spec: CommandSpec, on_command: CommandCallback) -> app_commands.Command[Any, ..., None]:
    name = spec.sub or spec.name
    description = spec.help[:100]
    if not spec.args:

        async def bare(interaction: discord.Interaction[Any]) -> None:
            await on_command(interaction, spec, "")

        return app_commands.Command(name=name, description=description, callback=bare)

    # "<question>" is one required value; anything else ("[duration] [here|@user]") is free text.
    single = re.fullmatch(r"<([a-z-]+)>", spec.args)
    if single:

        async def required(interaction: discord.Interaction[Any], value: str) -> None:
            await on_command(interaction, spec, value)

        command: app_commands.Command[Any, ..., None] = app_commands.Command(
            name=name, description=description, callback=required
        )
        app_commands.rename(value=single.group(1))(command)
        return app_commands.describe(value=spec.args)(command)

    async def optional(interaction: discord.Interaction[Any], args: str = "") -> None:
        await on_command(interaction, spec, args)

    command = app_commands.Command(name=name, description=description, callback=optional)
    return app_commands.describe(args=spec.args[:100])(command)
