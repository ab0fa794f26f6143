"""What core posts by itself (typing signs, notices) goes out through its Outbound; when that
fails, or the platform has no runner here, the fan's answer still comes back."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from langchain_core.language_models.fake_chat_models import FakeListChatModel

from core.types import Reply, ReplyKind, SentMessage, Target
from tests.fakes.generators import CapturingGenerator
from tests.scenario.harness import make_chat


class SlowGenerator(CapturingGenerator):
    """Thinks long enough for the typing sign to be due."""

    def __init__(self, seconds: float) -> None:
        super().__init__("Rye gives tang [1].")
        self.seconds = seconds

    async def stream(self, messages):  # type: ignore[no-untyped-def]
        await asyncio.sleep(self.seconds)
        async for piece in super().stream(messages):
            yield piece


@dataclass
class BrokenRunner:
    """A platform whose typing sign and notices fail (an outage, a revoked permission)."""

    platform: str = "test"
    tried: list[str] = field(default_factory=list)

    async def send(self, reply: Reply) -> SentMessage:
        self.tried.append(reply.kind.value)
        raise ConnectionError("platform down")

    async def typing(self, target: Target) -> None:
        self.tried.append(ReplyKind.TYPING.value)
        raise ConnectionError("platform down")

    async def start(self, handle: object) -> None:
        return None

    async def stop(self) -> None:
        return None


async def test_a_failed_typing_sign_never_costs_the_answer() -> None:
    broken = BrokenRunner()
    chat = await make_chat(None, generator=SlowGenerator(0.6), runners=[broken])
    replies = await chat.say("Why rye?")
    assert "typing" in broken.tried, "the sign was due and tried"
    [answer] = replies
    assert answer.kind is ReplyKind.ANSWER and answer.text and answer.ai_label


async def test_a_failed_moderator_notice_never_costs_the_handoff_or_the_fans_reply() -> None:
    broken = BrokenRunner()
    chat = await make_chat(FakeListChatModel(responses=["An answer [1]."] * 5), runners=[broken])
    [said] = await chat.say("/human")
    assert "notice" in broken.tried, "the moderators' notice was tried"
    assert "real person" in said.text
    assert await chat.say("hello?") == [], "the handoff stands: the clone stays quiet"


async def test_a_platform_with_no_runner_here_still_gets_its_answer_without_a_sign() -> None:
    chat = await make_chat(None, generator=SlowGenerator(0.6))  # a runner for "test" only
    replies = await chat.say("Why rye?", platform="elsewhere")
    assert replies and replies[0].target.platform == "elsewhere"
    assert chat.sender.typing_in == [] and chat.sender.sent == []
