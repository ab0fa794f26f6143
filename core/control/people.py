"""People seen per community, so that `/clone mute @name` finds the id a fan really has."""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass

from core.types import Author, ChatEvent

# A platform's own mention carries the id: Discord <@123> / <@!123>, Slack <@U0ABC|name>.
_PLATFORM_MENTION = re.compile(r"^<@!?([^>|&]+)(?:\|[^>]*)?>$")


@dataclass(frozen=True, slots=True)
class Found:
    """Who a command's `@name` means: a user id, or why it cannot be told."""

    user_id: str | None
    problem: str = ""


class SeenPeople:
    """The last-seen username and display name of each person, per community, in this process.

    Bounded (least recently seen go first). A replica that has not seen someone says so, and
    a reply to that person's message always works, since the platform names its author.
    """

    def __init__(self, *, max_people: int = 50_000) -> None:
        self._seen: OrderedDict[tuple[str, str], tuple[str, str]] = OrderedDict()
        self._max = max_people

    def saw(self, community_id: str, author: Author) -> None:
        if not author.id or author.id == "unknown":
            return
        key = (community_id, author.id)
        self._seen[key] = (author.username.casefold(), author.display_name.casefold())
        self._seen.move_to_end(key)
        while len(self._seen) > self._max:
            self._seen.popitem(last=False)

    def forget(self, community_id: str, user_id: str) -> None:
        self._seen.pop((community_id, user_id), None)

    def find(self, community_id: str, name: str) -> list[str]:
        """Ids in this community whose username, else display name, is `name` (any case)."""
        wanted = name.casefold()
        by_username, by_display = [], []
        for (community, user_id), (username, display) in self._seen.items():
            if community != community_id:
                continue
            if username == wanted:
                by_username.append(user_id)
            elif display == wanted:
                by_display.append(user_id)
        return by_username or by_display


def _matches(author: Author | None, name: str) -> bool:
    wanted = name.casefold()
    return author is not None and wanted in (
        author.username.casefold(),
        author.display_name.casefold(),
    )


def find_user(arg: str, event: ChatEvent, people: SeenPeople) -> Found:
    """The user id a command argument names: a platform mention, the author of the message
    the command replies to, someone seen in this community, or an id given as it is."""
    mention = _PLATFORM_MENTION.match(arg)
    if mention:
        return Found(mention.group(1))
    name = arg.removeprefix("@")
    if not name:
        return Found(None, "Say whom: /clone mute @name, or reply to their message.")
    if _matches(event.reply_to_author, name):
        assert event.reply_to_author is not None
        return Found(event.reply_to_author.id)
    ids = people.find(event.community_id, name)
    if len(ids) == 1:
        return Found(ids[0])
    if len(ids) > 1:
        return Found(
            None,
            f"More than one person here goes by {arg}. Reply to one of their messages with "
            "the command, or use their id.",
        )
    # Ids as they are: numeric ones anywhere, and ids like Slack's "U0ABC1" typed without "@".
    if name.isdigit() or (not arg.startswith("@") and any(c.isdigit() for c in name)):
        return Found(name)
    return Found(
        None,
        f"I haven't seen {arg} in this community, so I can't tell who that is. Reply to one "
        "of their messages with the command, or give their id.",
    )
