"""Slack adapter: Bolt deliveries to ChatEvent, Reply to Block Kit, in Socket Mode or HTTP mode."""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import Callable, Coroutine, Mapping
from datetime import UTC, datetime
from typing import Any, Literal, Protocol

import aiohttp
from aiohttp import web
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_bolt.response import BoltResponse
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from core.control.commands import COMMANDS, parse_command
from core.ports import Deduper, RateLimiter
from core.types import (
    Author,
    ChatEvent,
    ContentKind,
    EventKind,
    Handler,
    Reply,
    Role,
    SentMessage,
    Target,
)

log = logging.getLogger("clonebot.slack")

PLATFORM = "slack"
# Block Kit caps a section's mrkdwn at 3,000 characters; longer replies become several messages.
SECTION_LIMIT = 3000
# Every top-level name core declares: /clone (with subcommands), /ask, /about, /human, ...
SLASH_COMMANDS: tuple[str, ...] = tuple(sorted({"/" + spec.group for spec in COMMANDS}))
# Message subtypes that are things people (or other bots) said; joins, topics etc. are not.
_SAID = {None, "file_share", "thread_broadcast", "bot_message", "me_message"}
# Mentions in a prefix: user `<@U1>`, Slack group `<!subteam^S1>`, core's neutral group form
# `<@&S1>` (the Discord spelling core uses for every platform), and broadcasts `<!here>`.
_MENTION = re.compile(r"<(@&|@|!subteam\^|!)([A-Za-z0-9_]+)(?:\|[^>]*)?>")
_BROADCAST_WORD = re.compile(r"@(channel|here|everyone)\b", re.IGNORECASE)


# ---- translators (pure) ----------------------------------------------------------------------
def delivery_id(body: Mapping[str, Any]) -> str:
    """Slack's id for one delivery: `event_id` for events (same on every retry), else trigger."""
    return str(body.get("event_id") or body.get("trigger_id") or "")


def user_id_of(body: Mapping[str, Any]) -> str:
    """The acting user's id in any delivery, or "" for bots and system events."""
    if "command" in body:
        return str(body.get("user_id", ""))
    if body.get("type") == "block_actions":
        return str(body.get("user", {}).get("id", ""))
    ev = body.get("event", {})
    nested = ev.get("message") or ev.get("previous_message") or {}
    return str(ev.get("user") or nested.get("user") or "")


def _author(
    uid: str,
    user: Mapping[str, Any] | None,
    is_bot: bool = False,
    groups: frozenset[str] = frozenset(),
) -> Author:
    user = user or {}
    profile = user.get("profile", {})
    admin = user.get("is_admin") or user.get("is_owner") or user.get("is_primary_owner")
    return Author(
        id=uid,
        display_name=profile.get("display_name")
        or profile.get("real_name")
        or user.get("name")
        or uid,
        is_bot=is_bot or bool(user.get("is_bot")),
        # Workspace admins/owners moderate; the creator role comes from bot.toml, merged by core.
        platform_roles=frozenset({Role.MODERATOR}) if admin else frozenset(),
        role_ids=groups,
    )


class _Who(Protocol):
    def __call__(self, uid: str, is_bot: bool = False) -> Author: ...


def _when(ts: Any) -> datetime:
    try:
        return datetime.fromtimestamp(float(ts), UTC)
    except (TypeError, ValueError):
        return datetime.now(UTC)


def _content(ev: Mapping[str, Any]) -> ContentKind:
    files = ev.get("files") or []
    if not files:
        return ContentKind.TEXT
    mime = str(files[0].get("mimetype", ""))
    if mime.startswith("audio/") or files[0].get("subtype") == "slack_audio":
        return ContentKind.VOICE
    return ContentKind.IMAGE if mime.startswith("image/") else ContentKind.FILE


def _is_dm_channel(channel_id: str) -> bool:
    return channel_id.startswith("D")


