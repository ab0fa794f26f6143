"""Live mode's moderators: `/clone live` and the Pin / Drop buttons under its board."""

from __future__ import annotations

from core.conversation.live import LiveMode
from core.conversation.live_board import Group, board_text, number
from core.conversation.outcomes import Outcome
from core.records import AuditEntry
from core.turn import Turn
from core.types import Button, EventKind, Reply, ReplyKind, Role

PIN_BUTTON, DROP_BUTTON = "live-pin", "live-drop"
BUTTONS = frozenset({PIN_BUTTON, DROP_BUTTON})


class LiveCommands:
    """What moderators do to a live session; Control checks the command's role and audits."""

    def __init__(self, live: LiveMode) -> None:
        self.live = live

    async def command(self, turn: Turn) -> list[Reply]:
        """`/clone live on [minutes] [here]|off|list|pin <n>|drop <n>` (moderators; Control
        checks the role and audits)."""
        e = turn.event
        args = [a.lower() for a in (e.command.args if e.command else ())]
        sub = args[0] if args else "list"
        key = e.conversation_id
        buttons: tuple[Button, ...] = ()
        if e.is_dm:
            text = "Live mode runs in a group or channel; start it there."
        elif sub == "on":
            # "here" is what it always means: this channel, or this thread or forum topic.
            rest = [a for a in args[1:] if a != "here"]
            minutes = number(rest[0]) if rest else turn.bot.policies.live_minutes
            if minutes is None or not 0 < minutes <= 24 * 60 or len(rest) > 1:
                text = "Usage: /clone live on [minutes] [here], minutes 1 to 1440."
            else:
                fresh = await self.live.start(turn, minutes)
                text = (
                    f"Live mode {'is on' if fresh else 'extended'} here for {minutes:g} minutes: "
                    f"I'll gather questions and answer the most asked one every "
                    f"{turn.bot.policies.live_round_seconds:g} s."
                )
        elif sub == "off":
            stopped = await self.live.stop(key)
            text = "Live mode is off here." if stopped else "Live mode was not on."
        elif sub in ("pin", "drop") and len(args) > 1 and args[1].lstrip("#").isdigit():
            text = self._pin_or_drop(key, sub, int(args[1].lstrip("#")))
        elif sub == "list":
            text, buttons = self.board(key, with_buttons=e.capabilities.buttons)
        else:
            text = "Usage: /clone live on [minutes] [here] | off | list | pin <n> | drop <n>"
        return [
            Reply(
                target=e.target(private=True),
                text=text,
                kind=ReplyKind.COMMAND_RESULT,
                ephemeral=True,
                buttons=buttons,
            )
        ]

    async def button(self, turn: Turn) -> list[Reply]:
        """A moderator's Pin / Drop button under the board (value: `<conversation>#<n>`)."""
        e = turn.event
        key, _, n = e.text.rpartition("#")
        verb = "pin" if e.action == PIN_BUTTON else "drop"
        if turn.role < Role.MODERATOR:
            text = "Sorry, only moderators and the creator can pin or drop questions."
            result = "refused"
        elif not n.isdigit():
            text, result = "That button is out of date.", "bad"
        else:
            text, result = self._pin_or_drop(key, verb, int(n)), "ok"
        await self.live.state.audit(
            AuditEntry(
                creator_id=turn.bot.id,
                actor=e.user_key,
                action=f"clone live {verb}",
                where=key,
                result=result,
                at=turn.now,
                detail=n,
            )
        )
        target = e.target(private=True, reply=e.kind is not EventKind.BUTTON)
        return [Reply(target, text, ReplyKind.COMMAND_RESULT, ephemeral=True)]

    def _pin_or_drop(self, key: str, verb: str, n: int) -> str:
        done = self.pin(key, n) if verb == "pin" else self.drop(key, n)
        said = "pinned to the top" if verb == "pin" else "dropped"
        return f"Question #{n} {said}." if done else f"No waiting question #{n}."

    def board(
        self, key: str, top: int = 10, *, with_buttons: bool = False
    ) -> tuple[str, tuple[Button, ...]]:
        """The waiting questions, and Pin / Drop buttons for the top ones where there are
        buttons."""
        session = self.live.session(key)
        if session is None:
            return "Live mode is off here.", ()
        buttons: tuple[Button, ...] = ()
        if with_buttons:
            buttons = tuple(
                Button(action, f"{label} #{g.number}", f"{key}#{g.number}")
                for g in session.waiting()[:3]
                for action, label in ((PIN_BUTTON, "Pin"), (DROP_BUTTON, "Drop"))
            )
        return board_text(session, top), buttons

    def pin(self, key: str, n: int) -> bool:
        group = self._group(key, n)
        if group is None:
            return False
        group.pinned = True
        return True

    def drop(self, key: str, n: int) -> bool:
        group = self._group(key, n)
        if group is None:
            return False
        for m in group.members:
            self.live.ledger.record(m.event, Outcome.IGNORED_BY_RULE, "live_dropped")
        group.members.clear()
        group.dropped = True
        return True

    def _group(self, key: str, n: int) -> Group | None:
        session = self.live.session(key)
        if session is None:
            return None
        for g in session.groups:
            if g.number == n and not g.answered_into and g.members:
                return g
        return None
