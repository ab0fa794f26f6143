"""Generation through LangChain: provider factory, the local GGUF model and the Generator port."""

from __future__ import annotations

from core.llm.generator import GenerationFailed, LangChainGenerator, Usage, make_generator
from core.llm.providers import ProviderUnavailable, make_chat_model

__all__ = [
    "GenerationFailed",
    "LangChainGenerator",
    "ProviderUnavailable",
    "Usage",
    "make_chat_model",
    "make_generator",
]
