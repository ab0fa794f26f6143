"""Core speaks only through `Reply`: no adapter is called mid-turn, no sender map is held."""

from __future__ import annotations

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "core"

# What calling an adapter looked like: `sender.send(reply)`, `sender.typing(target)`.
ADAPTER_CALLS = {"send", "typing", "find_post"}
# What holding adapters looked like: `senders: Mapping[str, Sender]`, keyed by platform.
ADAPTER_NAMES = {"senders", "Sender", "sender"}


def adapter_routes(source: str) -> list[tuple[int, str]]:
    """Calls of an adapter's send/typing, and names that hold senders, in one module."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ADAPTER_CALLS
            and not _outbound(node.func.value)
        ):
            found.append((node.lineno, f".{node.func.attr}("))
        elif isinstance(node, ast.Name) and node.id in ADAPTER_NAMES:
            found.append((node.lineno, node.id))
        elif isinstance(node, ast.Attribute) and node.attr in ADAPTER_NAMES:
            found.append((node.lineno, f".{node.attr}"))
        elif isinstance(node, ast.arg) and node.arg in ADAPTER_NAMES:
            found.append((node.lineno, node.arg))
    return found


def _outbound(receiver: ast.expr) -> bool:
    """`outbound.find_post(...)` / `self.outbound.find_post(...)`: through the one port."""
    name = receiver.attr if isinstance(receiver, ast.Attribute) else getattr(receiver, "id", "")
    return name == "outbound"


def test_no_core_module_calls_an_adapter_or_holds_a_sender_map() -> None:
    offenders = {
        path.relative_to(CORE).as_posix(): hits
        for path in sorted(CORE.rglob("*.py"))
        if (hits := adapter_routes(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}, "core hands Replies to its Outbound (core.ports), nothing else"


def test_the_scan_sees_the_old_routes_but_not_the_outbound_port() -> None:
    old = (
        "async def notify(senders, reply):\n"
        "    sender = senders.get(reply.target.platform)\n"
        "    await sender.typing(reply.target)\n"
        "    await self.adapter.send(reply)\n"
    )
    assert sorted(s for _, s in adapter_routes(old)) == sorted(
        ["senders", "sender", "senders", ".typing(", "sender", ".send("]
    )
    new = (
        "async def notify(self, reply):\n"
        "    await self.outbound.post(reply)\n"
        "    await self.outbound.find_post(reply.target, reply.text, when)\n"
    )
    assert adapter_routes(new) == []
