"""Core speaks of capabilities, permissions and mentions, never of a chat platform by name."""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "core"
PLATFORM = re.compile(r"discord|telegram|slack", re.IGNORECASE)


def platform_names_in_code(path: Path) -> list[tuple[int, str]]:
    """Names and string literals that name a platform; comments and docstrings are prose."""
    source = path.read_text(encoding="utf-8")
    docstrings = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(first.lineno)
    found = []
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.COMMENT or tok.start[0] in docstrings:
            continue
        if PLATFORM.search(tok.string):
            found.append((tok.start[0], tok.string[:60]))
    return found


def _modules() -> dict[str, list[tuple[int, str]]]:
    return {
        path.relative_to(CORE).as_posix(): platform_names_in_code(path)
        for path in sorted(CORE.rglob("*.py"))
    }


def test_no_core_module_names_a_chat_platform_in_code() -> None:
    # Platform knowledge core needs arrives registered by bots (bots/registry.py: archive
    # formats, schedule target forms) or declared by adapters (Capabilities); deployment
    # settings are bots/settings.py's.
    offenders = {name: hits for name, hits in _modules().items() if hits}
    assert offenders == {}, "core must read Capabilities/Permission/Mention, not platform names"


def test_the_scan_sees_names_and_strings_but_not_prose(tmp_path: Path) -> None:
    sample = tmp_path / "m.py"
    sample.write_text(
        '"""Docs may say Discord."""\n'
        "# so may comments: Telegram\n"
        "THREAD_ON = {'slack'}\n"
        "def telegram_name() -> None:\n"
        '    """Nor here: Slack."""\n',
        encoding="utf-8",
    )
    assert [s for _, s in platform_names_in_code(sample)] == ["'slack'", "telegram_name"]
