"""A model's vectors of the texts it embedded last, by exact text: one turn asks it several times.

On a warm turn multilingual-e5-small (13-16 ms of CPU a text on 2 cores) was asked for the fan's
message three times: by the inbound care and identity check, by the match against her exchanges
in other languages, and as a unit of the claim check's support (a one-sentence message is its
own unit). The model is deterministic and a text's vector does not depend on its batch (checked
bit for bit in tests/trust/test_turn_vectors.py), so a vector kept here is the one the model
would make again.

What is kept includes fans' words: a forget empties it whole (`Memory._forget_texts`, and
`Meaning.forget` through `Memory.on_forget`), and it holds `size` texts at most.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import Protocol

import numpy as np
import numpy.typing as npt

Floats = npt.NDArray[np.float32]
# A few hundred concurrent turns' texts (about 5 a turn); 1024 e5 vectors are 1.5 MB.
SIZE = 1024


class ArrayEmbedder(Protocol):
    """An embedder with a batch call returning unit vectors (`OnnxMeanPoolEmbedder`)."""

    model_name: str
    dimension: int

    def embed_array(self, texts: Sequence[str]) -> Floats: ...


class RecentVectors:
    """`inner` with its last `size` texts' vectors kept; the embedder interface of `inner`.

    Safe from several threads (the model pool runs embedding jobs side by side); two jobs
    missing the same text at once both embed it, and get the same vector.
    """

    def __init__(self, inner: ArrayEmbedder, size: int = SIZE) -> None:
        self.inner = inner
        self.model_name = inner.model_name
        self.dimension = inner.dimension
        self.size = size
        self._kept: OrderedDict[str, Floats] = OrderedDict()
        self._lock = threading.Lock()

    def embed_array(self, texts: Sequence[str]) -> Floats:
        """Texts as an (n, dimension) float32 array; only texts not kept reach the model."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        with self._lock:
            found = {t: v for t in texts if (v := self._kept.get(t)) is not None}
            for t in found:
                self._kept.move_to_end(t)
        missing = [t for t in dict.fromkeys(texts) if t not in found]
        if missing:
            made = self.inner.embed_array(missing)
            found.update(zip(missing, made, strict=True))
            with self._lock:
                for t, v in zip(missing, made, strict=True):
                    self._kept[t] = v.copy()  # not a view that keeps its whole batch alive
                while len(self._kept) > self.size:
                    self._kept.popitem(last=False)
        return np.stack([found[t] for t in texts]).astype(np.float32, copy=False)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed a batch of texts (LangChain interface)."""
        return self.embed_array(texts).tolist()  # type: ignore[no-any-return]

    def embed_query(self, text: str) -> list[float]:
        """Embed one text (LangChain interface)."""
        return self.embed_array([text])[0].tolist()  # type: ignore[no-any-return]

    def forget(self) -> None:
        """Drop every kept vector (after a forget: fans' words must not stay in the process)."""
        with self._lock:
            self._kept.clear()

    def __len__(self) -> int:
        return len(self._kept)

    def __bool__(self) -> bool:
        # An embedder first: `if embedder:` must not read a fresh, empty cache as no embedder
        # (it turned make redteam's paraphrase check off, found in ceb0dac).
        return True
