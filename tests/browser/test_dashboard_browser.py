"""The dashboard in headless Chromium, on a running clone with the fake Telegram and Slack:
sign in with a link, edit and approve a draft, answer a handoff, turn a report into a verified
fact, forget a fan."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from bots.cli import app
from core.records import DraftStatus
from tests.browser.world import (
    CHROMIUM,
    CHROMIUM_ARGS,
    CREATOR_TG,
    FAN_TG,
    World,
    browser_missing,
    running_world,
)
from tests.fakes.slack_server import command_body, post_signed
from tests.fakes.telegram_server import private_chat, user

pytestmark = pytest.mark.skipif(browser_missing() is not None, reason=str(browser_missing()))


@pytest.fixture
async def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[World]:
    async with running_world(tmp_path, monkeypatch) as w:
        yield w


@pytest.fixture
async def browser() -> AsyncIterator[Any]:
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        b = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        await b.close()


async def until(check: Callable[[], Awaitable[Any]], within: float = 20.0) -> Any:
    deadline = time.monotonic() + within
    while True:
        got = await check()
        if got:
            return got
        assert time.monotonic() < deadline, "condition never held"
        await asyncio.sleep(0.05)


async def link_from_cli(world: World, *args: str) -> str:
    """`clonebot dashboard-link bots/example`, as a creator runs it (in a thread: it has its
    own event loop)."""
    result = await asyncio.to_thread(
        CliRunner().invoke, app, ["dashboard-link", str(world.folder), *args]
    )
    assert result.exit_code == 0, result.output
    return next(line for line in result.output.splitlines() if "/dashboard/login?token=" in line)


async def signed_in_page(world: World, browser: Any, *args: str) -> Any:
    page = await (await browser.new_context(viewport={"width": 1280, "height": 900})).new_page()
    await page.goto(await link_from_cli(world, *args))
    await page.get_by_role("button", name="Sign in").click()
    await page.get_by_role("heading", name="Overview").wait_for()
    return page


async def telegram_says(world: World, uid: int, text: str) -> None:
    await world.tg.push(world.tg.message(private_chat(uid), user(uid), text))


def sent_to(world: World, chat_id: int) -> list[str]:
    return [
        str(c.get("text", ""))
        for c in world.tg.calls_to("sendMessage")
        if str(c.get("chat_id")) == str(chat_id)
    ]


async def test_a_one_time_link_signs_the_creator_in_and_works_only_once(
    world: World, browser: Any
) -> None:
    link = await link_from_cli(world)
    page = await (await browser.new_context()).new_page()
    await page.goto(link)
    await page.get_by_role("button", name="Sign in").click()
    await page.get_by_role("heading", name="Overview").wait_for()
    assert "creator" in await page.locator(".who").first.inner_text()
    cookies = await page.context.cookies()
    session = next(c for c in cookies if c["name"] == "clonebot_dashboard")
    assert session["httpOnly"] and session["sameSite"] == "Strict"
    # The same link in another browser is spent.
    other = await (await browser.new_context()).new_page()
    await other.goto(link)
    await other.get_by_role("button", name="Sign in").click()
    await other.get_by_role("heading", name="Sign in needed").wait_for()
    # Keyboard: the skip link is the first stop and lands on the content.
    await page.keyboard.press("Tab")
    assert await page.evaluate("document.activeElement.textContent") == "Skip to content"


async def test_an_edited_draft_is_approved_on_the_page_and_reaches_telegram(
    world: World, browser: Any
) -> None:
    await telegram_says(world, CREATOR_TG, "/clone_mode copilot")
    await until(lambda: _async(any("copilot" in t for t in sent_to(world, CREATOR_TG))))
    await telegram_says(world, FAN_TG, "What flour do you use?")
    drafts = await until(lambda: world.mara.state.drafts("example", DraftStatus.PENDING))
    assert not any("flour" in t.lower() for t in sent_to(world, FAN_TG)), "nothing before review"

    page = await signed_in_page(world, browser, "--as", f"telegram:{CREATOR_TG}")
    await page.get_by_role("link", name="Review queue").click()
    box = page.get_by_label("Edit before approving")
    await box.fill("Mostly strong white flour, with 20% rye. Happy baking!")
    await page.get_by_role("button", name="Approve my edit").click()
    await page.get_by_role("status").filter(has_text="approved and sent").wait_for()

    await until(lambda: _async(any("20% rye. Happy baking!" in t for t in sent_to(world, FAN_TG))))
    draft = await world.mara.state.get_draft(drafts[0].id)
    assert draft is not None and draft.status is DraftStatus.SENT
    log = await world.mara.state.audit_log("example", limit=100)
    me = f"telegram:{CREATOR_TG}"
    assert any(e.actor == me and e.action == "dashboard draft edit" for e in log)
    assert any(e.actor == me and e.action == "draft" and e.result == "approved" for e in log)


async def test_a_moderator_answers_a_slack_handoff_as_a_person_and_releases_it(
    world: World, browser: Any
) -> None:
    body = command_body(
        "/human", user="UFAN", channel="C001", response_url=world.slack.response_url
    )
    status, _ = await post_signed(world.slack_events, "slash_commands", body)
    assert status == 200
    await until(lambda: world.mara.state.open_handoffs("example"))

    page = await signed_in_page(world, browser, "--as", "slack:UMOD", "--name", "Sam")
    await page.get_by_role("link", name="Handoffs").click()
    await page.get_by_label("Reply as a person (not the clone)").fill(
        "Hi! Sam from the team here."
    )
    await page.get_by_role("button", name="Send as me").click()
    await page.get_by_role("status").filter(has_text="Sent as Sam").wait_for()

    def human_posts() -> list[dict[str, Any]]:
        return [
            p
            for p in world.slack.sent("chat.postMessage")
            if "Hi! Sam from the team here." in str(p.get("text", ""))
        ]

    posts = await until(lambda: _async(human_posts()))
    text = str(posts[0]["text"])
    assert "Sam (a real person on Mara Quill's team)" in text and posts[0]["channel"] == "C001"
    assert "AI clone" not in str(posts[0].get("blocks", ""))  # no AI label on a person's words

    await page.get_by_role("button", name="Release to the clone").click()
    await page.get_by_text("No open handoffs.").wait_for()
    assert not await world.mara.state.open_handoffs("example")


async def test_a_report_becomes_a_verified_fact_and_the_next_answer_uses_it(
    world: World, browser: Any
) -> None:
    await telegram_says(world, FAN_TG, "Do you have a dog?")
    first = await until(lambda: _async(sent_to(world, FAN_TG)))
    assert "Pumpernickel" not in first[-1]
    await telegram_says(world, FAN_TG, "/report")
    await until(lambda: world.mara.state.replies("example", flag="reported"))

    page = await signed_in_page(world, browser)
    await page.get_by_role("link", name="Reports").click()
    await page.get_by_label("Your correction").fill("I have a dog named Pumpernickel.")
    await page.get_by_role("button", name="Make it a verified fact").click()
    await page.get_by_role("status").filter(has_text="Verified fact added").wait_for()
    await page.get_by_role("link", name="Knowledge").click()
    assert (
        await page.get_by_label("Fact", exact=True).first.input_value()
        == "I have a dog named Pumpernickel."
    )

    # Another fan asks (the first one is inside their 3 s cooldown): the fact is live for all.
    await telegram_says(world, FAN_TG + 1, "Do you have a dog?")
    answers = await until(lambda: _async(sent_to(world, FAN_TG + 1)))
    assert "I have a dog named Pumpernickel." in answers[0]


async def test_forgetting_a_fan_from_the_page_empties_their_memory(
    world: World, browser: Any
) -> None:
    await telegram_says(world, FAN_TG, "I bake every Sunday with my daughter")
    await until(lambda: _async(sent_to(world, FAN_TG)))
    records = await world.mara.state.replies("example")
    fan_id = records[0].fan_id
    assert await world.mara.memory.export_fan("example", fan_id)

    page = await signed_in_page(world, browser)
    await page.get_by_role("link", name="Fan requests").click()
    await page.get_by_label("Fan id").fill(fan_id)
    await page.get_by_role("button", name="Forget…").click()
    await page.get_by_role("heading", name=f"Forget {fan_id}?").wait_for()
    assert await world.mara.memory.export_fan("example", fan_id), "nothing gone before confirming"
    await page.get_by_label("Type the fan id again to confirm").fill(fan_id)
    await page.get_by_role("button", name="Forget this fan").click()
    await page.get_by_role("status").filter(has_text=f"Forgot {fan_id}").wait_for()
    assert not await world.mara.memory.export_fan("example", fan_id)
    assert not [r for r in await world.mara.state.replies("example") if r.fan_id == fan_id]


async def _async(value: Any) -> Any:
    return value
