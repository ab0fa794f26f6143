"""The turn queue: a fan's burst becomes one turn, limits hold turns (and say so), slots are fair.

Between the gates (kill, mute, handoff, who may speak) and the rest of the onion, every fan
message waits here, in four steps, and leaves with exactly one outcome (core.conversation.
outcomes):

1. Coalescing. Messages from one fan in one conversation join a batch while it is open: for
   `coalesce_seconds` after the latest one, and while the turn before it is still being
   written. The batch is answered once, with its texts together, replying to the latest.
2. Order. A conversation's turns run one after another.
3. Limits. Cooldowns and per-minute caps (fan, channel, community) hold a turn until their
   window has room, instead of dropping it; a fan held long is told so once a minute, in the
   clone's voice with the AI label.
4. Admission. At most `max_concurrent_turns` run at once; the rest wait, DMs and addressed
   messages before group chatter, fans in turn (round robin), so none can starve the others.
   When `queue_size` messages wait, a newcomer sheds by rank: unaddressed group chatter
   first (the oldest), then, for a DM only, the oldest addressed group message, which is told
   so; DMs last. A DM or mention that finds nothing to shed is told so; nothing goes silently.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import OrderedDict, deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace

from core.conversation.outcomes import Outcome, OutcomeLedger, rule_of
from core.ops.metrics import QUEUE_WAIT_SECONDS, TURNS_WAITING
from core.persona.bot import Policies
from core.ports import Clock, Outbound
from core.trust.honesty import ai_label
from core.turn import Turn
from core.types import ChatEvent, ContentKind, Reply, ReplyKind

log = logging.getLogger(__name__)

RunTurn = Callable[[Turn], Awaitable[list[Reply] | None]]
NOTICE_WINDOW_SECONDS = 60.0
# Who goes first when the queue is full: group chatter, then addressed group messages, DMs last.
CHATTER, ADDRESSED, DIRECT = 0, 1, 2


def rank(turn: Turn) -> int:
    """How a waiting message fares when the queue is full (shed lowest first)."""
    e = turn.event
    if e.is_dm:
        return DIRECT
    return ADDRESSED if turn.addressed or e.command is not None else CHATTER


@dataclass(eq=False, slots=True)
class _Member:
    turn: Turn
    text: str
    reply: asyncio.Future[list[Reply]]
    accounted: bool = False
    finished: bool = False

    @property
    def event(self) -> ChatEvent:
        return self.turn.event


@dataclass(eq=False)
class _Batch:
    key: str
    fan_id: str
    rank: int
    joinable: bool
    first: float
    last: float
    members: list[_Member] = field(default_factory=list)
    wake: asyncio.Event = field(default_factory=asyncio.Event)
    done: asyncio.Event = field(default_factory=asyncio.Event)
    open: bool = True
    held_by: str = ""

    @property
    def urgent(self) -> bool:
        """Admitted before group chatter (DMs and addressed messages)."""
        return self.rank > CHATTER

    @property
    def chars(self) -> int:
        return sum(len(m.text) for m in self.members)

    def full(self, p: Policies) -> bool:
        return len(self.members) >= p.coalesce_max_messages or self.chars >= p.coalesce_max_chars


class Windows:
    """Sliding windows kept in this process, which know when they next have room.

    The RateLimiter port only answers yes or no (and a yes spends a hit), so a held turn would
    have to poll it and would spend one window's hit while another still said no.
    """

    def __init__(self, now: Callable[[], float] = time.monotonic) -> None:
        self._hits: dict[str, tuple[float, deque[float]]] = {}
        self._now = now
        self._next_sweep = now() + 60.0

    def wait(self, key: str, limit: int, per: float) -> float:
        """Seconds until `key` may take one more hit (0 when it may now)."""
        if per <= 0 or limit <= 0:
            return 0.0
        entry = self._hits.get(key)
        if entry is None:
            return 0.0
        now, hits = self._now(), entry[1]
        while hits and hits[0] <= now - per:
            hits.popleft()
        if len(hits) < limit:
            return 0.0
        return hits[-limit] + per - now

    def hit(self, key: str, per: float) -> None:
        if per <= 0:
            return
        now = self._now()
        if now >= self._next_sweep:
            self._hits = {k: e for k, e in self._hits.items() if e[1] and e[1][-1] > now - e[0]}
            self._next_sweep = now + 60.0
        entry = self._hits.get(key)
        if entry is None or entry[0] < per:
            entry = (per, entry[1] if entry else deque())
            self._hits[key] = entry
        entry[1].append(now)


def limits(event: ChatEvent, p: Policies) -> list[tuple[str, int, float]]:
    """(key, limit, seconds) of every window a turn must fit in; cooldowns are 1 per period."""
    checks = [
        (f"fan-cool:{event.fan_id}", 1, p.fan_cooldown_seconds),
        (f"fan-min:{event.fan_id}", p.fan_per_minute, 60.0),
        (f"chan-min:{event.channel_key}", p.channel_per_minute, 60.0),
        (f"comm-min:{event.community_id}", p.community_per_minute, 60.0),
    ]
    if not event.is_dm:
        checks.append((f"chan-cool:{event.channel_key}", 1, p.channel_cooldown_seconds))
    return checks


class FairSlots:
    """At most `size` holders; waiters are served by priority, then round robin across fans."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.running = 0
        # One queue per priority (0 first); in each, fans in the order they get their turn.
        self._waiting: tuple[OrderedDict[str, deque[asyncio.Future[None]]], ...] = (
            OrderedDict(),
            OrderedDict(),
        )

    @property
    def waiting(self) -> int:
        return sum(len(q) for od in self._waiting for q in od.values())

    async def acquire(self, fan_id: str, priority: int) -> None:
        if self.running < self.size and not self.waiting:
            self.running += 1
            return
        fut: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiting[priority].setdefault(fan_id, deque()).append(fut)
        try:
            await fut
        except asyncio.CancelledError:
            if fut.done() and not fut.cancelled():
                self.release()  # the slot was handed over just as we gave up: pass it on
            raise

    def release(self) -> None:
        self.running -= 1
        while self.running < self.size:
            fut = self._next()
            if fut is None:
                return
            self.running += 1
            fut.set_result(None)

    def _next(self) -> asyncio.Future[None] | None:
        for queue in self._waiting:
            while queue:
                fan_id, waiters = next(iter(queue.items()))
                fut = waiters.popleft()
                if waiters:
                    queue.move_to_end(fan_id)  # this fan's next turn waits for everyone else's
                else:
                    del queue[fan_id]
                if not fut.done():
                    return fut
        return None


