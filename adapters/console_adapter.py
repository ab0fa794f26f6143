"""Console adapter: a terminal chat through the same ChatEvent, policies and Reply as platforms."""

from __future__ import annotations

import asyncio
import itertools
import logging
import sys
from collections.abc import Callable, Iterable

from core.control.commands import parse_command
from core.types import (
    Author,
    ChatEvent,
    EventKind,
    Handler,
    Reply,
    ReplyKind,
    SentMessage,
    Target,
)

log = logging.getLogger(__name__)


class ConsoleAdapter:
    """Reads lines as one fan in one community (or a DM) and prints the clone's replies.

    Ids follow the platform scheme, so `console:creator` in bot.toml makes `--fan creator`
    the creator. Lines starting with `/` are commands, as on the platforms.
    """

    platform = "console"

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

    # --- translators ----------------------------------------------------------------------

    def to_event(self, line: str) -> ChatEvent:
        n = str(next(self._ids))
        command = parse_command(line)
        return ChatEvent(
            platform=self.platform,
            workspace_id=self.community or "dm",
            channel_id="general" if self.community else f"dm-{self.fan}",
            author=Author(id=self.fan, display_name=self.display_name),
            text=line,
            message_id=n,
            event_id=n,
            kind=EventKind.COMMAND if command else EventKind.MESSAGE,
            command=command,
            is_dm=self.community is None,
            mentions_bot=True,
        )

    @staticmethod
    def render(reply: Reply) -> str:
        prefix = {
            ReplyKind.NOTICE: "[notice] ",
            ReplyKind.DRAFT: "[draft for the creator] ",
            ReplyKind.COMMAND_RESULT: "",
        }.get(reply.kind, "")
        lines = [prefix + reply.text]
        if reply.citations:
            lines.append("  sources: " + "; ".join(c.render() for c in reply.citations))
        if reply.ai_label and reply.kind is ReplyKind.ANSWER:
            lines.append(f"  — {reply.ai_label}")
        if reply.buttons:
            lines.append("  buttons: " + " ".join(f"[{b.label} {b.value}]" for b in reply.buttons))
        if reply.attachment:
            lines.append(
                f"  attachment: {reply.attachment.filename} ({len(reply.attachment.data)} bytes)"
            )
        return "\n".join(lines)

    # --- Sender ---------------------------------------------------------------------------

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
            self._write("clone> (no reply)")
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