def to_event(
    body: Mapping[str, Any],
    *,
    bot_user_id: str,
    user: Mapping[str, Any] | None = None,
    groups: frozenset[str] = frozenset(),
) -> ChatEvent | None:
    """Translate one Bolt body (event, slash command or block action) into a ChatEvent.

    Args:
        body: the request body Bolt parsed (Events API envelope, command form, or action payload).
        bot_user_id: our bot's user id, to strip its mention and spot replies to it.
        user: the acting user's `users.info` record, for display name and admin/owner roles.
        groups: the acting user's user-group (subteam) ids, matched by core against bot.toml.

    Returns:
        The event, or None for deliveries that are not conversation (joins, topic changes...).
    """

    def who(uid: str, is_bot: bool = False) -> Author:
        return _author(uid, user, is_bot, groups)

    if "command" in body:
        return _from_command(body, who)
    if body.get("type") == "block_actions":
        return _from_action(body, who)
    if body.get("type") == "event_callback":
        return _from_event(body, bot_user_id, who)
    return None


def _from_command(body: Mapping[str, Any], who: _Who) -> ChatEvent | None:
    # With `should_escape`, Slack sends "<@U123|bob>"; "<@U123>" is the form every platform uses.
    text = re.sub(r"<@([UW][A-Z0-9]+)\|[^>]*>", r"<@\1>", str(body.get("text", ""))).strip()
    command = parse_command(f"{body['command']} {text}")
    if command is None:
        return None
    channel = str(body.get("channel_id", ""))
    return ChatEvent(
        platform=PLATFORM,
        workspace_id=str(body.get("team_id", "")),
        channel_id=channel,
        author=who(str(body.get("user_id", ""))),
        text=text,
        event_id=delivery_id(body),
        kind=EventKind.COMMAND,
        command=command,
        is_dm=_is_dm_channel(channel) or body.get("channel_name") == "directmessage",
        raw=body,
    )


def _from_action(body: Mapping[str, Any], who: _Who) -> ChatEvent | None:
    actions = body.get("actions") or []
    if not actions:
        return None
    action = actions[0]
    message = body.get("message") or {}
    container = body.get("container") or {}
    channel = str((body.get("channel") or {}).get("id") or container.get("channel_id", ""))
    return ChatEvent(
        platform=PLATFORM,
        workspace_id=str((body.get("team") or {}).get("id", "")),
        channel_id=channel,
        thread_id=message.get("thread_ts"),
        author=who(user_id_of(body)),
        # Action ids are made unique per message with "#n"; the part before is core's action.
        action=str(action.get("action_id", "")).split("#", 1)[0],
        text=str(action.get("value", "")),
        target_message_id=container.get("message_ts") or message.get("ts"),
        event_id=delivery_id(body),
        kind=EventKind.BUTTON,
        is_dm=_is_dm_channel(channel),
        raw=body,
    )


def _from_event(body: Mapping[str, Any], bot_user_id: str, who: _Who) -> ChatEvent | None:
    ev = body.get("event") or {}
    team = str(body.get("team_id") or ev.get("team") or "")
    common: dict[str, Any] = {
        "platform": PLATFORM,
        "workspace_id": team,
        "event_id": delivery_id(body),
        "raw": body,
    }
    if ev.get("type") == "reaction_added":
        item = ev.get("item") or {}
        if item.get("type") != "message":
            return None
        return ChatEvent(
            channel_id=str(item.get("channel", "")),
            author=who(str(ev.get("user", ""))),
            kind=EventKind.REACTION,
            action=ev.get("reaction"),
            target_message_id=item.get("ts"),
            is_dm=_is_dm_channel(str(item.get("channel", ""))),
            timestamp=_when(ev.get("event_ts")),
            **common,
        )
    if ev.get("type") not in ("message", "app_mention"):
        return None
    channel = str(ev.get("channel", ""))
    is_dm = ev.get("channel_type") == "im" or _is_dm_channel(channel)
    subtype = ev.get("subtype")
    if subtype == "message_deleted":
        prev = ev.get("previous_message") or {}
        return ChatEvent(
            channel_id=channel,
            author=who(str(prev.get("user", ""))),
            message_id=str(ev.get("deleted_ts", "")),
            thread_id=prev.get("thread_ts"),
            kind=EventKind.DELETE,
            is_dm=is_dm,
            timestamp=_when(ev.get("event_ts")),
            **common,
        )
    kind = EventKind.MESSAGE
    msg = ev
    if subtype == "message_changed":
        kind, msg = EventKind.EDIT, ev.get("message") or {}
    elif subtype not in _SAID:
        return None
    raw_text = str(msg.get("text", ""))
    # The bot's own mention (with or without a |label) is addressing, not content.
    text = re.sub(rf" ?<@{re.escape(bot_user_id)}(?:\|[^>]*)?>", "", raw_text).strip()
    thread = msg.get("thread_ts")
    return ChatEvent(
        channel_id=channel,
        author=who(
            str(msg.get("user") or msg.get("bot_id") or ""),
            bool(msg.get("bot_id")) or msg.get("subtype") == "bot_message",
        ),
        text=_unescape(text),
        message_id=str(msg.get("ts", "")),
        thread_id=thread,
        kind=kind,
        content=_content(msg),
        is_dm=is_dm,
        mentions_bot=ev.get("type") == "app_mention" or f"<@{bot_user_id}" in raw_text,
        reply_to_bot=bool(thread) and msg.get("parent_user_id") == bot_user_id,
        timestamp=_when(msg.get("ts")),
        **common,
    )


