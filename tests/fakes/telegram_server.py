"""A fake Telegram Bot API on 127.0.0.1 (aiohttp) that the real python-telegram-bot talks to."""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from aiohttp import web

BOT_ID = 4242
BOT_USERNAME = "clone_bot"
TOKEN = f"{BOT_ID}:TEST-TOKEN"


def user(uid: int, name: str = "Fan", *, is_bot: bool = False, username: str = "") -> dict:
    data: dict[str, Any] = {"id": uid, "is_bot": is_bot, "first_name": name}
    if username:
        data["username"] = username
    return data


def private_chat(uid: int, name: str = "Fan") -> dict:
    return {"id": uid, "type": "private", "first_name": name}


def group_chat(cid: int, title: str = "Fans", *, forum: bool = False) -> dict:
    chat: dict[str, Any] = {"id": cid, "type": "supergroup", "title": title}
    if forum:
        chat["is_forum"] = True
    return chat


def channel_chat(cid: int, title: str = "Creator channel") -> dict:
    return {"id": cid, "type": "channel", "title": title}


@dataclass
class FakeTelegram:
    """Serves `POST /bot{token}/{method}`, logs every call, long-polls `getUpdates`.

    `fail_next(n)` makes the next n calls (other than getUpdates) answer 429 with retry_after.
    """

    token: str = TOKEN
    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    stamps: list[float] = field(default_factory=list)  # time.monotonic() of each call
    sent: list[dict] = field(default_factory=list)  # every message the bot sent, as returned
    member_status: dict[tuple[int, int], str] = field(default_factory=dict)
    forbidden_chats: set[int] = field(default_factory=set)
    port: int = 0
    _updates: list[dict] = field(default_factory=list)
    _new_update: asyncio.Condition = field(default_factory=asyncio.Condition)
    _update_ids: itertools.count = field(default_factory=lambda: itertools.count(1000))
    _message_ids: itertools.count = field(default_factory=lambda: itertools.count(9000))
    _fail: int = 0
    _retry_after: int = 1
    _runner: web.AppRunner | None = None
    _closing: bool = False

    # -- lifecycle ---------------------------------------------------------------------------

    async def start(self) -> FakeTelegram:
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self._dispatch)
        app.router.add_post("/file/bot{token}/{path:.*}", self._not_found)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def stop(self) -> None:
        # Release long polls the client gave up on, or cleanup waits for their timeout.
        self._closing = True
        async with self._new_update:
            self._new_update.notify_all()
        if self._runner:
            await self._runner.cleanup()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/file/bot"

    # -- test controls -----------------------------------------------------------------------

    def fail_next(self, n: int, retry_after: int = 1) -> None:
        self._fail, self._retry_after = n, retry_after

    async def push(self, *updates: dict) -> list[dict]:
        """Queue updates for getUpdates at once; each gets the next update_id unless it has one."""
        async with self._new_update:
            for update in updates:
                update.setdefault("update_id", next(self._update_ids))
                self._updates.append(update)
            self._new_update.notify_all()
        return list(updates)

    def message(
        self,
        chat: dict,
        sender: dict | None,
        text: str | None = "hi",
        *,
        edited: bool = False,
        **extra: Any,
    ) -> dict:
        """Build an update with a message (or an edited message, or a channel post)."""
        msg: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat,
            **extra,
        }
        if sender is not None:
            msg["from"] = sender
        if text is not None:
            msg["text"] = text
        if edited:
            msg["edit_date"] = int(time.time())
        key = "channel_post" if chat["type"] == "channel" else "message"
        return {("edited_" + key) if edited else key: msg}

    def callback(self, chat: dict, sender: dict, message_id: int, data: str) -> dict:
        msg = {"message_id": message_id, "date": int(time.time()), "chat": chat}
        msg["from"] = user(BOT_ID, "Clone", is_bot=True, username=BOT_USERNAME)
        return {
            "callback_query": {
                "id": f"cb{next(self._message_ids)}",
                "from": sender,
                "chat_instance": "ci",
                "message": msg,
                "data": data,
            }
        }

    def calls_to(self, method: str) -> list[dict[str, Any]]:
        return [params for name, params in self.calls if name == method]

    def times_of(self, method: str) -> list[float]:
        return [t for (name, _), t in zip(self.calls, self.stamps, strict=True) if name == method]

    async def wait_for(self, method: str, count: int = 1, within: float = 5.0) -> list[dict]:
        """Wait until `method` was called at least `count` times; returns those calls."""
        deadline = time.monotonic() + within
        while len(self.calls_to(method)) < count:
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"{method} called {len(self.calls_to(method))}x, wanted {count}: "
                    f"{[name for name, _ in self.calls]}"
                )
            await asyncio.sleep(0.01)
        return self.calls_to(method)

    # -- the Bot API -------------------------------------------------------------------------

    async def _not_found(self, request: web.Request) -> web.Response:
        return _error(404, "Not Found")

    async def _dispatch(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _error(401, "Unauthorized")
        method = request.match_info["method"]
        params = await _params(request)
        self.calls.append((method, params))
        self.stamps.append(time.monotonic())
        handler = getattr(self, f"_m_{method}", None)
        if handler is None:
            # Loud on purpose: an adapter calling a method we did not expect is a test failure.
            return _error(404, f"Not Found: fake has no method {method}")
        if self._fail and method != "getUpdates":
            self._fail -= 1
            return web.json_response(
                {
                    "ok": False,
                    "error_code": 429,
                    "description": f"Too Many Requests: retry after {self._retry_after}",
                    "parameters": {"retry_after": self._retry_after},
                },
                status=429,
            )
        result = handler(params)
        if asyncio.iscoroutine(result):
            result = await result
        if isinstance(result, web.Response):
            return result
        return web.json_response({"ok": True, "result": result})

    def _m_getMe(self, params: dict) -> dict:
        return {
            **user(BOT_ID, "Clone", is_bot=True, username=BOT_USERNAME),
            "can_join_groups": True,
            "can_read_all_group_messages": True,
            "supports_inline_queries": False,
        }

    async def _m_getUpdates(self, params: dict) -> list[dict]:
        offset = int(params.get("offset") or 0)
        timeout = float(params.get("timeout") or 0)
        deadline = time.monotonic() + timeout
        async with self._new_update:
            # Telegram forgets everything below the offset the client confirmed.
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
            while not self._updates and not self._closing:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return []
                try:
                    await asyncio.wait_for(self._new_update.wait(), remaining)
                except TimeoutError:
                    return []
            return list(self._updates)

    def _sent(self, params: dict, **content: Any) -> dict:
        chat_id = int(params["chat_id"])
        if chat_id in self.forbidden_chats:
            return _error(403, "Forbidden: bot can't initiate conversation with a user")
        chat = {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup"}
        msg: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat,
            "from": user(BOT_ID, "Clone", is_bot=True, username=BOT_USERNAME),
            **content,
        }
        if params.get("message_thread_id"):
            msg["message_thread_id"] = int(params["message_thread_id"])
        self.sent.append(msg)
        return msg

    def _m_sendMessage(self, params: dict) -> Any:
        return self._sent(params, text=params["text"])

    def _m_sendDocument(self, params: dict) -> Any:
        doc = params["document"]
        return self._sent(
            params, document={"file_id": "f1", "file_unique_id": "u1", "file_name": doc["name"]}
        )

    def _m_sendChatAction(self, params: dict) -> bool:
        return True

    def _m_setMyCommands(self, params: dict) -> bool:
        return True

    def _m_setMyName(self, params: dict) -> bool:
        return True

    def _m_setMessageReaction(self, params: dict) -> bool:
        return True

    def _m_answerCallbackQuery(self, params: dict) -> bool:
        return True

    def _m_deleteWebhook(self, params: dict) -> bool:
        return True

    def _m_setWebhook(self, params: dict) -> bool:
        return True

    def _m_getChatMember(self, params: dict) -> dict:
        key = (int(params["chat_id"]), int(params["user_id"]))
        status = self.member_status.get(key, "member")
        return {"status": status, "user": user(key[1]), **_member_extras(status)}


def _member_extras(status: str) -> dict:
    if status == "creator":
        return {"is_anonymous": False}
    if status == "administrator":
        flags = "can_be_edited can_manage_chat can_delete_messages can_manage_video_chats "
        flags += "can_restrict_members can_promote_members can_change_info can_invite_users "
        flags += "is_anonymous can_post_stories can_edit_stories can_delete_stories"
        return {flag: flag in ("can_manage_chat", "can_delete_messages") for flag in flags.split()}
    return {}


def _error(code: int, description: str) -> web.Response:
    return web.json_response(
        {"ok": False, "error_code": code, "description": description}, status=code
    )


async def _params(request: web.Request) -> dict[str, Any]:
    """Form or multipart fields; nested values arrive as JSON strings, as PTB sends them."""
    out: dict[str, Any] = {}
    if request.content_type == "application/json":
        return dict(await request.json())
    if request.content_type.startswith("multipart/"):
        reader = await request.multipart()
        async for part in reader:
            if not isinstance(part, aiohttp.BodyPartReader) or part.name is None:
                continue
            if part.filename:
                out[part.name] = {"name": part.filename, "data": await part.read()}
            else:
                out[part.name] = _decode(await part.text())
        return out
    for key, value in (await request.post()).items():
        out[key] = _decode(value) if isinstance(value, str) else value
    return out


def _decode(value: str) -> Any:
    if value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


async def post_webhook(url: str, update: dict, secret: str | None) -> int:
    """Play Telegram delivering one update to a webhook; returns the HTTP status."""
    headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret is not None else {}
    async with (
        aiohttp.ClientSession() as session,
        session.post(url, json=update, headers=headers) as resp,
    ):
        return resp.status
