"""Command handlers and human-control actions: switches, mutes, handoffs, drafts, data rights."""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from core.control import handoffs
from core.control.commands import BY_NAME
from core.control.drafts import REPORT_LABEL, PendingTurn, TurnMemory, remember_approved
from core.control.fan_rights import FanRights, Person
from core.control.people import SeenPeople, find_user
from core.control.review_commands import find_reported, review_handlers
from core.control.schedule_commands import ScheduleHooks, schedule_command
from core.memory.exchanges import KIND_CORRECTION, REVIEW_SOURCE, Exchange
from core.persona.bot import BotConfig
from core.ports import Outbound, StateStore
from core.records import (
    AuditEntry,
    DraftStatus,
    Handoff,
    Mute,
    MuteScope,
    Visibility,
    person_of,
)
from core.trust.escalation import Care
from core.trust.honesty import ai_label
from core.turn import Turn, can_open_thread, thread_on_message
from core.types import (
    AllowedMentions,
    Attachment,
    Button,
    ChatEvent,
    Citation,
    Mention,
    Reply,
    ReplyKind,
    Role,
    Target,
)

log = logging.getLogger(__name__)

_DURATION = re.compile(r"^(\d+(?:\.\d+)?)([smhdw])$")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


def parse_duration(text: str) -> timedelta | None:
    m = _DURATION.match(text.strip().lower())
    return timedelta(seconds=float(m.group(1)) * _UNITS[m.group(2)]) if m else None


CommandFn = Callable[[Turn], Awaitable[list[Reply]]]


def _result(turn: Turn, text: str, *, private: bool = True, **kw: Any) -> list[Reply]:
    target = turn.event.target(private=private)
    return [
        Reply(target=target, text=text, kind=ReplyKind.COMMAND_RESULT, ephemeral=private, **kw)
    ]


# What each answer mode promises a fan (docs/trust.md).
_MODE_PROMISE = {
    "strict": "Every sentence I say is checked against her archive or verified facts.",
    "balanced": "Every claim I make is checked against her archive or verified facts; "
    "greetings and small talk are my own words.",
    "creative": "Facts about her, her work and anything with a name or number are checked; "
    "opinions and banter are my own words, not hers.",
}