def _unescape(text: str) -> str:
    """Slack sends `&`, `<`, `>` typed by people as entities; core reads plain text."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def escape_mrkdwn(text: str) -> str:
    """Make text inert in mrkdwn: no `<!channel>`, `<@U..>`, `<url|label>` or bare @channel."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    # A word joiner keeps "@here" readable but stops Slack from ever treating it as a broadcast.
    return _BROADCAST_WORD.sub(lambda m: "@\u2060" + m.group(1), text)


def _prefix(reply: Reply) -> str:
    """The mention prefix, each mention rendered natively only if `reply.mentions` allows it."""
    out, pos = [], 0
    for m in _MENTION.finditer(reply.mention_prefix):
        out.append(escape_mrkdwn(reply.mention_prefix[pos : m.start()]))
        kind, ident = m.groups()
        if kind == "@" and ident in reply.mentions.user_ids:
            out.append(f"<@{ident}>")
        elif kind in ("@&", "!subteam^") and ident in reply.mentions.role_ids:
            out.append(f"<!subteam^{ident}>")
        else:  # not on the allow-list, or a broadcast (<!channel>, <!here>): shown inert
            out.append(escape_mrkdwn(m.group(0)))
        pos = m.end()
    out.append(escape_mrkdwn(reply.mention_prefix[pos:]))
    return "".join(out).strip()


def split_text(text: str, limit: int, measure: Callable[[str], int] = len) -> list[str]:
    """Split on sentence (then word, then character) boundaries so each piece measures <= limit."""
    if measure(text) <= limit:
        return [text]
    sentences = re.findall(r".+?(?:[.!?…]+(?:\s+|$)|\n+|$)", text, flags=re.S)
    return [p for p in _pack(sentences, limit, measure, r"\S+\s*") if p.strip()]


def _pack(units: list[str], limit: int, measure: Callable[[str], int], finer: str) -> list[str]:
    pieces: list[str] = []
    current = ""
    for unit in units:
        if measure((current + unit).rstrip()) <= limit:
            current += unit
            continue
        if current:
            pieces.append(current.rstrip())
            current = ""
        if measure(unit.rstrip()) <= limit:
            current = unit
        elif finer:
            pieces.extend(_pack(re.findall(finer, unit, flags=re.S), limit, measure, ""))
        else:  # one word longer than the limit: cut it by characters
            while unit:
                n = limit
                while n > 1 and measure(unit[:n]) > limit:
                    n -= 1
                pieces.append(unit[:n])
                unit = unit[n:]
    if current.strip():
        pieces.append(current.rstrip())
    return pieces


def _citation(c: Any) -> str:
    url = c.url or ""
    if url.startswith(("https://", "http://")) and not re.search(r"[<>|\s]", url):
        label = f"[{c.index}] {c.title}" + (f" ({c.date})" if c.date else "")
        return f"<{url}|{escape_mrkdwn(label)}>"
    return escape_mrkdwn(c.render())


