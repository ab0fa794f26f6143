"""How a platform's conversations are written as schedule targets and review destinations.

By default a target is `<platform>:<workspace>:<channel>`. A platform whose chats are known by
one id alone registers its own form (the composition root does, from adapters/<platform>/).
"""

from __future__ import annotations

from dataclasses import dataclass

from core.types import Target


@dataclass(frozen=True, slots=True)
class TargetForm:
    """`<platform>:<workspace>:<channel>`; `hint` is how bot.toml's docs write it."""

    hint: str = "<platform>:<workspace>:<channel>"

    def parse(self, platform: str, rest: list[str]) -> Target | None:
        """The target `platform:` + `rest` (split at ":") names, or None if it is not one."""
        if len(rest) == 2 and platform and all(rest):
            return Target(platform, rest[0], rest[1])
        return None

    def text(self, target: Target) -> str:
        """The inverse of `parse`."""
        return f"{target.platform}:{target.workspace_id}:{target.channel_id}"

    def channel(self, platform: str, workspace_id: str, channel_id: str) -> Target | None:
        """A channel bot.toml names by id alone (a moderator channel), in `workspace_id`."""
        return Target(platform, workspace_id, channel_id)

    def private_chat(self, platform: str, user_id: str) -> Target | None:
        """The private chat with a user, where the user's id alone reaches it; else None."""
        return None


DEFAULT = TargetForm()
_FORMS: dict[str, TargetForm] = {}


def register_target_form(platform: str, form: TargetForm) -> None:
    """How `platform`'s targets are written (again for the same platform replaces it)."""
    _FORMS[platform] = form


def target_form(platform: str) -> TargetForm:
    return _FORMS.get(platform, DEFAULT)


def target_hints() -> str:
    """How targets may be written, for an error message: "a, b or c"."""
    hints = [form.hint for form in _FORMS.values()] or [DEFAULT.hint]
    return hints[0] if len(hints) == 1 else f"{', '.join(hints[:-1])} or {hints[-1]}"
