"""Telegram Update -> ChatEvent: pure translation, no network."""

from __future__ import annotations

import re

from telegram import Message, Update
from telegram.constants import ChatMemberStatus, ChatType

from adapters.common.text import clean_text
from adapters.telegram.targets import PRIVATE_WORKSPACE
from core.control.commands import parse_command
from core.types import Author, Capabilities, ChatEvent, Command, ContentKind, EventKind, Permission

PLATFORM = "telegram"
# No threads on a message (topics are made by admins), no ephemeral replies.
# Telegram allows about 20 messages a minute in one group (adapters/telegram/settings.py).
CAPABILITIES = Capabilities(
    edits=True, reactions=True, buttons=True, file_upload=True, channel_posts=(20, 60.0)
)
# Telegram's own commands: clients send /start when a fan opens the bot, /help by habit.
NATIVE_ABOUT = ("/start", "/help")


def to_event(
    update: Update,
    *,
    bot_id: int,
    bot_username: str,
    permissions: frozenset[Permission] = frozenset(),
) -> ChatEvent | None:
    """Translate one Update into a ChatEvent, or None for updates core has no use for.

    Args:
        update: The native update.
        bot_id: Our bot's user id (to see replies to the bot).
        bot_username: Our bot's username without "@" (to see and strip mentions).
        permissions: The sender's permissions in the chat, looked up by the runner.
    """
    event_id = f"{bot_id}:{update.update_id}"  # update ids are per bot; a shared Deduper sees many
    query = update.callback_query
    if query is not None:
        msg = query.message
        if msg is None:  # a button on an inline-mode message: we never send those
            return None
        action, _, value = (query.data or "").partition(":")
        return ChatEvent(
            platform=PLATFORM,
            workspace_id=workspace(msg.chat.type, msg.chat.id),
            channel_id=str(msg.chat.id),
            thread_id=_thread(msg) if isinstance(msg, Message) else None,
            author=Author(
                id=str(query.from_user.id),
                display_name=clean_text(query.from_user.full_name),
                is_bot=query.from_user.is_bot,
                permissions=permissions,
            ),
            text=clean_text(value),
            event_id=event_id,
            kind=EventKind.BUTTON,
            is_dm=msg.chat.type == ChatType.PRIVATE,
            action=action,
            target_message_id=str(msg.message_id),
            capabilities=CAPABILITIES,
            raw=update,
        )
    if update.message_reaction is not None:
        return _reaction(update, event_id, permissions)

    edited = update.edited_message or update.edited_channel_post
    msg = update.message or update.channel_post or edited
    if msg is None:
        return None
    content = _content(msg)
    if content is None:  # service messages: joins, pins, topic created...
        return None
    text = clean_text(msg.text or msg.caption or "")
    chat = msg.chat
    mention = re.compile(rf"@{re.escape(bot_username)}\b", re.IGNORECASE) if bot_username else None
    mentions_bot = bool(mention and mention.search(text)) or any(
        e.type == "text_mention" and e.user is not None and e.user.id == bot_id
        for e in (msg.entities or msg.caption_entities or ())
    )
    kind, command = EventKind.EDIT if edited else EventKind.MESSAGE, None
    if not edited and text.startswith("/"):
        head = text.split(maxsplit=1)[0]
        addressee = head.partition("@")[2].lower()
        # "/about@other_bot" belongs to another bot in the same group: it is just a message.
        if not addressee or addressee == bot_username.lower():
            command = parse_command(text)
            if command is None and head.partition("@")[0].lower() in NATIVE_ABOUT:
                command = Command("about")
            kind = EventKind.COMMAND if command else kind
    if mention:
        text = re.sub(r"\s{2,}", " ", mention.sub("", text)).strip()
    replied = _replied(msg)
    return ChatEvent(
        platform=PLATFORM,
        workspace_id=workspace(chat.type, chat.id),
        channel_id=str(chat.id),
        thread_id=_thread(msg),
        author=_author(msg, permissions),
        text=text,
        message_id=str(msg.message_id),
        event_id=event_id,
        kind=kind,
        content=content,
        is_dm=chat.type == ChatType.PRIVATE,
        mentions_bot=mentions_bot,
        reply_to_bot=bool(replied and replied.from_user and replied.from_user.id == bot_id),
        # A comment under a channel post replies to the post's automatic forward into the
        # channel's discussion group.
        comments_on_post=bool(replied and replied.is_automatic_forward),
        command=command,
        # `/clone_mute @name` in reply to a fan's message names that fan.
        reply_to_author=_replied_author(replied),
        timestamp=(msg.edit_date if edited and msg.edit_date else msg.date),
        capabilities=CAPABILITIES,
        raw=update,
    )


