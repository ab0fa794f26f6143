"""Reply -> the lines a terminal prints: pure."""

from __future__ import annotations

from core.types import Reply, ReplyKind

_PREFIX = {
    ReplyKind.NOTICE: "[notice] ",
    ReplyKind.DRAFT: "[draft for the creator] ",
    ReplyKind.COMMAND_RESULT: "",
}


def render(reply: Reply) -> str:
    """The reply as printed: text, then sources, AI label, buttons and attachment lines."""
    lines = [_PREFIX.get(reply.kind, "") + reply.text]
    if reply.citations:
        lines.append("  sources: " + "; ".join(c.render() for c in reply.citations))
    if reply.ai_label:  # every message the clone writes says it is an AI
        lines.append(f"  — {reply.ai_label}")
    if reply.buttons:
        lines.append("  buttons: " + " ".join(f"[{b.label} {b.value}]" for b in reply.buttons))
    if reply.attachment:
        a = reply.attachment
        lines.append(f"  attachment: {a.filename} ({len(a.data)} bytes)")
    return "\n".join(lines)
