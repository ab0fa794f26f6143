"""Who someone is on Slack: `users.info` and user groups, cached, one lookup in flight each."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.common.cache import LookupCache

log = logging.getLogger("clonebot.slack")


def api_error(exc: BaseException) -> str:
    """Slack's error code from a failed call, even when the body was not JSON (an HTML 5xx)."""
    if isinstance(exc, SlackApiError):
        data = getattr(exc.response, "data", None)
        if isinstance(data, Mapping):
            return str(data.get("error") or "unknown")
        status = getattr(exc.response, "status_code", None) or getattr(exc.response, "status", "?")
        return f"HTTP {status}, not a Web API answer"
    return f"{type(exc).__name__}: {exc}"


class Directory:
    """users.info records and user-group membership, reused for `ttl` seconds.

    A lookup that fails (missing scope, a proxy's HTML error page, a network error) is
    logged and answers "unknown": the delivery still reaches core, as a plain fan.
    """

    def __init__(self, client: AsyncWebClient, *, ttl: float) -> None:
        self._client = client
        self._users: LookupCache[str, dict[str, Any] | None] = LookupCache(self._user, ttl=ttl)
        self._groups: LookupCache[str, dict[str, frozenset[str]]] = LookupCache(
            self._all_groups, ttl=ttl, max_size=1
        )

    async def user(self, uid: str) -> dict[str, Any] | None:
        """The user's record, or None for bots, system events and failed lookups."""
        if not uid or uid.startswith("B"):
            return None
        return await self._users.get(uid)

    async def groups_of(self, uid: str) -> frozenset[str]:
        """The user-group (subteam) ids the user belongs to."""
        if not uid:
            return frozenset()
        return (await self._groups.get("all")).get(uid, frozenset())

    async def _user(self, uid: str) -> dict[str, Any] | None:
        try:
            return dict((await self._client.users_info(user=uid))["user"])
        except Exception as exc:
            log.warning("slack: users.info %s failed: %s", uid, api_error(exc))
            return None

    async def _all_groups(self, _: str) -> dict[str, frozenset[str]]:
        """user id -> user-group ids, so bot.toml's moderator groups apply on Slack too."""
        try:
            resp = await self._client.usergroups_list(include_users=True)
        except Exception as exc:
            # Free workspaces have no user groups (paid_only); without the scope, missing_scope.
            log.info("slack: no user groups (%s)", api_error(exc))
            return {}
        members: dict[str, set[str]] = {}
        for group in resp.get("usergroups") or []:
            for user in group.get("users") or []:
                members.setdefault(user, set()).add(group["id"])
        return {user: frozenset(ids) for user, ids in members.items()}
