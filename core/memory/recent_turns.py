"""A fan's last turns per scope, kept in process for memory stores that one process owns.

"Recent turns" is a newest-first read of one scope. On qdrant-edge it walks the fan's points
by time, so it grows with their history: 0.09 ms at 10 turns, 1 ms at 200 (measured for
issue 13). A clone that owns its store sees every write to it, so the last few turns of
a scope can stay in memory and be updated as they are written.

Only for single-process stores: with a Qdrant server other replicas write too, and this copy
would miss their turns. Every key is a whole `FanScope`, so a cached turn can only come back
to the scope it was read from or written to, as in the store.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence

from core.records import FanMemoryItem, FanScope, MemoryKind

_ScopeTest = Callable[[FanScope], bool]
# Marks a scope whose in-flight read a write or a forget overtook.
_OVERTAKEN = object()


class RecentTurns:
    """The newest `keep` turns of up to `scopes` scopes, least recently used let go first."""

    def __init__(self, scopes: int, keep: int = 8) -> None:
        """Args: scopes: how many scopes to keep; keep: turns kept per scope."""
        self.scopes = scopes
        self.keep = keep
        self._turns: OrderedDict[FanScope, list[FanMemoryItem]] = OrderedDict()
        # The token of the newest store read in flight per scope. A write or a forget of that
        # scope replaces it with _OVERTAKEN: reads that began before it are returned, not kept.
        self._reading: dict[FanScope, object] = {}

    def get(self, scope: FanScope, n: int) -> list[FanMemoryItem] | None:
        """The last n turns, oldest first, or None when the store must be asked."""
        turns = self._turns.get(scope)
        if turns is None or n > self.keep:
            return None
        self._turns.move_to_end(scope)
        return turns[-n:] if n > 0 else []

    def begin_read(self, scope: FanScope) -> object:
        """Call before reading `keep` turns from the store; pass the token to `fill`."""
        token = object()
        self._reading[scope] = token
        return token

    def fill(self, scope: FanScope, token: object, turns: Sequence[FanMemoryItem]) -> None:
        """Keep what the store answered, unless a write or a forget came in meanwhile."""
        current = self._reading.get(scope)
        if current is not token:
            if current is _OVERTAKEN:
                del self._reading[scope]  # no read began since; nothing is waiting on it
            return
        del self._reading[scope]
        self._turns[scope] = list(turns)[-self.keep :]
        self._turns.move_to_end(scope)
        while len(self._turns) > self.scopes:
            self._turns.popitem(last=False)

    def abandon(self, scope: FanScope, token: object) -> None:
        """The store read failed: forget that it was in flight."""
        if self._reading.get(scope) in (token, _OVERTAKEN):
            del self._reading[scope]

    def add(self, scope: FanScope, items: Iterable[FanMemoryItem]) -> None:
        """Turns just written to the store; a redelivered one replaces its earlier copy."""
        self._overtake(scope)
        turns = self._turns.get(scope)
        if turns is None:
            return
        new = {i.id: i for i in items if i.kind == MemoryKind.TURN}
        merged = [t for t in turns if t.id not in new] + list(new.values())
        merged.sort(key=lambda t: t.created_at)
        self._turns[scope] = merged[-self.keep :]

    def drop_fan(self, creator_id: str, fan_id: str) -> None:
        """Forget every scope of one fan under one creator."""
        self._drop(lambda s: s.creator_id == creator_id and s.fan_id == fan_id)

    def drop_creator(self, creator_id: str) -> None:
        """Forget every scope under one creator."""
        self._drop(lambda s: s.creator_id == creator_id)

    def _drop(self, matches: _ScopeTest) -> None:
        for scope in [s for s in self._turns if matches(s)]:
            del self._turns[scope]
        for scope in [s for s in self._reading if matches(s)]:
            self._overtake(scope)

    def _overtake(self, scope: FanScope) -> None:
        if scope in self._reading:
            self._reading[scope] = _OVERTAKEN
