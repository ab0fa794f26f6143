"""Publishes scheduled posts at most once: claim, decide, send, record; settle cut-off claims."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import asdict
from datetime import datetime, timedelta

from core.control.silence import channel_silenced
from core.persona.bot import BotConfig, Schedule
from core.persona.schedule_spec import (
    all_schedules,
    channel_key,
    channel_target,
    fire_time_of,
    idle_enough,
    in_quiet_hours,
    is_paused,
    occurrence_key,
    parse_target,
    private_chat,
    target_text,
)
from core.ports import Clock, Outbound, StateStore
from core.records import AuditEntry, Draft, DraftStatus, OutboxEntry, OutboxStatus
from core.schedule.posting import Post, PostWriter
from core.schedule.replica import earlier_run
from core.trust.honesty import ai_label
from core.trust.sanitize import strip_invisible
from core.types import Button, Citation, Reply, ReplyKind, Target

log = logging.getLogger(__name__)

CLAIMED = frozenset({OutboxStatus.CLAIMED})
# How late a post may still go out: APScheduler's misfire grace for posts, and the window in
# which a claim cut off before its text was written is written and sent again.
MISFIRE_GRACE = timedelta(minutes=30)
# A post found sent after all (its record was cut off) may leave "unconfirmed" for "sent".
SENDABLE = frozenset({OutboxStatus.CLAIMED, OutboxStatus.UNCONFIRMED})
# Outbox rows whose text counts as "the clone's recent posts" for the repeat check.
WITH_TEXT = frozenset(
    {OutboxStatus.SENT, OutboxStatus.DRAFTED, OutboxStatus.CLAIMED, OutboxStatus.UNCONFIRMED}
)


def draft_id_for(key: str) -> str:
    """Deterministic: a retried occurrence can never queue a second draft."""
    return "s" + hashlib.sha256(key.encode()).hexdigest()[:9]


class Publisher:
    """Turns occurrences into posts, exactly once per key across all replicas.

    Args:
        bot: the clone (schedules, platforms, roles, persona).
        state: the shared StateStore; its outbox key is the claim.
        outbound: where posts, drafts and notices go (the runners of this process).
        writer: writes the post text.
        clock: now, for activity, audit and expiry.
        replica: this process's stable name; its own cut-off claims are reconciled at start.
        recent_posts: how many recent posts the repeat check compares against.
        stale_after: another replica's claim this old without an outcome is reconciled too.
        live: starts live mode in a target for some minutes (the Clone's); returns False if
            it was on already. None: live schedules are skipped.
    """

    def __init__(
        self,
        *,
        bot: BotConfig,
        state: StateStore,
        outbound: Outbound,
        writer: PostWriter,
        clock: Clock,
        replica: str,
        recent_posts: int = 20,
        stale_after: timedelta = timedelta(minutes=15),
        live: Callable[[Target, float], Awaitable[bool]] | None = None,
    ) -> None:
        self.bot = bot
        self.state = state
        self.outbound = outbound
        self.writer = writer
        self.clock = clock
        self.replica = replica
        self.recent_posts = recent_posts
        self.stale_after = stale_after
        self.live = live

    # --- occurrences ------------------------------------------------------------------------

    async def run_occurrence(self, schedule: Schedule, fire_time: datetime) -> list[OutboxEntry]:
        """Handle one fire of `schedule`: per target, claim first; only the claimant goes on.

        Returns the outbox entries this replica claimed, in their final state.
        """
        written: Post | None = None
        reason = ""
        mine: list[OutboxEntry] = []
        for where in schedule.targets:
            key = occurrence_key(schedule.id, fire_time, where)
            now = self.clock.now()
            entry = OutboxEntry(
                creator_id=self.bot.id,
                key=key,
                schedule_id=schedule.id,
                target=where,
                status=OutboxStatus.CLAIMED,
                claimed_by=self.replica,
                claimed_at=now,
                updated_at=now,
            )
            if not await self.state.claim_outbox(entry):
                log.debug("%s: claimed elsewhere", key)
                continue
            written, reason = await self._carry_out(
                schedule, fire_time, key, where, written, reason
            )
            final = await self.state.get_outbox(self.bot.id, key)
            if final is not None:
                mine.append(final)
        return mine

    async def _carry_out(
        self,
        schedule: Schedule,
        fire_time: datetime,
        key: str,
        where: str,
        written: Post | None,
        reason: str,
    ) -> tuple[Post | None, str]:
        """A claimed occurrence for one target: skip it, or write it (once for all targets)
        and deliver it. Returns the post written so far and why none was, for the next."""
        target = parse_target(where)
        skip = await self._why_not(schedule, target, fire_time)
        if schedule.live_minutes is not None:
            await self._start_live(schedule, key, target, where, skip)
            return written, reason
        if skip is None and written is None and not reason:
            result = await self.writer.write(schedule, await self._recent_texts())
            written, reason = result.post, result.reason
        skip = skip or (None if written is not None else reason or "no post")
        if skip is not None:
            await self._finish(key, CLAIMED, OutboxStatus.SKIPPED, detail=skip)
            await self._audit(f"schedule:{schedule.id}", "skipped", where, f"{key} {skip}")
        else:
            assert written is not None
            await self._deliver_new(schedule, key, target, where, written)
        return written, reason

    async def _start_live(
        self, schedule: Schedule, key: str, target: Target, where: str, skip: str | None
    ) -> None:
        """A scheduled stream: live mode starts in the target (nothing is posted by us here;
        live mode announces itself). Kill, mutes and quiet hours skip it like a post."""
        minutes = schedule.live_minutes or 0.0
        if skip is None and self.live is None:
            skip = "no live mode in this process"
        actor = f"schedule:{schedule.id}"
        if skip is not None:
            await self._finish(key, CLAIMED, OutboxStatus.SKIPPED, detail=skip)
            await self._audit(actor, "skipped", where, f"{key} {skip}")
            return
        assert self.live is not None
        fresh = await self.live(target, minutes)
        detail = f"live mode {'started' if fresh else 'already on, extended'} for {minutes:g} min"
        await self._finish(key, CLAIMED, OutboxStatus.SENT, detail=detail)
        await self._audit(actor, "live", where, f"{key} {detail}")

    async def _retry_unwritten(self, entry: OutboxEntry) -> bool:
        """A claim cut off before its text was written sent nothing: within the misfire grace
        it is taken over and carried out again. False if it is too late (or gone) for that."""
        fire = fire_time_of(entry.key, entry.schedule_id, entry.target)
        now = self.clock.now()
        if fire is None or now - fire > MISFIRE_GRACE:
            return False
        schedule = (await all_schedules(self.state, self.bot)).get(entry.schedule_id)
        if schedule is None or entry.target not in schedule.targets:
            return False
        if not await self.state.reclaim_outbox(
            self.bot.id, entry.key, entry.claimed_by, self.replica, now
        ):
            return True  # another replica took it over first
        log.warning("%s: cut off before it was written; writing it again", entry.key)
        await self._audit(f"schedule:{schedule.id}", "retried", entry.target, entry.key)
        await self._carry_out(schedule, fire, entry.key, entry.target, None, "")
        return True

    async def _why_not(self, schedule: Schedule, target: Target, fire: datetime) -> str | None:
        if await is_paused(self.state, self.bot, schedule.id):
            return "paused"
        if await self._silenced(target):
            return "silenced"
        if in_quiet_hours(schedule, fire):
            return "quiet-hours"
        last = await self.state.channel_activity(self.bot.id, channel_key(target))
        if not idle_enough(last, self.clock.now(), schedule.if_quiet_hours):
            return "channel-active"
        if not self.outbound.reaches(target.platform):
            return f"no-sender:{target.platform}"
        return None

    async def _silenced(self, target: Target) -> bool:
        """The people's switches beat the schedule: kill, off, and mutes all apply to posts."""
        key, now = channel_key(target), self.clock.now()
        return await channel_silenced(self.state, self.bot.id, key, now) is not None

    async def _recent_texts(self) -> list[str]:
        rows = await self.state.outbox(self.bot.id, limit=self.recent_posts * 3)
        return [r.text for r in rows if r.status in WITH_TEXT and r.text][: self.recent_posts]

    async def _deliver_new(
        self, schedule: Schedule, key: str, target: Target, where: str, post: Post
    ) -> None:
        # The text goes on record before anything is sent, so reconciling can look for it.
        await self._finish(key, CLAIMED, OutboxStatus.CLAIMED, text=post.text)
        actor = f"schedule:{schedule.id}"
        await self._audit(actor, "generated", where, key)
        if schedule.review:
            await self._to_review(schedule, key, target, post)
            return
        await self._send(key, target, post.text, post.citations, actor)

    async def _send(
        self,
        key: str,
        target: Target,
        text: str,
        citations: tuple[Citation, ...],
        actor: str,
    ) -> None:
        reply = Reply(
            target=target,
            text=text,
            kind=ReplyKind.POST,
            citations=citations,
            ai_label=ai_label(self.bot.persona),
        )
        try:
            sent = await self.outbound.post(reply)
        except Exception as exc:  # delivery unknown: never retried blindly, never hidden
            log.exception("%s: send failed", key)
            entry = await self.state.get_outbox(self.bot.id, key)
            if entry is not None:
                await self._settle(entry, f"send failed: {exc}", may_resend=False)
            return
        await self._finish(
            key, SENDABLE, OutboxStatus.SENT, message_id=sent.message_id if sent else None
        )
        await self.state.touch_channel(self.bot.id, channel_key(target), self.clock.now())
        await self._audit(actor, "sent", target_text(target), key)

    # --- review -----------------------------------------------------------------------------

    def review_target(self, schedule: Schedule, target: Target) -> Target | None:
        """Where drafts and notices for a schedule go: review_to, moderators, creator's DM."""
        if schedule.review_to:
            return parse_target(schedule.review_to)
        platform = self.bot.platforms.get(target.platform)
        if platform is not None and platform.moderator_channel:
            channel = platform.moderator_channel
            return channel_target(target.platform, target.workspace_id, channel)
        # A creator's private chat, where their platform reaches one by user id (Telegram).
        for creator in self.bot.roles.creators:
            chat = private_chat(creator)
            if chat is not None and self.outbound.reaches(chat.platform):
                return chat
        return None

    async def _to_review(self, schedule: Schedule, key: str, target: Target, post: Post) -> None:
        draft_id = draft_id_for(key)
        await self.state.add_draft(
            Draft(
                id=draft_id,
                creator_id=self.bot.id,
                origin="schedule",
                target={
                    "platform": target.platform,
                    "workspace_id": target.workspace_id,
                    "channel_id": target.channel_id,
                    "thread_id": None,
                    "reply_to_message_id": None,
                },
                text=post.text,
                status=DraftStatus.PENDING,
                created_at=self.clock.now(),
                citations=[asdict(c) for c in post.citations],
            )
        )
        await self._finish(key, CLAIMED, OutboxStatus.DRAFTED, draft_id=draft_id)
        where = target_text(target)
        await self._audit(f"schedule:{schedule.id}", "drafted", where, f"{key} {draft_id}")
        hours = f"{schedule.review_expires_hours:g}"
        text = (
            f"Scheduled post {draft_id} ({schedule.id} → {where}) waits for you; it expires in "
            f"{hours} h.\n\n{post.text}\n\nApprove, reject, or /clone edit {draft_id} <new text>."
        )
        buttons = (
            Button("draft-approve", "Approve", draft_id),
            Button("draft-reject", "Reject", draft_id),
        )
        await self._notify(schedule, target, text, ReplyKind.DRAFT, buttons)

    async def decide(
        self, draft: Draft, *, approve: bool, by: str, text: str | None = None
    ) -> str:
        """The creator's answer to a scheduled draft: approve (optionally edited) or reject.

        Returns a short result for the creator. A draft is decided once, sent once.
        """
        entry = await self._entry_for_draft(draft.id)
        status = DraftStatus.APPROVED if approve else DraftStatus.REJECTED
        edited = strip_invisible(text).strip() if text else None
        if not await self.state.set_draft_status(draft.id, status, by, edited):
            return f"Draft {draft.id} was already {draft.status.value}."
        where = entry.target if entry else str(draft.target.get("channel_id"))
        detail = draft.id + (" (edited)" if edited else "")
        await self._audit(by, "approved" if approve else "rejected", where, detail)
        if entry is None:
            return f"Draft {draft.id}: its outbox entry is missing; nothing sent."
        if not approve:
            await self._finish(
                entry.key,
                frozenset({OutboxStatus.DRAFTED}),
                OutboxStatus.SKIPPED,
                detail="rejected",
            )
            return f"Draft {draft.id} rejected."
        final = edited or draft.text
        # Re-claim from "drafted": of two replicas handling the same click, one sends.
        if not await self.state.update_outbox(
            self.bot.id,
            entry.key,
            frozenset({OutboxStatus.DRAFTED}),
            OutboxStatus.CLAIMED,
            self.clock.now(),
            claimed_by=self.replica,
            text=final,
        ):
            return f"Draft {draft.id} is already being sent."
        citations = tuple(Citation(**c) for c in draft.citations)
        await self._send(entry.key, Target(**draft.target), final, citations, by)
        await self.state.set_draft_status(draft.id, DraftStatus.SENT, by)
        return f"Draft {draft.id} approved and sent."

    async def expire_drafts(self, schedules: Mapping[str, Schedule]) -> int:
        """Unanswered scheduled drafts past their schedule's review_expires_hours expire."""
        now = self.clock.now()
        expired = 0
        for entry in await self.state.outbox(self.bot.id, OutboxStatus.DRAFTED, limit=1000):
            schedule = schedules.get(entry.schedule_id)
            hours = schedule.review_expires_hours if schedule else 24.0
            if entry.draft_id is None or now - entry.updated_at < timedelta(hours=hours):
                continue
            if await self.state.set_draft_status(entry.draft_id, DraftStatus.EXPIRED, "expired"):
                await self._finish(
                    entry.key,
                    frozenset({OutboxStatus.DRAFTED}),
                    OutboxStatus.SKIPPED,
                    detail="expired",
                )
                await self._audit("expired", "expired", entry.target, entry.draft_id)
                expired += 1
        return expired

    async def _entry_for_draft(self, draft_id: str) -> OutboxEntry | None:
        for entry in await self.state.outbox(self.bot.id, limit=1000):
            if entry.draft_id == draft_id:
                return entry
        return None

    # --- reconciling cut-off claims ---------------------------------------------------------

    async def reconcile(self, *, at_start: bool) -> list[OutboxEntry]:
        """Settle claims that never got an outcome; returns what was settled.

        At start this replica's own claims are settled (its previous run died holding them);
        any time, other replicas' claims older than `stale_after` too. Nothing is re-sent
        unless the platform confirms the post is not there and the claim was our own.
        """
        now = self.clock.now()
        settled = []
        for entry in await self.state.outbox(self.bot.id, OutboxStatus.CLAIMED, limit=1000):
            own = at_start and earlier_run(entry.claimed_by, self.replica)
            if not own and now - entry.updated_at < self.stale_after:
                continue
            await self._settle(entry, "cut off after claiming", may_resend=own)
            settled.append(entry)
        return settled

    async def _settle(self, entry: OutboxEntry, why: str, *, may_resend: bool) -> None:
        target = parse_target(entry.target)
        actor = f"schedule:{entry.schedule_id}"
        if not entry.text:
            # The text is recorded before any send, so nothing went out: while the fire is
            # still fresh, carry it out again; later, say so and send nothing.
            if await self._retry_unwritten(entry):
                return
            await self._finish(entry.key, CLAIMED, OutboxStatus.SKIPPED, detail=f"{why}: unsent")
            await self._audit(actor, "skipped", entry.target, f"{entry.key} {why}: unsent")
            notice = (
                f"A scheduled post ({entry.schedule_id} → {entry.target}) was interrupted "
                "before it was written; nothing was posted."
            )
            await self._notify(self._schedule(entry), target, notice, ReplyKind.NOTICE, ())
            return
        if self.outbound.reaches(target.platform):
            try:
                found = await self.outbound.find_post(target, entry.text, entry.claimed_at)
            except LookupError:  # the platform cannot search its history: unconfirmed
                pass
            except Exception:
                log.warning("%s: could not look for the post", entry.key, exc_info=True)
            else:
                if found is not None:
                    await self._finish(
                        entry.key,
                        SENDABLE,
                        OutboxStatus.SENT,
                        message_id=found.message_id,
                        detail="found in channel",
                    )
                    await self._audit(actor, "sent", entry.target, f"{entry.key} (reconciled)")
                    return
                if may_resend:
                    draft = await self.state.get_draft(entry.draft_id) if entry.draft_id else None
                    citations = tuple(Citation(**c) for c in draft.citations) if draft else ()
                    await self._send(entry.key, target, entry.text, citations, actor)
                    return
        await self._finish(entry.key, CLAIMED, OutboxStatus.UNCONFIRMED, detail=why)
        await self._audit(actor, "unconfirmed", entry.target, f"{entry.key} {why}")
        notice = (
            f"A scheduled post ({entry.schedule_id} → {entry.target}) may or may not have gone "
            f"out ({why}). It will not be sent again; please check the channel.\n\n{entry.text}"
        )
        await self._notify(self._schedule(entry), target, notice, ReplyKind.NOTICE, ())

    # --- helpers ----------------------------------------------------------------------------

    def _schedule(self, entry: OutboxEntry) -> Schedule | None:
        return next((s for s in self.bot.schedules if s.id == entry.schedule_id), None)

    async def _notify(
        self,
        schedule: Schedule | None,
        target: Target,
        text: str,
        kind: ReplyKind,
        buttons: tuple[Button, ...],
    ) -> None:
        dest = self.review_target(schedule or Schedule(id="-", prompt="-"), target)
        if dest is None or not self.outbound.reaches(dest.platform):
            log.warning("no review destination for %s; see /clone drafts: %s", target, text[:80])
            return
        try:
            await self.outbound.post(Reply(target=dest, text=text, kind=kind, buttons=buttons))
        except Exception:  # the draft or record stands; the notice is best effort
            log.exception("review notice to %s failed", dest)

    async def _finish(
        self,
        key: str,
        expected: frozenset[OutboxStatus],
        status: OutboxStatus,
        **fields: str | None,
    ) -> bool:
        return await self.state.update_outbox(
            self.bot.id, key, expected, status, self.clock.now(), **fields
        )

    async def _audit(self, actor: str, result: str, where: str, detail: str) -> None:
        await self.state.audit(
            AuditEntry(
                creator_id=self.bot.id,
                actor=actor,
                action="post",
                where=where,
                result=result,
                at=self.clock.now(),
                detail=detail,
            )
        )
