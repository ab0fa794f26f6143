"""A fake Discord (REST API + gateway websocket) on 127.0.0.1 that the real discord.py talks to."""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import aiohttp
import discord.gateway
import discord.http
import yarl
from aiohttp import web

TOKEN = "FAKE.DISCORD.TOKEN"
APP_ID = 4_000_000_000_000_000_01
BOT_ID = 4_000_000_000_000_000_02
DISCORD_EPOCH_MS = 1_420_070_400_000
# Permission bits as Discord defines them.
ADMINISTRATOR = 1 << 3
MANAGE_GUILD = 1 << 5
MANAGE_MESSAGES = 1 << 13
EVERYONE_PERMS = (1 << 10) | (1 << 11) | (1 << 16) | (1 << 31)  # view, send, history, use cmds

_ids = itertools.count(1)


def snowflake() -> int:
    """A fresh, increasing Discord-style id."""
    return ((int(time.time() * 1000) - DISCORD_EPOCH_MS) << 22) | (next(_ids) % (1 << 22))


def guild_id_for_shard(shard_id: int, shard_count: int) -> int:
    """A guild id that Discord routes to `shard_id`: (id >> 22) % shard_count == shard_id."""
    while True:
        gid = snowflake()
        if (gid >> 22) % shard_count == shard_id:
            return gid


def user(uid: int, name: str = "fan", *, bot: bool = False) -> dict[str, Any]:
    return {
        "id": str(uid),
        "username": name,
        "discriminator": "0",
        "global_name": name.title(),
        "avatar": None,
        "bot": bot,
    }


BOT_USER = user(BOT_ID, "clone", bot=True)


@dataclass
class Guild:
    """A guild the fake serves: one text channel, @everyone, optional extra roles."""

    id: int
    channel_id: int
    roles: dict[int, int] = field(default_factory=dict)  # role id -> permission bits
    owner_id: int = 1
    nick: str | None = None  # the bot's nickname here
    can_change_nickname: bool = True

    def payload(self) -> dict[str, Any]:
        roles = [_role(self.id, "@everyone", EVERYONE_PERMS)]
        roles += [_role(rid, f"role{rid}", perms) for rid, perms in self.roles.items()]
        return {
            "id": str(self.id),
            "name": f"guild {self.id}",
            "icon": None,
            "owner_id": str(self.owner_id),
            "unavailable": False,
            "member_count": 2,
            "large": False,
            "features": [],
            "roles": roles,
            "emojis": [],
            "stickers": [],
            "channels": [
                {
                    "id": str(self.channel_id),
                    "type": 0,
                    "guild_id": str(self.id),
                    "name": "general",
                    "position": 0,
                    "permission_overwrites": [],
                    "nsfw": False,
                    "parent_id": None,
                }
            ],
            "threads": [],
            "members": [
                {
                    "user": BOT_USER,
                    "nick": self.nick,
                    "roles": [],
                    "joined_at": _now(),
                    "deaf": False,
                    "mute": False,
                    "flags": 0,
                }
            ],
            "voice_states": [],
            "presences": [],
            "joined_at": _now(),
        }


def _role(rid: int, name: str, perms: int) -> dict[str, Any]:
    return {
        "id": str(rid),
        "name": name,
        "permissions": str(perms),
        "position": 0,
        "color": 0,
        "hoist": False,
        "managed": False,
        "mentionable": True,
        "flags": 0,
    }


def _now() -> str:
    return datetime.now(UTC).isoformat()


@dataclass
class Session:
    """One gateway session: its shard, its sequence, every dispatch sent (for RESUME replay)."""

    id: str
    shard: tuple[int, int]
    seq: int = 0
    log: list[dict[str, Any]] = field(default_factory=list)
    ws: web.WebSocketResponse | None = None


