"""Creator, moderator and fan commands, declared once with their role and per-platform names."""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.types import Command, Role


@dataclass(frozen=True, slots=True)
class CommandSpec:
    """One command. `name` is canonical ("clone mute"); platforms derive their own names."""

    name: str
    role: Role
    help: str
    args: str = ""

    @property
    def group(self) -> str:
        """The top-level word: "clone" for "clone mute", else the name itself."""
        return self.name.split(" ", 1)[0]

    @property
    def sub(self) -> str | None:
        parts = self.name.split(" ", 1)
        return parts[1] if len(parts) == 2 else None

    @property
    def flat_name(self) -> str:
        """One word of [a-z0-9_]{1,32}, for platforms without subcommands: "clone_mute"."""
        return re.sub(r"[^a-z0-9_]", "_", self.name.replace(" ", "_").replace("-", "_"))[:32]

    @property
    def slash(self) -> str:
        return "/" + self.name


COMMANDS: tuple[CommandSpec, ...] = (
    CommandSpec("clone on", Role.MODERATOR, "Switch the clone on", "[here|everywhere]"),
    CommandSpec("clone off", Role.MODERATOR, "Switch the clone off", "[here|everywhere]"),
    CommandSpec(
        "clone mode", Role.CREATOR, "Set how the clone replies", "auto|copilot|mentions-only"
    ),
    CommandSpec("clone status", Role.MODERATOR, "Mode, mutes, handoffs and kill state"),
    CommandSpec("clone mute", Role.MODERATOR, "Silence the clone", "[duration] [here|@user]"),
    CommandSpec("clone unmute", Role.MODERATOR, "Lift mutes", "[here|@user]"),
    CommandSpec("clone handoff", Role.MODERATOR, "A human takes this conversation over"),
    CommandSpec("clone release", Role.MODERATOR, "Give this conversation back to the clone"),
    CommandSpec("clone handoffs", Role.MODERATOR, "List open handoffs with context"),
    CommandSpec("clone stats", Role.MODERATOR, "Replies, deflections, handoffs, budget"),
    CommandSpec("clone budget", Role.CREATOR, "Set the daily LLM token budget", "<tokens>"),
    CommandSpec("clone kill", Role.CREATOR, "Stop the clone everywhere at once"),
    CommandSpec("clone revive", Role.CREATOR, "Undo the kill switch"),
    CommandSpec("clone drafts", Role.CREATOR, "Pending copilot drafts"),
    CommandSpec("clone approve", Role.CREATOR, "Approve a draft", "<draft-id>"),
    CommandSpec("clone reject", Role.CREATOR, "Reject a draft", "<draft-id>"),
    CommandSpec("clone edit", Role.CREATOR, "Approve a draft with your text", "<draft-id> <text>"),
    CommandSpec(
        "clone schedule",
        Role.CREATOR,
        "Scheduled posts",
        "add|list|pause|resume|remove [id] [options] [prompt]",
    ),
    CommandSpec(
        "clone review", Role.CREATOR, "Recent replies to check", "[flagged|reported|deflected]"
    ),
    CommandSpec("clone fact", Role.CREATOR, "Add a verified fact, live at once", "<text>"),
    CommandSpec("clone never", Role.CREATOR, "The clone must never say this", "<text>"),
    CommandSpec(
        "clone prefer", Role.CREATOR, "Set the answer to a reviewed reply", "<reply-id> <text>"
    ),
    CommandSpec(
        "clone live",
        Role.MODERATOR,
        "Live Q&A: gather questions, answer the most asked",
        "on [minutes] [here]|off|list|pin <n>|drop <n>",
    ),
    CommandSpec("ask", Role.FAN, "Ask the clone something", "<question>"),
    CommandSpec("about", Role.FAN, "Who this clone is, and how to reach a human"),
    CommandSpec("human", Role.FAN, "Ask for a human to take over"),
    CommandSpec("my-data", Role.FAN, "See and export what the clone remembers about you"),
    CommandSpec("forget-me", Role.FAN, "Delete what the clone remembers about you"),
    CommandSpec("report", Role.FAN, "Report the clone's last answer to the creator", "[reason]"),
)

BY_NAME: dict[str, CommandSpec] = {c.name: c for c in COMMANDS}
BY_FLAT_NAME: dict[str, CommandSpec] = {c.flat_name: c for c in COMMANDS}


def parse_command(text: str) -> Command | None:
    """Parse "/clone mute 2h here" (or the flat "/clone_mute@bot 2h") into a Command."""
    stripped = text.strip()
    if not stripped.startswith("/"):
        return None
    words = stripped[1:].split()
    if not words:
        return None
    head = words[0].split("@", 1)[0].lower()
    if head in BY_FLAT_NAME and head not in BY_NAME:
        return Command(BY_FLAT_NAME[head].name, tuple(words[1:]))
    if head in BY_NAME:
        return Command(head, tuple(words[1:]))
    if len(words) >= 2 and f"{head} {words[1].lower()}" in BY_NAME:
        return Command(f"{head} {words[1].lower()}", tuple(words[2:]))
    if head == "clone":
        return Command(
            "clone status" if len(words) == 1 else f"clone {words[1].lower()}", tuple(words[2:])
        )
    return None
