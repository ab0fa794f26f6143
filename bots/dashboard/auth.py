"""Dashboard sign-in: one-time links kept hashed in the state store, sessions, CSRF tokens."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from core.ports import StateStore

LINK_PREFIX = "dashboard-link:"
COOKIE = "clonebot_dashboard"


def digest(token: str) -> str:
    """What is stored instead of a token: a leaked store or memory dump signs nobody in."""
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(slots=True)
class Session:
    """One signed-in person. `actor` is `platform:user` as bot.toml writes it."""

    actor: str
    name: str
    csrf: str
    expires_at: datetime
    clones: tuple[str, ...] = field(default_factory=tuple)

    def csrf_ok(self, given: str) -> bool:
        return bool(given) and hmac.compare_digest(given.encode(), self.csrf.encode())


class Auth:
    """Links are single use and short-lived; sessions expire; both are looked up by hash."""

    def __init__(
        self,
        states: Callable[[], Mapping[str, StateStore]],
        *,
        now: Callable[[], datetime],
        link_minutes: float,
        session_minutes: float,
    ) -> None:
        self._states = states
        self.now = now
        self.link_ttl = timedelta(minutes=link_minutes)
        self.session_ttl = timedelta(minutes=session_minutes)
        self._sessions: dict[str, Session] = {}

    async def mint_link(self, creator_id: str, actor: str, name: str = "") -> str:
        """A new one-time sign-in token for `actor`, stored hashed with its expiry."""
        state = self._states()[creator_id]
        token = secrets.token_urlsafe(32)
        now = self.now()
        value = {"actor": actor, "name": name, "expires": (now + self.link_ttl).isoformat()}
        await self._drop_expired_links(state, creator_id, now)
        await state.set_switch(creator_id, LINK_PREFIX + digest(token), json.dumps(value))
        return token

    async def redeem(self, token: str) -> tuple[str, Session] | None:
        """Spend a link: (session id, session), or None when unknown, used or expired."""
        if not token or len(token) > 200:
            return None
        key = LINK_PREFIX + digest(token)
        for creator_id, state in self._states().items():
            raw = await state.get_switch(creator_id, key)
            if raw is None:
                continue
            await state.set_switch(creator_id, key, None)  # single use, even when expired
            try:
                data = json.loads(raw)
                expires = datetime.fromisoformat(data["expires"])
                actor = str(data["actor"])
            except (ValueError, KeyError, TypeError):
                return None
            if expires <= self.now():
                return None
            name = str(data.get("name") or "") or actor.partition(":")[2]
            return self.start_session(actor, name)
        return None

    def start_session(self, actor: str, name: str) -> tuple[str, Session]:
        sid = secrets.token_urlsafe(32)
        session = Session(actor, name, secrets.token_urlsafe(24), self.now() + self.session_ttl)
        self._drop_expired_sessions()
        self._sessions[digest(sid)] = session
        return sid, session

    def session(self, sid: str | None) -> Session | None:
        if not sid:
            return None
        session = self._sessions.get(digest(sid))
        if session is None:
            return None
        if session.expires_at <= self.now():
            self._sessions.pop(digest(sid), None)
            return None
        return session

    def end(self, sid: str | None) -> None:
        if sid:
            self._sessions.pop(digest(sid), None)

    def _drop_expired_sessions(self) -> None:
        now = self.now()
        for key in [k for k, s in self._sessions.items() if s.expires_at <= now]:
            del self._sessions[key]

    @staticmethod
    async def _drop_expired_links(state: StateStore, creator_id: str, now: datetime) -> None:
        for key, raw in (await state.switches(creator_id)).items():
            if not key.startswith(LINK_PREFIX):
                continue
            try:
                expired = datetime.fromisoformat(json.loads(raw)["expires"]) <= now
            except (ValueError, KeyError, TypeError):
                expired = True
            if expired:
                await state.set_switch(creator_id, key, None)


def is_secure(scheme: str, peer: str | None, forwarded_proto: str | None, trusted: str) -> bool:
    """Mark cookies Secure over TLS, or behind a trusted proxy that says it terminated TLS.

    `trusted` lists addresses or networks ("127.0.0.1,172.16.0.0/12").
    """
    if scheme == "https":
        return True
    if (forwarded_proto or "").lower() != "https" or not peer:
        return False
    try:
        address = ipaddress.ip_address(peer)
    except ValueError:
        return False
    for item in (p.strip() for p in trusted.split(",")):
        try:
            if item and address in ipaddress.ip_network(item, strict=False):
                return True
        except ValueError:
            continue  # a typo in one entry must not trust everyone or break sign-in
    return False
