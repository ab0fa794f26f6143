"""Proactive posts on APScheduler 3 (AsyncIOScheduler): one scheduler and job store per process.

Settings, chosen on purpose:
    - coalesce=True: after downtime, a backlog of missed fires becomes one run, never a burst.
    - misfire_grace_time=1800 s for posts (6 h for re-ingest): a fire up to 30 min late (a
      restart, a blocked loop) still runs; later than that it is skipped, as a "daily tip"
      hours late is worse than none.
    - max_instances=1: a slow generation never overlaps the next fire of the same schedule.
The job store is never shared between processes (APScheduler 3 cannot): each process has its
own SQLite file or PostgreSQL table, named after its replica, and every process re-derives its
jobs from bot.toml and the shared state. Exactly-once across replicas comes from the outbox
claim (core/outbox.py), not from the job store.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import re
import sys
import traceback
import weakref
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from apscheduler.events import (
    EVENT_JOB_ERROR,
    EVENT_JOB_EXECUTED,
    EVENT_JOB_MISSED,
    JobExecutionEvent,
)
from apscheduler.executors.asyncio import AsyncIOExecutor
from apscheduler.job import Job
from apscheduler.jobstores.base import BaseJobStore
from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from core.brain.brain import Brain
from core.config import Settings
from core.persona.bot import BotConfig, Schedule
from core.persona.schedule_spec import ScheduleError, all_schedules, is_paused, trigger_for
from core.ports import Clock, Outbound, StateStore
from core.records import Draft
from core.schedule.outbox import MISFIRE_GRACE, Publisher
from core.schedule.posting import PostWriter
from core.schedule.replica import host_name, replica_id
from core.types import Target

log = logging.getLogger(__name__)

POST_DEFAULTS: dict[str, Any] = {
    "coalesce": True,
    "misfire_grace_time": int(MISFIRE_GRACE.total_seconds()),
    "max_instances": 1,
}
REINGEST_GRACE = 6 * 3600
REINGEST_CRON = "0 3 * * *"  # nightly, 03:00 UTC
# Schedulers by owner name: persisted jobs name their owner as text, never pickle it.
_OWNERS: weakref.WeakValueDictionary[str, Scheduler] = weakref.WeakValueDictionary()


def jobstore_url_for(settings: Settings, bot_id: str, replica: str) -> tuple[str, str]:
    """(sync SQLAlchemy URL, table) of this process's own job store.

    PostgreSQL when the state lives there (one table per clone and replica), else a SQLite
    file per clone and replica next to the state database.
    """
    slug = re.sub(r"[^a-z0-9_]", "_", f"{bot_id}_{replica}".lower())[:50]
    url = settings.state_url or ""
    if url.startswith(("postgresql", "postgres:")):
        sync = re.sub(r"^postgres(ql)?(\+\w+)?://", "postgresql+psycopg://", url)
        return sync, f"apscheduler_{slug}"
    return f"sqlite:///{settings.data_dir / bot_id / f'schedule-{slug}.db'}", "apscheduler_jobs"


class FireTimeExecutor(AsyncIOExecutor):  # type: ignore[misc]
    """AsyncIOExecutor that hands each job its scheduled fire time (`fire_time=`).

    The fire time, not "now", keys each occurrence, so every replica derives the same key.
    """

    def _do_submit_job(self, job: Job, run_times: list[datetime]) -> None:
        def done(f: asyncio.Task[list[JobExecutionEvent]]) -> None:
            self._pending_futures.discard(f)
            try:
                events = f.result()
            except BaseException:
                self._run_job_error(job.id, *sys.exc_info()[1:])
            else:
                self._run_job_success(job.id, events)

        task = self._eventloop.create_task(_run(job, run_times))
        task.add_done_callback(done)
        self._pending_futures.add(task)


async def _run(job: Job, run_times: list[datetime]) -> list[JobExecutionEvent]:
    events = []
    alias = job._jobstore_alias
    for run_time in run_times:
        late = datetime.now(UTC) - run_time
        if job.misfire_grace_time is not None and late > timedelta(seconds=job.misfire_grace_time):
            log.warning("job %s missed its %s run by %s", job.id, run_time, late)
            events.append(JobExecutionEvent(EVENT_JOB_MISSED, job.id, alias, run_time))
            continue
        try:
            await job.func(*job.args, fire_time=run_time, **job.kwargs)
        except Exception as exc:
            tb = "".join(traceback.format_tb(exc.__traceback__))
            events.append(
                JobExecutionEvent(
                    EVENT_JOB_ERROR, job.id, alias, run_time, exception=exc, traceback=tb
                )
            )
        else:
            events.append(JobExecutionEvent(EVENT_JOB_EXECUTED, job.id, alias, run_time))
    return events


async def fire_post(owner: str, schedule_id: str, *, fire_time: datetime | None = None) -> None:
    """Job entry point (referenced by name in persisted jobs); FireTimeExecutor sets fire_time."""
    scheduler = _OWNERS.get(owner)
    if scheduler is not None and fire_time is not None:
        await scheduler.fire(schedule_id, fire_time)


async def fire_reingest(owner: str, *, fire_time: datetime | None = None) -> None:
    scheduler = _OWNERS.get(owner)
    if scheduler is not None:
        await scheduler.reingest_now()


async def fire_maintenance(owner: str, *, fire_time: datetime | None = None) -> None:
    scheduler = _OWNERS.get(owner)
    if scheduler is not None:
        await scheduler.maintain()


def _open_jobstore(url: str, table: str) -> BaseJobStore:
    from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore

    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    return SQLAlchemyJobStore(url=url, tablename=table)


def _fingerprint(schedule: Schedule) -> str:
    """Changes when the timing changes; a kept job keeps its stored next run (catch-up)."""
    spec = f"{schedule.cron}|{schedule.interval_minutes}|{schedule.timezone}"
    return f"{schedule.id}#{hashlib.sha256(spec.encode()).hexdigest()[:10]}"


class Scheduler:
    """Runs a clone's schedules, its review expiry and its nightly re-ingest in this process.

    Lifecycle: `await start()` inside the running loop (after the adapters, so posts have a
    runner to go to), `await stop()` before they stop. Any number of replicas may run one each.

    Args:
        bot: the clone; `bot.schedules` plus `/clone schedule add` ones are run.
        state: the shared StateStore (stored schedules, pause flags, outbox, drafts).
        publisher: claims, writes, sends and reconciles posts.
        replica: this process's name (default: `replica_id`, CLONEBOT_REPLICA_ID or host
            name and pid).
        jobstore: this process's own APScheduler job store (default: in memory).
        jobstore_url: else (sync SQLAlchemy URL, table) of one, opened at `start` (so building
            a scheduler that never runs touches no file).
        reingest: called by the re-ingest job; None disables it.
        reingest_cron: when to re-ingest, a crontab line in UTC.
        maintenance_seconds: how often to re-derive jobs, expire drafts and settle stale claims.
    """

    def __init__(
        self,
        *,
        bot: BotConfig,
        state: StateStore,
        publisher: Publisher,
        replica: str | None = None,
        jobstore: BaseJobStore | None = None,
        jobstore_url: tuple[str, str] | None = None,
        reingest: Callable[[], Awaitable[object]] | None = None,
        reingest_cron: str = REINGEST_CRON,
        maintenance_seconds: float = 60.0,
    ) -> None:
        self.bot = bot
        self.state = state
        self.publisher = publisher
        self.replica = replica or publisher.replica
        self.owner = f"{bot.id}/{self.replica}"
        self._jobstore = jobstore
        self._jobstore_url = jobstore_url
        self._reingest = reingest
        self._reingest_cron = reingest_cron
        self._maintenance_seconds = maintenance_seconds
        self._aps: AsyncIOScheduler | None = None
        self._ingesting = asyncio.Lock()

    @classmethod
    def for_clone(
        cls,
        *,
        bot: BotConfig,
        brain: Brain,
        state: StateStore,
        outbound: Outbound,
        clock: Clock,
        settings: Settings | None = None,
        replica: str | None = None,
        reingest: Callable[[], Awaitable[object]] | None = None,
        persistent: bool = True,
        live: Callable[[Target, float], Awaitable[bool]] | None = None,
    ) -> Scheduler:
        """Build the writer, publisher and scheduler of one clone (what bootstrap calls)."""
        settings = settings or Settings()
        # The job store outlives the process, so it goes by a name a restart keeps: the set
        # replica id, else the host name (the pid in the default replica id changes).
        store_name = replica or settings.replica_id or host_name()
        replica = replica or replica_id(settings)
        writer = PostWriter(brain=brain)
        publisher = Publisher(
            bot=bot,
            state=state,
            outbound=outbound,
            writer=writer,
            clock=clock,
            replica=replica,
            live=live,
        )
        return cls(
            bot=bot,
            state=state,
            publisher=publisher,
            replica=replica,
            jobstore_url=jobstore_url_for(settings, bot.id, store_name) if persistent else None,
            reingest=reingest,
        )

    # --- lifecycle --------------------------------------------------------------------------

    async def start(self) -> None:
        """Settle this replica's cut-off claims, derive the jobs, start firing."""
        if self._aps is not None:
            return
        _OWNERS[self.owner] = self
        await self.publisher.reconcile(at_start=True)
        if self._jobstore is None and self._jobstore_url is not None:
            self._jobstore = _open_jobstore(*self._jobstore_url)
        aps = AsyncIOScheduler(
            jobstores={"default": self._jobstore or MemoryJobStore(), "local": MemoryJobStore()},
            executors={"default": FireTimeExecutor()},
            job_defaults=POST_DEFAULTS,
            timezone=UTC,
        )
        self._aps = aps
        aps.start()
        await self.sync()
        aps.add_job(
            fire_maintenance,
            IntervalTrigger(seconds=self._maintenance_seconds, timezone=UTC),
            args=[self.owner],
            id="maintenance",
            jobstore="local",
            replace_existing=True,
        )
        if self._reingest is not None:
            self._ensure(
                "reingest",
                f"reingest#{self._reingest_cron}",
                fire_reingest,
                CronTrigger.from_crontab(self._reingest_cron, timezone=UTC),
                [self.owner],
                misfire_grace_time=REINGEST_GRACE,
            )
        log.info("%s: scheduler running as %s: %s", self.bot.id, self.replica, self.status_lines())

    async def stop(self) -> None:
        """Stop firing; a post being sent right now is cancelled (its claim is reconciled)."""
        if self._aps is not None:
            self._aps.shutdown(wait=False)
            self._aps = None
        if _OWNERS.get(self.owner) is self:
            del _OWNERS[self.owner]

    # --- jobs -------------------------------------------------------------------------------

    def _ensure(
        self,
        job_id: str,
        name: str,
        func: Callable[..., Awaitable[None]],
        trigger: Any,
        args: list[str],
        **options: Any,
    ) -> None:
        assert self._aps is not None
        job = self._aps.get_job(job_id, "default")
        if job is not None and job.name == name:
            return  # unchanged: keep its stored next run, so a missed fire can still catch up
        self._aps.add_job(
            func, trigger, args=args, id=job_id, name=name, replace_existing=True, **options
        )

    async def sync(self) -> None:
        """Make this process's jobs match bot.toml plus the stored schedules and pause flags."""
        if self._aps is None:
            return
        wanted: set[str] = set()
        for schedule in (await all_schedules(self.state, self.bot)).values():
            if await is_paused(self.state, self.bot, schedule.id):
                continue
            try:
                trigger = trigger_for(schedule)
            except ScheduleError:
                log.exception("%s: schedule %s skipped", self.bot.id, schedule.id)
                continue
            job_id = f"post:{schedule.id}"
            wanted.add(job_id)
            self._ensure(
                job_id, _fingerprint(schedule), fire_post, trigger, [self.owner, schedule.id]
            )
        for job in self._aps.get_jobs("default"):
            if job.id.startswith("post:") and job.id not in wanted:
                job.remove()

    async def fire(self, schedule_id: str, fire_time: datetime) -> None:
        """One fire of a schedule. Re-reads the schedule, so edits and pauses apply at once."""
        try:
            schedule = (await all_schedules(self.state, self.bot)).get(schedule_id)
            if schedule is None or await is_paused(self.state, self.bot, schedule_id):
                return
            await self.publisher.run_occurrence(schedule, fire_time)
        except Exception:  # per-job catch: log with context, keep the scheduler alive
            log.exception("%s: schedule %s at %s failed", self.bot.id, schedule_id, fire_time)

    async def maintain(self) -> None:
        try:
            await self.sync()
            await self.publisher.expire_drafts(await all_schedules(self.state, self.bot))
            await self.publisher.reconcile(at_start=False)
        except Exception:
            log.exception("%s: schedule maintenance failed", self.bot.id)

    async def reingest_now(self) -> None:
        """Re-read the archive into memory, here in the process that owns the store."""
        if self._reingest is None or self._ingesting.locked():
            return
        async with self._ingesting:
            try:
                report = await self._reingest()
                log.info("%s: re-ingest done: %s", self.bot.id, report)
            except Exception:
                log.exception("%s: re-ingest failed", self.bot.id)

    # --- for people -------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        """True between `start` and `stop` (bootstrap builds one for every clone)."""
        return self._aps is not None

    def next_runs(self) -> list[tuple[str, datetime | None]]:
        """(job id, next fire time) of this process's jobs, soonest first."""
        if self._aps is None:
            return []
        jobs = [(j.id, j.next_run_time) for j in self._aps.get_jobs() if j.id != "maintenance"]
        far = datetime.max.replace(tzinfo=UTC)
        return sorted(jobs, key=lambda p: p[1] or far)

    def status_lines(self) -> list[str]:
        if not self.running:  # built for this clone, but this process does not run it
            return ["Schedules: not running in this process"]
        runs = self.next_runs()
        if not runs:
            return ["Next runs: none scheduled"]
        return ["Next runs:"] + [
            f"  - {job}: {when.astimezone(UTC):%Y-%m-%d %H:%M} UTC"
            if when
            else f"  - {job}: paused"
            for job, when in runs
        ]

    async def resync(self) -> None:
        await self.sync()

    async def decide(self, draft: Draft, *, approve: bool, by: str, text: str | None) -> str:
        return await self.publisher.decide(draft, approve=approve, by=by, text=text)
