"""A fake Slack (Web API, Socket Mode websocket, response_url, file upload) for adapter tests."""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from typing import Any
from urllib.parse import urlencode

import aiohttp
from aiohttp import web
from slack_sdk.signature import SignatureVerifier

TEAM = "T0001"
BOT_USER = "UBOT"
BOT_TOKEN = "xoxb-test"
APP_TOKEN = "xapp-test"
SECRET = "shhh-signing-secret"

# Web API methods the fake answers; anything else gets a loud 404.
KNOWN = {
    "auth.test",
    "apps.connections.open",
    "chat.postMessage",
    "chat.postEphemeral",
    "chat.update",
    "reactions.add",
    "reactions.remove",
    "users.info",
    "conversations.open",
    "usergroups.list",
    "conversations.history",
    "files.getUploadURLExternal",
    "files.completeUploadExternal",
}


class FakeSlack:
    """Plays Slack on 127.0.0.1: logs every call as `(method, params)`; `fail_next` makes 429s."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.stamps: list[float] = []  # time.monotonic() of each call
        self.tokens: list[tuple[str, str]] = []
        self.users: dict[str, dict[str, Any]] = {}
        self.groups: dict[str, list[str]] = {"S0MODS": ["UFAN2"]}
        self.acks: dict[str, dict[str, Any]] = {}
        self.unknown: list[str] = []
        self.url = ""
        self._ts = itertools.count(1)
        self._ids = itertools.count(1)
        self._fail_left = 0
        self._retry_after = 1
        self._fail_method: str | None = None
        self._ws: web.WebSocketResponse | None = None
        self._ws_ready = asyncio.Event()
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.add_user("UFAN", "fan")
        self.add_user("UADMIN", "admin", is_admin=True)
        self.add_user("UOWNER", "owner", is_owner=True)
        self.add_user("UFAN2", "mod-by-group")
        self.connections = 0
        self.api_peers: set[Any] = set()  # client (host, port) of every Web API call
        # Methods that answer like a proxy in front of Slack that lost it: an HTML page and a
        # 502, labelled JSON as some proxies label everything (slack_sdk then has no dict).
        self.html_errors: set[str] = set()
        # What conversations.history returns, newest first (as Slack does).
        self.history: dict[str, list[dict[str, Any]]] = {}

    # ---- lifecycle -------------------------------------------------------------------------
    async def start(self) -> FakeSlack:
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_get("/ws", self._socket)
        app.router.add_post("/upload/{file_id}", self._upload)
        app.router.add_post("/response/{rid}", self._response_url)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.url = f"http://127.0.0.1:{port}"
        return self

    async def stop(self) -> None:
        if self._ws is not None:
            await self._ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def api_url(self) -> str:
        return self.url + "/api/"

    def add_user(
        self, uid: str, name: str, *, is_admin: bool = False, is_owner: bool = False
    ) -> None:
        self.users[uid] = {
            "id": uid,
            "name": name,
            "is_bot": False,
            "is_admin": is_admin,
            "is_owner": is_owner,
            "profile": {"display_name": name.title(), "real_name": name.title()},
        }

    def fail_next(self, n: int, retry_after: int = 1, method: str | None = None) -> None:
        """The next `n` Web API calls (of `method`, if given) answer 429 with Retry-After."""
        self._fail_left = n
        self._retry_after = retry_after
        self._fail_method = method

    # ---- Web API ---------------------------------------------------------------------------
    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        self.api_peers.add(
            request.transport.get_extra_info("peername") if request.transport else None
        )
        params: dict[str, Any] = dict(request.query)
        if request.can_read_body:
            if request.content_type == "application/json":
                params.update(await request.json())
            else:
                params.update(dict(await request.post()))
        for key in ("blocks", "files"):
            if isinstance(params.get(key), str):
                params[key] = json.loads(params[key])
        auth = request.headers.get("Authorization", "")
        if self._fail_left > 0 and self._fail_method in (None, method):
            self._fail_left -= 1
            await self._log(method + "#429", params)
            return web.json_response(
                {"ok": False, "error": "ratelimited"},
                status=429,
                headers={"Retry-After": str(self._retry_after)},
            )
        if method in self.html_errors:
            await self._log(method + "#502", params)
            html = "<html><body><h1>502 Bad Gateway</h1></body></html>"
            return web.Response(status=502, text=html, content_type="application/json")
        if method not in KNOWN:
            self.unknown.append(method)
            await self._log(method + "#404", params)
            return web.json_response({"ok": False, "error": "unknown_method"}, status=404)
        self.tokens.append((method, auth.removeprefix("Bearer ")))
        answer = self._answer(method, params)
        if "ts" in answer:
            params["_ts"] = answer["ts"]  # so tests can click buttons on what was posted
        await self._log(method, params)
        return web.json_response(answer)

    def _answer(self, method: str, p: dict[str, Any]) -> dict[str, Any]:
        if method == "auth.test":
            return {"ok": True, "user_id": BOT_USER, "team_id": TEAM, "bot_id": "BBOT"}
        if method == "apps.connections.open":
            return {"ok": True, "url": self.url.replace("http", "ws", 1) + "/ws"}
        if method == "users.info":
            user = self.users.get(str(p.get("user")))
            return {"ok": True, "user": user} if user else {"ok": False, "error": "user_not_found"}
        if method in ("chat.postMessage", "chat.update"):
            ts = p.get("ts") or self.next_ts()
            return {"ok": True, "channel": p.get("channel"), "ts": ts}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": self.next_ts()}
        if method == "usergroups.list":
            return {
                "ok": True,
                "usergroups": [{"id": g, "users": u} for g, u in self.groups.items()],
            }
        if method == "conversations.history":
            return {"ok": True, "messages": self.history.get(str(p.get("channel")), [])}
        if method == "conversations.open":
            return {"ok": True, "channel": {"id": "D" + str(p.get("users"))}}
        if method == "files.getUploadURLExternal":
            fid = f"F{next(self._ids)}"
            return {"ok": True, "file_id": fid, "upload_url": f"{self.url}/upload/{fid}"}
        if method == "files.completeUploadExternal":
            return {"ok": True, "files": [{"id": f["id"]} for f in p.get("files", [])]}
        return {"ok": True}

    def next_ts(self) -> str:
        return f"{int(time.time())}.{next(self._ts):06d}"

    async def _upload(self, request: web.Request) -> web.Response:
        data = await request.read()
        await self._log("upload", {"file_id": request.match_info["file_id"], "data": data})
        return web.Response(text=f"OK - {len(data)}")

    async def _response_url(self, request: web.Request) -> web.Response:
        await self._log("response_url", {"rid": request.match_info["rid"], **await request.json()})
        return web.Response(text="ok")

    async def _log(self, method: str, params: dict[str, Any]) -> None:
        async with self._changed:
            self.calls.append((method, params))
            self.stamps.append(time.monotonic())
            self._changed.notify_all()

    def sent(self, method: str) -> list[dict[str, Any]]:
        return [p for m, p in self.calls if m == method]

    async def wait_for(self, method: str, count: int = 1, within: float = 5.0) -> list[dict]:
        """Wait until `method` has been called at least `count` times; returns those calls."""

        async def enough() -> None:
            async with self._changed:
                await self._changed.wait_for(lambda: len(self.sent(method)) >= count)

        await asyncio.wait_for(enough(), within)
        return self.sent(method)

    # ---- Socket Mode -----------------------------------------------------------------------
    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._ws = ws
        self.connections += 1
        await ws.send_json({"type": "hello", "num_connections": 1, "debug_info": {}})
        self._ws_ready.set()
        async for msg in ws:
            if msg.type == aiohttp.WSMsgType.TEXT:
                data = json.loads(msg.data)
                async with self._changed:
                    self.acks[data["envelope_id"]] = data
                    self._changed.notify_all()
        return ws

    async def refresh_socket(self) -> None:
        """Ask the client to reconnect, as Slack does every few hours (`refresh_requested`)."""
        assert self._ws is not None
        self._ws_ready.clear()
        await self._ws.send_json(
            {"type": "disconnect", "reason": "refresh_requested", "debug_info": {}}
        )

    async def push(self, kind: str, payload: dict[str, Any], retry_attempt: int = 0) -> str:
        """Send one Socket Mode envelope (`events_api`, `slash_commands`, `interactive`)."""
        await asyncio.wait_for(self._ws_ready.wait(), 5)
        assert self._ws is not None
        envelope_id = f"env-{next(self._ids)}"
        await self._ws.send_json(
            {
                "type": kind,
                "envelope_id": envelope_id,
                "payload": payload,
                "accepts_response_payload": kind != "events_api",
                "retry_attempt": retry_attempt,
                "retry_reason": "timeout" if retry_attempt else "",
            }
        )
        return envelope_id

    async def wait_ack(self, envelope_id: str, within: float = 3.0) -> dict[str, Any]:
        async def acked() -> None:
            async with self._changed:
                await self._changed.wait_for(lambda: envelope_id in self.acks)

        await asyncio.wait_for(acked(), within)
        return self.acks[envelope_id]

    # ---- payload builders (what Slack sends) ----------------------------------------------
    def response_url(self) -> str:
        return f"{self.url}/response/r{next(self._ids)}"


_event_seq = itertools.count(1)


def event_body(event: dict[str, Any], *, event_id: str | None = None) -> dict[str, Any]:
    """An Events API envelope (`event_callback`) around one event."""
    return {
        "token": "legacy",
        "team_id": TEAM,
        "api_app_id": "A0001",
        "event": event,
        "type": "event_callback",
        "event_id": event_id or f"Ev{next(_event_seq):06d}",
        "event_time": int(time.time()),
        "authorizations": [{"team_id": TEAM, "user_id": BOT_USER, "is_bot": True}],
    }


def message(
    text: str,
    *,
    user: str = "UFAN",
    channel: str = "C001",
    ts: str | None = None,
    thread_ts: str | None = None,
    channel_type: str = "channel",
    kind: str = "message",
    **extra: Any,
) -> dict[str, Any]:
    ev: dict[str, Any] = {
        "type": kind,
        "user": user,
        "text": text,
        "ts": ts or f"{int(time.time())}.{next(_event_seq):06d}",
        "channel": channel,
        "event_ts": ts or "1.0",
        "channel_type": channel_type,
        "team": TEAM,
        **extra,
    }
    if thread_ts:
        ev["thread_ts"] = thread_ts
    if kind == "app_mention":
        ev.pop("channel_type")
    return ev


def command_body(
    command: str, text: str = "", *, user: str = "UFAN", channel: str = "C001", response_url: str
) -> dict[str, str]:
    return {
        "token": "legacy",
        "team_id": TEAM,
        "team_domain": "fans",
        "channel_id": channel,
        "channel_name": "general",
        "user_id": user,
        "user_name": user.lower(),
        "command": command,
        "text": text,
        "api_app_id": "A0001",
        "response_url": response_url,
        "trigger_id": f"trig.{next(_event_seq)}",
    }


def block_actions_body(
    action_id: str,
    value: str,
    *,
    message_ts: str,
    user: str = "UOWNER",
    channel: str = "C001",
    thread_ts: str | None = None,
    response_url: str = "",
) -> dict[str, Any]:
    msg: dict[str, Any] = {"type": "message", "ts": message_ts, "user": BOT_USER, "text": "x"}
    if thread_ts:
        msg["thread_ts"] = thread_ts
    return {
        "type": "block_actions",
        "team": {"id": TEAM, "domain": "fans"},
        "user": {"id": user, "username": user.lower(), "team_id": TEAM},
        "api_app_id": "A0001",
        "token": "legacy",
        "container": {"type": "message", "message_ts": message_ts, "channel_id": channel},
        "trigger_id": f"trig.{next(_event_seq)}",
        "channel": {"id": channel, "name": "general"},
        "message": msg,
        "response_url": response_url,
        "actions": [
            {
                "action_id": action_id,
                "block_id": "clonebot_actions",
                "type": "button",
                "value": value,
                "action_ts": str(time.time()),
            }
        ],
    }


# ---- HTTP mode: sign requests exactly as Slack does ---------------------------------------
def signed_headers(
    body: str, *, secret: str = SECRET, timestamp: int | None = None, retry_num: int | None = None
) -> dict[str, str]:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    headers = {
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": SignatureVerifier(secret).generate_signature(timestamp=ts, body=body),
    }
    if retry_num:
        headers["X-Slack-Retry-Num"] = str(retry_num)
        headers["X-Slack-Retry-Reason"] = "http_timeout"
    return headers


def encode(kind: str, payload: dict[str, Any]) -> tuple[str, str]:
    """The body and content type Slack uses for each kind of HTTP delivery."""
    if kind == "events_api":
        return json.dumps(payload), "application/json"
    if kind == "slash_commands":
        return urlencode(payload), "application/x-www-form-urlencoded"
    return urlencode({"payload": json.dumps(payload)}), "application/x-www-form-urlencoded"


async def post_signed(
    url: str, kind: str, payload: dict[str, Any], **sign: Any
) -> tuple[int, str]:
    """POST one delivery to a Bolt HTTP endpoint, signed (or mis-signed) via `sign` kwargs."""
    body, ctype = encode(kind, payload)
    headers = {"Content-Type": ctype, **signed_headers(body, **sign)}
    async with (
        aiohttp.ClientSession() as session,
        session.post(url, data=body, headers=headers) as r,
    ):
        return r.status, await r.text()
