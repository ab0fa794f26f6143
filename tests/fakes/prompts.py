"""How the fake models read a prompt: the fan's message, the numbered sources, the system text."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

_FAN = re.compile(r"<fan>(.*?)</fan>", re.S)
_SOURCE = re.compile(r'<source n="(\d+)"[^>]*>\n(.*?)\n</source>', re.S)


def text_of(message: Any) -> str:
    """A message's text (a LangChain message or a plain string)."""
    content = getattr(message, "content", message)
    return content if isinstance(content, str) else str(content)


def fan_message(messages: Sequence[Any]) -> str:
    """What the fan wrote this turn: the last <fan> block of the last message, or ""."""
    found = _FAN.findall(text_of(messages[-1])) if messages else []
    return found[-1].strip() if found else ""


def sources_in(text: str) -> list[tuple[int, str]]:
    """(n, text) of each <source n="..."> block in `text`."""
    return [(int(n), body) for n, body in _SOURCE.findall(text)]


def prompt_sources(messages: Sequence[Any]) -> list[tuple[int, str]]:
    """(n, text) of each <source n="..."> block anywhere in the prompt."""
    return sources_in("\n".join(text_of(m) for m in messages))


def system_text(messages: Sequence[Any]) -> str:
    """The first message's text: the system prompt as the brain builds it."""
    return text_of(messages[0]) if messages else ""


def render_prompt(messages: Sequence[Any]) -> str:
    """The exact text EchoPromptLLM replies with: one `[role] text` block per message."""
    return "\n".join(f"[{m.type}] {m.text}" for m in messages)


def split_pieces(text: str) -> list[str]:
    """Split text into word-sized streaming pieces that join back to exactly `text`."""
    return re.findall(r"\s*\S+|\s+", text)
