"""Copilot drafts: a reply waits for the creator, and only an approved one is remembered."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any, Protocol

from core.persona.bot import BotConfig
from core.ports import Outbound, StateStore
from core.records import Draft, DraftStatus, FanScope, ReplyRecord
from core.turn import Turn
from core.types import Button, Reply, ReplyKind, Target

log = logging.getLogger(__name__)

# The button under every answer; an approved draft carries it too.
REPORT_LABEL = "Report this answer"


class TurnMemory(Protocol):
    async def remember_turn(
        self,
        scope: FanScope,
        *,
        conversation_id: str,
        fan_text: str,
        reply_text: str,
        message_id: str | None,
        at: datetime,
    ) -> None: ...


@dataclass(frozen=True, slots=True)
class PendingTurn:
    """The fan turn a copilot draft answers. Kept in the draft, not in the fan's memory or the
    reply log, until the creator approves: a rejected draft must leave no trace there."""

    reply_id: str
    scope: FanScope
    conversation_id: str
    fan_text: str
    message_id: str | None
    at: datetime
    flags: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["at"] = self.at.isoformat()
        data["flags"] = list(self.flags)
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> PendingTurn | None:
        """The pending turn a draft kept; None for drafts made before drafts kept one."""
        if not data:
            return None
        return cls(
            reply_id=str(data["reply_id"]),
            scope=FanScope(**data["scope"]),
            conversation_id=str(data["conversation_id"]),
            fan_text=str(data["fan_text"]),
            message_id=data.get("message_id"),
            at=datetime.fromisoformat(data["at"]),
            flags=tuple(data.get("flags") or ()),
        )


async def remember_approved(
    state: StateStore, memory: TurnMemory, pending: PendingTurn, text: str
) -> None:
    """What an answer sent at once gets at once: the turn in the fan's memory, the reply log."""
    s = pending.scope
    await memory.remember_turn(
        s,
        conversation_id=pending.conversation_id,
        fan_text=pending.fan_text,
        reply_text=text,
        message_id=pending.message_id,
        at=pending.at,
    )
    await state.log_reply(
        ReplyRecord(
            id=pending.reply_id,
            creator_id=s.creator_id,
            fan_id=s.fan_id,
            conversation_id=pending.conversation_id,
            fan_text=pending.fan_text,
            reply_text=text,
            at=pending.at,
            flags=pending.flags,
            message_id=pending.message_id,
        )
    )


async def draft_from_reply(
    state: StateStore,
    outbound: Outbound,
    bot: BotConfig,
    turn: Turn,
    reply: Reply,
    pending: PendingTurn | None = None,
) -> list[Reply]:
    """Copilot mode: the reply waits in the drafts queue; the creator sees it with buttons.

    The review copy goes out through `outbound` to the moderators' channel; a failed one is
    logged (the draft stands in /clone drafts)."""
    draft_id = uuid.uuid4().hex[:8]
    t = reply.target
    await state.add_draft(
        Draft(
            id=draft_id,
            creator_id=bot.id,
            origin="copilot",
            target={
                "platform": t.platform,
                "workspace_id": t.workspace_id,
                "channel_id": t.channel_id,
                "thread_id": t.thread_id,
                "reply_to_message_id": t.reply_to_message_id,
                "open_thread_on": t.open_thread_on,
            },
            text=reply.text,
            status=DraftStatus.PENDING,
            created_at=turn.now,
            fan_id=turn.event.fan_id,
            citations=[asdict(c) for c in reply.citations],
            context=pending.to_json() if pending is not None else {},
        )
    )
    platform = bot.platforms.get(t.platform)
    channel = platform.moderator_channel if platform and platform.moderator_channel else ""
    if not outbound.reaches(t.platform) or not channel:
        # Without a moderators' channel the draft waits in /clone drafts; posting it in the
        # fan's channel would show fans an unapproved answer.
        log.info("draft %s queued; no moderator_channel for %s", draft_id, t.platform)
        return []
    review = Reply(
        target=Target(t.platform, t.workspace_id, channel),
        text=f"Draft {draft_id} for {turn.event.author.display_name or 'a fan'}:\n" + reply.text,
        kind=ReplyKind.DRAFT,
        buttons=(
            Button("draft-approve", "Approve", draft_id),
            Button("draft-reject", "Reject", draft_id),
        ),
    )
    try:
        await outbound.post(review)
    except Exception:  # the draft is queued; its review copy is best effort
        log.exception("draft %s: review copy to the moderators failed", draft_id)
    return []
