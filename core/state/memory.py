"""InMemoryStateStore: the StateStore twin for unit tests and single-process demos."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime

from core.records import (
    AuditEntry,
    Draft,
    DraftStatus,
    Handoff,
    Mute,
    MuteScope,
    OutboxEntry,
    OutboxStatus,
    ReplyRecord,
    person_of,
)
from core.state.common import (
    FORGOTTEN,
    OUTBOX_FIELDS,
    ControlSnapshot,
    StateBatch,
    expected_draft_states,
    export_row,
    opt_utc,
    utc,
)


class InMemoryStateStore:
    """Everything in dicts and lists; same semantics as `SqlStateStore`, checked by contract.

    Args:
        creator_id: when given, lookups by draft id alone only see this creator's drafts.
    """

    def __init__(self, *, creator_id: str | None = None) -> None:
        self._scope = creator_id
        self._switches: dict[tuple[str, str], str] = {}
        self._mutes: list[Mute] = []
        self._handoffs: list[Handoff] = []
        self._drafts: dict[str, Draft] = {}
        self._audit: list[AuditEntry] = []
        self._activity: dict[tuple[str, str], datetime] = {}
        self._fan_seen: dict[tuple[str, str, str], datetime] = {}
        self._replies: dict[tuple[str, str], ReplyRecord] = {}
        self._usage: dict[tuple[str, str], int] = {}
        self._outcomes: dict[tuple[str, str, str], int] = {}
        self._outbox: dict[tuple[str, str], OutboxEntry] = {}

    # --- switches ---------------------------------------------------------------------------

    async def get_switch(self, creator_id: str, key: str) -> str | None:
        return self._switches.get((creator_id, key))

    async def set_switch(self, creator_id: str, key: str, value: str | None) -> None:
        if value is None:
            self._switches.pop((creator_id, key), None)
        else:
            self._switches[(creator_id, key)] = value

    async def switches(self, creator_id: str) -> dict[str, str]:
        return {k: v for (c, k), v in sorted(self._switches.items()) if c == creator_id}

    # --- mutes ------------------------------------------------------------------------------

    async def add_mute(self, mute: Mute) -> None:
        self._mutes.append(
            replace(mute, until=opt_utc(mute.until), created_at=utc(mute.created_at))
        )

    async def active_mutes(self, creator_id: str, now: datetime) -> list[Mute]:
        now = utc(now)
        return [
            m
            for m in self._mutes
            if m.creator_id == creator_id and (m.until is None or m.until > now)
        ]

    async def remove_mutes(self, creator_id: str, key: str | None = None) -> int:
        keep = [
            m
            for m in self._mutes
            if m.creator_id != creator_id or (key is not None and m.key != key)
        ]
        removed = len(self._mutes) - len(keep)
        self._mutes = keep
        return removed

    # --- handoffs ---------------------------------------------------------------------------

    async def open_handoff(self, handoff: Handoff) -> None:
        opened = utc(handoff.opened_at)
        # At most one open handoff per conversation: a new one supersedes the old.
        await self.close_handoff(handoff.creator_id, handoff.conversation_id, opened)
        self._handoffs.append(
            replace(
                handoff,
                opened_at=opened,
                expires_at=opt_utc(handoff.expires_at),
                closed_at=opt_utc(handoff.closed_at),
            )
        )

    async def get_handoff(self, creator_id: str, conversation_id: str) -> Handoff | None:
        for h in reversed(self._handoffs):
            if (
                h.creator_id == creator_id
                and h.conversation_id == conversation_id
                and h.closed_at is None
            ):
                return h
        return None

    async def close_handoff(self, creator_id: str, conversation_id: str, at: datetime) -> bool:
        closed = False
        for i, h in enumerate(self._handoffs):
            if (
                h.creator_id == creator_id
                and h.conversation_id == conversation_id
                and h.closed_at is None
            ):
                self._handoffs[i] = replace(h, closed_at=utc(at))
                closed = True
        return closed

    async def open_handoffs(self, creator_id: str) -> list[Handoff]:
        return sorted(
            (h for h in self._handoffs if h.creator_id == creator_id and h.closed_at is None),
            key=lambda h: h.opened_at,
        )

    # --- drafts -----------------------------------------------------------------------------

    def _visible(self, draft: Draft | None) -> Draft | None:
        if draft is None or (self._scope is not None and draft.creator_id != self._scope):
            return None
        return draft

    async def add_draft(self, draft: Draft) -> None:
        if draft.id in self._drafts:
            raise ValueError(f"draft {draft.id} already exists")
        self._drafts[draft.id] = replace(
            draft,
            created_at=utc(draft.created_at),
            target=dict(draft.target),
            citations=[dict(c) for c in draft.citations],
            context=dict(draft.context),
        )

    async def get_draft(self, draft_id: str) -> Draft | None:
        return self._visible(self._drafts.get(draft_id))

    async def set_draft_status(
        self, draft_id: str, status: DraftStatus, by: str, text: str | None = None
    ) -> bool:
        draft = self._visible(self._drafts.get(draft_id))
        if draft is None or draft.status not in expected_draft_states(status):
            return False
        self._drafts[draft_id] = replace(
            draft, status=status, decided_by=by, text=draft.text if text is None else text
        )
        return True

    async def drafts(self, creator_id: str, status: DraftStatus | None = None) -> list[Draft]:
        found = [
            d
            for d in self._drafts.values()
            if d.creator_id == creator_id and (status is None or d.status == status)
        ]
        return sorted(found, key=lambda d: (d.created_at, d.id))

    # --- audit and activity -----------------------------------------------------------------

    async def audit(self, entry: AuditEntry) -> None:
        self._audit.append(replace(entry, at=utc(entry.at)))

    async def audit_log(self, creator_id: str, limit: int = 50) -> list[AuditEntry]:
        mine = [(i, e) for i, e in enumerate(self._audit) if e.creator_id == creator_id]
        mine.sort(key=lambda p: (p[1].at, p[0]), reverse=True)
        return [e for _, e in mine[:limit]]

    async def touch_channel(self, creator_id: str, channel_key: str, at: datetime) -> None:
        at = utc(at)
        last = self._activity.get((creator_id, channel_key))
        # Deliveries arrive out of order; the last activity never moves backwards.
        if last is None or at > last:
            self._activity[(creator_id, channel_key)] = at

    async def channel_activity(self, creator_id: str, channel_key: str) -> datetime | None:
        return self._activity.get((creator_id, channel_key))

    async def fan_last_seen(
        self, creator_id: str, fan_id: str, community_id: str
    ) -> datetime | None:
        return self._fan_seen.get((creator_id, fan_id, community_id))

    async def set_fan_last_seen(
        self, creator_id: str, fan_id: str, community_id: str, at: datetime
    ) -> None:
        self._fan_seen[(creator_id, fan_id, community_id)] = utc(at)

    # --- replies and usage ------------------------------------------------------------------

    async def log_reply(self, record: ReplyRecord) -> None:
        self._replies[(record.creator_id, record.id)] = replace(
            record, at=utc(record.at), flags=tuple(record.flags)
        )

    async def flag_reply(self, creator_id: str, reply_id: str, flag: str) -> bool:
        record = self._replies.get((creator_id, reply_id))
        if record is None:
            return False
        if flag not in record.flags:
            self._replies[(creator_id, reply_id)] = replace(record, flags=(*record.flags, flag))
        return True

    async def replies(
        self, creator_id: str, flag: str | None = None, limit: int = 50
    ) -> list[ReplyRecord]:
        found = [
            r
            for (c, _), r in self._replies.items()
            if c == creator_id and (flag is None or flag in r.flags)
        ]
        found.sort(key=lambda r: (r.at, r.id), reverse=True)
        return found[:limit]

    async def add_usage(self, creator_id: str, day: str, tokens: int) -> int:
        total = self._usage.get((creator_id, day), 0) + tokens
        self._usage[(creator_id, day)] = total
        return total

    async def usage(self, creator_id: str, day: str) -> int:
        return self._usage.get((creator_id, day), 0)

    async def add_outcomes(self, creator_id: str, day: str, counts: Mapping[str, int]) -> None:
        for outcome, n in counts.items():
            if n:
                key = (creator_id, day, outcome)
                self._outcomes[key] = self._outcomes.get(key, 0) + n

    async def outcomes(self, creator_id: str, since_day: str) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {}
        for (c, day, outcome), n in sorted(self._outcomes.items()):
            if c == creator_id and day >= since_day:
                out.setdefault(day, {})[outcome] = n
        return out

    # --- batched access (what CachedStateStore uses) ----------------------------------------

    async def control_snapshot(self, creator_id: str, now: datetime, day: str) -> ControlSnapshot:
        """Switches, mutes live at `now`, open handoffs and `day`'s usage, in one call."""
        return ControlSnapshot(
            switches=await self.switches(creator_id),
            mutes=tuple(await self.active_mutes(creator_id, now)),
            handoffs=tuple(
                h for h in self._handoffs if h.creator_id == creator_id and h.closed_at is None
            ),
            day=day,
            usage=await self.usage(creator_id, day),
        )

    async def write_batch(self, batch: StateBatch) -> dict[tuple[str, str], int]:
        """Apply hot-path writes as the single-row methods would; returns the usage totals."""
        # Validate every row first, so a bad one changes nothing (one transaction in SQL).
        for _, _, at in batch.activity:
            utc(at)
        for _, _, _, at in batch.fan_seen:
            utc(at)
        for record in batch.replies:
            utc(record.at)
        for creator_id, channel_key, at in batch.activity:
            await self.touch_channel(creator_id, channel_key, at)
        for creator_id, fan_id, community_id, at in batch.fan_seen:
            await self.set_fan_last_seen(creator_id, fan_id, community_id, at)
        for record in batch.replies:
            await self.log_reply(record)
        return {
            (creator_id, day): await self.add_usage(creator_id, day, tokens)
            for creator_id, day, tokens in batch.usage
        }

    # --- outbox -----------------------------------------------------------------------------

    async def claim_outbox(self, entry: OutboxEntry) -> bool:
        k = (entry.creator_id, entry.key)
        if k in self._outbox:
            return False
        self._outbox[k] = replace(
            entry, claimed_at=utc(entry.claimed_at), updated_at=utc(entry.updated_at)
        )
        return True

    async def update_outbox(
        self,
        creator_id: str,
        key: str,
        expected: frozenset[OutboxStatus],
        status: OutboxStatus,
        at: datetime,
        **fields: str | None,
    ) -> bool:
        unknown = set(fields) - OUTBOX_FIELDS
        if unknown:
            raise ValueError(f"outbox fields {sorted(unknown)} cannot be set")
        entry = self._outbox.get((creator_id, key))
        if entry is None or entry.status not in expected:
            return False
        self._outbox[(creator_id, key)] = replace(
            entry,
            status=status,
            updated_at=utc(at),
            **fields,  # type: ignore[arg-type]
        )
        return True

    async def reclaim_outbox(
        self, creator_id: str, key: str, was: str, by: str, at: datetime
    ) -> bool:
        entry = self._outbox.get((creator_id, key))
        if (
            entry is None
            or entry.status is not OutboxStatus.CLAIMED
            or entry.claimed_by != was
            or entry.text
        ):
            return False
        at = utc(at)
        self._outbox[(creator_id, key)] = replace(
            entry, claimed_by=by, claimed_at=at, updated_at=at
        )
        return True

    async def get_outbox(self, creator_id: str, key: str) -> OutboxEntry | None:
        return self._outbox.get((creator_id, key))

    async def outbox(
        self, creator_id: str, status: OutboxStatus | None = None, limit: int = 100
    ) -> list[OutboxEntry]:
        found = [
            e
            for (c, _), e in self._outbox.items()
            if c == creator_id and (status is None or e.status == status)
        ]
        found.sort(key=lambda e: (e.claimed_at, e.key), reverse=True)
        return found[:limit]

    # --- fans and creators ------------------------------------------------------------------

    def _audit_mentions(
        self, entry: AuditEntry, fan_id: str, conversations: Sequence[str] = ()
    ) -> bool:
        return (
            entry.actor == person_of(fan_id)
            or entry.where in conversations
            or any(fan_id in v for v in (entry.actor, entry.where, entry.detail))
        )

    @staticmethod
    def _opened_by(handoff: Handoff, fan_id: str) -> bool:
        # Handoffs record the platform user who opened them (`platform:user`).
        return handoff.opened_by in (fan_id, person_of(fan_id))

    async def fan_ids(self, creator_id: str, person: str) -> set[str]:
        named = [
            *(f for (c, f, _) in self._fan_seen if c == creator_id),
            *(r.fan_id for r in self._replies.values() if r.creator_id == creator_id),
            *(d.fan_id for d in self._drafts.values() if d.creator_id == creator_id and d.fan_id),
        ]
        return {f for f in named if f and person_of(f) == person}

    async def export_fan(self, creator_id: str, fan_id: str) -> dict[str, list[dict[str, str]]]:
        seen = [
            {"creator_id": c, "fan_id": f, "community_id": community, "at": at.isoformat()}
            for (c, f, community), at in sorted(self._fan_seen.items())
            if c == creator_id and f == fan_id
        ]
        return {
            "fan_seen": seen,
            "mutes": [
                export_row(m)
                for m in self._mutes
                if m.creator_id == creator_id and m.scope is MuteScope.USER and m.key == fan_id
            ],
            "drafts": [export_row(d) for d in await self.drafts(creator_id) if d.fan_id == fan_id],
            "replies": [
                export_row(r)
                for r in sorted(self._replies.values(), key=lambda r: (r.at, r.id))
                if r.creator_id == creator_id and r.fan_id == fan_id
            ],
            "handoffs": [
                export_row(h)
                for h in self._handoffs
                if h.creator_id == creator_id and self._opened_by(h, fan_id)
            ],
            "audit": [
                export_row(e)
                for e in self._audit
                if e.creator_id == creator_id and self._audit_mentions(e, fan_id)
            ],
        }

    async def forget_fan(
        self, creator_id: str, fan_id: str, conversations: Sequence[str] = ()
    ) -> int:
        talks = list(conversations)
        channels = {fan_id, *(c.rsplit(":", 1)[0] for c in talks)}
        touched = 0
        for k in [k for k in self._fan_seen if k[0] == creator_id and k[1] == fan_id]:
            del self._fan_seen[k]
            touched += 1
        # Mutes stay: a moderator's decision, not the fan's words (see SqlStateStore.forget_fan).
        for draft_id in [
            d.id
            for d in self._drafts.values()
            if d.creator_id == creator_id and d.fan_id == fan_id
        ]:
            del self._drafts[draft_id]
            touched += 1
        for rk in [
            rk for rk, r in self._replies.items() if rk[0] == creator_id and r.fan_id == fan_id
        ]:
            del self._replies[rk]
            touched += 1
        # A DM's channel, its disclosure switch and its closed handoffs name the fan.
        for ak in [ak for ak in self._activity if ak[0] == creator_id and ak[1] in channels]:
            del self._activity[ak]
            touched += 1
        for sk in [(creator_id, f"disclose:{c}") for c in talks]:
            touched += self._switches.pop(sk, None) is not None
        before = len(self._handoffs)
        self._handoffs = [
            h
            for h in self._handoffs
            if not (
                h.creator_id == creator_id
                and h.conversation_id in talks
                and h.closed_at is not None
            )
        ]
        touched += before - len(self._handoffs)
        for i, h in enumerate(self._handoffs):
            if h.creator_id == creator_id and self._opened_by(h, fan_id):
                self._handoffs[i] = replace(h, opened_by=FORGOTTEN)
                touched += 1
        for i, e in enumerate(self._audit):
            # The audit trail keeps who did what to the clone, but not the fan's identity or text.
            if e.creator_id == creator_id and self._audit_mentions(e, fan_id, talks):
                self._audit[i] = replace(
                    e,
                    actor=FORGOTTEN
                    if e.actor == person_of(fan_id)
                    else e.actor.replace(fan_id, FORGOTTEN),
                    where=FORGOTTEN if e.where in talks else e.where.replace(fan_id, FORGOTTEN),
                    detail=FORGOTTEN,
                )
                touched += 1
        return touched

    async def purge(self) -> bool:
        """Nothing to do: deleted rows are gone with their dict entries."""
        return False

    async def delete_creator(self, creator_id: str) -> int:
        keys = (
            [k for k in self._switches if k[0] == creator_id],
            [k for k in self._activity if k[0] == creator_id],
            [k for k in self._replies if k[0] == creator_id],
            [k for k in self._usage if k[0] == creator_id],
            [k for k in self._outbox if k[0] == creator_id],
        )
        for k in keys[0]:
            del self._switches[k]
        for k in keys[1]:
            del self._activity[k]
        for k in keys[2]:
            del self._replies[k]
        for k in keys[3]:
            del self._usage[k]
        for k in keys[4]:
            del self._outbox[k]
        counted = [k for k in self._outcomes if k[0] == creator_id]
        for ok in counted:
            del self._outcomes[ok]
        seen = [k for k in self._fan_seen if k[0] == creator_id]
        for seen_key in seen:
            del self._fan_seen[seen_key]
        touched = sum(map(len, keys)) + len(seen) + len(counted)
        for draft_id in [d.id for d in self._drafts.values() if d.creator_id == creator_id]:
            del self._drafts[draft_id]
            touched += 1
        for name in ("_mutes", "_handoffs", "_audit"):
            rows: list[Mute] | list[Handoff] | list[AuditEntry] = getattr(self, name)
            keep = [r for r in rows if r.creator_id != creator_id]
            touched += len(rows) - len(keep)
            setattr(self, name, keep)
        return touched

    async def close(self) -> None:
        return None
