"""A typed line -> ChatEvent, as one fan in one community (or a DM): pure."""

from __future__ import annotations

from adapters.common.text import clean_text
from core.control.commands import parse_command
from core.types import Author, Capabilities, ChatEvent, EventKind

PLATFORM = "console"
# A terminal shows text and lists buttons; it can do nothing else.
CAPABILITIES = Capabilities()


def to_event(
    line: str, *, n: int, fan: str, community: str | None, display_name: str
) -> ChatEvent:
    """The `n`-th line the fan typed; lines starting with `/` are commands, as on platforms."""
    text = clean_text(line)
    command = parse_command(text)
    return ChatEvent(
        platform=PLATFORM,
        workspace_id=community or "dm",
        channel_id="general" if community else f"dm-{fan}",
        author=Author(id=fan, display_name=display_name),
        text=text,
        message_id=str(n),
        event_id=str(n),
        kind=EventKind.COMMAND if command else EventKind.MESSAGE,
        command=command,
        is_dm=community is None,
        mentions_bot=True,
        capabilities=CAPABILITIES,
    )
