"""Reply -> Telegram HTML messages, inline keyboards and command menus: pure, no network."""

from __future__ import annotations

import html
import logging
from collections.abc import Sequence
from typing import Any

from telegram import (
    BotCommand,
    BotCommandScopeAllChatAdministrators,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
)

from adapters.common.text import split_text, utf16_units
from core.control.commands import COMMANDS, CommandSpec
from core.types import Reply, Role

log = logging.getLogger(__name__)

MAX_MESSAGE = 4096
MAX_CALLBACK_DATA = 64


def render_footer(reply: Reply) -> tuple[str, int]:
    """The sources line and AI label as HTML, and how many characters Telegram will count."""
    lines_html: list[str] = []
    visible = 0
    if reply.citations:
        parts, plain = [], []
        for c in reply.citations:
            label = f"[{c.index}] {c.title}"
            plain.append(label)
            if c.url and c.url.startswith(("https://", "http://")):
                parts.append(f'<a href="{html.escape(c.url)}">{html.escape(label)}</a>')
            else:
                parts.append(html.escape(label + (f" ({c.date})" if c.date else "")))
                plain[-1] += f" ({c.date})" if c.date else ""
        lines_html.append("Sources: " + " · ".join(parts))
        visible += utf16_units("Sources: " + " · ".join(plain))
    if reply.ai_label:
        lines_html.append(f"<i>{html.escape(reply.ai_label)}</i>")
        visible += utf16_units(reply.ai_label)
    return "\n".join(lines_html), visible + len(lines_html)


def render_keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    """Reply buttons as one row of inline callback buttons with data "action:value"."""
    row = []
    for b in reply.buttons:
        data = f"{b.action}:{b.value}"
        if len(data.encode()) > MAX_CALLBACK_DATA:
            log.error("telegram: button data over 64 bytes dropped: %r", data)
            continue
        row.append(InlineKeyboardButton(b.label, callback_data=data))
    return InlineKeyboardMarkup([row]) if row else None


def render_mention(reply: Reply) -> tuple[str, int]:
    """The allowed mention as Telegram HTML, and its visible length.

    Telegram has no roles: bot.toml's telegram `moderator_role_id` names a user id (pinged by a
    tg://user link) or an @username.
    """
    mention = reply.allowed_mention
    who = mention.id if mention else ""
    if not who or who.lstrip("@") in ("", "everyone", "all", "here", "channel"):
        return "", 0
    if mention is not None and who.isdigit():
        # A "role" here is the moderators' user; a user ping shows their name (core gives it).
        label = "moderators" if mention.role else (mention.label or "you")
        return f'<a href="tg://user?id={who}">{html.escape(label)}</a>', utf16_units(label)
    name = "@" + who.lstrip("@")
    return html.escape(name), utf16_units(name)


def render_messages(reply: Reply) -> list[str]:
    """The reply as HTML messages: escaped text in pieces, the footer on the last one."""
    prefix, prefix_len = render_mention(reply)
    plain = split_text(reply.text, MAX_MESSAGE - prefix_len - 1, utf16_units)
    pieces = [html.escape(p) for p in plain]
    if prefix:
        pieces = [f"{prefix} {pieces[0]}" if pieces else prefix, *pieces[1:]]
    footer, footer_len = render_footer(reply)
    if footer:
        last = plain[-1] if plain else ""
        fits = utf16_units(last) + prefix_len * (len(plain) == 1) + 1 + footer_len <= MAX_MESSAGE
        if pieces and fits:
            pieces[-1] += "\n" + footer
        else:
            pieces.append(footer)
    return pieces


def command_menus(admin_chat_ids: Sequence[int]) -> list[tuple[list[BotCommand], Any]]:
    """(commands, scope) pairs for setMyCommands: fans see fan commands, admins everything."""

    def menu(specs: Sequence[CommandSpec]) -> list[BotCommand]:
        return [BotCommand(s.flat_name, f"{s.help} {s.args}".strip()[:256]) for s in specs]

    fans = menu([s for s in COMMANDS if s.role == Role.FAN])
    everything = menu(COMMANDS)
    scopes: list[tuple[list[BotCommand], Any]] = [
        (fans, BotCommandScopeAllPrivateChats()),
        (fans, BotCommandScopeAllGroupChats()),
        # The admins' menu replaces the group menu for them, so it lists fan commands too.
        (everything, BotCommandScopeAllChatAdministrators()),
    ]
    scopes += [(everything, BotCommandScopeChat(chat_id)) for chat_id in admin_chat_ids]
    return scopes
