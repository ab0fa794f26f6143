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


class Permission(StrEnum):
    """What the platform lets someone do where they wrote; core decides what that makes them."""

    OWNER = "owner"  # owns the community or workspace
    ADMIN = "admin"  # the platform's administrator flag
    MANAGE_COMMUNITY = "manage_community"  # may change the community's settings
    MANAGE_MESSAGES = "manage_messages"  # may delete other people's messages


@dataclass(frozen=True, slots=True)
class Author:
    """The sender, with the permissions the adapter read from the platform (facts, not roles)."""

    id: str
    display_name: str = ""
    is_bot: bool = False
    # Roles granted outright (tests and the console); adapters report `permissions` instead.
    platform_roles: frozenset[Role] = frozenset()
    # Platform role/group ids (e.g. chat roles or user groups). Entitlement maps these.
    role_ids: frozenset[str] = frozenset()
    # The handle people type after "@" where it differs from the id (Telegram's username).
    username: str = ""
    permissions: frozenset[Permission] = frozenset()


@dataclass(frozen=True, slots=True)
class Capabilities:
    """What an adapter's platform can do, declared by the adapter and read by core."""

    # A new thread can hang off any message, named by that message's id.
    thread_on_message: bool = False
    # A reply only its addressee sees, in place.
    ephemeral: bool = False
    edits: bool = False
    reactions: bool = False
    buttons: bool = False
    file_upload: bool = False
    # At most this many posts per this many seconds in one shared channel: the platform's
    # ceiling as the adapter is configured. Live rounds are paced by it.
    channel_posts: tuple[int, float] = (1, 1.0)

    @classmethod
    def every(cls, channel_posts: tuple[int, float] = (1, 1.0)) -> Capabilities:
        """A platform that can do all of the above."""
        return cls(True, True, True, True, True, True, channel_posts)

    @property
    def seconds_per_post(self) -> float:
        """The shortest gap between two posts in one channel that the platform sustains."""
        limit, seconds = self.channel_posts
        return seconds / limit if limit > 0 else seconds


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
    # For command answers that only the caller should see (ephemeral where the platform can).
    user_id: str | None = None
    # Open a new thread on this message and reply inside it (see Capabilities.thread_on_message).
    # Such a thread is known by the message's id, so it is the conversation's thread too.
    open_thread_on: str | None = None

    @property
    def conversation_id(self) -> str:
        thread = self.thread_id or self.open_thread_on
        return conversation_key(self.platform, self.workspace_id, self.channel_id, thread)


def conversation_key(platform: str, workspace: str, channel: str, thread: str | None) -> str:
    return f"{platform}:{workspace}:{channel}:{thread or ''}"


# In place of a thread id: one fan's part of a shared channel that has no threads (a fan in
# crisis during a live Q&A is handed to a human without silencing the whole channel).
FAN_PART = "@"


def fan_part_key(platform: str, workspace: str, channel: str, user_id: str) -> str:
    return conversation_key(platform, workspace, channel, FAN_PART + user_id)


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
    # A comment under a post the community's broadcast channel made (addressed to its creator).
    comments_on_post: bool = False
    command: Command | None = None
    # For reactions and buttons: the emoji or button action id, and the message it concerns.
    action: str | None = None
    target_message_id: str | None = None
    # Who wrote the message this one replies to, when the platform says (a moderator replying
    # to a fan's message with `/clone mute @name` names that fan).
    reply_to_author: Author | None = None
    timestamp: datetime = field(default_factory=lambda: datetime.now(UTC))
    # What the adapter that delivered this event can do (threads, ephemeral replies...).
    capabilities: Capabilities = Capabilities()
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
    def fan_part_id(self) -> str:
        """This author's part of the channel, as a conversation (see `FAN_PART`)."""
        return fan_part_key(self.platform, self.workspace_id, self.channel_id, self.author.id)

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
    # The platform's typing sign in the target's conversation: no text, nothing kept.
    TYPING = "typing"


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
class Mention:
    """A ping of a role (group) or of one user, which each adapter writes natively."""

    role: str | None = None
    user: str | None = None
    # What a platform that writes a user ping as a link shows (a display name, plain text).
    label: str = ""

    def __post_init__(self) -> None:
        if (self.role is None) == (self.user is None):
            raise ValueError("a Mention names either a role or a user")

    @property
    def id(self) -> str:
        return self.role or self.user or ""


# Said when an answer was on its way but failed (an adapter cannot leave the person waiting).
SOMETHING_WENT_WRONG = "Sorry, something went wrong on my side. Please try again in a moment."

# Said in place when a private reply cannot reach its addressee (no direct messages allowed).
PRIVATE_UNREACHABLE = (
    "This answer is private, but I can't message you directly. "
    "Open a direct chat with me (or allow direct messages) and ask again."
)


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
    # Pinged before the text, and only when `mentions` allows its id.
    mention: Mention | None = None
    # For a private reply the platform can only deliver by direct message: said in place
    # instead when that message cannot be sent.
    private_fallback: str = PRIVATE_UNREACHABLE
    # Not a post: add this emoji as a reaction to `target.reply_to_message_id` (where the
    # platform has reactions; see Capabilities.reactions). `text` is then ignored.
    reaction: str = ""

    @property
    def allowed_mention(self) -> Mention | None:
        """`mention`, if `mentions` allows it; a renderer writes only this one."""
        m = self.mention
        if m is None:
            return None
        allowed = self.mentions.role_ids if m.role else self.mentions.user_ids
        return m if m.id in allowed else None


@dataclass(frozen=True, slots=True)
class SentMessage:
    """What sending returns: the platform's message id, so drafts and edits can refer to it."""

    platform: str
    channel_id: str
    message_id: str


# What an adapter runner calls for every event: core answers with zero or more replies.
Handler = Callable[[ChatEvent], Awaitable[Sequence[Reply]]]
