"""Slack runner: Bolt in Socket Mode or HTTP mode; receives deliveries, sends replies, paced."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Mapping
from datetime import datetime
from functools import partial
from typing import Any

import aiohttp
from aiohttp import web
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_bolt.response import BoltResponse
from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from adapters.common.pacing import Window, wait_for_slots
from adapters.common.runner import PlatformRunner
from adapters.slack.directory import Directory, api_error
from adapters.slack.events import (
    CAPABILITIES,
    PLATFORM,
    delivery_id,
    is_dm_channel,
    to_event,
    user_id_of,
)
from adapters.slack.http import http_app
from adapters.slack.render import emoji_name, render, text_hash
from adapters.slack.settings import SlackSettings
from core.control.commands import COMMANDS
from core.types import ChatEvent, EventKind, Handler, Reply, SentMessage, Target

log = logging.getLogger("clonebot.slack")

# Every top-level name core declares: /clone (with subcommands), /ask, /about, /human, ...
SLASH_COMMANDS: tuple[str, ...] = tuple(sorted({"/" + spec.group for spec in COMMANDS}))


class SlackAdapter(PlatformRunner[SlackSettings]):
    """Runs a clone in one Slack workspace via Bolt; also the runner core's
    outbound replies go through on Slack."""

    platform = PLATFORM
    capabilities = CAPABILITIES

    def channel_posts(self, settings: SlackSettings) -> tuple[int, float]:
        return settings.pace

    def _setup(self) -> None:
        settings = self.settings
        self._retry: list[AsyncRetryHandler] = [
            AsyncRateLimitErrorRetryHandler(max_retry_count=settings.max_429_retries)
        ]
        self.client = AsyncWebClient(
            token=settings.bot_token,
            base_url=settings.base_url or AsyncWebClient.BASE_URL,
            retry_handlers=self._retry,
        )
        self._directory = Directory(self.client, ttl=settings.user_cache_seconds)
        self._signs: set[tuple[str, str]] = set()
        self._socket: AsyncSocketModeHandler | None = None
        self._web: web.AppRunner | None = None
        self.app: AsyncApp | None = None
        self.bot_user_id = ""
        self.bound_port: int | None = None

    async def start(self, handle: Handler) -> None:
        """Connect (Socket Mode) or start serving (HTTP mode); returns once ready."""
        s = self.settings
        self._inbound.bind(handle)
        # Without a session slack_sdk opens a new aiohttp session, and so a new connection (a
        # TLS handshake on slack.com), for every API call; one kept for the adapter's life
        # reuses connections (bench.throughput: Slack sends were the costliest calls left).
        if self.client.session is None or self.client.session.closed:
            self.client.session = aiohttp.ClientSession(
                timeout=aiohttp.ClientTimeout(total=self.client.timeout)
            )
        auth = await self.client.auth_test()
        self.bot_user_id = str(auth["user_id"])
        self.app = self._build_app()
        if s.mode == "socket":
            self._socket = AsyncSocketModeHandler(self.app, s.app_token)
            await self._socket.connect_async()  # type: ignore[no-untyped-call]  # untyped in Bolt
        else:
            route = http_app(self.app, signing_secret=s.signing_secret or "", path=s.http_path)
            self._web = web.AppRunner(route)
            await self._web.setup()
            await web.TCPSite(self._web, s.http_host, s.http_port).start()
            self.bound_port = int(self._web.addresses[0][1])
        log.info("slack adapter started in %s mode as %s", s.mode, self.bot_user_id)

    async def stop(self) -> None:
        """Stop receiving, let in-flight answers finish briefly, then cancel the rest."""
        if self._socket is not None:
            await self._socket.close_async()  # type: ignore[no-untyped-call]  # untyped in Bolt
            self._socket = None
        if self._web is not None:
            await self._web.cleanup()
            self._web = None
        await self._inbound.tasks.drain(self.settings.drain_seconds)
        if self.client.session is not None and not self.client.session.closed:
            await self.client.session.close()

    def _build_app(self) -> AsyncApp:
        # HTTP requests are verified by our route before Bolt sees them (http.py); Socket Mode
        # requests are not signed at all.
        app = AsyncApp(client=self.client, request_verification_enabled=False, logger=log)

        async def drop_redeliveries(body: dict[str, Any], next: Any) -> BoltResponse | None:
            key = delivery_id(body)
            if key and not await self._inbound.first_time(f"{PLATFORM}:{key}"):
                # Bolt answers 404 when a middleware neither calls next() nor responds,
                # and Slack would retry again; a duplicate is acknowledged and dropped.
                return BoltResponse(status=200, body="")
            await next()
            return None

        async def on_event(body: dict[str, Any]) -> None:
            self._inbound.spawn(self._on_delivery(body), "event")

        async def on_ack_first(ack: AsyncAck, body: dict[str, Any]) -> None:
            await ack()  # commands and clicks must be acknowledged within 3 s
            self._inbound.spawn(self._on_delivery(body), "interactive")

        app.middleware(drop_redeliveries)
        for name in ("message", "app_mention", "reaction_added"):
            app.event(name)(on_event)
        for command in SLASH_COMMANDS:
            app.command(command)(on_ack_first)
        app.action(re.compile(".+"))(on_ack_first)
        return app

    async def _on_delivery(self, body: dict[str, Any]) -> None:
        key = delivery_id(body)
        try:
            uid = user_id_of(body)
            user, groups = await asyncio.gather(
                self._directory.user(uid), self._directory.groups_of(uid)
            )
            event = to_event(body, bot_user_id=self.bot_user_id, user=user, groups=groups)
            if event is None:
                return
            # With both `app_mention` and `message.channels` subscribed, Slack delivers one
            # message twice under two event_ids; only the first becomes a ChatEvent.
            if event.kind is EventKind.MESSAGE and not await self._inbound.first_time(
                f"{PLATFORM}:msg:{event.channel_id}:{event.message_id}"
            ):
                return
            await self._inbound.answer(event, partial(self._deliver, event))
        except Exception:
            log.exception("slack: handling delivery %s failed", key)

    async def _deliver(self, event: ChatEvent, reply: Reply) -> None:
        raw = event.raw if isinstance(event.raw, Mapping) else {}
        url = raw.get("response_url")
        if event.kind is EventKind.COMMAND and reply.ephemeral and url and not reply.attachment:
            # response_url reaches the caller even where the bot is not a channel member.
            hook = AsyncWebhookClient(str(url), retry_handlers=self._retry)
            for payload in render(reply):
                await self._paced(reply.target)
                await hook.send(response_type="ephemeral", replace_original=False, **payload)
        else:
            await self.send(reply)

    async def _paced(self, target: Target) -> None:
        # Slack's ~1/s is per app and channel; the bot id keeps two clones in one channel apart.
        key = f"pace:{PLATFORM}:{self.bot_user_id}:{target.workspace_id}:{target.channel_id}"
        await wait_for_slots(self._limiter, [Window(key, *self.settings.pace)])

    async def send(self, reply: Reply) -> SentMessage | None:
        """Post a reply (split, paced, threaded); returns the last message's ts."""
        t = reply.target
        if reply.reaction:
            await self._react(reply)
            return None
        in_dm = is_dm_channel(t.channel_id)
        thread = t.thread_id or t.open_thread_on or (None if in_dm else t.reply_to_message_id)
        opts: dict[str, Any] = {"channel": t.channel_id}
        if thread:
            opts["thread_ts"] = thread
        last_ts: str | None = None
        for payload in render(reply):
            await self._paced(t)
            if reply.ephemeral and t.user_id:
                await self.client.chat_postEphemeral(user=t.user_id, **opts, **payload)
            else:
                resp = await self.client.chat_postMessage(
                    **opts, **payload, unfurl_links=False, unfurl_media=False
                )
                last_ts = str(resp["ts"])
        if reply.attachment is not None:
            await self._upload(reply, opts)
        await self._clear_sign(t)
        return SentMessage(PLATFORM, t.channel_id, last_ts) if last_ts else None

    async def _react(self, reply: Reply) -> None:
        """A reaction on a message (live mode's pointer), on its own pacing window (reactions
        are a separate, larger Web API tier than posts); a refused one is only logged. It
        replaces a thinking sign left on that message (the answer went to the channel)."""
        t, ts = reply.target, reply.target.reply_to_message_id or ""
        key = f"pace:{PLATFORM}:{self.bot_user_id}:react:{t.workspace_id}:{t.channel_id}"
        await wait_for_slots(self._limiter, [Window(key, *self.settings.reaction_pace)])
        await self._clear_sign(t)
        try:
            name = emoji_name(reply.reaction)
            await self.client.reactions_add(channel=t.channel_id, name=name, timestamp=ts)
        except Exception as exc:
            log.warning("slack: reaction on %s failed: %s", ts, api_error(exc))

    async def _upload(self, reply: Reply, opts: dict[str, Any]) -> None:
        assert reply.attachment is not None
        if reply.ephemeral and reply.target.user_id:
            # A private export must not land in a shared channel: send it in a DM instead.
            im = await self.client.conversations_open(users=reply.target.user_id)
            opts = {"channel": im["channel"]["id"]}
        await self._paced(reply.target)
        await self.client.files_upload_v2(
            filename=reply.attachment.filename,
            title=reply.attachment.filename,
            content=reply.attachment.data,
            channel=opts["channel"],
            **({"thread_ts": opts["thread_ts"]} if "thread_ts" in opts else {}),
        )

    async def find_post(self, target: Target, text: str, since: datetime) -> SentMessage | None:
        """Our message in the channel's recent history whose text is `text`'s first piece.

        What the outbox asks after a post was cut off mid-send: found means it went out.
        """
        payloads = render(Reply(target, text))
        if not payloads or not self.bot_user_id:
            return None
        wanted = text_hash(payloads[0]["text"])
        oldest = f"{since.timestamp() - 60:.6f}"  # a minute's grace for clocks that disagree
        history = await self.client.conversations_history(
            channel=target.channel_id, oldest=oldest, limit=self.settings.history_limit
        )
        for m in history.get("messages") or []:
            if m.get("user") == self.bot_user_id and text_hash(str(m.get("text", ""))) == wanted:
                return SentMessage(PLATFORM, target.channel_id, str(m["ts"]))
        return None

    async def typing(self, target: Target) -> None:
        """Add the thinking reaction to the message being answered (once; removed on answer)."""
        await self._sign(target, add=True)

    async def _clear_sign(self, target: Target) -> None:
        await self._sign(target, add=False)

    async def _sign(self, target: Target, *, add: bool) -> None:
        ts = target.reply_to_message_id
        key = (target.channel_id, ts or "")
        if not ts or (key in self._signs) == add:
            return
        (self._signs.add if add else self._signs.discard)(key)
        call = self.client.reactions_add if add else self.client.reactions_remove
        try:
            await call(
                channel=target.channel_id, name=self.settings.thinking_reaction, timestamp=ts
            )
        except Exception as exc:
            log.warning(
                "slack: reactions.%s failed: %s", "add" if add else "remove", api_error(exc)
            )
