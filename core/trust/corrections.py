"""The creator's corrections: verified facts, never-say rules and preferred answers, live.

They are kept as StateStore switches under `fact:`, `never:` and `prefer:` keys, so every
replica sees a correction on its very next turn and no schema change is needed.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass

from core.ports import StateStore
from core.records import ReplyRecord

FACT, NEVER, PREFER = "fact:", "never:", "prefer:"
REVIEW_FILTERS = ("flagged", "reported", "deflected")


@dataclass(frozen=True, slots=True)
class Preferred:
    """An answer the creator wrote for a question the clone got wrong."""

    reply_id: str
    question: str
    answer: str


@dataclass(frozen=True, slots=True)
class Corrections:
    """What the creator corrected, read from the switches once per turn."""

    facts: tuple[str, ...] = ()
    never_say: tuple[str, ...] = ()
    preferred: tuple[Preferred, ...] = ()

    @classmethod
    def from_switches(cls, switches: Mapping[str, str]) -> Corrections:
        facts, never, preferred = [], [], []
        for key, value in sorted(switches.items()):
            if key.startswith(FACT):
                facts.append(value)
            elif key.startswith(NEVER):
                never.append(value)
            elif key.startswith(PREFER):
                try:
                    data = json.loads(value)
                    preferred.append(
                        Preferred(key.removeprefix(PREFER), str(data["q"]), str(data["a"]))
                    )
                except (ValueError, KeyError, TypeError):
                    continue  # a damaged row must not break replies
        return cls(tuple(facts), tuple(never), tuple(preferred))


def _key(prefix: str, text: str) -> str:
    return prefix + hashlib.sha256(text.strip().lower().encode()).hexdigest()[:10]


async def load(state: StateStore, creator_id: str) -> Corrections:
    """The creator's current corrections (one switches read)."""
    return Corrections.from_switches(await state.switches(creator_id))


async def add_fact(state: StateStore, creator_id: str, text: str) -> str:
    """Add a verified first-person fact; returns its key. Grounding accepts it at once."""
    key = _key(FACT, text)
    await state.set_switch(creator_id, key, text.strip())
    return key


async def add_never(state: StateStore, creator_id: str, text: str) -> str:
    """Add a "never say" phrase; any reply containing it is replaced by a deflection."""
    key = _key(NEVER, text)
    await state.set_switch(creator_id, key, text.strip())
    return key


async def add_preferred(
    state: StateStore, creator_id: str, reply_id: str, answer: str
) -> ReplyRecord | None:
    """Make `answer` the reply to the question of `reply_id` (and near-identical ones)."""
    record = await find_reply(state, creator_id, reply_id)
    if record is None:
        return None
    value = json.dumps({"q": record.fan_text, "a": answer.strip()}, ensure_ascii=False)
    await state.set_switch(creator_id, PREFER + record.id, value)
    await state.flag_reply(creator_id, record.id, "corrected")
    return record


async def remove(state: StateStore, creator_id: str, key: str) -> bool:
    """Remove one correction by its key (as `review` lists it)."""
    if not key.startswith((FACT, NEVER, PREFER)):
        return False
    existed = await state.get_switch(creator_id, key) is not None
    await state.set_switch(creator_id, key, None)
    return existed


async def find_reply(state: StateStore, creator_id: str, reply_id: str) -> ReplyRecord | None:
    for record in await state.replies(creator_id, limit=5000):
        if record.id == reply_id:
            return record
    return None


async def review(
    state: StateStore, creator_id: str, which: str | None = None, limit: int = 20
) -> list[ReplyRecord]:
    """Recent replies for the creator's review, optionally only flagged/reported/deflected.

    "flagged" means a gate changed the model's text (human claim, prompt leak, never-say,
    tone, injection) or a fan reported it.
    """
    if which not in (None, *REVIEW_FILTERS):
        raise ValueError(f"filter must be one of {', '.join(REVIEW_FILTERS)}")
    if which == "flagged":
        found = [
            r
            for r in await state.replies(creator_id, limit=limit * 20)
            if "flagged" in r.flags or "reported" in r.flags
        ]
        return found[:limit]
    return await state.replies(creator_id, flag=which, limit=limit)


def _one_line(text: str, n: int) -> str:
    flat = re.sub(r"\s+", " ", text).strip()
    return flat if len(flat) <= n else flat[: n - 1] + "…"


def render_review(records: list[ReplyRecord], corrections: Corrections | None = None) -> str:
    """Plain text for chat and the terminal: one reply per block, with how to correct it."""
    if not records:
        lines = ["No replies to review."]
    else:
        lines = []
        for r in records:
            flags = f" [{', '.join(r.flags)}]" if r.flags else ""
            lines.append(f"• {r.id} {r.at:%Y-%m-%d %H:%M}{flags}")
            lines.append(f"    fan:   {_one_line(r.fan_text, 120)}")
            lines.append(f"    clone: {_one_line(r.reply_text, 160)}")
        lines.append(
            "Correct with: /clone fact <text> · /clone never <text> · "
            "/clone prefer <reply-id> <answer>"
        )
    if corrections is not None and (
        corrections.facts or corrections.never_say or corrections.preferred
    ):
        lines.append(
            f"Live corrections: {len(corrections.facts)} facts, "
            f"{len(corrections.never_say)} never-say, {len(corrections.preferred)} preferred."
        )
    return "\n".join(lines)
