"""Telegram adapter: Update -> ChatEvent, Reply -> Bot API calls, on python-telegram-bot v22."""

from __future__ import annotations

import asyncio
import html
import logging
import re
import time
import warnings
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from datetime import timedelta
from functools import partial
from typing import Any, Literal, TypeVar

from aiohttp import web
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllChatAdministrators,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    LinkPreviewOptions,
    Message,
    ReplyParameters,
    Update,
)
from telegram.constants import ChatAction, ChatMemberStatus, ChatType, ParseMode
from telegram.error import Forbidden, RetryAfter, TelegramError
from telegram.ext import Application, ApplicationBuilder, ContextTypes, TypeHandler
from telegram.warnings import PTBDeprecationWarning

from adapters.telegram_request import AiohttpRequest
from adapters.telegram_webhook import ALLOWED_UPDATES, webhook_app
from adapters.telegram_webhook import set_webhook as _set_webhook
from core.control.commands import COMMANDS, parse_command
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

PLATFORM = "telegram"
MAX_MESSAGE = 4096
MAX_CALLBACK_DATA = 64
# Telegram has no ephemeral messages: a private file (the fan's data) asked for in a group
# goes to the fan's DM instead; this tells them how when they never opened one.
OPEN_DM_NOTICE = "This answer is private. Start a chat with @{bot} and send the command there."
# Telegram's own commands: clients send /start when a fan opens the bot, /help by habit.
NATIVE_ABOUT = ("/start", "/help")
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Pacing:
    """Outbound limits as (messages, seconds); Telegram's published ceilings by default."""

    per_chat: tuple[int, float] = (1, 1.0)
    per_group: tuple[int, float] = (20, 60.0)
    overall: tuple[int, float] = (30, 1.0)


# -- inbound translation ---------------------------------------------------------------------


def to_event(
    update: Update, *, bot_id: int, bot_username: str, roles: frozenset[Role] = frozenset()
) -> ChatEvent | None:
    """Translate one Update into a ChatEvent, or None for updates core has no use for.

    Args:
        update: The native update.
        bot_id: Our bot's user id (to see replies to the bot).
        bot_username: Our bot's username without "@" (to see and strip mentions).
        roles: Platform roles of the sender, looked up by the runner (getChatMember).
    """
    event_id = f"{bot_id}:{update.update_id}"  # update ids are per bot; a shared Deduper sees many
    query = update.callback_query
    if query is not None:
        msg = query.message
        if msg is None:  # a button on an inline-mode message: we never send those
            return None
        action, _, value = (query.data or "").partition(":")
        return ChatEvent(
            platform=PLATFORM,
            workspace_id=_workspace(msg.chat.type, msg.chat.id),
            channel_id=str(msg.chat.id),
            thread_id=_thread(msg) if isinstance(msg, Message) else None,
            author=Author(
                id=str(query.from_user.id),
                display_name=query.from_user.full_name,
                is_bot=query.from_user.is_bot,
                platform_roles=roles,
            ),
            text=value,
            event_id=event_id,
            kind=EventKind.BUTTON,
            is_dm=msg.chat.type == ChatType.PRIVATE,
            action=action,
            target_message_id=str(msg.message_id),
            raw=update,
        )

    edited = update.edited_message or update.edited_channel_post
    msg = update.message or update.channel_post or edited
    if msg is None:
        return None
    content = _content(msg)
    if content is None:  # service messages: joins, pins, topic created...
        return None
    text = msg.text or msg.caption or ""
    chat = msg.chat
    mention = re.compile(rf"@{re.escape(bot_username)}\b", re.IGNORECASE) if bot_username else None
    mentions_bot = bool(mention and mention.search(text)) or any(
        e.type == "text_mention" and e.user is not None and e.user.id == bot_id
        for e in (msg.entities or msg.caption_entities or ())
    )
    kind, command = EventKind.EDIT if edited else EventKind.MESSAGE, None
    if not edited and text.startswith("/"):
        head = text.split(maxsplit=1)[0]
        addressee = head.partition("@")[2].lower()
        # "/about@other_bot" belongs to another bot in the same group: it is just a message.
        if not addressee or addressee == bot_username.lower():
            command = parse_command(text)
            if command is None and head.partition("@")[0].lower() in NATIVE_ABOUT:
                command = Command("about")
            kind = EventKind.COMMAND if command else kind
    if mention:
        text = re.sub(r"\s{2,}", " ", mention.sub("", text)).strip()
    return ChatEvent(
        platform=PLATFORM,
        workspace_id=_workspace(chat.type, chat.id),
        channel_id=str(chat.id),
        thread_id=_thread(msg),
        author=_author(msg, roles),
        text=text,
        message_id=str(msg.message_id),
        event_id=event_id,
        kind=kind,
        content=content,
        is_dm=chat.type == ChatType.PRIVATE,
        mentions_bot=mentions_bot,
        reply_to_bot=_replies_to_clone(msg, bot_id),
        command=command,
        reply_to_author=_replied_author(msg),
        timestamp=(msg.edit_date if edited and msg.edit_date else msg.date),
        raw=update,
    )


