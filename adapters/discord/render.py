"""Reply -> Discord message contents, embed, buttons and allowed mentions: pure, no network."""

from __future__ import annotations

import hashlib
import logging

import discord

from adapters.common.text import split_text
from adapters.discord.events import BUTTON_PREFIX
from core.types import Reply

log = logging.getLogger(__name__)

MAX_MESSAGE = 2000
MAX_CUSTOM_ID = 100


def allowed_mentions(reply: Reply) -> discord.AllowedMentions:
    """Nobody by default; only the users and roles core's allow-list names. Never everyone."""
    return discord.AllowedMentions(
        everyone=False,
        users=[discord.Object(int(u)) for u in reply.mentions.user_ids if u.isdigit()],
        roles=[discord.Object(int(r)) for r in reply.mentions.role_ids if r.isdigit()],
        replied_user=False,
    )


def render_mention(reply: Reply) -> str:
    """The allowed mention as Discord writes it: `<@&role>` or `<@user>`; "" if none."""
    m = reply.allowed_mention
    if m is None or not m.id.isdigit():
        return ""
    return f"<@&{m.role}>" if m.role else f"<@{m.user}>"


def render_text(reply: Reply) -> list[str]:
    """The message contents: text (after the allowed mention) and the AI label line."""
    mention = render_mention(reply)
    text = f"{mention} {reply.text}" if mention else reply.text
    # Subtext rather than an embed footer: people who turn embeds off still see the label.
    label = f"-# {discord.utils.escape_markdown(reply.ai_label)}" if reply.ai_label else ""
    pieces = split_text(text, MAX_MESSAGE) if text.strip() else []
    if label:
        if pieces and len(pieces[-1]) + 1 + len(label) <= MAX_MESSAGE:
            pieces[-1] += "\n" + label
        else:
            pieces.append(label)
    return pieces


def render_embed(reply: Reply) -> discord.Embed | None:
    """Citations as a compact "Sources" embed with linked titles."""
    if not reply.citations:
        return None
    lines = []
    for c in reply.citations:
        title = discord.utils.escape_markdown(c.title)
        if c.url and c.url.startswith(("https://", "http://")):
            lines.append(f"[{c.index}] [{title}]({c.url})" + (f" · {c.date}" if c.date else ""))
        else:
            lines.append(discord.utils.escape_markdown(c.render()))
    return discord.Embed(title="Sources", description="\n".join(lines)[:4096])


def render_view(reply: Reply) -> discord.ui.View | None:
    """Buttons with custom_id "clone:{action}:{value}"; clicks come back as BUTTON events."""
    if not reply.buttons:
        return None
    view = discord.ui.View(timeout=None)
    for b in reply.buttons:
        custom_id = f"{BUTTON_PREFIX}:{b.action}:{b.value}"
        if len(custom_id) > MAX_CUSTOM_ID:
            log.error("discord: button custom_id over 100 chars dropped: %r", custom_id)
            continue
        style = (
            discord.ButtonStyle.danger if "reject" in b.action else discord.ButtonStyle.secondary
        )
        view.add_item(discord.ui.Button(label=b.label[:80], custom_id=custom_id, style=style))
    # Clicks are read from raw interactions (see `events.to_event`), not from discord.py's
    # in-memory view store: a stopped view is never stored, so nothing leaks on restarts.
    view.stop()
    return view


def text_hash(text: str) -> str:
    """A fingerprint of a post's words, as sent: white space folded, the AI label line dropped."""
    lines = [line for line in text.splitlines() if not line.startswith("-# ")]
    return hashlib.sha256(" ".join(" ".join(lines).split()).encode()).hexdigest()
