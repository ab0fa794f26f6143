"""Slack HTTP mode: our aiohttp route checks the signature before Bolt reads the body."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.signature import SignatureVerifier

log = logging.getLogger("clonebot.slack")


def http_app(app: AsyncApp, *, signing_secret: str, path: str) -> web.Application:
    """One POST route: 401 unless signed (and fresh), 400 for a signed body that is not a
    Slack delivery, else Bolt dispatches it.

    Bolt's own server parses the body first and checks the signature after, so anyone could
    make it answer 500 with a traceback in the log; here nothing unsigned is ever parsed.
    """
    verifier = SignatureVerifier(signing_secret)

    async def receive(request: web.Request) -> web.Response:
        raw = await request.read()
        headers: dict[str, str | Sequence[str]] = {
            k.lower(): v for k, v in request.headers.items()
        }
        if not verifier.is_valid_request(raw, {k: str(v) for k, v in headers.items()}):
            return web.Response(status=401)
        try:
            bolt = AsyncBoltRequest(
                body=raw.decode("utf-8"), query=request.query_string, headers=headers
            )
        except Exception:  # Bolt's parser meets bodies it never expected (`[1]`, `"x"`, `{`)
            log.warning("slack: a signed request whose body is unreadable; answered 400")
            return web.Response(status=400)
        if not isinstance(bolt.body, Mapping) or not bolt.body:
            log.warning("slack: a signed request that is not a delivery; answered 400")
            return web.Response(status=400)
        return await to_aiohttp_response(await app.async_dispatch(bolt))

    web_app = web.Application()
    web_app.router.add_post(path, receive)
    return web_app
