"""Core's way out (`core.ports.Outbound`): each Reply core starts goes to its platform's runner."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Protocol, runtime_checkable

from core.types import Reply, ReplyKind, SentMessage, Target


class PlatformSender(Protocol):
    """What a runner offers the router: send a reply, show the typing sign."""

    platform: str

    async def send(self, reply: Reply) -> SentMessage | None: ...

    async def typing(self, target: Target) -> None:
        """Show the platform's typing sign (or its nearest equivalent) in the conversation."""
        ...


@runtime_checkable
class PostFinder(Protocol):
    """A runner extra where the platform lets the bot read a channel's recent history."""

    async def find_post(
        self, target: Target, text: str, since: datetime
    ) -> SentMessage | None: ...


class OutboundRouter:
    """The runners of this process, by platform; bootstrap builds it with them.

    A reply whose platform has no runner here raises LookupError: the core service that
    posted it decides what that means (a skipped notice, a post left unsent).
    """

    def __init__(self, runners: Iterable[PlatformSender] = ()) -> None:
        self._runners: dict[str, PlatformSender] = {}
        for runner in runners:
            if runner.platform in self._runners:
                raise ValueError(f"two runners for {runner.platform} in one clone")
            self._runners[runner.platform] = runner

    def reaches(self, platform: str) -> bool:
        return platform in self._runners

    async def post(self, reply: Reply) -> SentMessage | None:
        runner = self._runner(reply.target.platform)
        if reply.kind is ReplyKind.TYPING:
            await runner.typing(reply.target)
            return None
        return await runner.send(reply)

    async def find_post(self, target: Target, text: str, since: datetime) -> SentMessage | None:
        runner = self._runner(target.platform)
        if not isinstance(runner, PostFinder):
            raise LookupError(f"{target.platform} cannot search a channel's history")
        return await runner.find_post(target, text, since)

    def _runner(self, platform: str) -> PlatformSender:
        runner = self._runners.get(platform)
        if runner is None:
            raise LookupError(f"no runner for {platform} in this process")
        return runner
