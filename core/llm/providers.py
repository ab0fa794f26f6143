"""LangChain chat models from settings: local GGUF, OpenAI-compatible, Ollama, Anthropic, fake."""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from langchain_core.language_models import BaseChatModel

if TYPE_CHECKING:
    from core.config import Settings

PROVIDERS = ("local", "openai", "ollama", "anthropic", "fake")

# What the "fake" provider always answers: deterministic, polite, and says what it is.
FAKE_REPLY = (
    "Thanks for your message! I'm an AI clone running on a test model, so I'll keep it short."
)

LOCAL_MODEL_NAME = "SmolLM2-135M-Instruct"


class ProviderUnavailable(ImportError):
    """A provider's LangChain integration is not installed."""


def _import(module: str, provider: str) -> ModuleType:
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ProviderUnavailable(
            f"LLM provider {provider!r} needs the {module.replace('_', '-')} package: "
            "pip install 'clonebot[providers]'"
        ) from exc


def _require_model(settings: Settings) -> str:
    if not settings.llm_model:
        raise ValueError(
            f"LLM provider {settings.llm_provider!r} needs a model name: set CLONEBOT_LLM_MODEL"
        )
    return settings.llm_model


def _api_key(settings: Settings) -> str | None:
    return settings.llm_api_key.get_secret_value() if settings.llm_api_key else None


def model_label(settings: Settings) -> str:
    """A short "provider:model" name for logs and errors."""
    if settings.llm_provider == "local":
        model = Path(settings.llm_model).stem if settings.llm_model else LOCAL_MODEL_NAME
    else:
        model = settings.llm_model or "default"
    return f"{settings.llm_provider}:{model}"


def make_chat_model(settings: Settings) -> BaseChatModel:
    """Build the LangChain chat model that `settings.llm_provider` names.

    Provider SDKs never retry on their own here (`max_retries=0`): `LangChainGenerator`
    owns retries, so attempts don't multiply. Nothing here touches the network.

    Args:
        settings: Deployment settings; `llm_model` is a model name, or for "local" an
            optional path to another GGUF file.

    Returns:
        A chat model ready for `astream`.

    Raises:
        ProviderUnavailable: The provider's integration package is not installed.
        ValueError: The provider is unknown or its settings are incomplete.
    """
    provider = settings.llm_provider
    kwargs: dict[str, Any]
    if provider == "local":
        from core.llm.local import LocalGGUFChatModel

        kwargs = {"n_threads": settings.llm_threads, "max_tokens": settings.reply_tokens()}
        if settings.llm_model:
            kwargs["model_path"] = settings.llm_model
        return LocalGGUFChatModel(**kwargs)
    if provider == "openai":
        key = _api_key(settings)
        if key is None:
            if not settings.llm_base_url:
                raise ValueError(
                    "LLM provider 'openai' needs CLONEBOT_LLM_API_KEY, or CLONEBOT_LLM_BASE_URL "
                    "for a keyless OpenAI-compatible server"
                )
            # Local OpenAI-compatible servers (vLLM, llama.cpp) accept any key, but the
            # client insists on one.
            key = "unused"
        chat_openai: Any = _import("langchain_openai", provider).ChatOpenAI
        model: BaseChatModel = chat_openai(
            model=_require_model(settings),
            base_url=settings.llm_base_url,
            api_key=key,
            max_tokens=settings.reply_tokens(),
            timeout=settings.llm_timeout_seconds,
            max_retries=0,
            stream_usage=True,
        )
        return model
    if provider == "ollama":
        chat_ollama: Any = _import("langchain_ollama", provider).ChatOllama
        model = chat_ollama(
            model=_require_model(settings),
            base_url=settings.llm_base_url,
            num_predict=settings.reply_tokens(),
            client_kwargs={"timeout": settings.llm_timeout_seconds},
        )
        return model
    if provider == "anthropic":
        key = _api_key(settings)
        if key is None:
            raise ValueError("LLM provider 'anthropic' needs CLONEBOT_LLM_API_KEY")
        chat_anthropic: Any = _import("langchain_anthropic", provider).ChatAnthropic
        extra = {"base_url": settings.llm_base_url} if settings.llm_base_url else {}
        model = chat_anthropic(
            model=_require_model(settings),
            api_key=key,
            max_tokens=settings.reply_tokens(),
            timeout=settings.llm_timeout_seconds,
            max_retries=0,
            **extra,
        )
        return model
    if provider == "fake":
        from langchain_core.language_models import FakeListChatModel

        return FakeListChatModel(responses=[FAKE_REPLY])
    raise ValueError(f"unknown LLM provider {provider!r}; choose one of {', '.join(PROVIDERS)}")