def render(reply: Reply) -> list[dict[str, Any]]:
    """Chat API payloads (`text` + `blocks`) for a reply, one per message after splitting.

    Each message is a mrkdwn section; the last one also carries the context block (citations,
    AI label) and the actions block (buttons).
    """
    prefix = _prefix(reply)
    budget = SECTION_LIMIT - len(prefix) - 1
    chunks = split_text(reply.text, budget, lambda s: len(escape_mrkdwn(s))) or [""]
    messages: list[dict[str, Any]] = []
    for i, chunk in enumerate(chunks):
        text = escape_mrkdwn(chunk)
        if i == 0 and prefix:
            text = f"{prefix} {text}".strip()
        blocks: list[dict[str, Any]] = []
        if text:
            blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": text}})
        messages.append({"text": text or " ", "blocks": blocks})
    last = messages[-1]["blocks"]
    context: list[dict[str, Any]] = []
    if reply.citations:
        joined = ""
        for c in reply.citations:
            part = _citation(c)
            if len(joined) + len(part) + 3 > SECTION_LIMIT:
                break
            joined = f"{joined} · {part}" if joined else part
        context.append({"type": "mrkdwn", "text": joined})
    if reply.ai_label:
        context.append({"type": "mrkdwn", "text": escape_mrkdwn(reply.ai_label)})
    if context:
        last.append({"type": "context", "elements": context})
    if reply.buttons:
        seen: set[str] = set()
        elements = []
        for i, b in enumerate(reply.buttons[:25]):
            # Slack rejects duplicate action_ids within a message; "#n" keeps them unique.
            action_id = b.action if b.action not in seen else f"{b.action}#{i}"
            seen.add(b.action)
            elements.append(
                {
                    "type": "button",
                    "text": {"type": "plain_text", "text": b.label[:75]},
                    "action_id": action_id,
                    "value": b.value[:2000],
                }
            )
        last.append({"type": "actions", "block_id": "clonebot_actions", "elements": elements})
    return messages


