"""The dashboard's aiohttp sub-app: sessions, CSRF and role checks around every page and form."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jinja2
from aiohttp import web

from bots.bootstrap import Services
from bots.dashboard.auth import COOKIE, Auth, Session, is_secure
from core.config import Settings
from core.control.acting import role_of
from core.records import AuditEntry
from core.types import Role

log = logging.getLogger(__name__)

HERE = Path(__file__).parent
PREFIX = "/dashboard"
PUBLIC = (f"{PREFIX}/login", f"{PREFIX}/static/")
# Pages a moderator sees (and the creator); actions name their own role in `Ctx.require`.
PAGES = (
    ("overview", "Overview"),
    ("review", "Review queue"),
    ("handoffs", "Handoffs"),
    ("reports", "Reports"),
    ("knowledge", "Knowledge"),
    ("questions", "Top questions"),
    ("schedules", "Schedules"),
    ("fans", "Fan requests"),
)
SESSION_KEY: web.RequestKey[Session] = web.RequestKey("dashboard.session", Session)
DASHBOARD: web.AppKey[Dashboard] = web.AppKey("dashboard")
SID_KEY: web.RequestKey[str] = web.RequestKey("dashboard.sid", str)
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)


@dataclass(slots=True)
class Flash:
    text: str
    error: bool = False


@dataclass(slots=True)
class SessionExtras:
    """What a session carries beyond auth: one-shot messages for the next page."""

    flashes: list[Flash] = field(default_factory=list)


class Dashboard:
    """Mounted by the admin server at /dashboard; one per process, for all its clones."""

    def __init__(
        self,
        clones: Mapping[str, Services],
        settings: Settings,
        *,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.clones = clones
        self.settings = settings
        self.now = now
        self.base_url = ""  # set by the admin server once it listens
        self.auth = Auth(
            lambda: {c: s.state for c, s in self.clones.items()},
            now=lambda: self.now(),
            link_minutes=settings.dashboard_link_minutes,
            session_minutes=settings.dashboard_session_minutes,
        )
        self.extras: dict[int, SessionExtras] = {}
        self.ingests: dict[str, Any] = {}  # creator_id -> bots.dashboard.knowledge.IngestRun
        self.templates = jinja2.Environment(
            loader=jinja2.FileSystemLoader(HERE / "templates"),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
        )

    # -- links ---------------------------------------------------------------------------------

    async def link(self, creator_id: str, actor: str, name: str = "") -> str:
        """A one-time sign-in URL for someone bot.toml names as creator or moderator."""
        services = self.clones[creator_id]
        if role_of(services.bot, actor) < Role.MODERATOR:
            raise PermissionError(f"{actor} is not a creator or moderator of {creator_id}")
        token = await self.auth.mint_link(creator_id, actor, name)
        base = (self.settings.dashboard_url or self.base_url).rstrip("/")
        return f"{base}{PREFIX}/login?token={token}"

    def clones_for(self, actor: str) -> list[tuple[str, Role]]:
        """The clones this person may manage here, with their role in each."""
        found = [(c, role_of(s.bot, actor)) for c, s in sorted(self.clones.items())]
        return [(c, r) for c, r in found if r >= Role.MODERATOR]

    # -- the sub-app ---------------------------------------------------------------------------

    def add_to(self, app: web.Application) -> None:
        from bots.dashboard import actions, pages

        sub = web.Application(middlewares=[self._headers, self._session])
        sub[DASHBOARD] = self
        r = sub.router
        r.add_get("/", pages.home)
        r.add_get("/login", pages.login_form)
        r.add_post("/login", actions.login)
        r.add_post("/logout", actions.logout)
        r.add_static("/static", HERE / "static")
        r.add_get("/{creator}/", pages.overview)
        r.add_get("/{creator}/overview", pages.overview)
        r.add_get("/{creator}/review", pages.review)
        r.add_post("/{creator}/review", actions.decide_draft)
        r.add_get("/{creator}/handoffs", pages.handoffs)
        r.add_post("/{creator}/handoffs/reply", actions.handoff_reply)
        r.add_post("/{creator}/handoffs/release", actions.handoff_release)
        r.add_get("/{creator}/reports", pages.reports)
        r.add_post("/{creator}/reports", actions.resolve_report)
        r.add_get("/{creator}/knowledge", pages.knowledge_page)
        r.add_post("/{creator}/knowledge/facts", actions.fact)
        r.add_post("/{creator}/knowledge/ingest", actions.ingest)
        r.add_get("/{creator}/questions", pages.questions)
        r.add_get("/{creator}/schedules", pages.schedules)
        r.add_get("/{creator}/fans", pages.fans)
        r.add_post("/{creator}/fans/export", actions.fan_export)
        r.add_post("/{creator}/fans/forget", actions.fan_forget)
        app.add_subapp(PREFIX, sub)

    @web.middleware
    async def _headers(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        try:
            response = await handler(request)
        except web.HTTPException as exc:
            if exc.status >= 400 and exc.content_type != "text/html":
                response = self.page(request, "error.html", status=exc.status, message=exc.text)
            else:
                raise
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"  # the login link must not leak
        response.headers["X-Frame-Options"] = "DENY"
        if not request.path.startswith(f"{PREFIX}/static/"):
            response.headers["Cache-Control"] = "no-store"
        return response

    @web.middleware
    async def _session(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        if request.path.startswith(PUBLIC):
            return await handler(request)
        sid = request.cookies.get(COOKIE)
        session = self.auth.session(sid)
        if session is None or sid is None:
            return self.page(
                request,
                "error.html",
                status=401,
                message="Sign in first: run `clonebot dashboard-link bots/<name>` and open "
                "the link it prints. Sessions end after a while; a new link starts a new one.",
            )
        request[SESSION_KEY] = session
        request[SID_KEY] = sid
        if request.method == "POST":
            form = await request.post()
            if not session.csrf_ok(str(form.get("csrf", ""))):
                log.warning("dashboard: a form without a valid CSRF token from %s", session.actor)
                return self.page(
                    request,
                    "error.html",
                    status=403,
                    message="This form has expired or did not come from this dashboard. "
                    "Reload the page and try again.",
                )
        return await handler(request)

    # -- rendering -----------------------------------------------------------------------------

    def page(
        self, request: web.Request, template: str, *, status: int = 200, **ctx: Any
    ) -> web.Response:
        session: Session | None = request.get(SESSION_KEY)
        flashes: list[Flash] = []
        if session is not None:
            extras = self.extras.get(id(session))
            if extras is not None:
                flashes, extras.flashes = extras.flashes, []
        html = self.templates.get_template(template).render(
            prefix=PREFIX,
            session=session,
            flashes=flashes,
            pages=PAGES,
            creator=ctx.pop("creator", None),
            active=ctx.pop("active", ""),
            refresh=ctx.pop("refresh", False),
            role=ctx.pop("role", None),
            Role=Role,
            **ctx,
        )
        return web.Response(text=html, status=status, content_type="text/html", charset="utf-8")

    def flash(self, session: Session, text: str, *, error: bool = False) -> None:
        self.extras.setdefault(id(session), SessionExtras()).flashes.append(Flash(text, error))

    def secure_cookie(self, request: web.Request) -> bool:
        return is_secure(
            request.scheme,
            request.remote,
            request.headers.get("X-Forwarded-Proto"),
            self.settings.dashboard_trusted_proxies,
        )


@dataclass(slots=True)
class Ctx:
    """One request to a clone's page: who asks, for which clone, in which role."""

    dashboard: Dashboard
    request: web.Request
    session: Session
    services: Services
    role: Role

    @classmethod
    def of(cls, request: web.Request) -> Ctx:
        dashboard: Dashboard = request.app[DASHBOARD]
        session: Session = request[SESSION_KEY]
        creator = request.match_info["creator"]
        services = dashboard.clones.get(creator)
        if services is None:
            raise web.HTTPNotFound(text=f"No clone {creator!r} runs here.")
        role = role_of(services.bot, session.actor)
        if role < Role.MODERATOR:
            raise web.HTTPForbidden(text=f"You do not manage {creator!r}.")
        return cls(dashboard, request, session, services, role)

    @property
    def creator_id(self) -> str:
        return self.services.bot.id

    def now(self) -> datetime:
        return self.dashboard.now()

    async def audit(self, action: str, result: str, detail: str = "") -> None:
        await self.services.state.audit(
            AuditEntry(
                creator_id=self.creator_id,
                actor=self.session.actor,
                action=f"dashboard {action}",
                where="dashboard",
                result=result,
                at=self.now(),
                detail=detail[:500],
            )
        )

    async def require(self, role: Role, action: str) -> None:
        """Refuse (403, audited) unless this person holds `role` for this clone."""
        if self.role < role:
            await self.audit(action, "refused", f"needs {role.label}")
            raise web.HTTPForbidden(text=f"Only the {role.label} may {action.replace('-', ' ')}.")

    def page(self, template: str, active: str, **ctx: Any) -> web.Response:
        return self.dashboard.page(
            self.request, template, creator=self.creator_id, active=active, role=self.role, **ctx
        )

    def done(self, page: str, text: str, *, error: bool = False) -> web.HTTPSeeOther:
        self.dashboard.flash(self.session, text, error=error)
        return web.HTTPSeeOther(f"{PREFIX}/{self.creator_id}/{page}")
