"""Telegram runner: receives updates (long polling or our webhook route), sends replies, paced."""

from __future__ import annotations

import logging
import warnings
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import timedelta
from functools import partial
from typing import Any, TypeVar

from aiohttp import web
from telegram import Bot, InputFile, LinkPreviewOptions, Message, ReplyParameters, Update
from telegram.constants import ChatAction, ParseMode
from telegram.error import Forbidden, RetryAfter, TelegramError
from telegram.ext import Application, ApplicationBuilder, ContextTypes, TypeHandler
from telegram.warnings import PTBDeprecationWarning

from adapters.common.cache import LookupCache
from adapters.common.pacing import Window, wait_for_slots
from adapters.common.retry import RateLimitedTooLong, retrying
from adapters.common.runner import PlatformRunner
from adapters.telegram.events import CAPABILITIES, PLATFORM, permissions_of, to_event
from adapters.telegram.render import command_menus, render_keyboard, render_messages
from adapters.telegram.request import AiohttpRequest
from adapters.telegram.settings import TelegramSettings
from adapters.telegram.webhook import ALLOWED_UPDATES, set_webhook, webhook_app
from core.types import ChatEvent, Handler, Permission, Reply, SentMessage, Target

log = logging.getLogger(__name__)
T = TypeVar("T")


