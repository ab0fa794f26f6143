"""Live mode: in a live channel fans' questions are gathered, grouped by meaning, and the top
group is answered once per round, naming its askers (docs/live.md).

It sits in the pipeline after the gates and the escalation check, so a killed or muted clone
collects nothing and a fan in crisis is handed off at once, never queued. Every collected
message leaves with one outcome: `answered_in_round` (its group was answered, `into` names the
lead question), `ignored_by_rule` (dropped by a moderator, or the kill switch or a mute
stopped the session), or `collected` (still unanswered when the session ended; the summary
lists the top of those).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import replace

import numpy as np

from core.control.silence import channel_silenced
from core.conversation.live_board import (
    UNMEASURED,
    Group,
    Session,
    clip,
    full_list,
    measured_similarity,
    safe_name,
    summary_text,
)
from core.conversation.outcomes import Outcome, OutcomeLedger, rule_of
from core.persona.bot import BotConfig
from core.ports import Clock, Outbound, StateStore
from core.records import AuditEntry
from core.trust.honesty import ai_label
from core.turn import Turn
from core.types import (
    AllowedMentions,
    Capabilities,
    ChatEvent,
    ContentKind,
    Mention,
    Reply,
    ReplyKind,
    Target,
    conversation_key,
)

log = logging.getLogger(__name__)

Embed = Callable[[str], Awaitable[list[float]]]
RunTurn = Callable[[Turn], Awaitable[list[Reply] | None]]
# "Your question was answered": on each asker's message where the platform has reactions.
ANSWERED_REACTION = "👍"
# How often a running session re-reads the kill switch, switches and mutes (other replicas
# and the CLI flip them too); a command in this process is seen at once (`recheck`).
CHECK_SECONDS = 0.5
_TICK = 0.05


class LiveMode:
    """Live sessions per conversation: the policy that collects, the rounds, the commands."""

    def __init__(
        self,
        *,
        ledger: OutcomeLedger,
        embed: Embed,
        answer: RunTurn,
        outbound: Outbound,
        clock: Clock,
        state: StateStore,
        model_name: str = "",
        now: Callable[[], float] = time.monotonic,
    ) -> None:
        self.ledger = ledger
        self.embed = embed
        self.model_name = model_name  # the embedder's, for its measured threshold
        self.answer = answer
        self.outbound = outbound
        self.clock = clock
        self.state = state
        self._now = now
        self.sessions: dict[str, Session] = {}
        self._pointing: set[asyncio.Task[None]] = set()  # every session's, for shutdown
        # The seconds spent grouping (embedding + comparing), for the bench.
        self.grouping_seconds = 0.0

    # -- the policy -----------------------------------------------------------------------

    async def __call__(
        self, turn: Turn, call_next: Callable[[Turn], Awaitable[list[Reply] | None]]
    ) -> list[Reply] | None:
        e = turn.event
        session = self.session(e.conversation_id)
        if (
            session is None
            or e.is_dm
            or e.command is not None
            or e.content is not ContentKind.TEXT
            or not e.text.strip()
        ):
            return await call_next(turn)
        turn.queued = True  # accounted for here, when its group is answered or the session ends
        await self._collect(session, turn)
        return []

    def is_live(self, event: ChatEvent) -> bool:
        """True where a live Q&A runs (a crisis there hands over the fan, not the channel)."""
        return self.session(event.conversation_id) is not None

    async def _collect(self, session: Session, turn: Turn) -> None:
        started = time.perf_counter()
        vector = np.asarray(await self.embed(turn.event.text), dtype=np.float32)
        norm = float(np.linalg.norm(vector))
        vector = vector / norm if norm else vector
        best, best_sim = None, session.threshold
        for group in session.groups:
            sim = group.similarity(vector)
            if sim >= best_sim:
                best, best_sim = group, sim
        self.grouping_seconds += time.perf_counter() - started
        session.collected += 1
        session.capabilities = turn.event.capabilities  # as the adapter paces this channel
        if best is None:
            best = Group(len(session.groups) + 1, turn, self._now(), vector.copy())
            session.groups.append(best)
        if best.answered_into:  # asked again after its answer: it joins that answer
            best.late += 1
            self.ledger.record(
                turn.event, Outcome.ANSWERED_IN_ROUND, "already", into=best.answered_into
            )
            return
        best.members.append(turn)
        if turn.event.message_id:
            session.by_message[turn.event.message_id] = best

    def vote(self, event: ChatEvent) -> bool:
        """A reaction (an upvote) on a waiting question counts toward its group's rank."""
        if event.author.is_bot or not event.target_message_id:
            return False
        # By the message, in any session of the channel: some platforms report a reaction
        # without the thread or topic its message is in.
        for session in self.sessions.values():
            group = session.by_message.get(event.target_message_id)
            if session.ended or group is None or session.channel_key != event.channel_key:
                continue
            if group.answered_into or group.dropped:
                return False
            group.voters.add(event.fan_id)
            return True
        return False

    # -- sessions -------------------------------------------------------------------------

    async def start(self, turn: Turn, minutes: float) -> bool:
        """Start (or extend) live mode in the turn's conversation; False if it was on."""
        e = turn.event
        return await self.start_at(e.target(reply=False), minutes, turn.bot, e.capabilities)

    async def start_at(
        self,
        where: Target,
        minutes: float,
        bot: BotConfig,
        capabilities: Capabilities | None = None,
        *,
        announce: bool = False,
    ) -> bool:
        """Start (or extend) live mode in `where`; False if it was on. With a scheduled stream
        (`announce`) it says so in the channel, and the first question tells its pacing."""
        until = self._now() + minutes * 60
        key = where.conversation_id
        session = self.session(key)
        if session is not None:
            session.until = until
            return False
        session = Session(
            key=key,
            channel_key=f"{where.platform}:{where.workspace_id}:{where.channel_id}",
            until=until,
            where=where,
            bot=bot,
            threshold=self._threshold(bot),
            capabilities=capabilities or Capabilities(),
        )
        self.sessions[key] = session
        session.task = asyncio.get_running_loop().create_task(self._rounds(session))
        await self._audit(session, "started", "schedule" if announce else "command", "")
        if announce:
            text = (
                f"Live Q&A is on for {minutes:g} minutes: ask your questions here. Every "
                f"{bot.policies.live_round_seconds:g} s I answer the most asked one."
            )
            notice = Reply(where, text, ReplyKind.NOTICE, ai_label=ai_label(bot.persona))
            await self._send_quietly(session, notice)
        return True

    def _threshold(self, bot: BotConfig) -> float:
        chosen = bot.policies.live_similarity
        if chosen is not None:
            return chosen
        measured = measured_similarity(self.model_name)
        if measured is None:
            log.warning(
                "live mode: no grouping threshold measured for %r; only questions written "
                "the same way are grouped (python -m bench.live --calibrate)",
                self.model_name,
            )
            return UNMEASURED
        return measured

    async def stop(self, key: str) -> bool:
        """End live mode here at once, with the summary post; False if it was not on."""
        session = self.session(key)
        if session is None:
            return False
        await self._cancel(session)
        await self._end(session, summary=True)
        return True

    def session(self, key: str) -> Session | None:
        s = self.sessions.get(key)
        return s if s is not None and not s.ended else None

    async def recheck(self) -> None:
        """After a command here (kill, off, a mute...): stop what it silenced, at once."""
        for session in list(self.sessions.values()):
            why = await self._silenced(session)
            if why and not session.ended:
                await self._cancel(session)
                await self._end(session, summary=False, why=why)

    async def _silenced(self, session: Session) -> str:
        now = self.clock.now()
        bot_id = session.bot.id
        why = await channel_silenced(self.state, bot_id, session.channel_key, now)
        if why:
            return why
        w = session.where
        for cid in {session.key, conversation_key(w.platform, w.workspace_id, w.channel_id, None)}:
            handoff = await self.state.get_handoff(bot_id, cid)
            if handoff is not None and (handoff.expires_at is None or handoff.expires_at > now):
                return "handoff"
        return ""

    async def _cancel(self, session: Session) -> None:
        if session.task is not None and session.task is not asyncio.current_task():
            session.task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await session.task

    async def _rounds(self, session: Session) -> None:
        last = checked = self._now()
        try:
            while True:
                # Short ticks, so the end time and a changed round length apply at once.
                await asyncio.sleep(min(_TICK, max(0.0, session.until - self._now())))
                now = self._now()
                if now >= session.until:
                    await self._end(session, summary=True)
                    return
                if now - checked >= CHECK_SECONDS:
                    checked = now
                    if why := await self._silenced(session):
                        await self._end(session, summary=False, why=why)
                        return
                if now - last < session.round_seconds():
                    continue
                group = session.next_up(now)
                if group is None:
                    continue
                stop = await self._answer(session, group)
                last = self._now()  # the next round counts from this answer being out
                if stop:
                    await self._end(session, summary=False, why=stop)
                    return
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("live mode in %s failed; ending it", session.key)
            await self._end(session, summary=False, why="error")

    async def _answer(self, session: Session, group: Group) -> str:
        """Answer one group; returns the rule that stops the session (kill, mute...), or ""."""
        lead = group.members[0]
        turn = replace(
            lead,
            now=self.clock.now(),
            notes=[],
            switches=None,
            queued=False,
            disclose=not session.disclosed,  # once per session in this channel
        )
        replies = await self.answer(turn)
        if "budget" in turn.notes:
            await self._send(session, [replace(r, target=session.where) for r in replies or []])
            return "budget"
        if not replies:
            rule = rule_of(turn.notes)
            if why := await self._silenced(session):
                return why
            if rule in ("handoff", "muted"):
                # Only this asker is held (a human has them, or they are muted): the group
                # stays, led by the next asker.
                self.ledger.record(lead.event, Outcome.IGNORED_BY_RULE, rule)
                group.members.remove(lead)
                return ""
            # The brain said nothing (an empty question, a failed check): these askers get no
            # answer from this round; the group leaves the board so the next one gets its turn.
            for m in group.members:
                self.ledger.record(m.event, Outcome.IGNORED_BY_RULE, f"live:{rule}")
            group.members.clear()
            return ""
        posts = [self._with_askers(session, group, replies[0]), *replies[1:]]
        await self._send(session, [replace(r, target=session.where) for r in posts])
        session.posts_last_round = len(posts)
        session.disclosed = True
        group.answered_into = lead.event.message_id or lead.event.event_id
        session.answered.append(group)
        for m in group.members:
            self.ledger.record(m.event, Outcome.ANSWERED_IN_ROUND, into=group.answered_into)
        task = asyncio.get_running_loop().create_task(self._point(session, group))
        for tasks in (session.pointing, self._pointing):
            tasks.add(task)
            task.add_done_callback(tasks.discard)
        return ""

    async def _send(self, session: Session, replies: list[Reply]) -> None:
        if not self.outbound.reaches(session.where.platform):
            log.error("live mode: %s does not run here", session.where.platform)
            return
        for r in replies:
            await self.outbound.post(r)

    def _with_askers(self, session: Session, group: Group, reply: Reply) -> Reply:
        """Name up to N askers in the text (no pings) and ping one asker not pinged before."""
        limit = group.first.bot.policies.live_named_askers
        firsts = group.firsts()
        names = [safe_name(m.event.author.display_name or m.event.author.id) for m in firsts]
        others = len(names) - limit
        asked = ", ".join(names[:limit]) + (f" and {others} more" if others > 0 else "")
        mention = None
        for m in firsts:
            if m.event.fan_id not in session.pinged:
                session.pinged.add(m.event.fan_id)
                name = safe_name(m.event.author.display_name or m.event.author.id)
                mention = Mention(user=m.event.author.id, label=name)
                break
        return replace(
            reply,
            text=f"{reply.text}\n\n(Asked by {asked}.)",
            mention=mention,
            mentions=AllowedMentions(user_ids=(mention.id,) if mention else ()),
        )

    async def _point(self, session: Session, group: Group) -> None:
        """Tell each asker where their answer is, without a new message each where possible:
        a reaction on their question, else a short pointer in a thread on it, else nothing
        (they are named in the answer)."""
        caps, w = session.capabilities, session.where
        if not self.outbound.reaches(w.platform) or not (caps.reactions or caps.thread_on_message):
            return
        label = ai_label(session.bot.persona)
        for m in group.firsts():
            e = m.event
            if not e.message_id:
                continue
            if caps.reactions:
                at = replace(w, reply_to_message_id=e.message_id)
                pointer = Reply(
                    target=at, text="", kind=ReplyKind.NOTICE, reaction=ANSWERED_REACTION
                )
            else:
                at = Target(w.platform, w.workspace_id, w.channel_id, open_thread_on=e.message_id)
                text = f"Answered in the channel: {clip(group.question, 80)}"
                pointer = Reply(target=at, text=text, kind=ReplyKind.NOTICE, ai_label=label)
            try:
                await self.outbound.post(pointer)
            except Exception:  # a pointer is a courtesy: the answer is out already
                log.warning("live pointer to %s failed", e.message_id, exc_info=True)

    async def _end(self, session: Session, *, summary: bool, why: str = "") -> None:
        if session.ended:
            return
        session.ended = True
        if self.sessions.get(session.key) is session:
            del self.sessions[session.key]
        if why:  # stopped by a rule: nothing more is said, pointers included
            for task in list(session.pointing):
                task.cancel()
        left = session.waiting()
        for group in left:
            for m in group.members:
                if why:
                    self.ledger.record(m.event, Outcome.IGNORED_BY_RULE, why)
                else:
                    self.ledger.record(m.event, Outcome.COLLECTED, "live_ended")
        await self._audit(session, "ended", why or "summary", full_list(session))
        if not summary:
            log.info("live mode in %s stopped (%s), no summary", session.key, why)
            return
        label = ai_label(session.bot.persona)
        post = Reply(session.where, summary_text(session, left), ReplyKind.NOTICE, ai_label=label)
        await self._send_quietly(session, post)
        mods = session.bot.platforms.get(session.where.platform)
        if mods is not None and mods.moderator_channel:
            w = session.where
            where = Target(w.platform, w.workspace_id, mods.moderator_channel)
            await self._send_quietly(session, Reply(where, full_list(session), ReplyKind.NOTICE))

    async def _send_quietly(self, session: Session, reply: Reply) -> None:
        try:
            await self._send(session, [reply])
        except Exception:
            log.warning("live post in %s not sent", session.key, exc_info=True)

    async def _audit(self, session: Session, result: str, actor: str, detail: str) -> None:
        entry = AuditEntry(
            creator_id=session.bot.id,
            actor=actor,
            action="clone live",
            where=session.key,
            result=result,
            at=self.clock.now(),
            detail=detail,
        )
        try:
            await self.state.audit(entry)
        except Exception:
            log.warning("live audit in %s not written", session.key, exc_info=True)

    async def close(self) -> None:
        """Shutdown: sessions end without a summary; their waiting messages are accounted."""
        for session in list(self.sessions.values()):
            await self._cancel(session)
            await self._end(session, summary=False, why="shutdown")
        for task in list(self._pointing):  # courtesy reactions still on their way
            task.cancel()
