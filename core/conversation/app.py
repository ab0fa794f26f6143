"""The clone's entry point for adapters: commands first, then gates, the turn queue, the brain."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from core.brain.brain import Brain
from core.control.command_limits import REPORT_EMOJI, CommandLimit
from core.control.control import FORGET_BUTTON, Control
from core.conversation.edits import on_delete, on_edit
from core.conversation.live import LiveMode
from core.conversation.live_commands import BUTTONS as LIVE_BUTTONS
from core.conversation.live_commands import LiveCommands
from core.conversation.outcomes import Outcome, OutcomeLedger, rule_of
from core.conversation.policies import (
    AfterWait,
    Budget,
    Disclosure,
    Escalation,
    HandoffGate,
    KillSwitch,
    MuteGate,
    NonText,
    Policy,
    TurnHandler,
    WhoMaySpeak,
    compose,
)
from core.conversation.queue import TurnQueue
from core.persona.bot import BotConfig
from core.ports import Clock, Outbound, RateLimiter, StateStore
from core.turn import Turn, resolve_role
from core.types import ChatEvent, EventKind, Reply, Target

log = logging.getLogger(__name__)


class Clone:
    """One creator's clone. `handle` is the Handler every adapter calls."""

    def __init__(
        self,
        *,
        bot: BotConfig,
        brain: Brain,
        control: Control,
        state: StateStore,
        limiter: RateLimiter,
        clock: Clock,
        outbound: Outbound,
        embedder_name: str = "",
    ) -> None:
        """`embedder_name`: the memory's embedder, whose measured threshold groups live
        questions."""
        self.bot = bot
        self.brain = brain
        self.control = control
        self.state = state
        self.clock = clock
        self.ledger = OutcomeLedger(bot.id, state, clock)
        gates: list[Policy] = [KillSwitch(state), MuteGate(state), HandoffGate(state)]
        # After the queue: the rest of the onion and the brain, for one (coalesced) turn.
        after: TurnHandler = compose(
            [
                AfterWait(gates),
                Budget(state, control),
                Disclosure(state),
            ],
            brain,
        )
        self.queue = TurnQueue(
            run=after,
            ledger=self.ledger,
            outbound=outbound,
            clock=clock,
            policies=bot.policies,
        )
        # Live mode collects what passed the gates and the escalation check; a round's answer
        # goes through the gates again, the budget and the brain. It discloses once per
        # session itself, not per fan: one answer speaks to a whole channel.
        self.live = LiveMode(
            ledger=self.ledger,
            embed=brain.memory.embed_query,
            model_name=embedder_name,
            answer=compose([*gates, Budget(state, control)], brain),
            outbound=outbound,
            clock=clock,
            state=state,
        )
        self.live_commands = LiveCommands(self.live)
        control.add_handler("clone live", self.live_commands.command)
        self.pipeline: TurnHandler = compose(
            # Care runs on every message before who may speak: distress in group chatter that
            # is not addressed to the clone still reaches a human. Escalation and non-text
            # answer at once: a fan in crisis never waits on a cap.
            [
                *gates,
                Escalation(
                    control, brain.meaning, brain.memory.embed_query, self.live.is_live, limiter
                ),
                WhoMaySpeak(state, limiter),
                NonText(limiter),
                self.live,
            ],
            self.queue.submit,
        )
        # Commands, buttons and reactions skip the reply onion (`/clone unmute` must work in a
        # muted channel) but not a rate limit of their own.
        self.commands: TurnHandler = compose([CommandLimit(limiter)], self._command)

    async def handle(self, event: ChatEvent) -> Sequence[Reply]:
        now = self.clock.now()
        # Channel activity for the inactivity trigger: every message seen, timestamps only.
        await self.state.touch_channel(self.bot.id, event.channel_key, now)
        self.control.saw(event)
        turn = Turn(event=event, role=resolve_role(event, self.bot), bot=self.bot, now=now)
        if event.kind is EventKind.DELETE:
            if not self.queue.withdraw(event):  # still waiting: it is simply not answered
                await on_delete(self.brain.memory, self.state, turn)
            return []
        if event.kind is EventKind.EDIT:
            if not self.queue.amend(event):  # still waiting: the turn reads the new text
                await on_edit(self.brain.memory, self.state, turn)
            return []
        if event.kind in (EventKind.BUTTON, EventKind.REACTION):
            return await self.commands(turn) or []
        replies: list[Reply] | None
        try:
            if event.command is not None and event.command.name != "ask":
                replies = await self.commands(turn)
                # A kill, off or mute just given stops a live session at once, not next tick.
                await self.live.recheck()
            else:
                replies = await self.pipeline(turn)
        except Exception as exc:
            if not turn.queued:
                self.ledger.record(event, Outcome.DROPPED, f"error:{type(exc).__name__}")
            raise
        if turn.queued:  # the queue accounted for it (and for what joined it)
            return replies or []
        if replies:
            self.ledger.record(event, Outcome.ANSWERED)
            return replies
        self.ledger.record(event, Outcome.IGNORED_BY_RULE, rule_of(turn.notes))
        return []

    async def start_live(self, where: Target, minutes: float) -> bool:
        """Live mode with a scheduled stream (a live schedule in bot.toml): it starts in
        `where` and says so there; False if it was on already (then it is extended)."""
        return await self.live.start_at(where, minutes, self.bot, announce=True)

    async def close(self) -> None:
        """Messages still waiting are dropped as "shutdown"; the day's counts are written."""
        await self.live.close()
        await self.queue.close()
        await self.ledger.close()

    async def _command(self, turn: Turn) -> list[Reply]:
        e = turn.event
        if e.kind is EventKind.REACTION:
            if e.action in REPORT_EMOJI and e.target_message_id:
                return await self.control.report_reply(turn, e.target_message_id)
            self.live.vote(e)  # an upvote on a live question (else nothing)
            return []
        if e.kind is not EventKind.BUTTON:
            return await self.control.run(turn)
        if e.action in ("draft-approve", "draft-reject"):
            return await self.control.decide_draft(turn, e.text, e.action == "draft-approve")
        if e.action == "report":
            return await self.control.report_reply(turn, e.text)
        if e.action == FORGET_BUTTON:
            return await self.control.forget_button(turn)
        if e.action in LIVE_BUTTONS:
            return await self.live_commands.button(turn)
        log.info("unknown button %r", e.action)
        return []
