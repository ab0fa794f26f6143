"""What every platform runner is built from: its settings, the deduper and rate limiter all
runners share, and the receiving half (`Inbound`) that `start` binds to core's handler."""

from __future__ import annotations

from typing import Generic, TypeVar

from adapters.common.inbound import Inbound
from core.ports import Deduper, RateLimiter
from core.types import Capabilities

S = TypeVar("S")


class PlatformRunner(Generic[S]):
    """A platform adapter's runner, before its platform's own parts.

    A subclass names its `platform` and `capabilities`, says which configured pace one
    channel allows (`channel_posts`: live rounds are paced by it) and builds its own state in
    `_setup`; nothing connects until its `start`.
    """

    platform: str
    capabilities: Capabilities

    def __init__(self, settings: S, *, deduper: Deduper, rate_limiter: RateLimiter) -> None:
        """Build the adapter; nothing connects until `start`."""
        self.settings = settings
        self._limiter = rate_limiter
        posts = self.channel_posts(settings)
        self._inbound = Inbound(self.platform, deduper, self.capabilities, channel_posts=posts)
        self.spawn = self._inbound.spawn
        self._setup()

    def channel_posts(self, settings: S) -> tuple[int, float]:
        """(posts, seconds) one channel allows as configured here."""
        raise NotImplementedError

    def _setup(self) -> None:
        """The platform's own state (clients, caches); called once by `__init__`."""
