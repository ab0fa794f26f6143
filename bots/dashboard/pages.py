"""The dashboard's pages (GET): each reads through the same core services the chat commands use."""

from __future__ import annotations

from datetime import timedelta

from aiohttp import web

from bots.dashboard import knowledge
from bots.dashboard.app import DASHBOARD, PREFIX, SESSION_KEY, Ctx, Dashboard
from bots.dashboard.charts import stacked_bars
from bots.dashboard.questions import top_questions
from bots.dashboard.stats import OUTCOMES
from bots.dashboard.stats import overview as read_overview
from core.records import DraftStatus, OutboxStatus
from core.trust import corrections


async def home(request: web.Request) -> web.StreamResponse:
    dashboard: Dashboard = request.app[DASHBOARD]
    session = request[SESSION_KEY]
    clones = dashboard.clones_for(session.actor)
    if len(clones) == 1:
        raise web.HTTPSeeOther(f"{PREFIX}/{clones[0][0]}/overview")
    return dashboard.page(request, "home.html", clones=clones)


async def login_form(request: web.Request) -> web.StreamResponse:
    dashboard: Dashboard = request.app[DASHBOARD]
    # The link is spent by the button, not by opening it: link previews in chat apps fetch it.
    return dashboard.page(request, "login.html", token=request.query.get("token", "")[:200])


async def overview(request: web.Request) -> web.StreamResponse:
    ctx = Ctx.of(request)
    figures = await read_overview(
        ctx.services.state,
        ctx.creator_id,
        ctx.now(),
        cost_per_mtok=ctx.dashboard.settings.dashboard_cost_per_mtok,
    )
    labels = [f"{d.day:%d %b}" for d in figures.days]
    chart = stacked_bars(
        "Messages per day by outcome, last 30 days",
        labels,
        [(o, [d.outcomes[o] for d in figures.days]) for o in OUTCOMES],
    )
    tokens = stacked_bars(
        "LLM tokens per day, last 30 days", labels, [("tokens", [d.tokens for d in figures.days])]
    )
    return ctx.page(
        "overview.html",
        "overview",
        figures=figures,
        total=figures.total(),
        outcomes=OUTCOMES,
        chart=chart,
        tokens_chart=tokens,
    )


async def review(request: web.Request) -> web.StreamResponse:
    ctx = Ctx.of(request)
    drafts = await ctx.services.state.drafts(ctx.creator_id, DraftStatus.PENDING)
    return ctx.page("review.html", "review", drafts=drafts)


async def handoffs(request: web.Request) -> web.StreamResponse:
    ctx = Ctx.of(request)
    state = ctx.services.state
    open_ = await state.open_handoffs(ctx.creator_id)
    recent = await state.replies(ctx.creator_id, limit=2000)
    threads = {
        h.conversation_id: list(
            reversed([r for r in recent if r.conversation_id == h.conversation_id][:10])
        )
        for h in open_
    }
    # What people answered from this page: the audit log holds it, with who sent it.
    humans: dict[str, list[tuple[str, str]]] = {h.conversation_id: [] for h in open_}
    for entry in reversed(await state.audit_log(ctx.creator_id, limit=500)):
        if entry.action != "dashboard handoff reply" or entry.result != "ok":
            continue
        conversation, _, text = entry.detail.partition(": ")
        if conversation in humans:
            humans[conversation].append((entry.actor, text))
    return ctx.page("handoffs.html", "handoffs", handoffs=open_, threads=threads, humans=humans)


async def reports(request: web.Request) -> web.StreamResponse:
    ctx = Ctx.of(request)
    reported = [
        r
        for r in await ctx.services.state.replies(ctx.creator_id, flag="reported", limit=200)
        if "corrected" not in r.flags
    ]
    sources = {r.id: await knowledge.sources_of(ctx.services, r.fan_text) for r in reported[:30]}
    return ctx.page("reports.html", "reports", reports=reported, sources=sources)


async def knowledge_page(request: web.Request) -> web.StreamResponse:
    ctx = Ctx.of(request)
    live = await ctx.services.state.switches(ctx.creator_id)
    facts = sorted(
        ((k, v) for k, v in live.items() if k.startswith(corrections.FACT)), key=lambda kv: kv[1]
    )
    never = sorted((k, v) for k, v in live.items() if k.startswith(corrections.NEVER))
    run = ctx.dashboard.ingests.get(ctx.creator_id)
    last = run.report if run is not None else knowledge.last_report(ctx.services)
    return ctx.page(
        "knowledge.html",
        "knowledge",
        facts=facts,
        never=never,
        toml_facts=ctx.services.bot.persona.facts,
        sources=ctx.services.bot.sources,
        run=run,
        last=last,
        refresh=run is not None and run.running,
    )


async def questions(request: web.Request) -> web.StreamResponse:
    ctx = Ctx.of(request)
    clusters = await top_questions(
        ctx.services.state, ctx.services.embedder, ctx.creator_id, ctx.now()
    )
    # Live Q&A sessions leave the creator's full list in the audit log when they end.
    audit = await ctx.services.state.audit_log(ctx.creator_id, limit=500)
    live = [a for a in audit if a.action == "clone live" and a.result == "ended"][:10]
    return ctx.page("questions.html", "questions", clusters=clusters[:30], live=live)


async def schedules(request: web.Request) -> web.StreamResponse:
    ctx = Ctx.of(request)
    state = ctx.services.state
    scheduler = ctx.services.scheduler
    entries = await state.outbox(ctx.creator_id, limit=100)
    unconfirmed = [e for e in entries if e.status is OutboxStatus.UNCONFIRMED]
    drafts = await state.drafts(ctx.creator_id, DraftStatus.PENDING)
    return ctx.page(
        "schedules.html",
        "schedules",
        runs=scheduler.next_runs(),
        running=scheduler.running,
        entries=entries,
        unconfirmed=unconfirmed,
        scheduled_drafts=[d for d in drafts if d.origin == "schedule"],
        week_ago=ctx.now() - timedelta(days=7),
    )


async def fans(request: web.Request) -> web.StreamResponse:
    ctx = Ctx.of(request)
    return ctx.page("fans.html", "fans", confirm=None)
