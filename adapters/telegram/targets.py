"""How Telegram chats are written as schedule targets: `telegram:<chat_id>`, pure."""

from __future__ import annotations

from dataclasses import dataclass

from core.persona.targets import TargetForm
from core.types import Target

# The workspace a private chat's events carry (adapters/telegram/events.py): a chat id alone
# addresses any chat, so groups (negative ids) are their own workspace and private chats "dm".
PRIVATE_WORKSPACE = "dm"


@dataclass(frozen=True, slots=True)
class ChatIdForm(TargetForm):
    """`telegram:<chat_id>`: a group, supergroup or channel (negative id) or a private chat
    (the user's id, positive)."""

    hint: str = "telegram:<chat_id>"

    def parse(self, platform: str, rest: list[str]) -> Target | None:
        if len(rest) != 1 or not rest[0].lstrip("-").isdigit():
            return None
        chat = rest[0]
        return Target(platform, chat if chat.startswith("-") else PRIVATE_WORKSPACE, chat)

    def text(self, target: Target) -> str:
        return f"{target.platform}:{target.channel_id}"

    def channel(self, platform: str, workspace_id: str, channel_id: str) -> Target | None:
        return self.parse(platform, [channel_id])

    def private_chat(self, platform: str, user_id: str) -> Target | None:
        return Target(platform, PRIVATE_WORKSPACE, user_id) if user_id.isdigit() else None