class TurnQueue:
    """One creator's turn queue; `submit` is the handler the gates pass a turn on to."""

    def __init__(
        self,
        *,
        run: RunTurn,
        ledger: OutcomeLedger,
        outbound: Outbound,
        clock: Clock,
        policies: Policies,
        now: Callable[[], float] = time.monotonic,
    ) -> None:
        self._run = run
        self.ledger = ledger
        self.outbound = outbound
        self.clock = clock
        self._now = now
        # Limits count on the clone's clock (as the RateLimiter did); waiting on loop time.
        self.windows = Windows(lambda: clock.now().timestamp())
        self.slots = FairSlots(policies.max_concurrent_turns)
        self._convs: dict[str, list[_Batch]] = {}
        self._members: dict[tuple[str, str], tuple[_Batch, _Member]] = {}
        self._noticed: dict[str, float] = {}
        self._drivers: set[asyncio.Task[None]] = set()
        self._side: set[asyncio.Task[None]] = set()
        self.waiting = 0
        self._gauge = TURNS_WAITING.labels(ledger.creator_id)
        self._wait_hist = QUEUE_WAIT_SECONDS.labels(ledger.creator_id)

    # -- arrivals ----------------------------------------------------------------------------

    async def submit(self, turn: Turn) -> list[Reply]:
        """Queue one gated turn; returns its replies (empty unless it is answered itself)."""
        turn.queued = True
        e, p = turn.event, turn.bot.policies
        if p.drop_on_limit:
            return await self._drop_on_limit(turn)
        key = f"{e.fan_id}|{e.conversation_id}"
        joinable = e.content is ContentKind.TEXT and e.command is None and bool(e.text.strip())
        member = _Member(turn, e.text, asyncio.get_running_loop().create_future())
        batches = self._convs.get(key)
        last = batches[-1] if batches else None
        now = self._now()
        if (
            last is not None
            and last.open
            and last.joinable
            and joinable
            and not last.full(p)
            and last.chars + len(e.text) <= p.coalesce_max_chars
        ):
            self._add(last, member)
            last.last = now
            last.wake.set()
        else:
            if self.waiting >= p.queue_size and not self._make_room(member):
                return self._refused(member)
            batch = _Batch(key, e.fan_id, rank(turn), joinable, now, now)
            self._add(batch, member)
            self._convs.setdefault(key, []).append(batch)
            task = asyncio.get_running_loop().create_task(self._drive(batch, last))
            self._drivers.add(task)
            task.add_done_callback(self._drivers.discard)
        return await member.reply

    def _add(self, batch: _Batch, member: _Member) -> None:
        batch.members.append(member)
        e = member.event
        if e.message_id:
            self._members[(e.conversation_id, e.message_id)] = (batch, member)
        self.waiting += 1
        self._gauge.inc()

    def _make_room(self, member: _Member) -> bool:
        """Shed one waiting message for `member`, lowest rank first, then the oldest: chatter
        for anyone, an addressed group message only for a DM, a DM never. False if none may go.

        A message already told to wait (accounted) keeps its place: it was promised an answer.
        """
        newcomer = rank(member.turn)
        candidates = [
            (batch.rank, batch.first, batch, m)
            for batches in self._convs.values()
            for batch in batches
            if batch.open and (batch.rank == CHATTER or batch.rank < newcomer)
            for m in batch.members
            if not m.accounted
        ]
        if not candidates:
            return False
        _, _, batch, shed = min(candidates, key=lambda c: (c[0], c[1]))
        self._remove(batch, shed)
        if batch.rank == CHATTER:
            self._settle(shed, [], Outcome.DROPPED, "queue_full_shed")
            return True
        notice = self._notice_reply(shed)  # an addressed fan is told, once a minute
        if notice is None:
            self._settle(shed, [], Outcome.DROPPED, "queue_full_shed_noticed")
        else:
            self._settle(shed, [notice], Outcome.NOTICE_SENT, "queue_full_shed")
        return True

    def _refused(self, member: _Member) -> list[Reply]:
        """The queue is full of turns that may not be shed: chatter goes, DMs are told."""
        e = member.event
        if not (e.is_dm or member.turn.addressed):
            self.ledger.record(e, Outcome.DROPPED, "queue_full")
            return []
        notice = self._notice_reply(member)
        if notice is None:  # told within the last minute already
            self.ledger.record(e, Outcome.DROPPED, "queue_full_noticed")
            return []
        self.ledger.record(e, Outcome.NOTICE_SENT, "queue_full")
        return [notice]

    # -- edits and deletes of waiting messages -----------------------------------------------

    def amend(self, event: ChatEvent) -> bool:
        """An edit of a message still waiting: the turn will read the new text. True if so."""
        found = self._members.get((event.conversation_id, event.message_id))
        if found is None or not found[0].open or found[1].event.fan_id != event.fan_id:
            return False
        found[1].text = event.text
        return True

    def withdraw(self, event: ChatEvent) -> bool:
        """A delete of a message still waiting: it leaves its turn unanswered. True if so."""
        found = self._members.get((event.conversation_id, event.message_id))
        if found is None or not found[0].open:
            return False
        batch, member = found
        self._remove(batch, member)
        self._settle(member, [], Outcome.IGNORED_BY_RULE, "deleted")
        batch.wake.set()
        return True

    def _remove(self, batch: _Batch, member: _Member) -> None:
        batch.members.remove(member)
        e = member.event
        self._members.pop((e.conversation_id, e.message_id), None)

    # -- a batch's way through ---------------------------------------------------------------

    async def _drive(self, batch: _Batch, before: _Batch | None) -> None:
        try:
            await self._coalesce(batch)
            if before is not None:
                await before.done.wait()
            await self._hold(batch)
            if batch.members:
                await self._admit_and_run(batch)
        except asyncio.CancelledError:
            self._settle_all(batch, Outcome.DROPPED, "shutdown")
            raise
        except Exception:
            log.exception("turn queue: a turn of %s failed", batch.fan_id)
            self._settle_all(batch, Outcome.DROPPED, "error")
        finally:
            batch.open = False
            batch.done.set()
            batches = self._convs.get(batch.key)
            if batches is not None:
                batches.remove(batch)
                if not batches:
                    del self._convs[batch.key]

    def _policies(self, batch: _Batch) -> Policies | None:
        return batch.members[-1].turn.bot.policies if batch.members else None

    async def _coalesce(self, batch: _Batch) -> None:
        while (p := self._policies(batch)) is not None and not batch.full(p):
            remaining = batch.last + p.coalesce_seconds - self._now()
            if remaining <= 0:
                return
            batch.wake.clear()
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(remaining):
                    await batch.wake.wait()

    async def _hold(self, batch: _Batch) -> None:
        held_since: float | None = None
        while (p := self._policies(batch)) is not None:
            event = batch.members[-1].event
            checks = limits(event, p)
            wait, name = max((self.windows.wait(k, n, s), k) for k, n, s in checks)
            if wait <= 0:
                for key, _, seconds in checks:
                    self.windows.hit(key, seconds)
                return
            batch.held_by = name.split(":", 1)[0]
            held_since = self._now() if held_since is None else held_since
            # Told when the wait ahead is long, or when short waits (a busy channel's cooldown,
            # one turn after another) have added up.
            if max(wait, self._now() - held_since) >= p.notice_after_seconds:
                self._notice(batch, f"held:{batch.held_by}")
            # In steps of at most half a second: a held turn re-reads every window (another
            # turn may have taken the channel's room meanwhile), and a moved clock is seen.
            await asyncio.sleep(min(wait, 0.5))

    async def _admit_and_run(self, batch: _Batch) -> None:
        p = self._policies(batch)
        assert p is not None
        loop = asyncio.get_running_loop()
        self.slots.size = p.max_concurrent_turns  # follows bot.toml when it is reloaded
        timer = loop.call_later(p.notice_after_seconds, self._notice, batch, "busy")
        try:
            await self.slots.acquire(batch.fan_id, 0 if batch.urgent else 1)
        finally:
            timer.cancel()
        batch.open = False
        try:
            if batch.members:
                await self._run_batch(batch)
        finally:
            self.slots.release()

    async def _run_batch(self, batch: _Batch) -> None:
        leader = batch.members[-1]
        text = "\n".join(m.text for m in batch.members if m.text.strip())
        waited = self._now() - batch.first
        self._wait_hist.observe(waited)
        turn = replace(
            leader.turn,
            event=replace(leader.event, text=text),
            now=self.clock.now(),
            notes=[],
            switches=None,
            waited=waited,
        )
        try:
            replies = await self._run(turn)
        except Exception as exc:
            for m in batch.members[:-1]:
                self._settle(m, [], Outcome.DROPPED, "error")
            self._account(leader, Outcome.DROPPED, f"error:{type(exc).__name__}")
            self._finish(leader)
            if not leader.reply.done():
                leader.reply.set_exception(exc)
                leader.reply.exception()  # retrieved here too: its handler may be gone
            return
        if not replies:
            for m in batch.members:
                self._settle(m, [], Outcome.IGNORED_BY_RULE, rule_of(turn.notes))
            return
        answered = Outcome.DEFERRED if batch.held_by else Outcome.ANSWERED
        why = batch.held_by
        for m in batch.members[:-1]:
            self._settle(m, [], Outcome.COALESCED, into=leader.event.event_id)
        self._settle(leader, list(replies), answered, why, waited=turn.waited)

    # -- outcomes and notices ----------------------------------------------------------------

    def _account(
        self,
        member: _Member,
        outcome: Outcome,
        why: str = "",
        into: str = "",
        waited: float | None = None,
    ) -> None:
        if not member.accounted:
            member.accounted = True
            self.ledger.record(member.event, outcome, why, into=into, waited=waited)

    def _finish(self, member: _Member) -> None:
        if member.finished:
            return
        member.finished = True
        e = member.event
        self._members.pop((e.conversation_id, e.message_id), None)
        self.waiting -= 1
        self._gauge.dec()

    def _settle(
        self,
        member: _Member,
        replies: list[Reply],
        outcome: Outcome,
        why: str = "",
        *,
        into: str = "",
        waited: float | None = None,
    ) -> None:
        self._account(member, outcome, why, into, waited)
        self._finish(member)
        if not member.reply.done():  # its handler may have been cancelled (shutdown)
            member.reply.set_result(replies)

    def _settle_all(self, batch: _Batch, outcome: Outcome, why: str) -> None:
        for m in list(batch.members):
            self._settle(m, [], outcome, why)

    def _notice_reply(self, member: _Member) -> Reply | None:
        """The one busy notice a fan gets per window, or None if they had it already."""
        fan, now = member.event.fan_id, self._now()
        if now - self._noticed.get(fan, -NOTICE_WINDOW_SECONDS) < NOTICE_WINDOW_SECONDS:
            return None
        self._noticed[fan] = now
        if len(self._noticed) > 10_000:
            self._noticed = {
                f: t for f, t in self._noticed.items() if now - t < NOTICE_WINDOW_SECONDS
            }
        bot = member.turn.bot
        return Reply(
            target=member.event.target(),
            text=bot.policies.busy_notice,
            kind=ReplyKind.NOTICE,
            ai_label=ai_label(bot.persona),
        )

    def _notice(self, batch: _Batch, why: str) -> None:
        """Tell the fan their answer is held (posted now, not with the turn's replies)."""
        waiting = [m for m in batch.members if not m.accounted]
        if not batch.open or not waiting:
            return
        # The oldest message still waiting is accounted for by the notice; every text stays
        # in the turn, and the latest one's answer (deferred) covers them all later.
        member = waiting[0]
        if not self.outbound.reaches(member.event.platform):
            return
        reply = self._notice_reply(member)
        if reply is None:
            return
        self._account(member, Outcome.NOTICE_SENT, why)
        task = asyncio.get_running_loop().create_task(self._send(reply))
        self._side.add(task)
        task.add_done_callback(self._side.discard)

    async def _send(self, reply: Reply) -> None:
        try:
            await self.outbound.post(reply)
        except Exception:
            log.warning("busy notice to %s failed", reply.target.conversation_id, exc_info=True)

    # -- the behaviour before the queue, for the burst benchmark ------------------------------

    async def _drop_on_limit(self, turn: Turn) -> list[Reply]:
        checks = limits(turn.event, turn.bot.policies)
        for key, limit, seconds in checks:
            if self.windows.wait(key, limit, seconds) > 0:
                name = key.split(":", 1)[0]
                self.ledger.record(turn.event, Outcome.DROPPED, f"rate:{name}")
                return []
        for key, _, seconds in checks:
            self.windows.hit(key, seconds)
        replies = await self._run(turn)
        if replies:
            self.ledger.record(turn.event, Outcome.ANSWERED)
            return list(replies)
        self.ledger.record(turn.event, Outcome.IGNORED_BY_RULE, rule_of(turn.notes))
        return []

    # -- shutdown ----------------------------------------------------------------------------

    async def close(self) -> None:
        """Stop every waiting turn; each message still waiting is dropped as "shutdown"."""
        for task in list(self._drivers):
            task.cancel()
        for task in list(self._drivers):
            with contextlib.suppress(BaseException):
                await task
        if self._side:  # notices on their way: a moment to go out, then given up
            _, late = await asyncio.wait(set(self._side), timeout=2.0)
            for task in late:
                task.cancel()
