"""The outbound router: each Reply core posts goes to its platform's runner, typing signs too."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

import pytest

from adapters.common.router import OutboundRouter
from core.types import Reply, ReplyKind, SentMessage, Target

SINCE = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@dataclass
class Runner:
    platform: str
    sent: list[Reply] = field(default_factory=list)
    signs: list[Target] = field(default_factory=list)

    async def send(self, reply: Reply) -> SentMessage:
        self.sent.append(reply)
        return SentMessage(self.platform, reply.target.channel_id, str(len(self.sent)))

    async def typing(self, target: Target) -> None:
        self.signs.append(target)


@dataclass
class SearchingRunner(Runner):
    async def find_post(self, target: Target, text: str, since: datetime) -> SentMessage | None:
        hit = next((r for r in self.sent if r.text == text), None)
        return SentMessage(self.platform, target.channel_id, "old") if hit else None


def where(platform: str) -> Target:
    return Target(platform, "w", "c", reply_to_message_id="m1")


async def test_a_reply_goes_to_the_runner_of_its_platform_only() -> None:
    a, b = Runner("alpha"), Runner("beta")
    router = OutboundRouter([a, b])
    sent = await router.post(Reply(where("beta"), "hello", kind=ReplyKind.NOTICE))
    assert sent == SentMessage("beta", "c", "1")
    assert [r.text for r in b.sent] == ["hello"] and a.sent == []


async def test_a_typing_reply_shows_the_sign_and_sends_no_message() -> None:
    runner = Runner("alpha")
    router = OutboundRouter([runner])
    assert await router.post(Reply(where("alpha"), "", kind=ReplyKind.TYPING)) is None
    assert runner.signs == [where("alpha")] and runner.sent == []


async def test_a_platform_with_no_runner_here_is_a_lookup_error_not_a_silent_drop() -> None:
    router = OutboundRouter([Runner("alpha")])
    assert router.reaches("alpha") and not router.reaches("beta")
    with pytest.raises(LookupError, match="beta"):
        await router.post(Reply(where("beta"), "hello"))
    with pytest.raises(LookupError):
        await router.find_post(where("beta"), "hello", SINCE)


async def test_find_post_asks_a_runner_that_can_search_and_refuses_one_that_cannot() -> None:
    searching, blind = SearchingRunner("alpha"), Runner("beta")
    router = OutboundRouter([searching, blind])
    await router.post(Reply(where("alpha"), "tip of the week"))
    assert await router.find_post(where("alpha"), "tip of the week", SINCE) is not None
    assert await router.find_post(where("alpha"), "never posted", SINCE) is None
    with pytest.raises(LookupError, match="cannot search"):
        await router.find_post(where("beta"), "tip of the week", SINCE)


def test_two_runners_for_one_platform_are_refused() -> None:
    with pytest.raises(ValueError, match="two runners"):
        OutboundRouter([Runner("alpha"), Runner("alpha")])