# ---- runner and Sender ----------------------------------------------------------------------
class SlackAdapter:
    """Runs a clone in one Slack workspace via Bolt; also the core's `Sender` for Slack."""

    platform = PLATFORM

    def __init__(
        self,
        *,
        bot_token: str,
        deduper: Deduper,
        rate_limiter: RateLimiter,
        mode: Literal["socket", "http"] = "socket",
        app_token: str | None = None,
        signing_secret: str | None = None,
        http_host: str = "0.0.0.0",
        http_port: int = 3000,
        http_path: str = "/slack/events",
        base_url: str | None = None,
        pace: tuple[int, float] = (1, 1.0),
        thinking_reaction: str = "eyes",
        max_429_retries: int = 5,
        user_cache_seconds: float = 600.0,
    ) -> None:
        """Build the adapter; nothing connects until `start`.

        Args:
            bot_token: the bot token (`xoxb-...`).
            deduper: drops redelivered `event_id`s (Redis-backed so replicas share it).
            rate_limiter: paces outbound messages per channel.
            mode: "socket" (default; needs `app_token`) or "http" (needs `signing_secret`).
            app_token: the app-level token (`xapp-...`, scope `connections:write`).
            signing_secret: verifies HTTP-mode requests (Bolt checks signature and 5-min window).
            http_host: HTTP-mode bind address.
            http_port: HTTP-mode port (0 picks a free one; see `bound_port`).
            http_path: HTTP-mode path for events, commands and interactivity.
            base_url: Web API base, for tests (`http://127.0.0.1:PORT/api/`).
            pace: (messages, seconds) allowed per channel; Slack allows about 1/s.
            thinking_reaction: emoji added to the message being answered while generating.
            max_429_retries: how often one call is retried after a 429 (honouring Retry-After).
            user_cache_seconds: how long `users.info` and user-group answers (roles) are reused.
        """
        if mode == "socket" and not app_token:
            raise ValueError("Socket Mode needs an app-level token (xapp-...)")
        if mode == "http" and not signing_secret:
            raise ValueError("HTTP mode needs the signing secret")
        self._retry: list[AsyncRetryHandler] = [
            AsyncRateLimitErrorRetryHandler(max_retry_count=max_429_retries)
        ]
        self.client = AsyncWebClient(
            token=bot_token,
            base_url=base_url or AsyncWebClient.BASE_URL,
            retry_handlers=self._retry,
        )
        self._deduper = deduper
        self._limiter = rate_limiter
        self._mode = mode
        self._app_token = app_token
        self._signing_secret = signing_secret
        self._http = (http_host, http_port, http_path)
        self._pace = pace
        self._reaction = thinking_reaction
        self._user_ttl = user_cache_seconds
        self._users: dict[str, tuple[float, asyncio.Future[dict[str, Any] | None]]] = {}
        self._groups: tuple[float, asyncio.Future[dict[str, frozenset[str]]]] | None = None
        self._signs: set[tuple[str, str]] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self._handle: Handler | None = None
        self._socket: AsyncSocketModeHandler | None = None
        self._web: web.AppRunner | None = None
        self.app: AsyncApp | None = None
        self.bot_user_id = ""
        self.bound_port: int | None = None

    async def start(self, handle: Handler) -> None:
        """Connect (Socket Mode) or start serving (HTTP mode); returns once ready."""
        self._handle = handle
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
        if self._mode == "socket":
            self._socket = AsyncSocketModeHandler(self.app, self._app_token)
            await self._socket.connect_async()  # type: ignore[no-untyped-call]  # untyped in Bolt
        else:
            host, port, path = self._http
            self._web = web.AppRunner(self.app.web_app(path=path, port=port))
            await self._web.setup()
            await web.TCPSite(self._web, host, port).start()
            self.bound_port = int(self._web.addresses[0][1])
        log.info("slack adapter started in %s mode as %s", self._mode, self.bot_user_id)

    async def stop(self) -> None:
        """Stop receiving, let in-flight answers finish briefly, then cancel the rest."""
        if self._socket is not None:
            await self._socket.close_async()  # type: ignore[no-untyped-call]  # untyped in Bolt
            self._socket = None
        if self._web is not None:
            await self._web.cleanup()
            self._web = None
        if self._tasks:
            _, pending = await asyncio.wait(set(self._tasks), timeout=5)
            for task in pending:
                task.cancel()
        if self.client.session is not None and not self.client.session.closed:
            await self.client.session.close()

    def _build_app(self) -> AsyncApp:
        app = AsyncApp(
            client=self.client,
            signing_secret=self._signing_secret or "",
            # Socket Mode requests are not signed; Bolt skips verification for them anyway.
            request_verification_enabled=self._mode == "http",
            logger=log,
        )

        async def drop_redeliveries(body: dict[str, Any], next: Any) -> BoltResponse | None:
            key = delivery_id(body)
            if key and not await self._deduper.first_time(f"{PLATFORM}:{key}"):
                # Bolt answers 404 when a middleware neither calls next() nor responds,
                # and Slack would retry again; a duplicate is acknowledged and dropped.
                return BoltResponse(status=200, body="")
            await next()
            return None

        async def on_event(body: dict[str, Any]) -> None:
            self._spawn(self._on_delivery(body))

        async def on_ack_first(ack: AsyncAck, body: dict[str, Any]) -> None:
            await ack()  # commands and clicks must be acknowledged within 3 s
            self._spawn(self._on_delivery(body))

        app.middleware(drop_redeliveries)
        for name in ("message", "app_mention", "reaction_added"):
            app.event(name)(on_event)
        for command in SLASH_COMMANDS:
            app.command(command)(on_ack_first)
        app.action(re.compile(".+"))(on_ack_first)
        return app

    def _spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        # The handler runs in its own task so a slow LLM never delays acks or receiving.
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _on_delivery(self, body: dict[str, Any]) -> None:
        assert self._handle is not None
        key = delivery_id(body)
        try:
            uid = user_id_of(body)
            user, groups = await asyncio.gather(self._user(uid), self._groups_of(uid))
            event = to_event(body, bot_user_id=self.bot_user_id, user=user, groups=groups)
            if event is None:
                return
            # With both `app_mention` and `message.channels` subscribed, Slack delivers one
            # message twice under two event_ids; only the first becomes a ChatEvent.
            if event.kind is EventKind.MESSAGE and not await self._deduper.first_time(
                f"{PLATFORM}:msg:{event.channel_id}:{event.message_id}"
            ):
                return
            replies = await self._handle(event)
        except Exception:
            log.exception("slack: handling delivery %s failed", key)
            return
        for reply in replies:
            try:
                await self._deliver(event, reply)
            except Exception:
                log.exception("slack: sending a reply to %s failed", key)

    async def _user(self, uid: str) -> dict[str, Any] | None:
        if not uid or uid.startswith("B"):
            return None
        hit = self._users.get(uid)
        if hit is None or hit[0] <= time.monotonic():
            # One lookup per user in flight: a burst of messages shares it, then the cache.
            lookup = asyncio.ensure_future(self._lookup(uid))
            hit = self._users[uid] = (time.monotonic() + self._user_ttl, lookup)
        return await asyncio.shield(hit[1])

    async def _groups_of(self, uid: str) -> frozenset[str]:
        if not uid:
            return frozenset()
        if self._groups is None or self._groups[0] <= time.monotonic():
            lookup = asyncio.ensure_future(self._list_groups())
            self._groups = (time.monotonic() + self._user_ttl, lookup)
        return (await asyncio.shield(self._groups[1])).get(uid, frozenset())

    async def _list_groups(self) -> dict[str, frozenset[str]]:
        """user id -> user-group ids, so bot.toml's moderator groups apply on Slack too."""
        try:
            resp = await self.client.usergroups_list(include_users=True)
        except SlackApiError as e:
            # Free workspaces have no user groups (paid_only); without the scope, missing_scope.
            log.info("slack: no user groups (%s)", e.response.get("error"))
            return {}
        members: dict[str, set[str]] = {}
        for group in resp.get("usergroups") or []:
            for user in group.get("users") or []:
                members.setdefault(user, set()).add(group["id"])
        return {user: frozenset(ids) for user, ids in members.items()}

    async def _lookup(self, uid: str) -> dict[str, Any] | None:
        try:
            return dict((await self.client.users_info(user=uid))["user"])
        except SlackApiError as e:
            log.warning("slack: users.info %s failed: %s", uid, e.response.get("error"))
            return None

    async def _deliver(self, event: ChatEvent, reply: Reply) -> None:
        raw = event.raw if isinstance(event.raw, Mapping) else {}
        url = raw.get("response_url")
        if event.kind is EventKind.COMMAND and reply.ephemeral and url and not reply.attachment:
            # response_url reaches the caller even where the bot is not a channel member.
            await self._via_response_url(str(url), reply)
        else:
            await self.send(reply)

    async def _via_response_url(self, url: str, reply: Reply) -> None:
        hook = AsyncWebhookClient(url, retry_handlers=self._retry)
        for payload in render(reply):
            await self._wait_turn(reply.target)
            await hook.send(response_type="ephemeral", replace_original=False, **payload)

    async def _wait_turn(self, target: Target) -> None:
        # Slack's ~1/s is per app and channel; the bot id keeps two clones in one channel apart.
        key = f"pace:{PLATFORM}:{self.bot_user_id}:{target.workspace_id}:{target.channel_id}"
        limit, per = self._pace
        # The RateLimiter port only answers allow/deny, so waiting means polling; never drop.
        while not await self._limiter.allow(key, limit, per):  # noqa: ASYNC110
            await asyncio.sleep(min(0.05, per / 4))

    async def send(self, reply: Reply) -> SentMessage | None:
        """Post a reply (split, paced, threaded); returns the last message's ts."""
        t = reply.target
        thread = t.thread_id or (None if _is_dm_channel(t.channel_id) else t.reply_to_message_id)
        opts: dict[str, Any] = {"channel": t.channel_id}
        if thread:
            opts["thread_ts"] = thread
        last_ts: str | None = None
        for payload in render(reply):
            await self._wait_turn(t)
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

    async def _upload(self, reply: Reply, opts: dict[str, Any]) -> None:
        assert reply.attachment is not None
        if reply.ephemeral and reply.target.user_id:
            # A private export must not land in a shared channel: send it in a DM instead.
            im = await self.client.conversations_open(users=reply.target.user_id)
            opts = {"channel": im["channel"]["id"]}
        await self._wait_turn(reply.target)
        await self.client.files_upload_v2(
            filename=reply.attachment.filename,
            title=reply.attachment.filename,
            content=reply.attachment.data,
            channel=opts["channel"],
            **({"thread_ts": opts["thread_ts"]} if "thread_ts" in opts else {}),
        )

    async def typing(self, target: Target) -> None:
        """Add the thinking reaction to the message being answered (once; removed on answer)."""
        ts = target.reply_to_message_id
        if not ts or (target.channel_id, ts) in self._signs:
            return
        self._signs.add((target.channel_id, ts))
        try:
            await self.client.reactions_add(
                channel=target.channel_id, name=self._reaction, timestamp=ts
            )
        except SlackApiError as e:
            log.warning("slack: reactions.add failed: %s", e.response.get("error"))

    async def _clear_sign(self, target: Target) -> None:
        ts = target.reply_to_message_id
        if not ts or (target.channel_id, ts) not in self._signs:
            return
        self._signs.discard((target.channel_id, ts))
        try:
            await self.client.reactions_remove(
                channel=target.channel_id, name=self._reaction, timestamp=ts
            )
        except SlackApiError as e:
            log.warning("slack: reactions.remove failed: %s", e.response.get("error"))