def _reaction(
    update: Update, event_id: str, permissions: frozenset[Permission]
) -> ChatEvent | None:
    reaction = update.message_reaction
    assert reaction is not None
    # Only emoji newly added count (a report is adding 🚩); removals and anonymous ones do not.
    before = {getattr(r, "emoji", None) for r in reaction.old_reaction}
    added = [e for r in reaction.new_reaction if (e := getattr(r, "emoji", None)) not in before]
    user = reaction.user
    if not added or user is None:
        return None
    chat = reaction.chat
    return ChatEvent(
        platform=PLATFORM,
        workspace_id=workspace(chat.type, chat.id),
        channel_id=str(chat.id),
        author=Author(
            id=str(user.id),
            display_name=clean_text(user.full_name),
            is_bot=user.is_bot,
            permissions=permissions,
        ),
        event_id=event_id,
        kind=EventKind.REACTION,
        is_dm=chat.type == ChatType.PRIVATE,
        action=str(added[0]),
        target_message_id=str(reaction.message_id),
        timestamp=reaction.date,
        capabilities=CAPABILITIES,
        raw=update,
    )


def permissions_of(status: str) -> frozenset[Permission]:
    """A getChatMember status as permissions: creators own the chat, administrators admin it."""
    if status == ChatMemberStatus.OWNER:
        return frozenset({Permission.OWNER})
    if status == ChatMemberStatus.ADMINISTRATOR:
        return frozenset({Permission.ADMIN})
    return frozenset()


def workspace(chat_type: str, chat_id: int) -> str:
    """Private chats share the "dm" workspace; a group is its own."""
    return PRIVATE_WORKSPACE if chat_type == ChatType.PRIVATE else str(chat_id)


def _replied(msg: Message) -> Message | None:
    replied = msg.reply_to_message
    if replied is None or msg.is_topic_message and replied.forum_topic_created:
        return None  # in a topic, Telegram makes every message "reply" to the topic's start
    return replied


def _replied_author(replied: Message | None) -> Author | None:
    if replied is None or not (replied.from_user or replied.sender_chat):
        return None
    return _author(replied, frozenset())


def _thread(msg: Message) -> str | None:
    # Only forum topics are threads. Plain supergroups (and a channel's discussion group) also
    # number reply chains, but those are one conversation with the group, not separate ones.
    return str(msg.message_thread_id) if msg.is_topic_message and msg.message_thread_id else None


def _content(msg: Message) -> ContentKind | None:
    if msg.voice or msg.audio or msg.video_note:
        return ContentKind.VOICE
    if msg.photo:
        return ContentKind.IMAGE
    if msg.sticker:
        return ContentKind.STICKER
    if msg.document:
        return ContentKind.FILE
    if msg.video or msg.animation or msg.location or msg.poll or msg.contact or msg.dice:
        return ContentKind.OTHER
    if msg.text is not None or msg.caption is not None:
        return ContentKind.TEXT
    return None


def _author(msg: Message, permissions: frozenset[Permission]) -> Author:
    if msg.sender_chat is not None:
        # Posted as a chat: an anonymous group admin (sender_chat is the group itself), the
        # channel's own post, or the linked channel's automatic forward into its discussion
        # group. Only the first two prove admin rights; anyone may post "as" some channel.
        sender = msg.sender_chat
        admin = sender.id == msg.chat.id
        return Author(
            id=str(sender.id),
            display_name=clean_text(sender.title or sender.full_name or ""),
            permissions=frozenset({Permission.ADMIN}) if admin else frozenset(),
        )
    user = msg.from_user
    if user is None:
        return Author(id="unknown")
    return Author(
        id=str(user.id),
        display_name=clean_text(user.full_name),
        is_bot=user.is_bot,
        permissions=permissions,
        username=user.username or "",
    )