def _replies_to_clone(msg: Message, bot_id: int) -> bool:
    replied = msg.reply_to_message
    if replied is None or msg.is_topic_message and replied.forum_topic_created:
        return False  # in a topic, Telegram makes every message "reply" to the topic's start
    if replied.from_user is not None and replied.from_user.id == bot_id:
        return True
    # A comment under a channel post replies to that post's automatic forward into the
    # discussion group: it is addressed to the creator, whom the clone stands in for there.
    return bool(replied.is_automatic_forward)


def _workspace(chat_type: str, chat_id: int) -> str:
    return "dm" if chat_type == ChatType.PRIVATE else str(chat_id)


def _thread(msg: Message) -> str | None:
    # Only forum topics are threads. Plain supergroups (and a channel's discussion group) also
    # number reply chains, but those are one conversation with the group, not separate ones.
    return str(msg.message_thread_id) if msg.is_topic_message and msg.message_thread_id else None


def _content(msg: Message) -> ContentKind | None:
    if msg.voice or msg.audio or msg.video_note:
        return ContentKind.VOICE
    if msg.photo:
        return ContentKind.IMAGE
    if msg.sticker:
        return ContentKind.STICKER
    if msg.document:
        return ContentKind.FILE
    if msg.video or msg.animation or msg.location or msg.poll or msg.contact or msg.dice:
        return ContentKind.OTHER
    if msg.text is not None or msg.caption is not None:
        return ContentKind.TEXT
    return None


def _author(msg: Message, roles: frozenset[Role]) -> Author:
    if msg.sender_chat is not None:
        # Posted as a chat: an anonymous group admin (sender_chat is the group itself), the
        # channel's own post, or the linked channel's automatic forward into its discussion
        # group. Only the first two prove admin rights; anyone may post "as" some channel.
        sender = msg.sender_chat
        admin = sender.id == msg.chat.id
        return Author(
            id=str(sender.id),
            display_name=sender.title or sender.full_name or "",
            platform_roles=frozenset({Role.MODERATOR}) if admin else frozenset(),
        )
    user = msg.from_user
    if user is None:
        return Author(id="unknown")
    return Author(
        id=str(user.id),
        display_name=user.full_name,
        is_bot=user.is_bot,
        platform_roles=roles,
        username=user.username or "",
    )


def _replied_author(msg: Message) -> Author | None:
    """Who wrote the message this one replies to (`/clone_mute @name` names them by it)."""
    replied = msg.reply_to_message
    if replied is None or (msg.is_topic_message and replied.forum_topic_created):
        return None
    return _author(replied, frozenset()) if replied.from_user or replied.sender_chat else None


# -- outbound rendering ----------------------------------------------------------------------


