"""Live mode: in a live channel fans' questions are gathered, grouped by meaning, and the top
group is answered once per round, naming its askers (docs/live.md).

It sits in the pipeline after the gates and the escalation check, so a killed or muted clone
collects nothing and a fan in crisis is handed off at once, never queued. Every collected
message leaves with one outcome: `answered_in_round` (its group was answered, `into` names the
message answered), `ignored_by_rule` (dropped by a moderator, or the kill switch or a mute
stopped the session), or `collected` (still unanswered when the session ended; the summary
lists the top of those).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field, replace

import numpy as np

from core.conversation.outcomes import Outcome, OutcomeLedger, rule_of
from core.persona.bot import BotConfig
from core.ports import Clock, Sender
from core.trust.honesty import ai_label
from core.turn import Turn
from core.types import AllowedMentions, ContentKind, Mention, Reply, ReplyKind, Target

log = logging.getLogger(__name__)

Embed = Callable[[str], Awaitable[list[float]]]
RunTurn = Callable[[Turn], Awaitable[list[Reply] | None]]
TurnHandler = Callable[[Turn], Awaitable[list[Reply] | None]]
_STOPPING_RULES = ("killed", "muted", "switched_off", "handoff")
_UNSAFE_NAME = re.compile(r"[@<>#\[\]`*_~|]")


@dataclass(eq=False)
class _Group:
    number: int
    first: Turn
    # The first question's unit vector. Joining by it, not by a running centroid, keeps the
    # measured pairwise threshold meaning what it says: a centroid drifts and swallows a
    # neighbouring question ("which flour" took "whole wheat flour in the starter").
    anchor: np.ndarray
    members: list[Turn] = field(default_factory=list)
    pinned: bool = False
    answered_into: str = ""  # the event id of the message the answer replied to

    def similarity(self, vector: np.ndarray) -> float:
        return float(self.anchor @ vector)

    @property
    def question(self) -> str:
        return self.first.event.text.strip()


@dataclass(eq=False)
class _Session:
    channel_key: str
    until: float  # loop-clock seconds
    where: Target
    bot: BotConfig
    groups: list[_Group] = field(default_factory=list)
    pinged: set[str] = field(default_factory=set)
    answered: list[_Group] = field(default_factory=list)
    task: asyncio.Task[None] | None = None
    ended: bool = False
    collected: int = 0

    def waiting(self) -> list[_Group]:
        """Unanswered groups, best first: pinned, then most askers, then the oldest."""
        open_groups = [g for g in self.groups if not g.answered_into and g.members]
        return sorted(open_groups, key=lambda g: (not g.pinned, -len(g.members), g.number))


class LiveMode:
    """Live sessions per channel: the policy that collects, the rounds, and the commands."""

    def __init__(
        self,
        *,
        ledger: OutcomeLedger,
        embed: Embed,
        answer: RunTurn,
        senders: Mapping[str, Sender],
        clock: Clock,
        now: Callable[[], float] = time.monotonic,
    ) -> None:
        self.ledger = ledger
        self.embed = embed
        self.answer = answer
        self.senders = senders
        self.clock = clock
        self._now = now
        self.sessions: dict[str, _Session] = {}
        # The seconds spent grouping (embedding + comparing), for the bench.
        self.grouping_seconds = 0.0

    # -- the policy -----------------------------------------------------------------------

    async def __call__(self, turn: Turn, call_next: TurnHandler) -> list[Reply] | None:
        e = turn.event
        session = self.sessions.get(e.channel_key)
        if (
            session is None
            or session.ended
            or e.is_dm
            or e.command is not None
            or e.content is not ContentKind.TEXT
            or not e.text.strip()
        ):
            return await call_next(turn)
        turn.queued = True  # accounted for here, when its group is answered or the session ends
        await self._collect(session, turn)
        return []

    async def _collect(self, session: _Session, turn: Turn) -> None:
        started = time.perf_counter()
        vector = np.asarray(await self.embed(turn.event.text), dtype=np.float32)
        norm = float(np.linalg.norm(vector))
        vector = vector / norm if norm else vector
        threshold = turn.bot.policies.live_similarity
        best, best_sim = None, threshold
        for group in session.groups:
            sim = group.similarity(vector)
            if sim >= best_sim:
                best, best_sim = group, sim
        self.grouping_seconds += time.perf_counter() - started
        session.collected += 1
        if best is None:
            best = _Group(len(session.groups) + 1, turn, vector.copy())
            session.groups.append(best)
        if best.answered_into:  # asked again after its answer: it joins that answer
            self.ledger.record(
                turn.event, Outcome.ANSWERED_IN_ROUND, "already", into=best.answered_into
            )
            return
        best.members.append(turn)

    # -- sessions -------------------------------------------------------------------------

    def start(self, turn: Turn, minutes: float) -> bool:
        """Start (or extend) live mode in the turn's channel; False if it was already on."""
        e = turn.event
        until = self._now() + minutes * 60
        session = self.sessions.get(e.channel_key)
        if session is not None and not session.ended:
            session.until = until
            return False
        session = _Session(e.channel_key, until, e.target(reply=False), turn.bot)
        self.sessions[e.channel_key] = session
        session.task = asyncio.get_running_loop().create_task(self._rounds(session, turn))
        return True

    async def stop(self, channel_key: str) -> bool:
        """End live mode here at once, with the summary post; False if it was not on."""
        session = self.sessions.get(channel_key)
        if session is None or session.ended:
            return False
        if session.task is not None and session.task is not asyncio.current_task():
            session.task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await session.task
        await self._end(session, summary=True)
        return True

    def session(self, channel_key: str) -> _Session | None:
        s = self.sessions.get(channel_key)
        return s if s is not None and not s.ended else None

    async def _rounds(self, session: _Session, opener: Turn) -> None:
        last = self._now()
        try:
            while True:
                # Short ticks, so the end time and a changed round length apply at once.
                await asyncio.sleep(min(0.05, max(0.0, session.until - self._now())))
                now = self._now()
                if now >= session.until:
                    await self._end(session, summary=True)
                    return
                if now - last < session.bot.policies.live_round_seconds:
                    continue
                last = now
                waiting = session.waiting()
                if not waiting:
                    continue
                stop = await self._answer(session, waiting[0])
                if stop:
                    await self._end(session, summary=False, why=stop)
                    return
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("live mode in %s failed; ending it", session.channel_key)
            await self._end(session, summary=False, why="error")

    async def _answer(self, session: _Session, group: _Group) -> str:
        """Answer one group; returns the rule that stops the session (kill, mute...), or ""."""
        lead = group.first
        turn = replace(lead, now=self.clock.now(), notes=[], switches=None, queued=False)
        replies = await self.answer(turn)
        if not replies:
            rule = rule_of(turn.notes)
            if rule in _STOPPING_RULES:
                return rule
            # The brain said nothing (an empty question, a failed check): these askers get no
            # answer from this round; the group leaves the board so the next one gets its turn.
            for m in group.members:
                self.ledger.record(m.event, Outcome.IGNORED_BY_RULE, f"live:{rule}")
            group.members.clear()
            return ""
        reply = self._with_askers(session, group, replies[0])
        sender = self.senders.get(lead.event.platform)
        if sender is None:
            log.error("live mode: no sender for %s", lead.event.platform)
            return "no_sender"
        for r in [reply, *replies[1:]]:
            await sender.send(r)
        group.answered_into = lead.event.event_id
        session.answered.append(group)
        for m in group.members:
            self.ledger.record(m.event, Outcome.ANSWERED_IN_ROUND, into=group.answered_into)
        return ""

    def _with_askers(self, session: _Session, group: _Group, reply: Reply) -> Reply:
        """Name up to N askers in the text (no pings) and ping one asker not pinged before."""
        limit = group.first.bot.policies.live_named_askers
        names: list[str] = []
        seen: set[str] = set()
        for m in group.members:
            if m.event.fan_id in seen:
                continue
            seen.add(m.event.fan_id)
            if len(names) < limit:
                names.append(_safe_name(m.event.author.display_name or m.event.author.id))
        others = len(seen) - len(names)
        asked = ", ".join(names) + (f" and {others} more" if others > 0 else "")
        mention = None
        for m in group.members:
            if m.event.fan_id not in session.pinged:
                session.pinged.add(m.event.fan_id)
                mention = Mention(user=m.event.author.id)
                break
        return replace(
            reply,
            text=f"{reply.text}\n\n(Asked by {asked}.)",
            mention=mention,
            mentions=AllowedMentions(user_ids=(mention.id,) if mention else ()),
        )

    async def _end(self, session: _Session, *, summary: bool, why: str = "") -> None:
        if session.ended:
            return
        session.ended = True
        if self.sessions.get(session.channel_key) is session:
            del self.sessions[session.channel_key]
        left = session.waiting()
        for group in left:
            for m in group.members:
                if why:
                    self.ledger.record(m.event, Outcome.IGNORED_BY_RULE, why)
                else:
                    self.ledger.record(m.event, Outcome.COLLECTED, "live_ended")
        if not summary:
            log.info("live mode in %s stopped (%s), no summary", session.channel_key, why)
            return
        sender = self.senders.get(session.where.platform)
        if sender is None:
            return
        reply = Reply(
            target=session.where,
            text=summary_text(session, left),
            kind=ReplyKind.NOTICE,
            ai_label=ai_label(session.bot.persona),
        )
        try:
            await sender.send(reply)
        except Exception:
            log.warning("live summary in %s not sent", session.channel_key, exc_info=True)

    # -- moderators ---------------------------------------------------------------------------

    async def command(self, turn: Turn) -> list[Reply]:
        """`/clone live on [minutes]|off|list|pin <n>|drop <n>` (moderators; Control checks)."""
        e = turn.event
        args = [a.lower() for a in (e.command.args if e.command else ())]
        sub = args[0] if args else "list"
        key = e.channel_key
        if e.is_dm:
            text = "Live mode runs in a group or channel; start it there."
        elif sub == "on":
            minutes = _number(args[1]) if len(args) > 1 else turn.bot.policies.live_minutes
            if minutes is None or not 0 < minutes <= 24 * 60:
                text = "Usage: /clone live on [minutes], 1 to 1440."
            else:
                fresh = self.start(turn, minutes)
                text = (
                    f"Live mode {'is on' if fresh else 'extended'} here for {minutes:g} minutes: "
                    f"I'll gather questions and answer the most asked one every "
                    f"{turn.bot.policies.live_round_seconds:g} s."
                )
        elif sub == "off":
            text = "Live mode is off here." if await self.stop(key) else "Live mode was not on."
        elif sub in ("pin", "drop") and len(args) > 1 and args[1].lstrip("#").isdigit():
            number = int(args[1].lstrip("#"))
            done = self.pin(key, number) if sub == "pin" else self.drop(key, number)
            verb = "pinned to the top" if sub == "pin" else "dropped"
            text = f"Question #{number} {verb}." if done else f"No waiting question #{number}."
        elif sub == "list":
            text = self.board(key)
        else:
            text = "Usage: /clone live on [minutes] | off | list | pin <n> | drop <n>"
        return [
            Reply(
                target=e.target(private=True),
                text=text,
                kind=ReplyKind.COMMAND_RESULT,
                ephemeral=True,
            )
        ]

    def board(self, channel_key: str, top: int = 10) -> str:
        session = self.session(channel_key)
        if session is None:
            return "Live mode is off here."
        lines = [
            f"#{g.number} ({len(g.members)} asking){' pinned' if g.pinned else ''}: "
            f"{_clip(g.question)}"
            for g in session.waiting()[:top]
        ]
        return "Waiting questions:\n" + ("\n".join(lines) if lines else "none yet")

    def pin(self, channel_key: str, number: int) -> bool:
        group = self._group(channel_key, number)
        if group is None:
            return False
        group.pinned = True
        return True

    def drop(self, channel_key: str, number: int) -> bool:
        group = self._group(channel_key, number)
        if group is None:
            return False
        for m in group.members:
            self.ledger.record(m.event, Outcome.IGNORED_BY_RULE, "live_dropped")
        group.members.clear()
        return True

    def _group(self, channel_key: str, number: int) -> _Group | None:
        session = self.session(channel_key)
        if session is None:
            return None
        for g in session.groups:
            if g.number == number and not g.answered_into and g.members:
                return g
        return None

    async def close(self) -> None:
        """Shutdown: sessions end without a summary; their waiting messages are accounted."""
        for session in list(self.sessions.values()):
            if session.task is not None:
                session.task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await session.task
            await self._end(session, summary=False, why="shutdown")


def summary_text(session: _Session, left: list[_Group], top: int = 5) -> str:
    answered = [f"- {_clip(g.question)} ({len(g.members)} asked)" for g in session.answered]
    unanswered = [f"- {_clip(g.question)} ({len(g.members)} asked)" for g in left[:top]]
    parts = [f"Live Q&A is over. {session.collected} questions came in."]
    parts.append("Answered:\n" + ("\n".join(answered) if answered else "- none"))
    if unanswered:
        parts.append("Top unanswered:\n" + "\n".join(unanswered))
    return "\n\n".join(parts)


def _safe_name(name: str) -> str:
    """A display name as plain text: no mention syntax, no markup, short."""
    return _clip(_UNSAFE_NAME.sub("", name).strip() or "someone", 32)


def _number(text: str) -> float | None:
    try:
        return float(text.rstrip("m"))
    except ValueError:
        return None


def _clip(text: str, n: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"
