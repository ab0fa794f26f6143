"""Policies as onion middleware: each may stop a turn (returning None) or pass it to call_next."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import timedelta
from functools import partial

from core.control.control import Control
from core.persona.naming import names_clone
from core.ports import RateLimiter, StateStore
from core.records import MuteScope
from core.trust.escalation import check, states_minor_age
from core.trust.honesty import ai_label
from core.trust.meaning import Meaning
from core.trust.sanitize import neutralise_input
from core.turn import Turn, turn_switches
from core.types import ChatEvent, ContentKind, Reply, ReplyKind, conversation_key

log = logging.getLogger(__name__)

TurnHandler = Callable[[Turn], Awaitable[list[Reply] | None]]
Policy = Callable[[Turn, TurnHandler], Awaitable[list[Reply] | None]]


def compose(policies: Sequence[Policy], handler: TurnHandler) -> TurnHandler:
    """Wrap `handler` so that policies[0] runs first and each decides whether to call_next."""
    chain = handler
    for policy in reversed(policies):
        chain = partial(policy, call_next=chain)  # type: ignore[call-arg]
    return chain


def _stop(turn: Turn, why: str) -> list[Reply] | None:
    turn.notes.append(why)
    log.debug("silent: %s in %s", why, turn.event.conversation_id)
    return None


class KillSwitch:
    """A StateStore row every replica reads on every turn: `clonebot kill` or `/clone kill`."""

    def __init__(self, state: StateStore) -> None:
        self.state = state

    async def __call__(self, turn: Turn, call_next: TurnHandler) -> list[Reply] | None:
        switches = await turn_switches(turn, self.state)
        if switches.get("kill") == "on":
            return _stop(turn, "killed")
        if switches.get("enabled:everywhere") == "off" or (
            switches.get(f"enabled:{turn.event.channel_key}") == "off"
        ):
            return _stop(turn, "off")
        return await call_next(turn)


class MuteGate:
    def __init__(self, state: StateStore) -> None:
        self.state = state

    async def __call__(self, turn: Turn, call_next: TurnHandler) -> list[Reply] | None:
        e = turn.event
        keys = {
            MuteScope.COMMUNITY: e.community_id,
            MuteScope.CHANNEL: e.channel_key,
            MuteScope.USER: e.fan_id,
        }
        for mute in await self.state.active_mutes(turn.creator_id, turn.now):
            if keys[mute.scope] == mute.key:
                return _stop(turn, f"muted:{mute.scope.value}")
        return await call_next(turn)


class HandoffGate:
    """Silent while a human holds the conversation; resumes (with disclosure) on timeout."""

    def __init__(self, state: StateStore) -> None:
        self.state = state

    async def __call__(self, turn: Turn, call_next: TurnHandler) -> list[Reply] | None:
        e = turn.event
        cid = e.conversation_id
        handoff = await self.state.get_handoff(turn.creator_id, cid)
        if handoff is None and e.thread_id is not None:
            # A handoff taken on the channel (e.g. a Slack slash command, which has no thread)
            # covers that channel's threads too.
            cid = conversation_key(e.platform, e.workspace_id, e.channel_id, None)
            handoff = await self.state.get_handoff(turn.creator_id, cid)
        if handoff is None and not e.is_dm:
            # A human holding this fan's part of a shared channel (a crisis in a live Q&A).
            cid = e.fan_part_id
            handoff = await self.state.get_handoff(turn.creator_id, cid)
        if handoff is not None:
            if handoff.expires_at is None or handoff.expires_at > turn.now:
                return _stop(turn, "handoff")
            await self.state.close_handoff(turn.creator_id, cid, turn.now)
            await self.state.set_switch(turn.creator_id, f"disclose:{cid}", "1")
            (await turn_switches(turn, self.state))[f"disclose:{cid}"] = "1"
        return await call_next(turn)


class WhoMaySpeak:
    """Rules, not a model: DMs always; groups when addressed or as bot.toml allows; bots capped."""

    def __init__(self, state: StateStore, limiter: RateLimiter) -> None:
        self.state = state
        self.limiter = limiter

    async def __call__(self, turn: Turn, call_next: TurnHandler) -> list[Reply] | None:
        e, p = turn.event, turn.bot.policies
        if e.author.is_bot:
            # Another bot: only when it addresses us, and a few times per hour per conversation,
            # so two bots can never ping-pong forever.
            if not (e.mentions_bot or e.reply_to_bot or e.is_dm):
                return _stop(turn, "bot-not-addressed")
            if not await self.limiter.allow(f"botloop:{e.conversation_id}", p.bot_loop_cap, 3600):
                return _stop(turn, "bot-loop-cap")
            turn.addressed = True
            return await call_next(turn)
        if e.is_dm:
            turn.addressed = True
            return await call_next(turn)
        mode = (await turn_switches(turn, self.state)).get("mode") or p.mode
        named = names_clone(e.text, turn.bot.persona.name, turn.bot.persona.handle)
        # A comment on the channel's post is addressed to the creator, whom the clone stands for.
        replied = e.reply_to_bot or e.comments_on_post
        addressed = e.mentions_bot or replied or named or e.command is not None
        turn.addressed = addressed
        if addressed or (p.reply_in_groups == "always" and mode != "mentions-only"):
            return await call_next(turn)
        return _stop(turn, "not-addressed")


class Escalation:
    """Care: self-harm, eating disorders, abuse, medical, money, meetings, minors, threats.

    Every message that reaches here is classified by patterns and by meaning before any model
    runs, and before who may speak: addressed to the clone or not, a hit hands the
    conversation to a human with a fixed, kind reply. Another bot's message is checked only
    when it addresses the clone (a bridge relaying a fan), as who may speak would let it in.
    `keeps_channel` says where a live Q&A runs: there only the fan's part is handed over.
    """

    def __init__(
        self,
        control: Control,
        meaning: Meaning | None = None,
        embed: Callable[[str], Awaitable[list[float]]] | None = None,
        keeps_channel: Callable[[ChatEvent], bool] | None = None,
        limiter: RateLimiter | None = None,
    ) -> None:
        self.control = control
        self.meaning = meaning
        self.embed = embed  # the memory's embed_query: its cache serves the brain's recall
        self.keeps_channel = keeps_channel
        self.limiter = limiter  # one age notice per fan a day: moderators read each once

    async def __call__(self, turn: Turn, call_next: TurnHandler) -> list[Reply] | None:
        e = turn.event
        if e.author.is_bot and not (e.mentions_bot or e.reply_to_bot or e.is_dm):
            return await call_next(turn)
        text = neutralise_input(" ".join(e.command.args) if e.command is not None else e.text)
        vector = None
        if self.meaning is not None and self.meaning.enabled("care") and text.strip():
            vector = await self.meaning.embed_one(text.strip(), self.embed)
            turn.meaning_vector = (text.strip(), vector)
        care = await check(text, self.meaning or _NO_MEANING, vector)
        if care is None:
            if states_minor_age(text):
                turn.notes.append("minor-stated")
                if self.limiter is None or await self.limiter.allow(
                    f"minor-notice:{e.fan_id}", 1, 86_400
                ):
                    await self.control.notice_minor(turn)
            return await call_next(turn)
        turn.notes.append(f"escalated:{care.category}:{care.lang}:{care.by}")
        keep = self.keeps_channel is not None and self.keeps_channel(e)
        return await self.control.escalate(turn, care, keep_channel=keep)


_NO_MEANING = Meaning(None)


class NonText:
    """Voice, images, stickers and files: one short honest reply, not a guess at their content."""

    def __init__(self, limiter: RateLimiter) -> None:
        self.limiter = limiter

    async def __call__(self, turn: Turn, call_next: TurnHandler) -> list[Reply] | None:
        e = turn.event
        if e.content is ContentKind.TEXT:
            return await call_next(turn)
        if not await self.limiter.allow(f"nontext:{e.fan_id}", 1, 600):
            return _stop(turn, "non-text-repeat")
        text = (
            f"I'm {turn.bot.persona.name}'s AI clone and I can only read text for now. "
            "Could you type your question?"
        )
        label = ai_label(turn.bot.persona)
        return [Reply(target=e.target(), text=text, kind=ReplyKind.NOTICE, ai_label=label)]


class AfterWait:
    """Kill, mute and handoff checked again for a turn that waited in the queue: a switch
    flipped while it waited holds."""

    def __init__(self, gates: Sequence[Policy], *, min_wait_seconds: float = 0.5) -> None:
        self.gates = gates
        self.min_wait_seconds = min_wait_seconds

    async def __call__(self, turn: Turn, call_next: TurnHandler) -> list[Reply] | None:
        if turn.waited < self.min_wait_seconds:
            return await call_next(turn)
        return await compose(self.gates, call_next)(turn)


class Budget:
    """A daily token budget per clone; when spent, the clone rests and says so."""

    def __init__(self, state: StateStore, control: Control) -> None:
        self.state = state
        self.control = control

    async def __call__(self, turn: Turn, call_next: TurnHandler) -> list[Reply] | None:
        budget_text = (await turn_switches(turn, self.state)).get("budget")
        budget = int(budget_text) if budget_text else turn.bot.policies.daily_token_budget
        used = await self.state.usage(turn.creator_id, turn.now.date().isoformat())
        if used < budget:
            return await call_next(turn)
        turn.notes.append("budget")
        return await self.control.out_of_budget(turn)


class Disclosure:
    """Marks turns that must carry the disclosure: first contact, after a gap, after release."""

    def __init__(self, state: StateStore) -> None:
        self.state = state

    async def __call__(self, turn: Turn, call_next: TurnHandler) -> list[Reply] | None:
        e, creator = turn.event, turn.creator_id
        last = await self.state.fan_last_seen(creator, e.fan_id, e.community_id)
        gap = timedelta(hours=turn.bot.policies.disclosure_gap_hours)
        released = (await turn_switches(turn, self.state)).get(f"disclose:{e.conversation_id}")
        turn.disclose = last is None or turn.now - last >= gap or released is not None
        replies = await call_next(turn)
        if replies:
            await self.state.set_fan_last_seen(creator, e.fan_id, e.community_id, turn.now)
            if released is not None:
                await self.state.set_switch(creator, f"disclose:{e.conversation_id}", None)
        return replies
