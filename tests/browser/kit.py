"""A dashboard for tests: two clones in one process, the real admin server, signed-in clients."""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from bots.admin import AdminServer
from bots.dashboard import Dashboard
from core.config import Settings
from core.persona.bot import PlatformConfig, load_bot
from tests.scenario.harness import EXAMPLE, Chat, make_chat

CREATOR = "test:creator"
MODERATOR = "test:mod"
OTHER = "test:other"  # creator of the second clone only


def answers() -> FakeListChatModel:
    return FakeListChatModel(responses=["Bread flour and a little rye [1]."] * 200)


async def clone(bot_id: str, creator: str, moderator: str = "") -> Chat:
    bot = load_bot(EXAMPLE)
    roles = bot.roles.model_copy(
        update={"creators": [creator], "moderators": [moderator] if moderator else []}
    )
    bot = bot.model_copy(
        update={
            "id": bot_id,
            "roles": roles,
            "platforms": {"test": PlatformConfig(moderator_channel="mods")},
        }
    )
    # Anything the dashboard writes to disk (the last ingest report) goes to a temporary folder.
    settings = Settings(data_dir=Path(tempfile.mkdtemp(prefix="clonebot-dash-")))
    return await make_chat(answers(), bot=bot, settings=settings)


@dataclass
class Site:
    admin: AdminServer
    dashboard: Dashboard
    mara: Chat
    other: Chat

    @property
    def url(self) -> str:
        return self.admin.url + "/dashboard"

    async def stop(self) -> None:
        await self.admin.stop()
        for chat in (self.mara, self.other):
            await chat.services.close()

    async def signed_in(self, actor: str, creator_id: str = "example") -> aiohttp.ClientSession:
        """A client holding a session cookie, signed in through a one-time link."""
        link = await self.dashboard.link(creator_id, actor)
        http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
        token = link.split("token=", 1)[1]
        async with http.post(self.url + "/login", data={"token": token}) as r:
            assert r.status == 200, await r.text()
        return http


async def start_site(**settings: Any) -> Site:
    mara = await clone("example", CREATOR, MODERATOR)
    other = await clone("other", OTHER)
    clones = {"example": mara.services, "other": other.services}
    dashboard = Dashboard(clones, Settings(**settings), now=mara.clock.now)
    admin = AdminServer(clones=clones, dashboard=dashboard)
    await admin.start()
    return Site(admin, dashboard, mara, other)


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "no CSRF token on the page"
    return found.group(1)


async def page(http: aiohttp.ClientSession, url: str) -> tuple[int, str]:
    async with http.get(url) as r:
        return r.status, await r.text()


async def post(
    http: aiohttp.ClientSession, url: str, data: dict[str, str], *, follow: bool = True
) -> tuple[int, str]:
    async with http.post(url, data=data, allow_redirects=follow) as r:
        return r.status, await r.text()
