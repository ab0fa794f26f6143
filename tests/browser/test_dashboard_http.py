"""The dashboard over plain HTTP: sign-in, sessions, roles, CSRF and clone isolation, each
refusal with its status and nothing changed."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from core.control import handoffs
from core.records import DraftStatus
from core.trust import corrections
from core.types import Role
from tests.browser.kit import CREATOR, MODERATOR, OTHER, Site, csrf_of, page, post, start_site


@pytest.fixture
async def site() -> AsyncIterator[Site]:
    s = await start_site(dashboard_link_minutes=10, dashboard_session_minutes=60)
    yield s
    await s.stop()


async def a_draft(site: Site) -> str:
    """A copilot draft, made the way chat makes one."""
    state = site.mara.services.state
    await state.set_switch("example", "mode", "copilot")
    await site.mara.say("What flour do you use?", user="fan1")
    drafts = await state.drafts("example", DraftStatus.PENDING)
    assert drafts, "copilot mode made no draft"
    return drafts[0].id


async def test_a_link_signs_in_once_and_the_cookie_is_httponly_and_strict(site: Site) -> None:
    link = await site.dashboard.link("example", CREATOR)
    token = link.split("token=", 1)[1]
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
        status, html = await page(http, link)
        assert status == 200 and "Sign in" in html  # opening the link spends nothing
        async with http.post(
            site.url + "/login", data={"token": token}, allow_redirects=False
        ) as r:
            assert r.status == 303
            cookie = r.headers["Set-Cookie"]
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/dashboard" in cookie
        assert "Secure" not in cookie  # plain HTTP on loopback
        status, html = await page(http, site.url + "/")
        assert status == 200 and "Overview" in html
    async with aiohttp.ClientSession() as http:
        status, _ = await post(http, site.url + "/login", {"token": token})
        assert status == 401, "a link works once"
    log = await site.mara.services.state.audit_log("example")
    assert any(e.action == "dashboard sign-in" and e.actor == CREATOR for e in log)


async def test_secure_cookie_behind_a_trusted_tls_proxy_only(site: Site) -> None:
    for proto, trusted, secure in (("https", "127.0.0.1", True), ("https", "10.0.0.9", False)):
        site.dashboard.settings = site.dashboard.settings.model_copy(
            update={"dashboard_trusted_proxies": trusted}
        )
        token = (await site.dashboard.link("example", CREATOR)).split("token=", 1)[1]
        async with (
            aiohttp.ClientSession() as http,
            http.post(
                site.url + "/login",
                data={"token": token},
                headers={"X-Forwarded-Proto": proto},
                allow_redirects=False,
            ) as r,
        ):
            assert ("Secure" in r.headers["Set-Cookie"]) is secure


async def test_an_expired_link_does_not_sign_in(site: Site) -> None:
    token = (await site.dashboard.link("example", CREATOR)).split("token=", 1)[1]
    site.mara.clock.advance(minutes=11)
    async with aiohttp.ClientSession() as http:
        assert (await post(http, site.url + "/login", {"token": token}))[0] == 401
        assert (await post(http, site.url + "/login", {"token": "forged"}))[0] == 401


async def test_no_cookie_is_401_and_changes_nothing(site: Site) -> None:
    draft = await a_draft(site)
    async with aiohttp.ClientSession() as http:
        assert (await page(http, site.url + "/example/overview"))[0] == 401
        status, _ = await post(
            http, site.url + "/example/review", {"draft": draft, "decision": "approve"}
        )
        assert status == 401
    assert (await site.mara.services.state.get_draft(draft)).status is DraftStatus.PENDING


async def test_an_expired_session_is_401_and_changes_nothing(site: Site) -> None:
    draft = await a_draft(site)
    http = await site.signed_in(CREATOR)
    async with http:
        status, html = await page(http, site.url + "/example/review")
        assert status == 200 and draft in html
        csrf = csrf_of(html)
        site.mara.clock.advance(minutes=61)
        assert (await page(http, site.url + "/example/review"))[0] == 401
        data = {"csrf": csrf, "draft": draft, "decision": "approve"}
        assert (await post(http, site.url + "/example/review", data))[0] == 401
    assert (await site.mara.services.state.get_draft(draft)).status is DraftStatus.PENDING


async def test_a_moderator_cannot_approve_or_forget_but_can_see_and_answer_handoffs(
    site: Site,
) -> None:
    await site.mara.say("I am allergic to rye", user="fan1", dm=True)
    fan = "test:dm:fan1"
    draft = await a_draft(site)
    services = site.mara.services
    assert await services.memory.export_fan("example", fan)
    await site.mara.say("/human", user="fan2", thread="t9")
    http = await site.signed_in(MODERATOR)
    async with http:
        status, html = await page(http, site.url + "/example/review")
        assert status == 200 and "Only the creator decides drafts" in html
        csrf = csrf_of(html)
        data = {"csrf": csrf, "draft": draft, "decision": "approve"}
        assert (await post(http, site.url + "/example/review", data))[0] == 403
        data = {"csrf": csrf, "fan_id": fan, "confirm": fan}
        assert (await post(http, site.url + "/example/fans/forget", data))[0] == 403
        data = {"csrf": csrf, "op": "add", "text": "I own a bakery van"}
        assert (await post(http, site.url + "/example/knowledge/facts", data))[0] == 403
        # Handoffs are a moderator's job.
        conversation = (await services.state.open_handoffs("example"))[0].conversation_id
        data = {"csrf": csrf, "conversation": conversation}
        status, html = await post(http, site.url + "/example/handoffs/release", data)
        assert status == 200 and "Released" in html
    assert (await services.state.get_draft(draft)).status is DraftStatus.PENDING
    assert await services.memory.export_fan("example", fan)
    assert not (await corrections.load(services.state, "example")).facts
    log = await services.state.audit_log("example", limit=200)
    refused = [e for e in log if e.result == "refused" and e.actor == MODERATOR]
    assert len(refused) == 3, [e.action for e in log]


async def test_a_forged_csrf_token_is_403_and_changes_nothing(site: Site) -> None:
    draft = await a_draft(site)
    http = await site.signed_in(CREATOR)
    async with http:
        for forged in ("", "x" * 32):
            data = {"csrf": forged, "draft": draft, "decision": "approve"}
            assert (await post(http, site.url + "/example/review", data))[0] == 403
        # Another session's token is no good either: tokens are bound to their session.
        other = await site.signed_in(CREATOR)
        async with other:
            theirs = csrf_of((await page(other, site.url + "/example/review"))[1])
        data = {"csrf": theirs, "draft": draft, "decision": "approve"}
        assert (await post(http, site.url + "/example/review", data))[0] == 403
    assert (await site.mara.services.state.get_draft(draft)).status is DraftStatus.PENDING


async def test_another_creators_clone_is_403_and_unchanged(site: Site) -> None:
    other_state = site.other.services.state
    await other_state.set_switch("other", "mode", "copilot")
    await site.other.say("What flour do you use?", user="fan1")
    draft = (await other_state.drafts("other", DraftStatus.PENDING))[0].id
    http = await site.signed_in(CREATOR)
    async with http:
        status, html = await page(http, site.url + "/")
        assert "other" not in html.split("<main", 1)[1]  # redirected to their only clone
        for path in ("overview", "review", "fans"):
            assert (await page(http, f"{site.url}/other/{path}"))[0] == 403
        csrf = csrf_of((await page(http, site.url + "/example/review"))[1])
        data = {"csrf": csrf, "draft": draft, "decision": "approve"}
        assert (await post(http, site.url + "/other/review", data))[0] == 403
        assert (await page(http, site.url + "/nobody/overview"))[0] == 404
    assert (await other_state.get_draft(draft)).status is DraftStatus.PENDING
    # And the other clone's creator cannot reach Mara's.
    http = await site.signed_in(OTHER, "other")
    async with http:
        assert (await page(http, site.url + "/example/overview"))[0] == 403


async def test_a_link_is_only_for_people_bot_toml_names(site: Site) -> None:
    with pytest.raises(PermissionError):
        await site.dashboard.link("example", "test:fan1")
    with pytest.raises(PermissionError):
        await site.dashboard.link("example", OTHER)


async def test_every_page_renders_for_the_creator(site: Site) -> None:
    await site.mara.say("What flour do you use?")
    await site.mara.say("/report")
    http = await site.signed_in(CREATOR)
    async with http:
        for path in (
            "overview",
            "review",
            "handoffs",
            "reports",
            "knowledge",
            "questions",
            "schedules",
            "fans",
        ):
            status, html = await page(http, f"{site.url}/example/{path}")
            assert status == 200, (path, html[:500])
            assert 'aria-current="page"' in html


async def test_the_creator_finds_a_live_sessions_full_list_under_top_questions(
    site: Site,
) -> None:
    mod = frozenset({Role.MODERATOR})
    await site.mara.say("/clone live on 5", user="mod", roles=mod)
    for fan, text in [("a", "which flour do you use?"), ("b", "when is the <b>next</b> stream?")]:
        await site.mara.say(text, user=fan)
    await site.mara.say("/clone live off", user="mod", roles=mod)
    http = await site.signed_in(CREATOR)
    async with http:
        status, html = await page(http, f"{site.url}/example/questions")
    assert status == 200 and "Live Q&amp;A sessions" in html
    assert "2 questions, 2 distinct, 0 answered" in html
    assert "[unanswered] (1 asking): which flour do you use?" in html
    assert "&lt;b&gt;next&lt;/b&gt;" in html and "<b>next</b>" not in html  # fans' text escaped


async def test_handoff_reply_goes_out_labelled_as_a_person_and_is_audited(site: Site) -> None:
    await site.mara.say("/human", user="fan2", thread="t1")
    conversation = (await site.mara.services.state.open_handoffs("example"))[0].conversation_id
    http = await site.signed_in(MODERATOR)
    async with http:
        csrf = csrf_of((await page(http, site.url + "/example/handoffs"))[1])
        data = {"csrf": csrf, "conversation": conversation, "text": "Hi, Sam here!", "name": "Sam"}
        status, html = await post(http, site.url + "/example/handoffs/reply", data)
        assert status == 200 and "Sent as Sam" in html
        status, html = await page(http, site.url + "/example/handoffs")
        assert f"Person ({MODERATOR})" in html and "Hi, Sam here!" in html
    sent = site.mara.sender.sent[-1]
    assert sent.text.startswith("Sam (a real person on Mara Quill's team): Hi, Sam here!")
    assert sent.ai_label is None and sent.target.thread_id == "t1"
    log = await site.mara.services.state.audit_log("example")
    assert log[0].actor == MODERATOR and log[0].action == "dashboard handoff reply"


def test_conversation_keys_round_trip_to_targets() -> None:
    t = handoffs.target_of("slack:T1:C1:1700000000.1")
    assert (t.platform, t.workspace_id, t.channel_id, t.thread_id) == (
        "slack",
        "T1",
        "C1",
        "1700000000.1",
    )
    assert handoffs.target_of("telegram:-100:-100:").thread_id is None
    with pytest.raises(ValueError):
        handoffs.target_of("nonsense")


async def test_forget_needs_the_id_typed_again(site: Site) -> None:
    await site.mara.say("I am allergic to rye", user="fan1", dm=True)
    fan = "test:dm:fan1"
    assert await site.mara.services.memory.export_fan("example", fan)
    http = await site.signed_in(CREATOR)
    async with http:
        csrf = csrf_of((await page(http, site.url + "/example/fans"))[1])
        status, html = await post(
            http, site.url + "/example/fans/forget", {"csrf": csrf, "fan_id": fan}
        )
        assert status == 200 and "Type the fan id again" in html
        assert await site.mara.services.memory.export_fan("example", fan)
        data = {"csrf": csrf, "fan_id": fan, "confirm": fan}
        status, html = await post(http, site.url + "/example/fans/forget", data)
        assert status == 200 and "Forgot" in html
    assert not await site.mara.services.memory.export_fan("example", fan)


def test_secure_cookie_trusts_listed_addresses_and_networks_only() -> None:
    from bots.dashboard.auth import is_secure

    assert is_secure("https", None, None, "")
    assert is_secure("http", "172.18.0.5", "https", "127.0.0.1,172.16.0.0/12")
    assert not is_secure("http", "172.18.0.5", "http", "172.16.0.0/12")
    assert not is_secure("http", "8.8.8.8", "https", "127.0.0.1,172.16.0.0/12,bogus")
    assert not is_secure("http", "not-an-ip", "https", "0.0.0.0/0")


async def test_reingest_from_the_page_shows_progress_then_the_report(site: Site) -> None:
    http = await site.signed_in(CREATOR)
    async with http:
        csrf = csrf_of((await page(http, site.url + "/example/knowledge"))[1])
        status, html = await post(http, site.url + "/example/knowledge/ingest", {"csrf": csrf})
        assert status == 200 and "Re-ingest started" in html
        run = site.dashboard.ingests["example"]
        if run.running:
            assert 'http-equiv="refresh"' in html  # the page follows the ingest while it runs
        assert run.task is not None
        await run.task
        status, html = await page(http, site.url + "/example/knowledge")
        assert "Last ingest finished" in html and 'http-equiv="refresh"' not in html
        assert run.report is not None and run.report["items_read"] > 100, run.error
        blog = next(s for s in run.report["sources"] if s["name"] == "blog")
        assert f"{blog['items_read']} items" in html
    log = await site.mara.services.state.audit_log("example")
    assert any(e.action == "dashboard re-ingest" and e.actor == CREATOR for e in log)


async def test_the_admin_api_makes_links_only_with_its_token_and_only_for_named_people(
    site: Site,
) -> None:
    url = f"{site.admin.url}/admin/example/dashboard-link"
    auth = {"Authorization": f"Bearer {site.admin.token}"}
    async with aiohttp.ClientSession() as http:
        async with http.post(url, json={}) as r:
            assert r.status == 401
        async with http.post(url, json={"actor": "test:fan1"}, headers=auth) as r:
            assert r.status == 403
        async with http.post(url, json={}, headers=auth) as r:
            body = await r.json()
            assert r.status == 200 and body["actor"] == CREATOR
            assert body["url"].startswith(site.url + "/login?token=")


def test_the_cli_says_how_to_start_the_clone_when_it_is_not_running(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from bots.cli import app
    from tests.scenario.harness import EXAMPLE

    monkeypatch.setenv("CLONEBOT_DATA_DIR", str(tmp_path))
    result = CliRunner().invoke(app, ["dashboard-link", str(EXAMPLE)])
    assert result.exit_code == 2 and "not running" in result.output
