"""The clone's entry point for adapters: commands first, then policies, then the brain."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from core.brain.brain import Brain
from core.control.command_limits import REPORT_EMOJI, CommandLimit
from core.control.control import FORGET_BUTTON, Control
from core.conversation.edits import on_delete, on_edit
from core.conversation.policies import (
    Budget,
    Cooldowns,
    Disclosure,
    Escalation,
    HandoffGate,
    KillSwitch,
    MuteGate,
    NonText,
    TurnHandler,
    WhoMaySpeak,
    compose,
)
from core.persona.bot import BotConfig
from core.ports import Clock, RateLimiter, StateStore
from core.turn import Turn, resolve_role
from core.types import ChatEvent, EventKind, Reply

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
    ) -> None:
        self.bot = bot
        self.brain = brain
        self.control = control
        self.state = state
        self.clock = clock
        self.pipeline: TurnHandler = compose(
            [
                KillSwitch(state),
                MuteGate(state),
                HandoffGate(state),
                WhoMaySpeak(state, limiter),
                NonText(limiter),
                Escalation(control),
                Cooldowns(limiter),
                Budget(state, control),
                Disclosure(state),
            ],
            brain,
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
            await on_delete(self.brain.memory, self.state, turn)
            return []
        if event.kind is EventKind.EDIT:
            await on_edit(self.brain.memory, self.state, turn)
            return []
        if event.kind in (EventKind.BUTTON, EventKind.REACTION) or (
            event.command is not None and event.command.name != "ask"
        ):
            return await self.commands(turn) or []
        return await self.pipeline(turn) or []

    async def _command(self, turn: Turn) -> list[Reply]:
        e = turn.event
        if e.kind is EventKind.REACTION:
            if e.action in REPORT_EMOJI and e.target_message_id:
                return await self.control.report_reply(turn, e.target_message_id)
            return []
        if e.kind is not EventKind.BUTTON:
            return await self.control.run(turn)
        if e.action in ("draft-approve", "draft-reject"):
            return await self.control.decide_draft(turn, e.text, e.action == "draft-approve")
        if e.action == "report":
            return await self.control.report_reply(turn, e.text)
        if e.action == FORGET_BUTTON:
            return await self.control.forget_button(turn)
        log.info("unknown button %r", e.action)
        return []