class Control:
    """Everything people (not the model) decide: declared commands, escalations, drafts."""

    def __init__(
        self,
        *,
        bot: BotConfig,
        state: StateStore,
        memory: TurnMemory,
        rights: FanRights,
        outbound: Outbound,
        schedule: ScheduleHooks | None = None,
        answer_mode: str = "strict",
    ) -> None:
        self.bot = bot
        self.answer_mode = answer_mode
        self.state = state
        self.memory = memory
        self.rights = rights
        # Notices, handoff anchors and approved drafts go out here, as replies.
        self.outbound = outbound
        # The clone's scheduler (bootstrap builds it); None where nothing schedules posts.
        self.schedule = schedule
        self._handlers: dict[str, CommandFn] = {
            "clone on": self._on,
            "clone off": self._off,
            "clone mode": self._mode,
            "clone status": self._status,
            "clone mute": self._mute,
            "clone unmute": self._unmute,
            "clone handoff": self._handoff_cmd,
            "clone release": self._release,
            "clone handoffs": self._handoffs,
            "clone stats": self._stats,
            "clone budget": self._budget,
            "clone kill": self._kill,
            "clone revive": self._revive,
            "clone drafts": self._drafts,
            "clone approve": self._approve_cmd,
            "clone reject": self._reject_cmd,
            "clone edit": self._edit_cmd,
            "clone schedule": self._schedule,
            "about": self._about,
            "human": self._human,
            "my-data": self._my_data,
            "forget-me": self._forget_me,
            "report": self._report,
        }
        self._handlers.update(review_handlers(self.state, bot.id, _result))
        # Who goes by which @name here, for mutes by name (platform ids are what fans have).
        self.people = SeenPeople()

    def add_handler(self, name: str, handler: CommandFn) -> None:
        """A declared command handled elsewhere in core (live mode's, by the Clone)."""
        if name not in BY_NAME:
            raise ValueError(f"/{name} is not declared in core.control.commands")
        self._handlers[name] = handler

    @property
    def names(self) -> set[str]:
        return set(self._handlers)

    def saw(self, event: ChatEvent) -> None:
        """Note who wrote (and who was replied to), so `@name` in a command finds them."""
        self.people.saw(event.community_id, event.author)
        if event.reply_to_author is not None:
            self.people.saw(event.community_id, event.reply_to_author)

    async def run(self, turn: Turn) -> list[Reply]:
        """Route a command. Role checks use platform roles and bot.toml ids, never the model."""
        command = turn.event.command
        assert command is not None
        spec = BY_NAME.get(command.name)
        handler = self._handlers.get(command.name)
        if spec is None or handler is None:
            return _result(turn, f"I don't know /{command.name}. Try /about.")
        if turn.role < spec.role:
            await self._audit(turn, command.name, "refused", f"needs {spec.role.label}")
            who = "the creator" if spec.role is Role.CREATOR else "moderators and the creator"
            return _result(turn, f"Sorry, /{spec.name} is only for {who}.")
        replies = await handler(turn)
        if spec.role > Role.FAN:
            await self._audit(turn, command.name, "ok", " ".join(command.args))
        return replies

    async def _audit(self, turn: Turn, action: str, result: str, detail: str = "") -> None:
        await self.state.audit(
            AuditEntry(
                creator_id=self.bot.id,
                actor=turn.event.user_key,
                action=action,
                where=turn.event.conversation_id,
                result=result,
                at=turn.now,
                detail=detail,
            )
        )

    # --- switches -------------------------------------------------------------------------

    def _scope_key(self, turn: Turn) -> str:
        args = turn.event.command.args if turn.event.command else ()
        return "everywhere" if "everywhere" in args else turn.event.channel_key

    async def _on(self, turn: Turn) -> list[Reply]:
        key = self._scope_key(turn)
        await self.state.set_switch(self.bot.id, f"enabled:{key}", None)
        if key == "everywhere":
            for name in list(await self.state.switches(self.bot.id)):
                if name.startswith("enabled:"):
                    await self.state.set_switch(self.bot.id, name, None)
        return _result(turn, f"Clone is on ({'everywhere' if key == 'everywhere' else 'here'}).")

    async def _off(self, turn: Turn) -> list[Reply]:
        key = self._scope_key(turn)
        await self.state.set_switch(self.bot.id, f"enabled:{key}", "off")
        return _result(turn, f"Clone is off ({'everywhere' if key == 'everywhere' else 'here'}).")

    async def _mode(self, turn: Turn) -> list[Reply]:
        args = turn.event.command.args if turn.event.command else ()
        if not args or args[0] not in ("auto", "copilot", "mentions-only"):
            return _result(turn, "Usage: /clone mode auto|copilot|mentions-only")
        await self.state.set_switch(self.bot.id, "mode", args[0])
        return _result(turn, f"Mode set to {args[0]}.")

    async def _kill(self, turn: Turn) -> list[Reply]:
        await self.state.set_switch(self.bot.id, "kill", "on")
        return _result(turn, "Kill switch on: the clone is silent everywhere until /clone revive.")

    async def _revive(self, turn: Turn) -> list[Reply]:
        await self.state.set_switch(self.bot.id, "kill", None)
        return _result(turn, "Kill switch off: the clone may speak again.")

    async def _budget(self, turn: Turn) -> list[Reply]:
        args = turn.event.command.args if turn.event.command else ()
        if not args or not args[0].isdigit():
            return _result(turn, "Usage: /clone budget <tokens per day>")
        await self.state.set_switch(self.bot.id, "budget", args[0])
        return _result(turn, f"Daily budget set to {int(args[0]):,} tokens.")

    async def _status(self, turn: Turn) -> list[Reply]:
        switches = await self.state.switches(self.bot.id)
        mutes = await self.state.active_mutes(self.bot.id, turn.now)
        handoffs = await self.state.open_handoffs(self.bot.id)
        off = sorted(k.removeprefix("enabled:") for k, v in switches.items() if v == "off")
        lines = [
            f"Kill switch: {'ON' if switches.get('kill') == 'on' else 'off'}",
            f"Mode: {switches.get('mode') or self.bot.policies.mode}",
            f"Off in: {', '.join(off) or 'nowhere'}",
            f"Mutes: {len(mutes)}"
            + "".join(
                f"\n  - {m.scope.value} {m.key} until {m.until or 'unmuted'}" for m in mutes
            ),
            f"Open handoffs: {len(handoffs)}",
        ]
        if self.schedule is not None:
            lines += self.schedule.status_lines()
        return _result(turn, "\n".join(lines))

    async def _stats(self, turn: Turn) -> list[Reply]:
        replies = await self.state.replies(self.bot.id, limit=1000)
        used = await self.state.usage(self.bot.id, turn.now.date().isoformat())
        count = {f: sum(f in r.flags for r in replies) for f in ("deflected", "reported")}
        handoffs = len(await self.state.open_handoffs(self.bot.id))
        text = (
            f"Replies: {len(replies)} · deflected: {count['deflected']} · reported: "
            f"{count['reported']} · open handoffs: {handoffs} · tokens today: {used:,}"
        )
        return _result(turn, text)

    # --- mutes ----------------------------------------------------------------------------

    async def _mute(self, turn: Turn) -> list[Reply]:
        e = turn.event
        args = list(e.command.args if e.command else ())
        until = None
        if args and (d := parse_duration(args[0])) is not None:
            until = turn.now + d
            args.pop(0)
        scope, key, where = MuteScope.COMMUNITY, e.community_id, "this community"
        if args and args[0] == "here":
            scope, key, where = MuteScope.CHANNEL, e.channel_key, "this channel"
        elif args:
            found = find_user(args[0], e, self.people)
            if found.user_id is None:
                return _result(turn, found.problem)
            user = found.user_id
            scope, key, where = MuteScope.USER, f"{e.platform}:{e.workspace_id}:{user}", args[0]
        await self.state.add_mute(Mute(self.bot.id, scope, key, until, e.user_key, turn.now))
        until_text = f"until {until:%Y-%m-%d %H:%M} UTC" if until else "until /clone unmute"
        return _result(turn, f"Muted in {where} {until_text}.")

    async def _unmute(self, turn: Turn) -> list[Reply]:
        e = turn.event
        args = e.command.args if e.command else ()
        key = None
        if args and args[0] == "here":
            key = e.channel_key
        elif args:
            found = find_user(args[0], e, self.people)
            if found.user_id is None:
                return _result(turn, found.problem)
            key = f"{e.platform}:{e.workspace_id}:{found.user_id}"
        removed = await self.state.remove_mutes(self.bot.id, key)
        return _result(turn, f"Unmuted ({removed} mute{'s' if removed != 1 else ''} lifted).")

    # --- handoffs -------------------------------------------------------------------------

    async def open_handoff(
        self,
        turn: Turn,
        reason: str,
        where: Target | None = None,
        *,
        conversation: str | None = None,
    ) -> None:
        """Mark the conversation (or the thread `where` names, or `conversation`) as held by a
        human."""
        e = turn.event
        if conversation is None:
            conversation = where.conversation_id if where is not None else e.conversation_id
        minutes = self.bot.policies.handoff_timeout_minutes
        await self.state.close_handoff(self.bot.id, conversation, turn.now)
        await self.state.open_handoff(
            Handoff(
                creator_id=self.bot.id,
                conversation_id=conversation,
                opened_by=e.user_key,
                reason=reason,
                opened_at=turn.now,
                expires_at=turn.now + timedelta(minutes=minutes) if minutes > 0 else None,
                link=conversation,
            )
        )
        await self._audit(turn, "handoff", "opened", reason)
        await self.notify_moderators(
            turn, f"Handoff ({reason}) in {conversation}: {e.text[:200]!r}", where
        )

    async def notify_moderators(
        self,
        turn: Turn,
        text: str,
        where: Target | None = None,
        *,
        their_channel_only: bool = False,
    ) -> None:
        """A core notice, pinging only the moderators' role that bot.toml names.

        It goes to the moderators' channel, else to `where` (a handoff thread), else to the
        conversation itself; with `their_channel_only` (a notice about a fan that the fan's
        chat must not read) nowhere but the moderators' channel.
        """
        e = turn.event
        platform = self.bot.platforms.get(e.platform)
        if not self.outbound.reaches(e.platform):
            log.warning("%s does not run here; moderators not notified: %s", e.platform, text)
            return
        role = platform.moderator_role_id if platform else ""
        channel = platform.moderator_channel if platform and platform.moderator_channel else ""
        if channel:
            target = Target(e.platform, e.workspace_id, channel)
        elif their_channel_only:
            log.info("no moderator_channel for %s; notice kept in the log: %s", e.platform, text)
            return
        elif where is not None:
            target = where
        else:
            target = Target(e.platform, e.workspace_id, e.channel_id, e.thread_id)
        notice = Reply(
            target=target,
            text=text,
            kind=ReplyKind.NOTICE,
            mentions=AllowedMentions(role_ids=(role,) if role else ()),
            mention=Mention(role=role) if role else None,
        )
        try:
            await self.outbound.post(notice)
        except Exception:  # a failed notice is logged; the handoff itself stands
            log.exception("moderator notice failed")

    async def _handoff_cmd(self, turn: Turn) -> list[Reply]:
        # Typed as a message in a channel, it hands off a thread on that message (and says so
        # there). A slash command has no message: the moderator takes the channel on purpose,
        # and `/clone release` there gives it back (a slash command cannot run in a thread).
        thread = thread_on_message(turn.event)
        await self.open_handoff(turn, "moderator", thread)
        done = _result(turn, "A human has this conversation now; the clone stays quiet here.")
        if thread is None:
            return done
        said = "A person from the team takes this conversation from here; the clone stays quiet."
        return [Reply(thread, said, ai_label=ai_label(self.bot.persona)), *done]

    async def _human(self, turn: Turn) -> list[Reply]:
        text = "I've asked a real person from the team to join. The clone will stay quiet here."
        # Said in public by the clone, so it carries the label like every answer.
        [said] = _result(turn, text, private=False, ai_label=ai_label(self.bot.persona))
        return await self._hold(turn, "fan asked for a human", said)

    async def _hold(self, turn: Turn, reason: str, said: Reply) -> list[Reply]:
        """Open a handoff and return `said`. In a shared channel whose platform threads on a
        message, the human takes a thread (as for escalations), never the whole channel: on
        the person's message, or, for a slash command that came with none, on `said` itself,
        sent first so the thread has a message to hang off."""
        e = turn.event
        thread = thread_on_message(e)
        if thread is None and can_open_thread(e) and not e.message_id:
            channel = Target(e.platform, e.workspace_id, e.channel_id)
            reachable = self.outbound.reaches(e.platform)
            sent = await self.outbound.post(replace(said, target=channel)) if reachable else None
            if sent is not None:
                anchored = replace(channel, open_thread_on=sent.message_id)
                await self.open_handoff(turn, reason, anchored)
                return []
        await self.open_handoff(turn, reason, thread)
        if thread is None:
            return [said]
        return [replace(said, target=thread)]

    async def _release(self, turn: Turn) -> list[Reply]:
        closed = await handoffs.release(
            self.state, self.bot.id, turn.event.conversation_id, turn.now
        )
        return _result(
            turn,
            "Released: the clone may answer here again."
            if closed
            else "There is no open handoff here.",
        )

    async def _handoffs(self, turn: Turn) -> list[Reply]:
        handoffs = await self.state.open_handoffs(self.bot.id)
        if not handoffs:
            return _result(turn, "No open handoffs.")
        recent = await self.state.replies(self.bot.id, limit=500)
        lines = []
        for h in handoffs:
            lines.append(f"• {h.link} — {h.reason}, since {h.opened_at:%Y-%m-%d %H:%M} UTC")
            last = [r for r in recent if r.conversation_id == h.conversation_id][:3]
            lines += [f"    fan: {r.fan_text[:80]!r} → clone: {r.reply_text[:80]!r}" for r in last]
        return _result(turn, "\n".join(lines))

    async def escalate(self, turn: Turn, care: Care, *, keep_channel: bool = False) -> list[Reply]:
        """A human takes over: a handoff, and a fixed, kind, AI-labelled reply in the fan's
        language with the resource bot.toml names. No model text is ever part of it.

        `keep_channel` (a live Q&A there): where no thread can be opened, the human takes
        over this fan's part of the channel only, so the rest of the crowd is still served.
        """
        from core.trust.care_replies import care_reply

        # A message in a shared channel gets its own thread where the platform allows, so the
        # human takes over there and the clone stays quiet in that thread only.
        thread = thread_on_message(turn.event)
        part = turn.event.fan_part_id if keep_channel and thread is None else None
        await self.open_handoff(turn, f"escalation:{care.category}", thread, conversation=part)
        target = thread or turn.event.target()
        text = care_reply(
            care,
            self.bot.persona.name,
            region=self.bot.care.region,
            lines=self.bot.care.crisis_lines,
        )
        return [
            Reply(
                target=target,
                text=text,
                kind=ReplyKind.NOTICE,
                ai_label=ai_label(self.bot.persona),
            )
        ]

    async def notice_minor(self, turn: Turn) -> None:
        """A fan said they are under 16 with no risk in the message: the clone keeps answering,
        and the moderators (their channel only, never the fan's chat) and the audit log know."""
        await self._audit(turn, "minor-stated", "noticed")
        await self.notify_moderators(
            turn,
            f"A fan says they are under 16 in {turn.event.conversation_id}. The clone keeps "
            "answering; any risk, meeting or contact request goes to a human as usual.",
            their_channel_only=True,
        )

    async def out_of_budget(self, turn: Turn) -> list[Reply]:
        day = turn.now.date().isoformat()
        if await self.state.get_switch(self.bot.id, f"budget-told:{day}") is None:
            await self.state.set_switch(self.bot.id, f"budget-told:{day}", "1")
            await self.notify_moderators(turn, "The clone's daily token budget is used up.")
        text = (
            f"{self.bot.persona.name}'s AI clone is resting for today. "
            "Type /human if you'd like a person from the team."
        )
        label = ai_label(self.bot.persona)
        return [Reply(turn.event.target(), text, kind=ReplyKind.NOTICE, ai_label=label)]

    # --- drafts ---------------------------------------------------------------------------

    async def _drafts(self, turn: Turn) -> list[Reply]:
        drafts = await self.state.drafts(self.bot.id, DraftStatus.PENDING)
        if not drafts:
            return _result(turn, "No pending drafts.")
        return _result(turn, "\n".join(f"• {d.id}: {d.text[:400]}" for d in drafts))

    async def decide_draft(
        self, turn: Turn, draft_id: str, approve: bool, text: str | None = None
    ) -> list[Reply]:
        if turn.role < Role.CREATOR:
            return _result(turn, "Sorry, only the creator can approve or reject drafts.")
        draft = await self.state.get_draft(draft_id)
        if draft is None or draft.creator_id != self.bot.id:
            return _result(turn, f"No draft {draft_id}.")
        if draft.origin == "schedule" and self.schedule is not None:
            # Scheduled posts go out through the outbox, so a decided draft is sent once.
            by = turn.event.user_key
            answer = await self.schedule.decide(draft, approve=approve, by=by, text=text)
            return _result(turn, answer)
        status = DraftStatus.APPROVED if approve else DraftStatus.REJECTED
        if not await self.state.set_draft_status(draft_id, status, turn.event.user_key, text):
            return _result(turn, f"Draft {draft_id} was already {draft.status.value}.")
        await self._audit(turn, "draft", status.value, draft_id)
        if not approve:
            return _result(turn, f"Draft {draft_id} rejected.")
        if self.outbound.reaches(str(draft.target.get("platform"))):
            citations = tuple(Citation(**c) for c in draft.citations)
            label = ai_label(self.bot.persona)
            final = text or draft.text
            pending = PendingTurn.from_json(draft.context)
            report = (Button("report", REPORT_LABEL, pending.reply_id),) if pending else ()
            reply = Reply(
                Target(**draft.target), final, citations=citations, ai_label=label, buttons=report
            )
            await self.outbound.post(reply)
            await self.state.set_draft_status(draft_id, DraftStatus.SENT, turn.event.user_key)
            if pending is not None:  # only now does the fan's memory and the log hold it
                await remember_approved(self.state, self.memory, pending, final)
                if text and text.strip() != draft.text.strip():
                    await self._learn_revision(pending, text, turn.now)
        return _result(turn, f"Draft {draft_id} approved and sent.")

    async def _learn_revision(self, pending: PendingTurn, text: str, now: datetime) -> None:
        """The creator's edit of a draft is her answer to that question: kept as an exchange
        that outranks the archive's (few-shot first, and reused over older answers). An answer
        written in a DM stays private; the fan's question is theirs (/my-data, /forget-me)."""
        upsert = getattr(self.memory, "upsert_exchanges", None)
        if upsert is None:
            return
        scope = pending.scope
        revision = Exchange(
            creator_id=scope.creator_id,
            question=pending.fan_text,
            answer=text.strip(),
            source=REVIEW_SOURCE,
            source_file="review",
            visibility=Visibility.PRIVATE if scope.is_dm else Visibility.PUBLIC,
            item_id=pending.reply_id,
            date=now.isoformat(),
            asker=person_of(scope.fan_id),
            kind=KIND_CORRECTION,
        )
        try:
            await upsert([revision])
        except Exception as exc:  # the reply went out; learning from it must not fail it
            log.warning("could not keep the edited draft as an exchange: %s", exc)

    async def _approve_cmd(self, turn: Turn) -> list[Reply]:
        args = turn.event.command.args if turn.event.command else ()
        return (
            await self.decide_draft(turn, args[0], True)
            if args
            else _result(turn, "Usage: /clone approve <id>")
        )

    async def _reject_cmd(self, turn: Turn) -> list[Reply]:
        args = turn.event.command.args if turn.event.command else ()
        return (
            await self.decide_draft(turn, args[0], False)
            if args
            else _result(turn, "Usage: /clone reject <id>")
        )

    async def _edit_cmd(self, turn: Turn) -> list[Reply]:
        args = turn.event.command.args if turn.event.command else ()
        if len(args) < 2:
            return _result(turn, "Usage: /clone edit <draft-id> <new text>")
        return await self.decide_draft(turn, args[0], True, text=" ".join(args[1:]))

    async def _schedule(self, turn: Turn) -> list[Reply]:
        return await schedule_command(turn, self.bot, self.state, self.schedule)

    # --- fans -----------------------------------------------------------------------------

    async def _about(self, turn: Turn) -> list[Reply]:
        p = self.bot.persona
        text = (
            f"I'm an AI clone of {p.name} ({p.handle}), run by {p.name}'s team — not "
            f"{p.name} personally. {p.disclosure_line}\n"
            f"I answer from {p.name}'s own posts, videos and approved facts, and I cite them.\n"
            f"Answer mode: {self.answer_mode}. {_MODE_PROMISE[self.answer_mode]}\n"
            "I remember what you tell me here so I can follow the conversation; /my-data shows "
            "it and /forget-me deletes it.\nWant a real person? Type /human."
        )
        return _result(turn, text, ai_label=ai_label(p))

    async def _person(self, turn: Turn) -> Person:
        e = turn.event
        here = [e.conversation_id] if e.is_dm else []
        return await self.rights.person(e.user_key, fan_ids=[e.fan_id], conversations=here)

    async def _my_data(self, turn: Turn) -> list[Reply]:
        person = await self._person(turn)
        payload = await self.rights.export(person)
        memories, state = payload.get("memory", []), payload.get("state", {})
        text = (
            f"Here is everything I remember about you from all {_chats(person)} with you: "
            f"{len(memories)} memory items and {sum(len(v) for v in state.values())} records. "
            "/forget-me deletes all of it."
        )
        data = self.rights.export_bytes(payload)
        return _result(turn, text, attachment=Attachment(f"my-data-{self.bot.id}.json", data))

    async def _forget_me(self, turn: Turn) -> list[Reply]:
        args = turn.event.command.args if turn.event.command else ()
        answer = args[0].lower() if args else ""
        if answer in FORGET_YES:
            return await self._forget_person(turn)
        if answer in FORGET_NO:
            return _result(turn, "Kept: nothing was deleted.")
        person = await self._person(turn)
        key = turn.event.user_key
        text = (
            f"This deletes what I remember from all {_chats(person)} with you (DMs and "
            "communities): our conversations, notes, and the logs that hold your words. "
            "It cannot be undone. Delete it all? Yes / No\n(Or type /forget-me yes.)"
        )
        buttons = (
            Button(FORGET_BUTTON, "Yes, delete", f"yes|{key}"),
            Button(FORGET_BUTTON, "No, keep it", f"no|{key}"),
        )
        return _result(turn, text, buttons=buttons)

    async def forget_button(self, turn: Turn) -> list[Reply]:
        """The Yes/No of a /forget-me confirmation; only the person it asked may answer."""
        answer, _, key = turn.event.text.partition("|")
        if key != turn.event.user_key:
            return _result(turn, "That question was for someone else. Type /forget-me for yours.")
        if answer == "yes":
            return await self._forget_person(turn)
        return _result(turn, "Kept: nothing was deleted.")

    async def forget(self, person: Person) -> dict[str, int]:
        """What /forget-me deletes, for whoever asks it (the fan, or the creator's dashboard)."""
        counts = await self.rights.forget(person)
        user = person.key.partition(":")[2]
        for fan_id in person.fan_ids:  # the names seen for `@name` mutes, in every community
            self.people.forget(fan_id.rsplit(":", 1)[0], user)
        return counts

    async def _forget_person(self, turn: Turn) -> list[Reply]:
        person = await self._person(turn)
        counts = await self.forget(person)
        minutes = self.rights.erase_within_minutes
        text = (
            f"Done: I deleted what I remembered from all {_chats(person)} with you "
            f"({counts.get('memory', 0)} memory items, {counts.get('state', 0)} records). "
            f"The copies in my files are erased within {minutes} minutes."
        )
        return _result(turn, text)

    async def _report(self, turn: Turn) -> list[Reply]:
        mine = [
            r
            for r in await self.state.replies(self.bot.id, limit=500)
            if r.fan_id == turn.event.fan_id
        ]
        if not mine:
            return _result(turn, "I couldn't find an answer of mine to report.")
        await self.state.flag_reply(self.bot.id, mine[0].id, "reported")
        return _result(turn, "Thanks — the creator will review that answer.")

    async def report_reply(self, turn: Turn, reply_id: str) -> list[Reply]:
        ok = await self.state.flag_reply(self.bot.id, reply_id, "reported")
        if not ok:  # a 🚩 reaction names the platform message, not our reply id
            found = await find_reported(self.state, self.bot.id, turn, reply_id)
            ok = found is not None and await self.state.flag_reply(self.bot.id, found, "reported")
        return _result(
            turn,
            "Thanks — the creator will review that answer."
            if ok
            else "That answer can no longer be reported.",
        )


# What a typed /forget-me answer may be; buttons carry "yes" or "no" themselves.
FORGET_YES = frozenset({"yes", "y", "confirm"})
FORGET_NO = frozenset({"no", "n", "cancel"})
FORGET_BUTTON = "forget-me"


def _chats(person: Person) -> str:
    n = len(person.fan_ids)
    return "our chats" if n == 0 else f"{n} chat{'s' if n != 1 else ''}"
