"""Names a package exports from a module it imports only on first use (a runner and its SDK)."""

from __future__ import annotations

import importlib
from collections.abc import Callable


def lazy_names(package: str, module: str, *names: str) -> Callable[[str], object]:
    """A module-level `__getattr__` for `package` that imports `names` from its `module`."""

    def __getattr__(name: str) -> object:
        if name in names:
            return getattr(importlib.import_module(f"{package}.{module}"), name)
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__
