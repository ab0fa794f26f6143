"""Console runner: a terminal chat through the same ChatEvent, policies and Reply as platforms."""

from __future__ import annotations

import asyncio
import itertools
import logging
import sys
from collections.abc import Callable, Iterable

from adapters.console.events import PLATFORM, to_event
from adapters.console.render import render
from core.types import ChatEvent, Handler, Reply, SentMessage, Target

log = logging.getLogger(__name__)


class ConsoleAdapter:
    """Reads lines as one fan in one community (or a DM) and prints the clone's replies.

    Ids follow the platform scheme, so `console:creator` in bot.toml makes `--fan creator`
    the creator. Lines starting with `/` are commands, as on the platforms.
    """

    platform = PLATFORM

    def __init__(
        self,
        *,
        fan: str = "fan",
        community: str | None = "demo",
        display_name: str = "",
        write: Callable[[str], None] | None = None,
        show_typing: bool = True,
    ) -> None:
        self.fan = fan
        self.community = community
        self.display_name = display_name or fan
        self._write = write or (lambda s: print(s, flush=True))
        self._handle: Handler | None = None
        self._ids = itertools.count(1)
        self._typing_shown = False
        self.show_typing = show_typing
        self.sent: list[Reply] = []

    def to_event(self, line: str) -> ChatEvent:
        return to_event(
            line,
            n=next(self._ids),
            fan=self.fan,
            community=self.community,
            display_name=self.display_name,
        )

    render = staticmethod(render)

    # --- sending --------------------------------------------------------------------------

    async def send(self, reply: Reply) -> SentMessage:
        self.sent.append(reply)
        self._write(f"clone> {self.render(reply)}")
        return SentMessage(self.platform, reply.target.channel_id, str(next(self._ids)))

    async def typing(self, target: Target) -> None:
        if self.show_typing and not self._typing_shown:
            self._typing_shown = True
            self._write("clone is typing…")

    # --- runner ---------------------------------------------------------------------------

    async def start(self, handle: Handler) -> None:
        self._handle = handle

    async def stop(self) -> None:
        self._handle = None

    async def say(self, line: str) -> list[Reply]:
        """Deliver one line as the fan and print what comes back. Errors never escape."""
        if self._handle is None:
            raise RuntimeError("ConsoleAdapter.start(handle) was not called")
        self._typing_shown = False
        event = self.to_event(line)
        try:
            replies = list(await self._handle(event))
        except Exception:
            log.exception("console event failed: %r", line[:80])
            self._write("clone> (something went wrong on our side; the team has been told)")
            return []
        for reply in replies:
            await self.send(reply)
        if not replies:
            # Every message still has a logged outcome; say where to see why.
            self._write(
                "clone> (no reply: muted, handed to a person, or not addressed; "
                "/clone status as the creator says which)"
            )
        return replies

    async def run_lines(
        self, lines: Iterable[str], *, echo: bool = True, min_gap_seconds: float = 0.0
    ) -> None:
        """Say each line in turn. `min_gap_seconds` paces a script like a person would type,
        so the clone's per-fan cooldown does not swallow lines sent back to back."""
        loop = asyncio.get_running_loop()
        last = -min_gap_seconds
        for raw in lines:
            line = raw.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            wait = last + min_gap_seconds - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            last = loop.time()
            if echo:
                self._write(f"\n{self.fan}> {line}")
            await self.say(line)

    async def run_interactive(self) -> None:
        self._write("Type a message (Ctrl-D or /quit to leave).")
        loop = asyncio.get_running_loop()
        while True:
            line = await loop.run_in_executor(None, _prompt, f"{self.fan}> ")
            if line is None or line.strip() in ("/quit", "/exit"):
                return
            if line.strip():
                await self.say(line)


def _prompt(text: str) -> str | None:
    try:
        return input(text)
    except EOFError:
        sys.stdout.write("\n")
        return None
