"""`make demo` twice in a row: the first run's care handoff must not silence the second."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from langchain_core.language_models.fake_chat_models import FakeListChatModel

from bots.cli import demo_community
from tests.scenario.harness import make_chat


def test_each_demo_run_talks_in_a_community_of_its_own() -> None:
    first = datetime(2026, 12, 2, 3, 40, tzinfo=UTC)
    assert demo_community(first) != demo_community(first + timedelta(seconds=1))
    assert demo_community().startswith("demo-")


async def test_the_scripts_handoff_silences_its_own_run_only() -> None:
    chat = await make_chat(FakeListChatModel(responses=["Once a week [1]."] * 5))
    first, second = demo_community(), "demo-next-run"
    # The demo script ends in a care handoff (a meeting question) in its conversation.
    assert "person" in await chat.text("Where are you staying tonight?", community=first)
    chat.clock.advance(seconds=60)
    assert await chat.text("How often do you feed your starter?", community=first) == ""
    # The next run, minutes later, starts a conversation of its own and is answered.
    chat.clock.advance(seconds=60)
    assert await chat.text("How often do you feed your starter?", community=second)
