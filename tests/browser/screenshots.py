"""Screenshots of every dashboard page at desktop and phone widths, for docs/dashboard.md.

Run: `PYTHONPATH=. .venv/bin/python -m tests.browser.screenshots` (needs /usr/bin/chromium).
The data is made up through the same chat paths a clone sees (tests/browser/kit.py).
"""

from __future__ import annotations

import asyncio
import random
from datetime import timedelta
from pathlib import Path

from bots.dashboard import knowledge
from core.config import Settings
from core.memory.embeddings import make_embedder
from tests.browser.kit import CREATOR, start_site
from tests.browser.world import CHROMIUM, CHROMIUM_ARGS

OUT = Path(__file__).resolve().parents[2] / "docs" / "dashboard"
PAGES = (
    "overview",
    "review",
    "handoffs",
    "reports",
    "knowledge",
    "questions",
    "schedules",
    "fans",
)
QUESTIONS = [
    "How often do you feed your starter?",
    "How often should I feed my sourdough starter?",
    "What flour do you use for the Tuesday loaf?",
    "Which flour is best for a first loaf?",
    "Do you have kids?",
    "Where do you live?",
    "Can I freeze sourdough bread?",
    "Is it ok to freeze a loaf?",
    "What temperature is your oven for the boule?",
]


async def main() -> None:
    from playwright.async_api import async_playwright

    site = await start_site(dashboard_cost_per_mtok=0.6)
    chat, state = site.mara, site.mara.services.state
    today = chat.clock.t
    rng = random.Random(7)
    for back in range(20, 0, -1):
        chat.clock.t = today - timedelta(days=back, hours=rng.randint(0, 5))
        for n in range(rng.randint(2, 7)):
            chat.clock.advance(minutes=5)
            await chat.say(rng.choice(QUESTIONS), user=f"fan{n}", dm=True)
        await state.add_usage(
            "example", chat.clock.t.date().isoformat(), rng.randint(3, 20) * 1000
        )
    chat.clock.t = today - timedelta(hours=3)
    for n, q in enumerate(QUESTIONS[:5]):
        chat.clock.advance(minutes=5)
        await chat.say(q, user=f"fan{n}", dm=True)
    await state.add_usage("example", today.date().isoformat(), 6400)
    await chat.say("/report", user="fan4", dm=True)
    chat.clock.advance(minutes=5)
    await chat.say("Can I talk to someone from the team?", user="fan7", thread="t7")
    chat.clock.advance(minutes=1)
    await chat.say("/human", user="fan7", thread="t7")
    await state.set_switch("example", "mode", "copilot")
    chat.clock.advance(minutes=5)
    await chat.say("What flour do you use for the Tuesday loaf?", user="fan8")
    await state.set_switch("example", "mode", None)
    await chat.say("/clone fact I bake with my neighbour's kids on Sundays", user="creator")
    chat.clock.t = today
    # Top questions groups with the clone's embedder; the real one (MiniLM), not the tests' hash.
    site.mara.services.embedder = make_embedder(Settings())
    run = knowledge.start_ingest(site.mara.services)  # so Knowledge shows a last ingest
    assert run.task is not None
    await run.task
    site.dashboard.ingests["example"] = run

    OUT.mkdir(parents=True, exist_ok=True)
    link = await site.dashboard.link("example", CREATOR, "Mara")
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for label, width in (("desktop", 1280), ("phone", 390)):
            context = await browser.new_context(viewport={"width": width, "height": 900})
            page = await context.new_page()
            await page.goto(link if label == "desktop" else link)
            await page.screenshot(path=str(OUT / f"login-{label}.png"))
            await page.get_by_role("button", name="Sign in").click()
            await page.get_by_role("heading", name="Overview").wait_for()
            for name in PAGES:
                await page.goto(f"{site.url}/example/{name}")
                await page.screenshot(path=str(OUT / f"{name}-{label}.png"), full_page=True)
            # The confirmation step before a fan is forgotten.
            await page.get_by_label("Fan id").fill("test:dm:fan2")
            await page.get_by_role("button", name="Forget…").click()
            await page.get_by_role("heading", name="Forget test:dm:fan2?").wait_for()
            await page.screenshot(path=str(OUT / f"forget-{label}.png"), full_page=True)
            await context.close()
            link = await site.dashboard.link("example", CREATOR, "Mara")
        await browser.close()
    await site.stop()
    print(f"screenshots in {OUT}")


if __name__ == "__main__":
    asyncio.run(main())
