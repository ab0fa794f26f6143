"""Who the creator is in a chat export: ids and usernames decide; display names only alone.

`creator_ids` may hold user ids, @handles (the `@` is optional) and display names. Ids and
usernames are unique on the platform (an entry written `@name` is only ever a username);
display names (Discord nicknames, Telegram names) are
not, so anyone can take the creator's. Rule, per file:
- an author whose id or username is in `creator_ids` is the creator;
- if some author matched that way, a display-name match by anyone else is an impostor or a
  namesake: never attributed, and reported;
- if nobody matched by id or username, a display name held by exactly one author is
  accepted, with a warning to add the id; held by several, nobody is attributed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


def fold(value: object) -> str:
    """An id or name as compared: trimmed, without a leading @, case-folded."""
    return str(value).strip().removeprefix("@").strip().casefold()


@dataclass(frozen=True, slots=True)
class Author:
    """One person in an export. `key` is stable across their messages."""

    key: str
    ids: tuple[str, ...]
    names: tuple[str, ...]
    label: str


def author(user_id: object, username: object = None, *names: object) -> Author:
    """An author from what the export gives: a user id, a unique username, display names."""
    uid = str(user_id) if isinstance(user_id, str | int) and str(user_id).strip() else None
    user = str(username) if isinstance(username, str) and username.strip() else None
    shown = tuple(str(n) for n in names if isinstance(n, str) and n.strip())
    if uid:
        key = f"id:{uid}"
    elif user:
        key = f"user:{fold(user)}"
    else:
        key = f"name:{fold(shown[0])}" if shown else "unknown"
    label_names = " / ".join(dict.fromkeys([*(x for x in (user,) if x), *shown])) or "?"
    label = f"{label_names} ({'id ' + uid if uid else 'no id'})"
    ids = tuple(x for x in (uid, user) if x)
    return Author(key, ids, shown, label)


class Attribution:
    """Decides, for one file, which authors are the creator (see the module rule)."""

    def __init__(self, creator_ids: Iterable[str], authors: Iterable[Author]) -> None:
        creator_ids = list(creator_ids)
        wanted = {fold(c) for c in creator_ids if fold(c)}
        # "@name" is a username by its form: it never matches a display name.
        shown = {fold(c) for c in creator_ids if fold(c) and not c.strip().startswith("@")}
        everyone: dict[str, Author] = {}
        for a in authors:
            everyone.setdefault(a.key, a)
        strong = {k for k, a in everyone.items() if any(fold(i) in wanted for i in a.ids)}
        weak = {
            k
            for k, a in everyone.items()
            if k not in strong and any(fold(n) in shown for n in a.names)
        }
        self.notes: list[str] = []
        self.ambiguous = False
        if strong:
            self.accepted = strong
            if weak:
                self.notes.append(
                    "display name in creator_ids is also used by "
                    + ", ".join(everyone[k].label for k in sorted(weak))
                    + "; not attributed to the creator (matched by id/username instead)"
                )
        elif len(weak) == 1:
            self.accepted = weak
            (only,) = weak
            self.notes.append(
                f"creator matched by display name only ({everyone[only].label}); display names "
                "are not unique, so add the user id or username to creator_ids"
            )
        else:
            self.accepted = set()
            if weak:
                self.ambiguous = True
                self.notes.append(
                    "display name in creator_ids is used by several authors: "
                    + ", ".join(everyone[k].label for k in sorted(weak))
                    + "; nobody attributed (put the creator's user id in creator_ids)"
                )

    def is_creator(self, who: Author) -> bool:
        return who.key in self.accepted