def units(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units (an emoji outside the BMP counts 2)."""
    return len(text.encode("utf-16-le")) // 2


def _fit(text: str, limit: int) -> int:
    """How many leading characters of `text` fit in `limit` UTF-16 units."""
    used = 0
    for i, ch in enumerate(text):
        used += 2 if ord(ch) > 0xFFFF else 1
        if used > limit:
            return i
    return len(text)


def split_text(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """Split text into pieces of at most `limit` UTF-16 units, at sentence ends where possible."""
    pieces: list[str] = []
    rest = text.strip()
    while units(rest) > limit:
        fit = _fit(rest, limit)
        # One character more than fits: a separator right after the limit is a fine cut too.
        window = rest[: fit + 1]
        cut = max(window.rfind(sep) + len(sep) for sep in ("\n", ". ", "! ", "? ", "; "))
        if cut < fit // 2:  # no sentence end in the second half: settle for a word break
            cut = window.rfind(" ") + 1
        if cut <= 0:
            cut = max(fit, 1)
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        pieces.append(rest)
    return pieces


def render_footer(reply: Reply) -> tuple[str, int]:
    """The sources line and AI label as HTML, and how many characters Telegram will count."""
    lines_html: list[str] = []
    visible = 0
    if reply.citations:
        parts, plain = [], []
        for c in reply.citations:
            label = f"[{c.index}] {c.title}"
            plain.append(label)
            if c.url and c.url.startswith(("https://", "http://")):
                parts.append(f'<a href="{html.escape(c.url)}">{html.escape(label)}</a>')
            else:
                parts.append(html.escape(label + (f" ({c.date})" if c.date else "")))
                plain[-1] += f" ({c.date})" if c.date else ""
        lines_html.append("Sources: " + " · ".join(parts))
        visible += units("Sources: " + " · ".join(plain))
    if reply.ai_label:
        lines_html.append(f"<i>{html.escape(reply.ai_label)}</i>")
        visible += units(reply.ai_label)
    return "\n".join(lines_html), visible + len(lines_html)


def render_keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    """Reply buttons as one row of inline callback buttons with data "action:value"."""
    row = []
    for b in reply.buttons:
        data = f"{b.action}:{b.value}"
        if len(data.encode()) > MAX_CALLBACK_DATA:
            log.error("telegram: button data over 64 bytes dropped: %r", data)
            continue
        row.append(InlineKeyboardButton(b.label, callback_data=data))
    return InlineKeyboardMarkup([row]) if row else None


def render_mention(reply: Reply) -> tuple[str, int]:
    """Core's ping prefix (`<@&id>`, as for Discord) as Telegram HTML, and its visible length.

    Telegram has no roles: bot.toml's telegram `moderator_role_id` names a user id (pinged by a
    tg://user link) or an @username. Only ids that `reply.mentions` allows are ever emitted.
    """
    found = re.fullmatch(r"<@&?([^<>\s]+)>", reply.mention_prefix.strip())
    who = found.group(1) if found else ""
    if not who or who not in (*reply.mentions.user_ids, *reply.mentions.role_ids):
        return "", 0
    if who.isdigit():
        return f'<a href="tg://user?id={who}">moderators</a>', len("moderators")
    name = "@" + who.lstrip("@")
    return html.escape(name), units(name)


def render_messages(reply: Reply) -> list[str]:
    """The reply as HTML messages: escaped text in pieces, the footer on the last one."""
    text = reply.text
    prefix, prefix_len = render_mention(reply)
    plain = split_text(text, MAX_MESSAGE - prefix_len - 1)
    pieces = [html.escape(p) for p in plain]
    if prefix:
        pieces = [f"{prefix} {pieces[0]}" if pieces else prefix, *pieces[1:]]
    footer, footer_len = render_footer(reply)
    if footer:
        last = plain[-1] if plain else ""
        if pieces and units(last) + prefix_len * (len(plain) == 1) + 1 + footer_len <= MAX_MESSAGE:
            pieces[-1] += "\n" + footer
        else:
            pieces.append(footer)
    return pieces


# -- the runner and Sender -------------------------------------------------------------------


class TelegramAdapter:
    """Receives updates (long polling or our webhook route) and sends replies, paced.

    Telegram sends bots no event when a message is deleted, so this adapter never produces
    EventKind.DELETE; edits arrive as EventKind.EDIT.
    """

    platform = PLATFORM

    def __init__(
        self,
        *,
        token: str,
        deduper: Deduper,
        rate_limiter: RateLimiter,
        mode: Literal["polling", "webhook"] = "polling",
        webhook_secret: str | None = None,
        webhook_host: str = "0.0.0.0",
        webhook_port: int = 8443,
        webhook_path: str = "/telegram/webhook",
        base_url: str | None = None,
        base_file_url: str | None = None,
        admin_chat_ids: Sequence[int] = (),
        pacing: Pacing = Pacing(),
        role_ttl_seconds: float = 60.0,
        poll_timeout: int = 10,
        max_retries: int = 5,
        drain_seconds: float = 5.0,
        display_name: str | None = None,
    ) -> None:
        """Build the adapter; nothing connects until `start`.

        Args:
            token: Bot token from BotFather.
            deduper: Drops repeated update ids.
            rate_limiter: Shared limiter used for outbound pacing (waits, never drops).
            mode: "polling" (one process per token) or "webhook" (our own aiohttp route).
            webhook_secret: Required in webhook mode; compared with the secret header.
            webhook_host: Interface the webhook route listens on.
            webhook_port: Port of the webhook route (0 picks a free one; see `webhook_port`).
            webhook_path: Path of the webhook route.
            base_url: Bot API URL override, e.g. "http://127.0.0.1:PORT/bot" for a fake.
            base_file_url: File URL override, paired with base_url.
            admin_chat_ids: Private chats (creator, moderators) that get the full command menu.
            pacing: Outbound limits per chat, per group and overall.
            role_ttl_seconds: How long a getChatMember answer is trusted.
            poll_timeout: Long-polling timeout in seconds.
            max_retries: How many 429s in a row one send survives.
            drain_seconds: How long `stop` lets running handlers finish.
            display_name: The bot's name with its AI marker (core.trust.honesty.ai_display_name),
                set with setMyName on start; None leaves BotFather's name alone.
        """
        if mode == "webhook" and not webhook_secret:
            raise ValueError("webhook mode needs webhook_secret")
        self._token = token
        self._deduper = deduper
        self._limiter = rate_limiter
        self._mode = mode
        self._secret = webhook_secret or ""
        self._host, self._port, self._path = webhook_host, webhook_port, webhook_path
        self._base_url, self._base_file_url = base_url, base_file_url
        self._admin_chats = tuple(admin_chat_ids)
        self._pacing = pacing
        self._role_ttl = role_ttl_seconds
        self._poll_timeout = poll_timeout
        self._max_retries = max_retries
        self._drain = drain_seconds
        self._display_name = display_name
        self._app: Application[Any, Any, Any, Any, Any, Any] | None = None
        self._web: web.AppRunner | None = None
        self._handle: Handler | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._roles: dict[tuple[int, int], tuple[float, asyncio.Future[frozenset[Role]]]] = {}
        self.webhook_port: int | None = None

    # lifecycle

    async def start(self, handle: Handler) -> None:
        """Connect, register commands, start receiving; returns once updates flow."""
        self._handle = handle
        # Bot API calls go through aiohttp (adapters/telegram_request.py), not PTB's default
        # httpx: a send cost about half as much CPU under load. Telegram lets a bot send about
        # 30 messages a second, which 32 connections carry with room to spare; sends past the
        # pool wait instead of failing. Long polling keeps PTB's own request object.
        builder = (
            ApplicationBuilder()
            .token(self._token)
            .job_queue(None)
            .request(AiohttpRequest(connection_pool_size=32, pool_timeout=30.0))
        )
        if self._base_url:
            builder = builder.base_url(self._base_url)
            builder = builder.base_file_url(self._base_file_url or self._base_url)
        if self._mode == "webhook":
            builder = builder.updater(None)
        app = builder.build()
        app.add_handler(TypeHandler(Update, self._on_update))
        await app.initialize()  # getMe: a wrong token fails here, loudly
        self._app = app
        try:
            await self._register_commands()
            await self._set_name()
            await app.start()
            if self._mode == "webhook":
                runner = web.AppRunner(webhook_app(app, secret=self._secret, path=self._path))
                await runner.setup()
                self._web = runner
                await web.TCPSite(runner, self._host, self._port).start()
                self.webhook_port = runner.addresses[0][1]
            elif app.updater is not None:
                # Polling deletes any webhook first; allowed_updates matches set_webhook's.
                await app.updater.start_polling(
                    allowed_updates=list(ALLOWED_UPDATES), timeout=self._poll_timeout
                )
        except BaseException:
            await self.stop()
            raise
        log.info("telegram: @%s receiving by %s", app.bot.username, self._mode)

    async def stop(self) -> None:
        """Stop receiving, let running handlers finish (up to drain_seconds), disconnect."""
        if self._web is not None:
            await self._web.cleanup()
            self._web = None
        app = self._app
        if app is None:
            return
        if app.updater is not None and app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()
        if self._tasks:
            _, pending = await asyncio.wait(set(self._tasks), timeout=self._drain)
            for task in pending:
                task.cancel()
        await app.shutdown()
        self._app = None

    async def set_webhook(self, url: str, secret: str) -> bool:
        """Set the webhook once (the CLI's `clonebot telegram set-webhook`)."""
        return await _set_webhook(
            token=self._token, url=url, secret=secret, base_url=self._base_url
        )

    # receiving

    async def _on_update(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        # Each update runs in its own task, so a slow LLM never holds up the next update.
        task = asyncio.create_task(self._process(update))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _process(self, update: Update) -> None:
        try:
            bot = self._bot
            event = to_event(update, bot_id=bot.id, bot_username=bot.username)
            if event is None or not await self._deduper.first_time(event.dedup_key):
                return
            if update.callback_query is not None:
                await update.callback_query.answer()  # stops the button's spinner at once
            event = await self._with_roles(event)
            assert self._handle is not None
            replies = await self._handle(event)
        except Exception:
            log.exception("telegram: update %s failed", update.update_id)
            return
        for reply in replies:
            try:  # one undeliverable reply (e.g. a chat that blocked us) spares the others
                await self.send(reply)
            except Exception:
                log.exception(
                    "telegram: reply to update %s in %s failed",
                    update.update_id,
                    reply.target.channel_id,
                )

    async def _with_roles(self, event: ChatEvent) -> ChatEvent:
        author = event.author
        if event.is_dm or author.is_bot or author.platform_roles or not author.id.isdigit():
            return event
        key = (int(event.channel_id), int(author.id))
        cached = self._roles.get(key)
        if cached is None or cached[0] < time.monotonic():
            # One lookup in flight per member: a burst of messages shares it.
            cached = (time.monotonic() + self._role_ttl, asyncio.ensure_future(self._lookup(*key)))
            self._roles[key] = cached
        roles = await asyncio.shield(cached[1])
        return replace(event, author=replace(author, platform_roles=roles))

    async def _lookup(self, chat_id: int, user_id: int) -> frozenset[Role]:
        try:
            member = await self._bot.get_chat_member(chat_id, user_id)
        except TelegramError:
            log.warning("telegram: getChatMember %s/%s failed", chat_id, user_id, exc_info=True)
            return frozenset()
        admin = member.status in (ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR)
        return frozenset({Role.MODERATOR}) if admin else frozenset()

    async def _register_commands(self) -> None:
        def menu(specs: Sequence[Any]) -> list[BotCommand]:
            return [BotCommand(s.telegram_name, f"{s.help} {s.args}".strip()[:256]) for s in specs]

        fans = menu([s for s in COMMANDS if s.role == Role.FAN])
        everything = menu(COMMANDS)
        scopes: list[tuple[list[BotCommand], Any]] = [
            (fans, BotCommandScopeAllPrivateChats()),
            (fans, BotCommandScopeAllGroupChats()),
            # The admins' menu replaces the group menu for them, so it lists fan commands too.
            (everything, BotCommandScopeAllChatAdministrators()),
        ]
        scopes += [(everything, BotCommandScopeChat(chat_id)) for chat_id in self._admin_chats]
        for commands, scope in scopes:
            try:
                await self._retrying(partial(self._bot.set_my_commands, commands, scope))
            except TelegramError:
                log.warning("telegram: setMyCommands failed for %s", scope, exc_info=True)

    async def _set_name(self) -> None:
        # The AI marker in the name is disclosure wherever the bot shows up; a refusal (e.g.
        # setMyName's own rate limit) must not keep the clone offline, so it is only logged.
        if not self._display_name:
            return
        try:
            await self._bot.set_my_name(self._display_name)
        except TelegramError:
            log.warning("telegram: setMyName %r failed", self._display_name, exc_info=True)

    # sending (the Sender port)

    @property
    def _bot(self) -> Bot:
        if self._app is None:
            raise RuntimeError("TelegramAdapter is not started")
        bot: Bot = self._app.bot
        return bot

    async def typing(self, target: Target) -> None:
        """One `typing` chat action (it lasts up to 5 s; core renews it)."""
        try:
            await self._bot.send_chat_action(
                int(target.channel_id), ChatAction.TYPING, message_thread_id=_int(target.thread_id)
            )
        except TelegramError:
            log.debug("telegram: typing failed in %s", target.channel_id, exc_info=True)

    async def send(self, reply: Reply) -> SentMessage | None:
        """Send a reply: HTML-escaped pieces, threaded, with footer, buttons and attachment.

        Telegram has no ephemeral messages. An ephemeral reply in a group is posted as a normal
        threaded reply (command results, refusals), except when it carries an attachment (a
        fan's data export): that goes to the fan's private chat.
        """
        target = reply.target
        chat_id = int(target.channel_id)
        if reply.ephemeral and reply.attachment and target.user_id and chat_id < 0:
            private = replace(
                target, channel_id=target.user_id, thread_id=None, reply_to_message_id=None
            )
            try:
                return await self._deliver(replace(reply, target=private))
            except Forbidden:  # the user never opened a chat with the bot
                notice = OPEN_DM_NOTICE.format(bot=self._bot.username)
                return await self._deliver(Reply(target=target, text=notice))
        return await self._deliver(reply)

    async def _deliver(self, reply: Reply) -> SentMessage | None:
        target = reply.target
        chat_id, thread = int(target.channel_id), _int(target.thread_id)
        reply_to = _int(target.reply_to_message_id)
        pieces = render_messages(reply) if reply.text or reply.citations or reply.ai_label else []
        keyboard = render_keyboard(reply)
        sent: Message | None = None
        for i, piece in enumerate(pieces):
            last = i == len(pieces) - 1 and reply.attachment is None
            sent = await self._paced(
                chat_id,
                partial(
                    self._bot.send_message,
                    chat_id,
                    piece,
                    parse_mode=ParseMode.HTML,
                    message_thread_id=thread,
                    reply_parameters=_reply_params(reply_to) if i == 0 else None,
                    reply_markup=keyboard if last else None,
                    link_preview_options=LinkPreviewOptions(is_disabled=True),
                ),
            )
        if reply.attachment is not None:
            a = reply.attachment
            sent = await self._paced(
                chat_id,
                partial(
                    self._bot.send_document,
                    chat_id,
                    InputFile(a.data, filename=a.filename),
                    message_thread_id=thread,
                    reply_parameters=_reply_params(reply_to) if not pieces else None,
                    reply_markup=keyboard,
                ),
            )
        if sent is None:
            return None
        return SentMessage(PLATFORM, str(sent.chat.id), str(sent.message_id))

    async def _paced(self, chat_id: int, call: Callable[[], Awaitable[T]]) -> T:
        p = self._pacing
        keys = [(f"telegram:{self._bot.id}:chat:{chat_id}", *p.per_chat)]
        if chat_id < 0:  # groups, supergroups and channels have negative ids
            keys.append((f"telegram:{self._bot.id}:group:{chat_id}", *p.per_group))
        keys.append((f"telegram:{self._bot.id}:all", *p.overall))
        for key, limit, per in keys:
            # Wait for a slot rather than drop: every reply core decided to send goes out.
            while not await self._limiter.allow(key, int(limit), per):  # noqa: ASYNC110
                await asyncio.sleep(min(max(per / limit / 4, 0.02), 0.5))
        return await self._retrying(call)

    async def _retrying(self, call: Callable[[], Awaitable[T]]) -> T:
        for attempt in range(self._max_retries + 1):
            try:
                return await call()
            except RetryAfter as exc:
                if attempt == self._max_retries:
                    raise
                wait = _seconds(exc)
                log.warning("telegram: 429, retrying in %.1f s", wait)
                await asyncio.sleep(wait)
        raise AssertionError("unreachable")


def _reply_params(message_id: int | None) -> ReplyParameters | None:
    # If the fan deleted their message meanwhile, still answer rather than fail.
    return ReplyParameters(message_id, allow_sending_without_reply=True) if message_id else None


def _int(value: str | None) -> int | None:
    return int(value) if value else None


def _seconds(exc: RetryAfter) -> float:
    with warnings.catch_warnings():  # PTB warns that retry_after becomes a timedelta
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        after = exc.retry_after
    return after.total_seconds() if isinstance(after, timedelta) else float(after)
