"""Scheduled posts and review drafts through the real Telegram adapter and its fake Bot API."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest

from adapters.telegram import Pacing, TelegramAdapter, TelegramSettings
from core.records import OutboxStatus
from core.state.limits import InMemoryDeduper, InMemoryRateLimiter
from tests.fakes.telegram_server import TOKEN, FakeTelegram
from tests.scenario.schedule_kit import TIP, clone_with, schedule

FAST = Pacing(per_chat=(100, 1.0), per_group=(100, 1.0), overall=(100, 1.0))
NINE_UTC = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@pytest.fixture
async def telegram() -> AsyncIterator[tuple[FakeTelegram, TelegramAdapter]]:
    fake = await FakeTelegram().start()
    settings = TelegramSettings(
        token=TOKEN,
        base_url=fake.base_url,
        base_file_url=fake.base_file_url,
        pacing=FAST,
        poll_timeout=1,
    )
    adapter = TelegramAdapter(
        settings, deduper=InMemoryDeduper(), rate_limiter=InMemoryRateLimiter()
    )

    async def ignore(event):  # type: ignore[no-untyped-def]
        return []

    await adapter.start(ignore)
    yield fake, adapter
    await adapter.stop()
    await fake.stop()


async def test_a_scheduled_post_reaches_the_telegram_group_labelled_and_cited(telegram) -> None:
    fake, adapter = telegram
    group = schedule(targets=["telegram:-100123"], review_to=None)
    chat, scheduler, _ = await clone_with(group, texts=[TIP], sender=adapter)
    [entry] = await scheduler.publisher.run_occurrence(group, NINE_UTC)
    [call] = fake.calls_to("sendMessage")
    assert int(call["chat_id"]) == -100123
    assert "starter is sluggish" in call["text"]
    assert "AI clone of Mara Quill" in call["text"]  # the label rides in the footer
    assert "[1]" in call["text"] or "Sources" in call["text"]
    assert entry.status is OutboxStatus.SENT and entry.message_id == str(
        fake.sent[-1]["message_id"]
    )
    # The same occurrence again (another replica, a catch-up fire): nothing more is sent.
    await scheduler.publisher.run_occurrence(group, NINE_UTC)
    assert len(fake.calls_to("sendMessage")) == 1


async def test_a_review_draft_reaches_the_creators_telegram_dm_with_buttons(telegram) -> None:
    fake, adapter = telegram
    reviewed = schedule(targets=["telegram:-100123"], review=True, review_to="telegram:900")
    chat, scheduler, _ = await clone_with(reviewed, texts=[TIP], sender=adapter)
    [entry] = await scheduler.publisher.run_occurrence(reviewed, NINE_UTC)
    [call] = fake.calls_to("sendMessage")
    assert int(call["chat_id"]) == 900
    assert entry.draft_id in call["text"] and "starter is sluggish" in call["text"]
    assert "draft-approve" in str(call.get("reply_markup"))
    draft = await chat.services.state.get_draft(entry.draft_id)
    answer = await scheduler.decide(draft, approve=True, by="telegram:900", text=None)
    assert "approved and sent" in answer
    posts = [c for c in fake.calls_to("sendMessage") if int(c["chat_id"]) == -100123]
    assert len(posts) == 1 and "AI clone of Mara Quill" in posts[0]["text"]
