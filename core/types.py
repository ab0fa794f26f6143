"""The types that cross the platform boundary: ChatEvent in, Reply out, and what they carry."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import IntEnum, StrEnum
from typing import Any


class Role(IntEnum):
    """Who someone is to the clone. Ordered: a creator may do anything a moderator may."""

    FAN = 0
    MODERATOR = 1
    CREATOR = 2

    @property
    def label(self) -> str:
        return self.name.lower()


class EventKind(StrEnum):
    MESSAGE = "message"
    COMMAND = "command"
    EDIT = "edit"
    DELETE = "delete"
    REACTION = "reaction"
    BUTTON = "button"


class ContentKind(StrEnum):
    """What a message carries. The clone reads text only; the rest gets an honest short reply."""

    TEXT = "text"
    VOICE = "voice"
    IMAGE = "image"
    STICKER = "sticker"
    FILE = "file"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Author:
    """The sender, with the roles the adapter read from the platform's own permissions."""

    id: str
    display_name: str = ""
    is_bot: bool = False
    platform_roles: frozenset[Role] = frozenset()
    # Platform role/group ids (Discord role ids, Slack user groups...). Entitlement maps these.
    role_ids: frozenset[str] = frozenset()
    # The handle people type after "@" where it differs from the id (Telegram's username).
    username: str = ""


@dataclass(frozen=True, slots=True)
class Command:
    """A parsed command: `/clone mute 2h here` is Command("clone mute", ("2h", "here"))."""

    name: str
    args: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Target:
    """Where a reply goes: a conversation, and optionally the message it answers."""

    platform: str
    workspace_id: str
    channel_id: str
    thread_id: str | None = None
    reply_to_message_id: str | None = None
    # For command answers that only the caller should see (Discord ephemeral, Slack ephemeral).
    user_id: str | None = None

    @property
    def conversation_id(self) -> str:
        return conversation_key(self.platform, self.workspace_id, self.channel_id, self.thread_id)


def conversation_key(platform: str, workspace: str, channel: str, thread: str | None) -> str:
    return f"{platform}:{workspace}:{channel}:{thread or ''}"


@dataclass(frozen=True, slots=True)
class ChatEvent:
    """One thing that happened on a platform, translated by an adapter.

    `raw` carries the native object for the adapter's own use; core never reads it.
    """

    platform: str
    workspace_id: str
    channel_id: str
    author: Author
    text: str = ""
    message_id: str = ""
    event_id: str = ""
    thread_id: str | None = None
    kind: EventKind = EventKind.MESSAGE
    content: ContentKind = ContentKind.TEXT
    is_dm: bool = False
    mentions_bot: bool = False
    reply_to_bot: bool = False
    command: Command | None = None
    # For reactions and buttons: the emoji or button action id, and the message it concerns.
    action: str | None = None
    target_message_id: str | None = None
    # Who wrote the message this one replies to, when the platform says (a moderator replying
    # to a fan's message with `/clone mute @name` names that fan).
    reply_to_author: Author | None = None
    timestamp: datetime = field(default_factory=lambda: datetime.now(UTC))
    raw: Any = field(default=None, compare=False, repr=False)

    @property
    def fan_id(self) -> str:
        """Namespaced identity: `platform:workspace:user`."""
        return f"{self.platform}:{self.workspace_id}:{self.author.id}"

    @property
    def user_key(self) -> str:
        """Platform-qualified user id, as written in bot.toml (`discord:1234`)."""
        return f"{self.platform}:{self.author.id}"

    @property
    def community_id(self) -> str:
        return f"{self.platform}:{self.workspace_id}"

    @property
    def channel_key(self) -> str:
        return f"{self.platform}:{self.workspace_id}:{self.channel_id}"

    @property
    def conversation_id(self) -> str:
        return conversation_key(self.platform, self.workspace_id, self.channel_id, self.thread_id)

    @property
    def dedup_key(self) -> str:
        return f"{self.platform}:{self.event_id or self.message_id}"

    def target(self, *, reply: bool = True, private: bool = False) -> Target:
        return Target(
            platform=self.platform,
            workspace_id=self.workspace_id,
            channel_id=self.channel_id,
            thread_id=self.thread_id,
            reply_to_message_id=self.message_id if reply and self.message_id else None,
            user_id=self.author.id if private else None,
        )


@dataclass(frozen=True, slots=True)
class Citation:
    """A source a reply leans on: numbered as in the prompt, with title or snippet, URL or date."""

    index: int
    source_id: str
    title: str
    url: str | None = None
    date: str | None = None

    def render(self) -> str:
        where = self.url or self.date or ""
        return f"[{self.index}] {self.title}" + (f" ({where})" if where else "")


class ReplyKind(StrEnum):
    ANSWER = "answer"
    NOTICE = "notice"
    COMMAND_RESULT = "command_result"
    DRAFT = "draft"
    POST = "post"


@dataclass(frozen=True, slots=True)
class Button:
    """An action button the adapter renders natively (draft approve/reject, report this answer)."""

    action: str
    label: str
    value: str = ""


@dataclass(frozen=True, slots=True)
class AllowedMentions:
    """The only mentions a reply may ping. Model text gets none; core notices name theirs."""

    user_ids: tuple[str, ...] = ()
    role_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Attachment:
    filename: str
    data: bytes
    mime_type: str = "application/json"


@dataclass(frozen=True, slots=True)
class Reply:
    """What core asks an adapter to send. Text is already sanitised by core."""

    target: Target
    text: str
    kind: ReplyKind = ReplyKind.ANSWER
    citations: tuple[Citation, ...] = ()
    # The fixed AI label; adapters render it in a footer/context line where the platform allows.
    ai_label: str | None = None
    ephemeral: bool = False
    buttons: tuple[Button, ...] = ()
    mentions: AllowedMentions = AllowedMentions()
    attachment: Attachment | None = None
    # Prefixed to the text (e.g. a role ping) only when `mentions` allows it.
    mention_prefix: str = ""


@dataclass(frozen=True, slots=True)
class SentMessage:
    """What a Sender returns: the platform's message id, so drafts and edits can refer to it."""

    platform: str
    channel_id: str
    message_id: str


# What an adapter runner calls for every event: core answers with zero or more replies.
Handler = Callable[[ChatEvent], Awaitable[Sequence[Reply]]]
