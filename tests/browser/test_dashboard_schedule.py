"""A scheduled post waiting for review is decided on the page exactly as by the chat buttons:
through the outbox, sent once, with the AI label; the Schedules page shows it."""

from __future__ import annotations

from datetime import UTC, datetime

import aiohttp

from bots.admin import AdminServer
from bots.dashboard import Dashboard
from core.config import Settings
from core.records import DraftStatus, OutboxStatus
from core.types import ReplyKind
from tests.browser.kit import csrf_of, page, post
from tests.scenario.schedule_kit import CREATOR, TIP, clone_with, schedule

NINE_UTC = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


async def test_a_scheduled_draft_edited_on_the_page_is_posted_once_through_the_outbox() -> None:
    reviewed = schedule(review=True)
    chat, scheduler, _ = await clone_with(reviewed, texts=[TIP])
    [entry] = await scheduler.publisher.run_occurrence(reviewed, NINE_UTC)
    assert entry.status is OutboxStatus.DRAFTED and entry.draft_id
    services = chat.services
    dashboard = Dashboard({services.bot.id: services}, Settings(), now=chat.clock.now)
    admin = AdminServer(clones={services.bot.id: services}, dashboard=dashboard)
    await admin.start()
    url = f"{admin.url}/dashboard/{services.bot.id}"
    try:
        token = (await dashboard.link(services.bot.id, f"test:{CREATOR}")).split("token=")[1]
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
            await post(http, f"{admin.url}/dashboard/login", {"token": token})
            status, html = await page(http, url + "/review")
            assert status == 200 and "Scheduled post" in html and "starter is sluggish" in html
            data = {
                "csrf": csrf_of(html),
                "draft": entry.draft_id,
                "decision": "edit",
                "text": "Feed Barty before bed, friends!",
            }
            status, html = await post(http, url + "/review", data)
            assert status == 200 and "approved and sent" in html
            status, html = await post(http, url + "/review", {**data, "decision": "approve"})
            assert "already" in html  # a second click sends nothing
            status, html = await page(http, url + "/schedules")
            assert status == 200 and "Feed Barty before bed" in html and "sent" in html
    finally:
        await admin.stop()
    posts = [r for r in chat.sender.sent if r.kind is ReplyKind.POST]
    assert len(posts) == 1 and posts[0].text == "Feed Barty before bed, friends!"
    assert posts[0].ai_label
    assert (await services.state.get_draft(entry.draft_id)).status is DraftStatus.SENT
    final = await services.state.get_outbox(services.bot.id, entry.key)
    assert final is not None and final.status is OutboxStatus.SENT
