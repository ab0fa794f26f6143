"""Reply -> Slack Block Kit payloads (mrkdwn escaped, mentions only as allowed): pure."""

from __future__ import annotations

import hashlib
import re
from typing import Any

from adapters.common.text import split_text
from core.types import Citation, Reply

# Block Kit caps a section's mrkdwn at 3,000 characters; longer replies become several messages.
SECTION_LIMIT = 3000
_BROADCAST_WORD = re.compile(r"@(channel|here|everyone)\b", re.IGNORECASE)


def escape_mrkdwn(text: str) -> str:
    """Make text inert in mrkdwn: no `<!channel>`, `<@U..>`, `<url|label>` or bare @channel."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    # A word joiner keeps "@here" readable but stops Slack from ever treating it as a broadcast.
    return _BROADCAST_WORD.sub(lambda m: "@\u2060" + m.group(1), text)


def render_mention(reply: Reply) -> str:
    """The allowed mention as Slack writes it: `<!subteam^id>` or `<@id>`; "" if none."""
    mention = reply.allowed_mention
    if mention is None or not re.fullmatch(r"[A-Za-z0-9_]+", mention.id):
        return ""
    return f"<!subteam^{mention.role}>" if mention.role else f"<@{mention.user}>"


def _citation(c: Citation) -> str:
    url = c.url or ""
    if url.startswith(("https://", "http://")) and not re.search(r"[<>|\s]", url):
        label = f"[{c.index}] {c.title}" + (f" ({c.date})" if c.date else "")
        return f"<{url}|{escape_mrkdwn(label)}>"
    return escape_mrkdwn(c.render())


def render(reply: Reply) -> list[dict[str, Any]]:
    """Chat API payloads (`text` + `blocks`) for a reply, one per message after splitting.

    Each message is a mrkdwn section; the last one also carries the context block (citations,
    AI label) and the actions block (buttons).
    """
    prefix = render_mention(reply)
    budget = SECTION_LIMIT - len(prefix) - 1
    chunks = split_text(reply.text, budget, lambda s: len(escape_mrkdwn(s))) or [""]
    messages: list[dict[str, Any]] = []
    for i, chunk in enumerate(chunks):
        text = escape_mrkdwn(chunk)
        if i == 0 and prefix:
            text = f"{prefix} {text}".strip()
        blocks: list[dict[str, Any]] = []
        if text:
            blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": text}})
        messages.append({"text": text or " ", "blocks": blocks})
    last = messages[-1]["blocks"]
    context: list[dict[str, Any]] = []
    if reply.citations:
        joined = ""
        for c in reply.citations:
            part = _citation(c)
            if len(joined) + len(part) + 3 > SECTION_LIMIT:
                break
            joined = f"{joined} · {part}" if joined else part
        context.append({"type": "mrkdwn", "text": joined})
    if reply.ai_label:
        context.append({"type": "mrkdwn", "text": escape_mrkdwn(reply.ai_label)})
    if context:
        last.append({"type": "context", "elements": context})
    if reply.buttons:
        seen: set[str] = set()
        elements = []
        for i, b in enumerate(reply.buttons[:25]):
            # Slack rejects duplicate action_ids within a message; "#n" keeps them unique.
            action_id = b.action if b.action not in seen else f"{b.action}#{i}"
            seen.add(b.action)
            elements.append(
                {
                    "type": "button",
                    "text": {"type": "plain_text", "text": b.label[:75]},
                    "action_id": action_id,
                    "value": b.value[:2000],
                }
            )
        last.append({"type": "actions", "block_id": "clonebot_actions", "elements": elements})
    return messages


def text_hash(text: str) -> str:
    """A fingerprint of a message's words as Slack stores them (escaped, white space folded)."""
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()


# Slack names its emoji; core speaks Unicode. The ones core uses, and a safe default.
_EMOJI_NAMES = {
    "👍": "+1",
    "✅": "white_check_mark",
    "👀": "eyes",
    "🚩": "triangular_flag_on_post",
}


def emoji_name(emoji: str) -> str:
    """Slack's name for a Unicode emoji core asks for (a name passes through unchanged)."""
    if emoji.isascii():
        return emoji.strip(":") or "white_check_mark"
    return _EMOJI_NAMES.get(emoji, "white_check_mark")