@dataclass
class FakeDiscord:
    """Serves `/api/v10/...` REST and the `/gw` gateway; logs every call `(method, path, body)`.

    `fail_next(n)` makes the next n REST calls answer 429 (with `Via`, so discord.py retries).
    `drop(shard)` cuts a shard's websocket; with `hold()` reconnects wait for `release()`, so a
    test can queue events that RESUME must replay.
    """

    guilds: list[Guild] = field(default_factory=list)
    calls: list[tuple[str, str, Any]] = field(default_factory=list)
    stamps: list[float] = field(default_factory=list)  # time.monotonic() of each call
    identifies: list[dict[str, Any]] = field(default_factory=list)
    resumes: list[dict[str, Any]] = field(default_factory=list)
    # RESUME replays this many already-delivered events too (Discord is at-least-once).
    resume_overlap: int = 0
    # Close every IDENTIFY with this code (4014: a privileged intent is not enabled).
    identify_close_code: int | None = None
    channels: set[int] = field(default_factory=set)
    # Every message the fake created for the client, as Discord returned it.
    sent: list[dict[str, Any]] = field(default_factory=list)
    port: int = 0
    _sessions: dict[str, Session] = field(default_factory=dict)
    _fail: int = 0
    _retry_after: float = 0.2
    _open: asyncio.Event = field(default_factory=asyncio.Event)
    _runner: web.AppRunner | None = None
    _background: set[asyncio.Task[None]] = field(default_factory=set)

    # -- lifecycle ---------------------------------------------------------------------------

    async def start(self) -> FakeDiscord:
        self._open.set()
        self.channels |= {g.channel_id for g in self.guilds}
        app = web.Application()
        app.router.add_get("/gw", self._gateway)
        app.router.add_route("*", "/api/v10/{path:.*}", self._rest)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def stop(self) -> None:
        for s in self._sessions.values():
            if s.ws is not None:
                await s.ws.close()
        if self._runner:
            await self._runner.cleanup()

    def point_sdk(self, monkeypatch: Any) -> None:
        """Point discord.py's class-level REST base and gateway URL at this fake."""
        monkeypatch.setattr(discord.http.Route, "BASE", f"http://127.0.0.1:{self.port}/api/v10")
        monkeypatch.setattr(discord.gateway.DiscordWebSocket, "DEFAULT_GATEWAY", self.gateway_url)

    @property
    def gateway_url(self) -> yarl.URL:
        return yarl.URL(f"ws://127.0.0.1:{self.port}/gw")

    # -- test controls -----------------------------------------------------------------------

    def fail_next(self, n: int, retry_after: float = 0.2) -> None:
        self._fail, self._retry_after = n, retry_after

    def calls_to(self, method: str, pattern: str) -> list[Any]:
        """Bodies of the calls whose method matches and whose path matches `pattern` fully."""
        rx = re.compile(pattern)
        return [body for m, p, body in self.calls if m == method and rx.fullmatch(p)]

    async def wait_for(
        self, method: str, pattern: str, count: int = 1, within: float = 5.0
    ) -> list[Any]:
        deadline = time.monotonic() + within
        while len(found := self.calls_to(method, pattern)) < count:
            if time.monotonic() > deadline:
                seen = [(m, p) for m, p, _ in self.calls]
                raise AssertionError(f"{method} {pattern}: {len(found)}/{count}; calls: {seen}")
            await asyncio.sleep(0.01)
        return found

    def posts(self, channel_id: int | str) -> list[dict[str, Any]]:
        return self.calls_to("POST", f"/channels/{channel_id}/messages")

    def hold(self) -> None:
        """New gateway connections wait (before HELLO) until `release()`."""
        self._open.clear()

    def release(self) -> None:
        self._open.set()

    async def drop(self, shard_id: int = 0, code: int = 4000) -> None:
        """Cut the shard's websocket the way a network blip does (a resumable close code)."""
        session = self._session_for_shard(shard_id)
        ws, session.ws = session.ws, None
        if ws is not None:
            await ws.close(code=code)

    def shard_of(self, guild_id: int) -> int:
        count = next(iter(self._sessions.values())).shard[1] if self._sessions else 1
        return (guild_id >> 22) % count

    async def dispatch(self, event: str, data: dict[str, Any], *, shard_id: int = 0) -> None:
        """Send (or, while the shard is dropped, queue for RESUME) one gateway dispatch."""
        session = self._session_for_shard(shard_id)
        session.seq += 1
        payload = {"op": 0, "t": event, "s": session.seq, "d": data}
        session.log.append(payload)
        if session.ws is not None and not session.ws.closed:
            await session.ws.send_str(json.dumps(payload))

    async def wait_connected(self, shards: int = 1, within: float = 5.0) -> None:
        deadline = time.monotonic() + within
        while sum(1 for s in self._live_sessions()) < shards:
            if time.monotonic() > deadline:
                raise AssertionError(f"{len(list(self._live_sessions()))}/{shards} shards live")
            await asyncio.sleep(0.01)

    # -- building events ---------------------------------------------------------------------

    async def message_create(
        self,
        guild: Guild | None,
        author_id: int,
        content: str,
        *,
        channel_id: int | None = None,
        role_ids: tuple[int, ...] = (),
        mentions: tuple[dict[str, Any], ...] = (),
        message_id: int | None = None,
        referenced: dict[str, Any] | None = None,
        **extra: Any,
    ) -> dict[str, Any]:
        """Dispatch MESSAGE_CREATE in a guild channel (or a DM when guild is None)."""
        msg: dict[str, Any] = {
            "id": str(message_id or snowflake()),
            "channel_id": str(channel_id or (guild.channel_id if guild else snowflake())),
            "author": user(author_id),
            "content": content,
            "timestamp": _now(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": "@everyone" in content,
            "mentions": list(mentions),
            "mention_roles": [],
            "attachments": [],
            "embeds": [],
            "pinned": False,
            "type": 19 if referenced else 0,
            **extra,
        }
        self.channels.add(int(msg["channel_id"]))
        if referenced is not None:
            msg["referenced_message"] = referenced
            msg["message_reference"] = {
                "message_id": referenced["id"],
                "channel_id": referenced["channel_id"],
            }
        shard = 0
        if guild is not None:
            msg["guild_id"] = str(guild.id)
            msg["member"] = {
                "roles": [str(r) for r in role_ids],
                "joined_at": _now(),
                "deaf": False,
                "mute": False,
                "flags": 0,
            }
            shard = self.shard_of(guild.id)
        await self.dispatch("MESSAGE_CREATE", msg, shard_id=shard)
        return msg

    async def interaction_create(
        self,
        guild: Guild | None,
        author_id: int,
        data: dict[str, Any],
        *,
        kind: int = 2,
        permissions: int = EVERYONE_PERMS,
        role_ids: tuple[int, ...] = (),
        message: dict[str, Any] | None = None,
        channel_id: int | None = None,
    ) -> dict[str, Any]:
        """Dispatch INTERACTION_CREATE: kind 2 = slash command, 3 = button click."""
        channel = channel_id or (guild.channel_id if guild else snowflake())
        self.channels.add(channel)
        payload: dict[str, Any] = {
            "id": str(snowflake()),
            "application_id": str(APP_ID),
            "type": kind,
            "data": data,
            "token": f"itoken-{uuid.uuid4().hex[:12]}",
            "version": 1,
            "channel_id": str(channel),
            "channel": {"id": str(channel), "type": 0 if guild else 1},
            "locale": "en-US",
            "app_permissions": str(EVERYONE_PERMS),
            "entitlements": [],
            "attachment_size_limit": 8 * 1024 * 1024,  # discord.py 2.7 requires it
        }
        if guild is not None:
            payload["guild_id"] = str(guild.id)
            payload["member"] = {
                "user": user(author_id),
                "roles": [str(r) for r in role_ids],
                "permissions": str(permissions),
                "joined_at": _now(),
                "deaf": False,
                "mute": False,
                "flags": 0,
            }
        else:
            payload["user"] = user(author_id)
        if message is not None:
            payload["message"] = message
        shard = self.shard_of(guild.id) if guild else 0
        await self.dispatch("INTERACTION_CREATE", payload, shard_id=shard)
        return payload

    # -- gateway -----------------------------------------------------------------------------

    def _live_sessions(self) -> list[Session]:
        return [s for s in self._sessions.values() if s.ws is not None and not s.ws.closed]

    def _session_for_shard(self, shard_id: int) -> Session:
        matching = [s for s in self._sessions.values() if s.shard[0] == shard_id]
        if not matching:
            raise AssertionError(f"no gateway session for shard {shard_id}")
        return matching[-1]

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        await self._open.wait()
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        # Text frames, so the client skips zlib even though it asks for zlib-stream.
        await ws.send_json({"op": 10, "d": {"heartbeat_interval": 45_000}})
        async for frame in ws:
            if frame.type is not aiohttp.WSMsgType.TEXT:
                break
            msg = json.loads(frame.data)
            op, data = msg.get("op"), msg.get("d")
            if op == 1:
                await ws.send_json({"op": 11})
            elif op == 2:
                await self._identify(ws, data)
            elif op == 6:
                await self._resume(ws, data)
        return ws

    async def _identify(self, ws: web.WebSocketResponse, data: dict[str, Any]) -> None:
        self.identifies.append(data)
        if data.get("token") != TOKEN or self.identify_close_code:
            await ws.close(code=self.identify_close_code or 4004)
            return
        shard_id, count = data.get("shard", [0, 1])
        session = Session(id=uuid.uuid4().hex, shard=(shard_id, count), ws=ws)
        self._sessions[session.id] = session
        mine = [g for g in self.guilds if (g.id >> 22) % count == shard_id]
        ready = {
            "v": 10,
            "user": BOT_USER,
            "guilds": [{"id": str(g.id), "unavailable": True} for g in mine],
            "session_id": session.id,
            "resume_gateway_url": str(self.gateway_url),
            "shard": [shard_id, count],
            "application": {"id": str(APP_ID), "flags": 0},
        }
        await self.dispatch("READY", ready, shard_id=shard_id)
        for g in mine:
            await self.dispatch("GUILD_CREATE", g.payload(), shard_id=shard_id)

    async def _resume(self, ws: web.WebSocketResponse, data: dict[str, Any]) -> None:
        self.resumes.append(data)
        session = self._sessions.get(data.get("session_id", ""))
        if session is None or data.get("token") != TOKEN:
            await ws.send_json({"op": 9, "d": False})
            return
        session.ws = ws
        # Discord replays what the client missed, then says RESUMED.
        since = (data.get("seq") or 0) - self.resume_overlap
        for payload in session.log:
            if payload["s"] > since and payload["t"] not in ("READY", "GUILD_CREATE"):
                await ws.send_str(json.dumps(payload))
        await self.dispatch("RESUMED", {}, shard_id=session.shard[0])

    # -- REST --------------------------------------------------------------------------------

    async def _rest(self, request: web.Request) -> web.StreamResponse:
        path = "/" + request.match_info["path"]
        body = await _body(request)
        self.calls.append((request.method, path, body))
        self.stamps.append(time.monotonic())
        public = path.startswith(("/interactions/", "/webhooks/"))
        if not public and request.headers.get("Authorization") != f"Bot {TOKEN}":
            return _json({"message": "401: Unauthorized", "code": 0}, 401)
        if self._fail:
            self._fail -= 1
            payload = {
                "message": "You are being rate limited.",
                "retry_after": self._retry_after,
                "global": False,
            }
            # discord.py takes a 429 without `Via` for a Cloudflare ban and gives up.
            return _json(
                payload, 429, {"Via": "1.1 google", "Retry-After": str(self._retry_after)}
            )
        for method, rx, handler in self._routes():
            match = re.fullmatch(rx, path)
            if method == request.method and match:
                result = handler(body, *match.groups())
                return result if isinstance(result, web.StreamResponse) else _json(result)
        # Loud on purpose: an adapter calling a route we did not expect is a test failure.
        return _json(
            {"message": f"404: fake has no route {request.method} {path}", "code": 0}, 404
        )

    def _routes(self) -> list[tuple[str, str, Callable[..., Any]]]:
        app = str(APP_ID)
        return [
            ("GET", r"/users/@me", lambda b: BOT_USER),
            ("GET", r"/oauth2/applications/@me", lambda b: _app_info()),
            ("GET", r"/gateway/bot", lambda b: self._gateway_bot()),
            ("GET", r"/gateway", lambda b: {"url": str(self.gateway_url)}),
            ("PUT", rf"/applications/{app}/commands", _sync_commands),
            ("POST", r"/channels/(\d+)/messages", self._message),
            ("GET", r"/channels/(\d+)/messages", self._history),
            ("POST", r"/channels/(\d+)/typing", lambda b, c: _no_content()),
            (
                "PUT",
                r"/channels/(\d+)/messages/(\d+)/reactions/([^/]+)/@me",
                lambda b, c, m, e: _no_content(),
            ),
            ("POST", r"/channels/(\d+)/messages/(\d+)/threads", self._open_thread),
            ("POST", r"/channels/(\d+)/threads", self._open_thread),
            ("POST", r"/users/@me/channels", self._open_dm),
            ("PATCH", r"/guilds/(\d+)/members/@me", self._edit_me),
            ("POST", r"/interactions/(\d+)/([^/]+)/callback", _callback),
            ("PATCH", rf"/webhooks/{app}/([^/]+)/messages/@original", self._webhook_message),
            ("DELETE", rf"/webhooks/{app}/([^/]+)/messages/@original", lambda b, t: _no_content()),
            ("POST", rf"/webhooks/{app}/([^/]+)", self._webhook_message),
        ]

    def _gateway_bot(self) -> dict[str, Any]:
        limit = {"total": 1000, "remaining": 1000, "reset_after": 0, "max_concurrency": 1}
        return {"url": str(self.gateway_url), "shards": 1, "session_start_limit": limit}

    def _message(self, body: dict[str, Any], channel_id: str) -> Any:
        if int(channel_id) not in self.channels:
            return _json({"message": "Unknown Channel", "code": 10003}, 404)
        self.sent.append(_message_payload(channel_id, body))
        return self.sent[-1]

    def _history(self, body: Any, channel_id: str) -> Any:
        # Newest first, as Discord answers; the adapter's `limit` is honoured by the caller.
        if int(channel_id) not in self.channels:
            return _json({"message": "Unknown Channel", "code": 10003}, 404)
        return [m for m in reversed(self.sent) if m["channel_id"] == channel_id][:100]

    def _open_thread(self, body: dict[str, Any], channel_id: str, message_id: str = "") -> dict:
        # A thread started from a message takes the message's id.
        thread = _thread(channel_id, int(message_id) if message_id else snowflake(), body)
        self.channels.add(int(thread["id"]))
        guild = next((g for g in self.guilds if g.channel_id == int(channel_id)), None)
        if guild is not None:  # Discord announces the new thread on the gateway too
            thread["guild_id"] = str(guild.id)
            event = {**thread, "newly_created": True}
            shard = self.shard_of(guild.id)
            self._background.add(
                asyncio.create_task(self.dispatch("THREAD_CREATE", event, shard_id=shard))
            )
        return thread

    def _edit_me(self, body: dict[str, Any], guild_id: str) -> Any:
        guild = next((g for g in self.guilds if g.id == int(guild_id)), None)
        if guild is None:
            return _json({"message": "Unknown Guild", "code": 10004}, 404)
        if not guild.can_change_nickname:
            return _json({"message": "Missing Permissions", "code": 50013}, 403)
        guild.nick = body.get("nick") or None
        member = {"user": BOT_USER, "nick": guild.nick, "roles": [], "joined_at": _now()}
        return {**member, "deaf": False, "mute": False, "flags": 0}

    def _open_dm(self, body: dict[str, Any]) -> dict[str, Any]:
        channel = _dm_channel(int(body["recipient_id"]))
        self.channels.add(int(channel["id"]))
        return channel

    def _webhook_message(self, body: dict[str, Any], token: str) -> dict[str, Any]:
        return _message_payload(str(snowflake()), body)


def _message_payload(channel_id: str, body: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": str(snowflake()),
        "channel_id": channel_id,
        "author": BOT_USER,
        "content": body.get("content") or "",
        "timestamp": _now(),
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": False,
        "mentions": [],
        "mention_roles": [],
        "attachments": [],
        "embeds": body.get("embeds") or [],
        "components": body.get("components") or [],
        "pinned": False,
        "type": 0,
        "flags": body.get("flags") or 0,
    }


def _app_info() -> dict[str, Any]:
    return {
        "id": str(APP_ID),
        "name": "clone",
        "description": "",
        "icon": None,
        "bot_public": True,
        "bot_require_code_grant": False,
        "owner": user(1, "creator"),
        "verify_key": "0" * 64,
        "flags": 0,
        "bot": BOT_USER,
    }


def _sync_commands(body: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            **cmd,
            "id": str(snowflake()),
            "application_id": str(APP_ID),
            "version": "1",
            "default_member_permissions": cmd.get("default_member_permissions"),
        }
        for cmd in body
    ]


