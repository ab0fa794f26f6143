"""A claim verifier that keeps everything: only for tests of something else (delivery, metrics).

Never use it where what fans read is under test; the real ClaimVerifier is the default.
"""

from __future__ import annotations

import re
from typing import Any

from core.trust.sentences import split_sentences
from core.trust.verify import Kind, Verdict, Verified


class KeepEverything:
    """Keeps every sentence as supported, citing the sources the text's own [n] marks name."""

    async def prepare(self, support: Any, ignore_names: Any = ()) -> None:
        return None

    async def prepare_archive(self, texts: Any) -> int:
        return 0

    def forget(self) -> None:
        return None

    def close(self) -> None:
        return None

    async def verify(self, text: str, support: Any, **_: Any) -> Verified:
        verdicts = tuple(Verdict(s, Kind.CLAIM, True, True) for s in split_sentences(text))
        numbers = {s.source for s in support if s.source}
        marked = [int(n) for n in re.findall(r"\[(\d{1,2})\]", text)]
        return Verified(text, verdicts, tuple(dict.fromkeys(n for n in marked if n in numbers)))
