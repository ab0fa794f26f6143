"""Telegram webhook delivery: our own aiohttp route into PTB's update queue, and set-webhook."""

from __future__ import annotations

import hmac
import logging
from typing import Any

from aiohttp import web
from telegram import Bot, Update
from telegram.ext import Application

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"

# Polling and the webhook ask for the same updates. Telegram has no delete events for bots.
# Reactions must be asked for by name (they are not in Telegram's default set): a fan's 🚩 on
# an answer is how they report it. Telegram sends them only where the bot is an admin.
ALLOWED_UPDATES: tuple[str, ...] = (
    Update.MESSAGE,
    Update.EDITED_MESSAGE,
    Update.CHANNEL_POST,
    Update.EDITED_CHANNEL_POST,
    Update.CALLBACK_QUERY,
    Update.MESSAGE_REACTION,
)


def webhook_app(
    application: Application[Any, Any, Any, Any, Any, Any],
    *,
    secret: str,
    path: str = "/telegram/webhook",
) -> web.Application:
    """An aiohttp app whose one route checks the secret header and queues the update.

    Our own route, not `updater.start_webhook`: that one calls setWebhook on every start, which
    several replicas would keep fighting over. The webhook is set once, by `set_webhook`.

    Args:
        application: A PTB Application built with `.updater(None)` and started.
        secret: The secret_token given to setWebhook; requests without it get 403.
        path: Where Telegram posts updates.
    """
    if not secret:
        raise ValueError("webhook mode needs a secret token")
    expected = secret.encode()

    async def receive(request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, expected):
            return web.Response(status=403)
        try:
            data = await request.json()
            update = Update.de_json(data, application.bot)
        except Exception:
            log.warning("telegram webhook: unreadable update body", exc_info=True)
            return web.Response(status=400)
        # Answer at once: the slow part (core, LLM) runs after the queue, so Telegram never
        # times out and re-delivers; re-deliveries that still happen are dropped by the Deduper.
        await application.update_queue.put(update)
        return web.Response(status=200)

    app = web.Application()
    app.router.add_post(path, receive)
    return app


async def set_webhook(
    *,
    token: str,
    url: str,
    secret: str,
    base_url: str | None = None,
    drop_pending_updates: bool = False,
) -> bool:
    """Point Telegram at our webhook once (what `clonebot telegram set-webhook` calls).

    Args:
        token: The bot token from BotFather.
        url: The public HTTPS URL of the webhook route.
        secret: 1-256 characters of `A-Za-z0-9_-`; Telegram sends it back in `SECRET_HEADER`.
        base_url: Bot API base URL override (tests, a local Bot API server).
        drop_pending_updates: Discard updates Telegram holds for the bot.

    Returns:
        True when Telegram accepted the webhook.
    """
    bot = Bot(token, base_url=base_url) if base_url else Bot(token)
    async with bot:
        return await bot.set_webhook(
            url=url,
            secret_token=secret,
            allowed_updates=list(ALLOWED_UPDATES),
            drop_pending_updates=drop_pending_updates,
        )