def _thread(parent_id: str, thread_id: int, body: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": str(thread_id),
        "type": 11,
        "parent_id": parent_id,
        "name": body.get("name", "thread"),
        "owner_id": str(BOT_ID),
        "message_count": 0,
        "member_count": 1,
        "rate_limit_per_user": 0,
        "thread_metadata": {
            "archived": False,
            "auto_archive_duration": 1440,
            "locked": False,
            "archive_timestamp": _now(),
        },
    }


def _dm_channel(recipient: int) -> dict[str, Any]:
    return {"id": str(recipient + 1), "type": 1, "recipients": [user(recipient)]}


def _callback(body: dict[str, Any], interaction_id: str, token: str) -> dict[str, Any]:
    data = body.get("data") or {}
    ephemeral = bool((data.get("flags") or 0) & 64)
    out: dict[str, Any] = {
        "interaction": {
            "id": interaction_id,
            "type": 2,
            "response_message_id": str(snowflake()),
            "response_message_loading": body["type"] == 5,
            "response_message_ephemeral": ephemeral,
        }
    }
    if body["type"] == 4:
        out["resource"] = {"type": 4, "message": _message_payload(str(snowflake()), data)}
    return out


def _json(payload: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    # Exactly "application/json": discord.py does not parse JSON when a charset is appended.
    return web.Response(
        body=json.dumps(payload).encode(),
        status=status,
        headers={"Content-Type": "application/json", **(headers or {})},
    )


def _no_content() -> web.Response:
    return web.Response(status=204)


async def _body(request: web.Request) -> Any:
    """JSON bodies as sent; multipart (file uploads) as payload_json plus `files`."""
    if not request.can_read_body:
        return None
    if request.content_type.startswith("multipart/"):
        out: dict[str, Any] = {"files": []}
        async for part in await request.multipart():
            if not isinstance(part, aiohttp.BodyPartReader):
                continue
            if part.name == "payload_json":
                out.update(json.loads(await part.text()))
            elif part.filename:
                out["files"].append({"name": part.filename, "data": await part.read()})
        return out
    raw = await request.read()
    return json.loads(raw) if raw else None
