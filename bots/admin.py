"""The per-process admin HTTP server: health, readiness, Prometheus metrics and the admin API."""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import os
import secrets
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST

from bots.bootstrap import Services
from core.ops.metrics import exposition

if TYPE_CHECKING:
    from bots.dashboard import Dashboard
    from core.control.fan_rights import Person

log = logging.getLogger(__name__)

RUN_FILE = "run.json"


@dataclass(frozen=True, slots=True)
class RunInfo:
    """What `run.json` holds: how the CLI reaches the process that runs a clone."""

    pid: int
    url: str
    token: str
    creator_id: str


def run_file(data_dir: Path, creator_id: str) -> Path:
    """Where a running clone announces its admin API (next to its embedded stores)."""
    return data_dir / creator_id / RUN_FILE


def write_run_file(data_dir: Path, info: RunInfo) -> Path:
    """Write `run.json` readable by its owner only (it holds the admin token)."""
    path = run_file(data_dir, info.creator_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(asdict(info), f)
    return path


class AdminServer:
    """One small aiohttp server per process (loopback by default).

    - `GET /healthz`: the process is alive.
    - `GET /readyz`: 200 once every clone's adapters started and its state store answers;
      503 while starting, draining or when the state store is unreachable.
    - `GET /metrics`: Prometheus text format.
    - `/admin/{creator_id}/...` (Bearer token): `POST kill {"on": bool}`,
      `POST forget {"fan_id"}`, `GET export?fan_id=`, `POST ingest`,
      `POST dashboard-link {"actor", "name"}`. The CLI uses these while a clone runs, because
      the embedded stores admit one process.
    - `/dashboard/`: the creator's web dashboard (`bots.dashboard`), when one is given.
    """

    def __init__(
        self,
        *,
        clones: Mapping[str, Services],
        token: str | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        ready: Callable[[], bool] = lambda: True,
        check_timeout: float = 2.0,
        dashboard: Dashboard | None = None,
    ) -> None:
        self.clones = clones
        self.token = token or secrets.token_urlsafe(24)
        self.host, self.port = host, port
        self.ready = ready
        self.check_timeout = check_timeout
        self.bound_port: int | None = None
        self._runner: web.AppRunner | None = None
        self._ingesting: set[str] = set()
        self.dashboard = dashboard

    @property
    def url(self) -> str:
        host = "127.0.0.1" if self.host in ("0.0.0.0", "") else self.host
        return f"http://{host}:{self.bound_port}"

    def app(self) -> web.Application:
        app = web.Application(middlewares=[self._auth])
        app.router.add_get("/healthz", self._healthz)
        app.router.add_get("/readyz", self._readyz)
        app.router.add_get("/metrics", self._metrics)
        app.router.add_post("/admin/{creator}/kill", self._kill)
        app.router.add_post("/admin/{creator}/forget", self._forget)
        app.router.add_get("/admin/{creator}/export", self._export)
        app.router.add_post("/admin/{creator}/ingest", self._ingest)
        app.router.add_post("/admin/{creator}/dashboard-link", self._dashboard_link)
        if self.dashboard is not None:
            app.router.add_get("/dashboard", self._to_dashboard)
            self.dashboard.add_to(app)
        return app

    async def start(self) -> int:
        self._runner = web.AppRunner(self.app(), access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, self.host, self.port).start()
        self.bound_port = int(self._runner.addresses[0][1])
        if self.dashboard is not None:
            self.dashboard.base_url = self.url
        log.info("admin server on %s (/healthz /readyz /metrics /admin)", self.url)
        return self.bound_port

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    # -- middleware and helpers ----------------------------------------------------------------

    @web.middleware
    async def _auth(self, request: web.Request, handler: Any) -> web.StreamResponse:
        if request.path.startswith("/admin/"):
            given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
            if not hmac.compare_digest(given.encode(), self.token.encode()):
                return web.json_response({"error": "unauthorized"}, status=401)
        result: web.StreamResponse = await handler(request)
        return result

    def _services(self, request: web.Request) -> Services:
        creator = request.match_info["creator"]
        services = self.clones.get(creator)
        if services is None:
            raise web.HTTPNotFound(
                text=json.dumps({"error": f"no clone {creator!r} runs here"}),
                content_type="application/json",
            )
        return services

    @staticmethod
    async def _body(request: web.Request) -> dict[str, Any]:
        try:
            data = await request.json()
        except (json.JSONDecodeError, UnicodeDecodeError):
            data = None
        if not isinstance(data, dict):
            raise web.HTTPBadRequest(
                text=json.dumps({"error": "expected a JSON object"}),
                content_type="application/json",
            )
        return data

    @staticmethod
    async def _person(services: Services, fan_id: str) -> Person:
        """The person a fan id names (all their places); none or an unknown one is a 400."""
        try:
            if not fan_id:
                raise ValueError("fan_id is required")
            return await services.rights.named(fan_id)
        except ValueError as exc:
            raise web.HTTPBadRequest(
                text=json.dumps({"error": str(exc)}), content_type="application/json"
            ) from exc

    # -- operations ----------------------------------------------------------------------------

    async def _healthz(self, request: web.Request) -> web.Response:
        return web.json_response({"status": "ok"})

    async def _readyz(self, request: web.Request) -> web.Response:
        if not self.ready():
            return web.json_response({"status": "not ready"}, status=503)
        problems: dict[str, str] = {}
        for creator, services in self.clones.items():
            try:
                async with asyncio.timeout(self.check_timeout):
                    await services.state.get_switch(creator, "kill")
            except Exception as exc:
                problems[creator] = f"state store: {type(exc).__name__}"
        if problems:
            return web.json_response({"status": "not ready", "problems": problems}, status=503)
        memory = {
            c: "degraded" if getattr(s.store, "available", True) is False else "ok"
            for c, s in self.clones.items()
        }
        return web.json_response(
            {"status": "ready", "clones": sorted(self.clones), "memory": memory}
        )

    async def _metrics(self, request: web.Request) -> web.Response:
        resp = web.Response(body=exposition())
        resp.headers["Content-Type"] = CONTENT_TYPE_LATEST
        return resp

    async def _kill(self, request: web.Request) -> web.Response:
        services = self._services(request)
        on = bool((await self._body(request)).get("on", True))
        await services.state.set_switch(services.bot.id, "kill", "on" if on else None)
        log.warning("%s: kill switch %s via the admin API", services.bot.id, "ON" if on else "off")
        return web.json_response({"kill": on})

    async def _forget(self, request: web.Request) -> web.Response:
        services = self._services(request)
        fan_id = str((await self._body(request)).get("fan_id", "")).strip()
        person = await self._person(services, fan_id)
        counts = await services.rights.forget(person)
        return web.json_response(
            {
                "fan_id": fan_id,
                "person": person.key,
                "places": len(person.fan_ids),
                "memory_items": counts.get("memory", 0),
                "state_rows": counts.get("state", 0),
                "erased_within_minutes": services.rights.erase_within_minutes,
            }
        )

    async def _export(self, request: web.Request) -> web.Response:
        services = self._services(request)
        fan_id = request.query.get("fan_id", "").strip()
        person = await self._person(services, fan_id)
        payload = {"fan_id": fan_id, **await services.rights.export(person)}
        return web.json_response(text=json.dumps(payload, ensure_ascii=False, default=str))

    async def _ingest(self, request: web.Request) -> web.Response:
        from core.persona.bot import load_bot

        services = self._services(request)
        if services.bot.id in self._ingesting:
            return web.json_response({"error": "an ingest is already running"}, status=409)
        self._ingesting.add(services.bot.id)
        try:
            # bot.toml is read again: the sources list may have changed since the clone started.
            bot = load_bot(services.folder)
            report = await services.ingest(bot)
        finally:
            self._ingesting.discard(services.bot.id)
        return web.json_response(
            {
                "creator_id": report.creator_id,
                "items_read": report.items_read,
                "chunks": report.chunks,
                "chunks_stored": report.chunks_stored,
                "chunks_removed": report.chunks_removed,
                "errors": len(report.errors) + sum(len(s.errors) for s in report.sources),
                "problems": [str(p) for p in report.all_errors],
                "warnings": [str(p) for p in report.all_warnings],
                "quarantined": [str(p) for p in report.all_quarantined],
            }
        )

    async def _to_dashboard(self, request: web.Request) -> web.Response:
        raise web.HTTPMovedPermanently("/dashboard/")

    async def _dashboard_link(self, request: web.Request) -> web.Response:
        services = self._services(request)
        body = await self._body(request)
        if self.dashboard is None:
            return web.json_response({"error": "no dashboard in this process"}, status=404)
        actor = str(body.get("actor") or "").strip()
        if not actor:
            creators = services.bot.roles.creators
            if not creators:
                return web.json_response(
                    {"error": "bot.toml names no creator; pass --as platform:user"}, status=400
                )
            actor = creators[0]
        try:
            url = await self.dashboard.link(services.bot.id, actor, str(body.get("name") or ""))
        except (PermissionError, ValueError) as exc:
            return web.json_response({"error": str(exc)}, status=403)
        log.info("%s: dashboard sign-in link made for %s", services.bot.id, actor)
        minutes = self.dashboard.settings.dashboard_link_minutes
        return web.json_response({"url": url, "actor": actor, "expires_minutes": minutes})