class TelegramAdapter(PlatformRunner[TelegramSettings]):
    """Receives updates and sends replies; also the runner core's outbound replies
    go through on Telegram.

    Telegram sends bots no event when a message is deleted, so this adapter never produces
    EventKind.DELETE; edits arrive as EventKind.EDIT.
    """

    platform = PLATFORM
    capabilities = CAPABILITIES

    def channel_posts(self, settings: TelegramSettings) -> tuple[int, float]:
        return settings.pacing.per_group  # a group's window: what a live round must keep to

    def _setup(self) -> None:
        self._app: Application[Any, Any, Any, Any, Any, Any] | None = None
        self._web: web.AppRunner | None = None
        self._permissions: LookupCache[tuple[int, int], frozenset[Permission]] = LookupCache(
            self._lookup, ttl=self.settings.role_ttl_seconds
        )
        self.webhook_port: int | None = None

    # lifecycle

    async def start(self, handle: Handler) -> None:
        """Connect, register commands, start receiving; returns once updates flow."""
        s = self.settings
        self._inbound.bind(handle)
        # Bot API calls go through aiohttp (request.py), not PTB's default httpx: a send cost
        # about half as much CPU under load. 32 connections carry Telegram's ~30 messages a
        # second; sends past the pool wait instead of failing. getUpdates has a request object
        # of its own in PTB, httpx unless given one: long polling's every call went through it.
        builder = (
            ApplicationBuilder()
            .token(s.token)
            .job_queue(None)
            .request(AiohttpRequest(connection_pool_size=32, pool_timeout=30.0))
            .get_updates_request(AiohttpRequest(connection_pool_size=1))
        )
        if s.base_url:
            builder = builder.base_url(s.base_url).base_file_url(s.file_url or s.base_url)
        if s.mode == "webhook":
            builder = builder.updater(None)
        app = builder.build()
        app.add_handler(TypeHandler(Update, self._on_update))
        await app.initialize()  # getMe: a wrong token fails here, loudly
        self._app = app
        try:
            await self._register_commands()
            await self._set_name()
            await app.start()
            if s.mode == "webhook":
                route = webhook_app(app, secret=s.webhook_secret or "", path=s.webhook_path)
                runner = web.AppRunner(route)
                await runner.setup()
                self._web = runner
                await web.TCPSite(runner, s.webhook_host, s.webhook_port).start()
                self.webhook_port = runner.addresses[0][1]
            elif app.updater is not None:
                # Polling deletes any webhook first; allowed_updates matches set_webhook's.
                await app.updater.start_polling(
                    allowed_updates=list(ALLOWED_UPDATES), timeout=s.poll_timeout
                )
        except BaseException:
            await self.stop()
            raise
        log.info("telegram: @%s receiving by %s", app.bot.username, s.mode)

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
        await self._inbound.tasks.drain(self.settings.drain_seconds)
        await app.shutdown()
        self._app = None

    async def set_webhook(self, url: str, secret: str) -> bool:
        """Set the webhook once (the CLI's `clonebot telegram set-webhook`)."""
        s = self.settings
        return await set_webhook(token=s.token, url=url, secret=secret, base_url=s.base_url)

    # receiving

    async def _on_update(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        self._inbound.spawn(self._process(update), f"update-{update.update_id}")

    async def _process(self, update: Update) -> None:
        try:
            bot = self._bot
            event = to_event(update, bot_id=bot.id, bot_username=bot.username)
            if event is None or not await self._inbound.first_time(event.dedup_key):
                return
            if update.callback_query is not None:
                await update.callback_query.answer()  # stops the button's spinner at once
            await self._inbound.answer(await self._with_permissions(event), self.send)
        except Exception:
            log.exception("telegram: update %s failed", update.update_id)

    async def _with_permissions(self, event: ChatEvent) -> ChatEvent:
        author = event.author
        if event.is_dm or author.is_bot or author.permissions or not author.id.isdigit():
            return event
        # One lookup in flight per member: a burst of messages shares it, then the cache.
        found = await self._permissions.get((int(event.channel_id), int(author.id)))
        return replace(event, author=replace(author, permissions=found))

    async def _lookup(self, key: tuple[int, int]) -> frozenset[Permission]:
        try:
            member = await self._bot.get_chat_member(*key)
        except TelegramError:
            log.warning("telegram: getChatMember %s/%s failed", *key, exc_info=True)
            return frozenset()
        return permissions_of(member.status)

    async def _register_commands(self) -> None:
        for commands, scope in command_menus(self.settings.admin_chat_ids):
            try:
                await self._retrying(partial(self._bot.set_my_commands, commands, scope))
            except (TelegramError, RateLimitedTooLong):
                log.warning("telegram: setMyCommands failed for %s", scope, exc_info=True)

    async def _set_name(self) -> None:
        # The AI marker in the name is disclosure wherever the bot shows up; a refusal (e.g.
        # setMyName's own rate limit) must not keep the clone offline, so it is only logged.
        name = self.settings.display_name
        if not name:
            return
        try:
            await self._bot.set_my_name(name)
        except TelegramError:
            log.warning("telegram: setMyName %r failed", name, exc_info=True)

    # sending (what the OutboundRouter calls: send, typing)

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
        fan's data export): that goes to the fan's private chat, or core's fallback is said.
        """
        target = reply.target
        if reply.reaction:
            await self._react(reply)
            return None
        if reply.ephemeral and reply.attachment and target.user_id and int(target.channel_id) < 0:
            private = replace(
                target, channel_id=target.user_id, thread_id=None, reply_to_message_id=None
            )
            try:
                return await self._deliver(replace(reply, target=private))
            except Forbidden:  # the user never opened a chat with the bot
                return await self._deliver(Reply(target=target, text=reply.private_fallback))
        return await self._deliver(reply)

    async def _react(self, reply: Reply) -> None:
        """A reaction on a message (live mode's "your question was answered"), on its own
        pacing window so pointers never delay posts; a refused one is only logged."""
        chat_id, message = int(reply.target.channel_id), _int(reply.target.reply_to_message_id)
        p, me = self.settings.pacing, f"pace:{PLATFORM}:{self._bot.id}"
        windows = [Window(f"{me}:react:{chat_id}", *p.reactions), Window(f"{me}:all", *p.overall)]
        try:
            await wait_for_slots(self._limiter, windows)
            await self._retrying(
                partial(self._bot.set_message_reaction, chat_id, message or 0, reply.reaction)
            )
        except (TelegramError, RateLimitedTooLong):
            log.warning("telegram: reaction on %s/%s failed", chat_id, message, exc_info=True)

    async def _deliver(self, reply: Reply) -> SentMessage | None:
        target = reply.target
        chat_id, thread = int(target.channel_id), _int(target.thread_id)
        first_reply = _reply_params(_int(target.reply_to_message_id))
        pieces = render_messages(reply) if reply.text or reply.citations or reply.ai_label else []
        keyboard = render_keyboard(reply)
        bot = self._bot
        sent: Message | None = None
        for i, piece in enumerate(pieces):
            last = i == len(pieces) - 1 and reply.attachment is None
            call = partial(
                bot.send_message,
                chat_id,
                piece,
                parse_mode=ParseMode.HTML,
                message_thread_id=thread,
                reply_parameters=first_reply if i == 0 else None,
                reply_markup=keyboard if last else None,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
            sent = await self._paced(chat_id, call)
        if reply.attachment is not None:
            a = reply.attachment
            call = partial(
                bot.send_document,
                chat_id,
                InputFile(a.data, filename=a.filename),
                message_thread_id=thread,
                reply_parameters=first_reply if not pieces else None,
                reply_markup=keyboard,
            )
            sent = await self._paced(chat_id, call)
        if sent is None:
            return None
        return SentMessage(PLATFORM, str(sent.chat.id), str(sent.message_id))

    async def _paced(self, chat_id: int, call: Callable[[], Awaitable[T]]) -> T:
        p, me = self.settings.pacing, f"pace:{PLATFORM}:{self._bot.id}"
        windows = [Window(f"{me}:chat:{chat_id}", *p.per_chat)]
        if chat_id < 0:  # groups, supergroups and channels have negative ids
            windows.append(Window(f"{me}:group:{chat_id}", *p.per_group))
        windows.append(Window(f"{me}:all", *p.overall))
        await wait_for_slots(self._limiter, windows)
        return await self._retrying(call)

    async def _retrying(self, call: Callable[[], Awaitable[T]]) -> T:
        return await retrying(
            call, _retry_after, max_retries=self.settings.max_retries, what=PLATFORM
        )


def _retry_after(exc: BaseException) -> float | None:
    if not isinstance(exc, RetryAfter):
        return None
    with warnings.catch_warnings():  # PTB warns that retry_after becomes a timedelta
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        after = exc.retry_after
    return after.total_seconds() if isinstance(after, timedelta) else float(after)


def _reply_params(message_id: int | None) -> ReplyParameters | None:
    # If the fan deleted their message meanwhile, still answer rather than fail.
    return ReplyParameters(message_id, allow_sending_without_reply=True) if message_id else None


def _int(value: str | None) -> int | None:
    return int(value) if value else None
