"""Live mode's board: question groups, their rank, and the texts people read (docs/live.md)."""

from __future__ import annotations

import asyncio
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from core.persona.bot import BotConfig
from core.turn import Turn
from core.types import Capabilities, Target

# Grouping thresholds measured per embedder on the labelled tuning set
# (`python -m bench.live --calibrate` writes it; tests/fixtures/live_questions.py).
THRESHOLDS = Path(__file__).with_name("live_thresholds.json")
# An embedder nobody measured groups only questions written the same way: a guessed
# threshold could answer two different questions with one answer.
UNMEASURED = 0.999
_UNSAFE_NAME = re.compile(r"[@<>#\[\]`*_~|]")


def measured_similarity(model_name: str, path: Path = THRESHOLDS) -> float | None:
    """The cosine at or above which two questions are one, as measured for this embedder."""
    if not path.exists():
        return None
    found = json.loads(path.read_text(encoding="utf-8")).get(model_name)
    return float(found["similarity"]) if found else None


@dataclass(eq=False)
class Group:
    """Questions that mean the same thing, and the people who asked or upvoted them."""

    number: int
    first: Turn
    since: float  # loop-clock seconds when its first question came in
    # The first question's unit vector. Joining by it, not by a running centroid, keeps the
    # measured pairwise threshold meaning what it says: a centroid drifts and swallows a
    # neighbouring question ("which flour" took "whole wheat flour in the starter").
    anchor: np.ndarray
    members: list[Turn] = field(default_factory=list)
    voters: set[str] = field(default_factory=set)  # fan ids that reacted to a member
    pinned: bool = False
    dropped: bool = False
    answered_into: str = ""  # the message id of the answer's lead question
    late: int = 0  # asked again after the answer (joined it)

    def similarity(self, vector: np.ndarray) -> float:
        return float(self.anchor @ vector)

    @property
    def question(self) -> str:
        return self.first.event.text.strip()

    @property
    def fans(self) -> set[str]:
        return {m.event.fan_id for m in self.members}

    @property
    def weight(self) -> int:
        """Its rank: distinct people asking or upvoting (one fan asking ten times is one)."""
        return len(self.fans | self.voters)

    def firsts(self) -> list[Turn]:
        """Each asker's first message in the group, in order."""
        seen: set[str] = set()
        out = []
        for m in self.members:
            if m.event.fan_id not in seen:
                seen.add(m.event.fan_id)
                out.append(m)
        return out


@dataclass(eq=False)
class Session:
    """One live Q&A in one conversation (a channel, or a thread or forum topic)."""

    key: str  # the conversation id
    channel_key: str
    until: float  # loop-clock seconds
    where: Target
    bot: BotConfig
    threshold: float
    capabilities: Capabilities = Capabilities()
    groups: list[Group] = field(default_factory=list)
    by_message: dict[str, Group] = field(default_factory=dict)
    pinged: set[str] = field(default_factory=set)
    answered: list[Group] = field(default_factory=list)
    task: asyncio.Task[None] | None = None
    pointing: set[asyncio.Task[None]] = field(default_factory=set)
    ended: bool = False
    disclosed: bool = False
    collected: int = 0
    posts_last_round: int = 1

    def waiting(self) -> list[Group]:
        """Unanswered groups, best first: pinned, then most people, then the oldest."""
        open_groups = [g for g in self.groups if not g.answered_into and g.members]
        return sorted(open_groups, key=lambda g: (not g.pinned, -g.weight, g.number))

    def next_up(self, now: float) -> Group | None:
        """The group this round answers. A question only one person wants waits a round for
        company first, so an early round is not spent on whoever happened to ask first."""
        waiting = self.waiting()
        if not waiting:
            return None
        top = waiting[0]
        if top.pinned or top.weight >= 2 or now - top.since >= self.round_seconds():
            return top
        return None

    def round_seconds(self) -> float:
        """The round as bot.toml sets it, never shorter than the platform sustains: a round's
        posts may use at most half the channel's rate, leaving the rest to everyone else."""
        floor = 2 * max(1, self.posts_last_round) * self.capabilities.seconds_per_post
        return max(self.bot.policies.live_round_seconds, floor)


def summary_text(session: Session, left: list[Group], top: int = 5) -> str:
    answered = [f"- {clip(g.question)} ({_asked(g)})" for g in session.answered]
    unanswered = [f"- {clip(g.question)} ({_asked(g)})" for g in left[:top]]
    parts = [f"Live Q&A is over. {session.collected} questions came in."]
    parts.append("Answered:\n" + ("\n".join(answered) if answered else "- none"))
    if unanswered:
        parts.append("Top unanswered:\n" + "\n".join(unanswered))
    return "\n\n".join(parts)


def full_list(session: Session, limit: int = 200) -> str:
    """Every question group of the session, for the creator (moderators' channel, audit)."""
    order = sorted(session.groups, key=lambda g: (-g.weight - g.late, g.number))
    lines = [
        f"Live Q&A in {session.key}: {session.collected} questions, {len(session.groups)} "
        f"distinct, {len(session.answered)} answered."
    ]
    for g in order[:limit]:
        state = "answered" if g.answered_into else "dropped" if g.dropped else "unanswered"
        lines.append(f"#{g.number} [{state}] ({_asked(g)}): {clip(g.question, 200)}")
    if len(order) > limit:
        lines.append(f"... and {len(order) - limit} more")
    return "\n".join(lines)


def board_text(session: Session, top: int) -> str:
    lines = [
        f"#{g.number} ({_asked(g)}){' pinned' if g.pinned else ''}: {clip(g.question)}"
        for g in session.waiting()[:top]
    ]
    return "Waiting questions:\n" + ("\n".join(lines) if lines else "none yet")


def _asked(g: Group) -> str:
    asking = len(g.fans) + g.late
    votes = len(g.voters - g.fans)
    return f"{asking} asking" + (f", +{votes}" if votes else "")


def safe_name(name: str) -> str:
    """A display name as plain text: no mention syntax, no markup, short."""
    return clip(_UNSAFE_NAME.sub("", name).strip() or "someone", 32)


def number(text: str) -> float | None:
    try:
        return float(text.rstrip("m"))
    except ValueError:
        return None


def clip(text: str, n: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"
