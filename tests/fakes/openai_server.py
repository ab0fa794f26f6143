"""A fake OpenAI-compatible chat completions server on 127.0.0.1 (aiohttp) that answers at once.

The real `langchain_openai` client talks to it over HTTP, streaming or not, as it would to vLLM
or llama.cpp's server: what the default remote-provider path costs, with none of a model's time.
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass

from aiohttp import web

REPLY = "Thanks for your message! I'm an AI clone on a test model, so I'll keep this short."


@dataclass
class FakeOpenAI:
    """Serves `POST /v1/chat/completions`; streams `reply` word by word with usage at the end.

    `delay` seconds pass before the answer starts (a remote model's time to first text).
    `requests` counts the completions asked for, `in_flight` the ones being answered now.
    """

    reply: str = REPLY
    delay: float = 0.0
    requests: int = 0
    in_flight: int = 0
    port: int = 0
    _runner: web.AppRunner | None = None

    async def start(self) -> FakeOpenAI:
        app = web.Application()
        app.router.add_post("/v1/chat/completions", self._completions)
        self._runner = web.AppRunner(app, shutdown_timeout=0.5)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    async def _completions(self, request: web.Request) -> web.StreamResponse:
        body = await request.json()
        self.requests += 1
        self.in_flight += 1
        try:
            if self.delay > 0:
                await asyncio.sleep(self.delay)
            model = str(body.get("model", "fake"))
            prompt_tokens = sum(len(str(m.get("content", ""))) for m in body["messages"]) // 4
            usage = {
                "prompt_tokens": prompt_tokens,
                "completion_tokens": len(self.reply) // 4,
                "total_tokens": prompt_tokens + len(self.reply) // 4,
            }
            if not body.get("stream"):
                message = {"role": "assistant", "content": self.reply}
                return web.json_response(
                    _completion(model, [{"index": 0, "message": message, "finish_reason": "stop"}])
                    | {"usage": usage}
                )
            return await self._stream(request, model, usage)
        except ConnectionResetError:  # the client went away (a clone stopped mid-request)
            return web.Response(status=499)
        finally:
            self.in_flight -= 1

    async def _stream(self, request: web.Request, model: str, usage: dict) -> web.StreamResponse:
        resp = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await resp.prepare(request)
        words = self.reply.split(" ")
        chunks = [
            {"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}
        ]
        chunks += [
            {"index": 0, "delta": {"content": w + (" " if i < len(words) - 1 else "")}}
            for i, w in enumerate(words)
        ]
        chunks.append({"index": 0, "delta": {}, "finish_reason": "stop"})
        # One write for the whole answer: an instant provider, as cheap to serve as it can be.
        out = [f"data: {json.dumps(_completion(model, [c], chunk=True))}\n\n" for c in chunks]
        last = _completion(model, [], chunk=True) | {"usage": usage}
        out.append(f"data: {json.dumps(last)}\n\n")
        out.append("data: [DONE]\n\n")
        await resp.write("".join(out).encode())
        await resp.write_eof()
        return resp


def _completion(model: str, choices: list[dict], *, chunk: bool = False) -> dict:
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion.chunk" if chunk else "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": choices,
    }
