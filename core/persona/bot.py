"""The clone definition: persona card, verified facts, sources and switches (bot.toml)."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from core.records import Visibility

# The archive formats core reads itself. The composition root adds the platform export
# formats (core.ingest.formats.register_format); bot.toml's sources may name any of them.
BUILTIN_FORMATS = ("markdown", "csv", "jsonl", "x", "transcript")
_SOURCE_FORMATS = set(BUILTIN_FORMATS)


def allow_source_format(name: str) -> None:
    """Let bot.toml's sources name `name` (core.ingest.formats registers its reader)."""
    _SOURCE_FORMATS.add(name)


class BotConfigError(ValueError):
    """bot.toml is missing or invalid; the message says where."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Fact(_Strict):
    """A first-person fact the creator verified; only these or cited items may be claimed."""

    id: str
    text: str
    topic: str = "general"


class Persona(_Strict):
    name: str
    handle: str
    bio: str
    voice: str = ""
    style_notes: list[str] = Field(default_factory=list)
    values: list[str] = Field(default_factory=list)
    boundaries: list[str] = Field(default_factory=list)
    avoid_topics: list[str] = Field(default_factory=list)
    disclosure_line: str
    # Graceful "I'd rather not say / I haven't shared that" lines in the creator's voice.
    deflections: list[str] = Field(default_factory=list)
    link_allowlist: list[str] = Field(default_factory=list)
    facts: list[Fact] = Field(default_factory=list)
    never_say: list[str] = Field(default_factory=list)
    fictional: bool = False


class Source(_Strict):
    """One archive source to ingest. Only sources listed here are ever read."""

    name: str
    path: str
    format: str
    visibility: Visibility = Visibility.PUBLIC
    # Who the creator is in this source: handle, user id or speaker name (Discord, Telegram, VTT).
    creator_ids: list[str] = Field(default_factory=list)
    # For formats without links: "https://example.com/posts/{id}".
    url_template: str | None = None
    title: str | None = None

    @field_validator("format")
    @classmethod
    def _known_format(cls, value: str) -> str:
        if value not in _SOURCE_FORMATS:
            known = ", ".join(repr(f) for f in sorted(_SOURCE_FORMATS))
            raise ValueError(f"unknown format {value!r}; use one of {known}")
        return value


class Roles(_Strict):
    """Ids are platform-qualified: `discord:1234`, `telegram:5678`, `slack:U0ABC`, `console:me`."""

    creators: list[str] = Field(default_factory=list)
    moderators: list[str] = Field(default_factory=list)
    moderator_role_ids: list[str] = Field(default_factory=list)
    # Platform role ids whose holders may see paid or private archive items.
    paid_role_ids: list[str] = Field(default_factory=list)
    private_role_ids: list[str] = Field(default_factory=list)


class Policies(_Strict):
    mode: Literal["auto", "copilot", "mentions-only"] = "auto"
    reply_in_groups: Literal["addressed", "always"] = "addressed"
    channel_cooldown_seconds: float = 2.0
    fan_cooldown_seconds: float = 3.0
    fan_per_minute: int = 6
    channel_per_minute: int = 20
    community_per_minute: int = 60
    bot_loop_cap: int = 3
    disclosure_gap_hours: float = 24.0
    handoff_timeout_minutes: float = 120.0
    daily_token_budget: int = 200_000
    max_reply_chars: int = 1200
    open_thread_after_turns: int = 0
    # The turn queue (core/conversation/queue.py). A fan's messages within `coalesce_seconds`
    # of each other, or sent while their answer is being written, are answered once, together,
    # up to `coalesce_max_messages` messages or `coalesce_max_chars` characters per turn.
    coalesce_seconds: float = Field(default=1.5, ge=0)
    coalesce_max_messages: int = Field(default=5, ge=1)
    coalesce_max_chars: int = Field(default=2000, ge=1)
    # Turns generating at once per clone; the rest wait, DMs and mentions first, fans in turn.
    # 8 measured by bench.throughput --slots (deploy/README.md, "Turns at once").
    max_concurrent_turns: int = Field(default=8, ge=1)
    # Messages waiting at most; past it unaddressed group chatter is shed first.
    queue_size: int = Field(default=500, ge=1)
    # A fan whose answer is held this long (a cap, or a busy clone) is told so, once a minute.
    notice_after_seconds: float = Field(default=5.0, ge=0)
    busy_notice: str = (
        "I'm getting a lot of messages right now. Give me a minute and I'll get back to you."
    )
    # Before the turn queue, a cooldown or cap dropped the message unanswered. Only the burst
    # benchmark turns this on, to measure that behaviour beside the queue's.
    drop_on_limit: bool = False
    # What a reply may say without support (docs/trust.md): "strict" (every sentence backed by
    # her archive or facts), "balanced" (claims backed, chit-chat free) or "creative" (opinions
    # and banter too). Unset: strict on the embedded model, balanced on a remote one.
    answer_mode: Literal["strict", "balanced", "creative"] | None = None
    # Live mode (core/conversation/live.py, docs/live.md): a session's default length, one
    # answer per round (never faster than the platform's pacing allows), questions grouped
    # when their cosine to a group is at least `live_similarity` (unset: the value measured
    # for the configured embedder, core/conversation/live_thresholds.json), askers named per
    # answer.
    live_minutes: float = Field(default=60.0, gt=0)
    live_round_seconds: float = Field(default=20.0, gt=0)
    live_similarity: float | None = Field(default=None, ge=-1, le=1)
    live_named_askers: int = Field(default=5, ge=0)


class PlatformConfig(_Strict):
    # false: never started, whatever tokens are set; true: started (its tokens must be set);
    # unset: started when its tokens are set, if this is the only clone `clonebot run` runs.
    enabled: bool | None = None
    # Names of the environment variables that hold this clone's tokens.
    token_env: str = ""
    app_token_env: str = ""
    signing_secret_env: str = ""
    mode: str = ""
    moderator_channel: str = ""
    moderator_role_id: str = ""


class Schedule(_Strict):
    id: str
    # What to post; a live schedule (`live_minutes`) needs none.
    prompt: str = ""
    cron: str | None = None
    interval_minutes: float | None = None
    timezone: str = "UTC"
    quiet_hours: tuple[int, int] | None = None
    targets: list[str] = Field(default_factory=list)
    review: bool = False
    if_quiet_hours: float | None = None
    # Where review drafts and "unconfirmed" notices go (a target, see core/schedule_spec.py);
    # default: the platform's moderator_channel, else the creator's Telegram DM.
    review_to: str | None = None
    review_expires_hours: float = 24.0
    # With a scheduled stream: start live mode (docs/live.md) in each target for this many
    # minutes instead of posting.
    live_minutes: float | None = Field(default=None, gt=0, le=24 * 60)


class Care(_Strict):
    """Who to point a fan in distress to (core/trust/care_replies.py writes the kind reply).

    `crisis_lines` maps a fan language ("es"), a region ("GB") or "default" to the text of a
    crisis line; the fan's language is tried first, then `region` (where most fans are).
    """

    region: str = ""
    crisis_lines: dict[str, str] = Field(default_factory=dict)


class BotConfig(_Strict):
    id: str
    persona: Persona
    sources: list[Source] = Field(default_factory=list)
    roles: Roles = Roles()
    policies: Policies = Policies()
    platforms: dict[str, PlatformConfig] = Field(default_factory=dict)
    schedules: list[Schedule] = Field(default_factory=list)
    care: Care = Care()
    # Fields imported from other card formats that have no place here yet.
    extensions: dict[str, Any] = Field(default_factory=dict)

    @field_validator("id")
    @classmethod
    def _id_is_a_slug(cls, value: str) -> str:
        if not value or not all(c.isalnum() or c in "-_" for c in value):
            raise ValueError("id must be letters, digits, '-' or '_'")
        return value


def load_bot(folder: Path) -> BotConfig:
    """Read and validate `folder/bot.toml`. Raises BotConfigError with a readable message."""
    path = folder / "bot.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise BotConfigError(f"{path}: not found") from exc
    except tomllib.TOMLDecodeError as exc:
        raise BotConfigError(f"{path}: {exc}") from exc
    try:
        return BotConfig.model_validate(data)
    except ValidationError as exc:
        lines = [f"{path}: invalid"]
        for err in exc.errors():
            loc = ".".join(str(p) for p in err["loc"])
            lines.append(f"  {loc}: {err['msg']}")
        raise BotConfigError("\n".join(lines)) from exc
