"""make_chat_model: each provider builds offline from settings; gaps fail with clear messages."""

from __future__ import annotations

import sys

import pytest
from langchain_core.language_models import BaseChatModel, FakeListChatModel
from pydantic import SecretStr

from core.config import Settings
from core.llm import ProviderUnavailable, make_chat_model, make_generator
from core.llm.local import LocalGGUFChatModel, default_model_path
from core.llm.providers import FAKE_REPLY, model_label


def settings(**overrides: object) -> Settings:
    return Settings.model_validate({"llm_timeout_seconds": 7.0, "llm_max_tokens": 99, **overrides})


def test_openai_compatible_endpoint_builds_with_base_url_and_without_network() -> None:
    ChatOpenAI = pytest.importorskip("langchain_openai").ChatOpenAI

    model = make_chat_model(
        settings(
            llm_provider="openai",
            llm_model="Qwen2.5-7B-Instruct",
            llm_base_url="http://127.0.0.1:9/v1",
        )
    )
    assert isinstance(model, ChatOpenAI)
    assert model.model_name == "Qwen2.5-7B-Instruct"
    assert model.openai_api_base == "http://127.0.0.1:9/v1"
    assert model.max_retries == 0  # LangChainGenerator owns retries
    assert model.max_tokens == 99


def test_openai_without_key_or_base_url_says_what_to_set() -> None:
    with pytest.raises(ValueError, match="CLONEBOT_LLM_API_KEY"):
        make_chat_model(settings(llm_provider="openai", llm_model="gpt-4o-mini"))


def test_ollama_builds_without_contacting_the_server() -> None:
    ChatOllama = pytest.importorskip("langchain_ollama").ChatOllama

    model = make_chat_model(
        settings(llm_provider="ollama", llm_model="llama3.2", llm_base_url="http://127.0.0.1:9")
    )
    assert isinstance(model, ChatOllama)
    assert model.num_predict == 99


def test_anthropic_builds_with_key_and_requires_one() -> None:
    ChatAnthropic = pytest.importorskip("langchain_anthropic").ChatAnthropic

    model = make_chat_model(
        settings(llm_provider="anthropic", llm_model="claude-x", llm_api_key=SecretStr("sk-test"))
    )
    assert isinstance(model, ChatAnthropic)
    assert model.max_retries == 0
    with pytest.raises(ValueError, match="CLONEBOT_LLM_API_KEY"):
        make_chat_model(settings(llm_provider="anthropic", llm_model="claude-x"))


def test_remote_providers_need_a_model_name() -> None:
    with pytest.raises(ValueError, match="CLONEBOT_LLM_MODEL"):
        make_chat_model(settings(llm_provider="ollama"))


def test_fake_provider_answers_a_fixed_polite_reply() -> None:
    model = make_chat_model(settings(llm_provider="fake"))
    assert isinstance(model, FakeListChatModel)
    assert model.invoke("hello").content == FAKE_REPLY


def test_local_provider_points_at_the_packaged_gguf_and_loads_lazily() -> None:
    model = make_chat_model(settings(llm_provider="local", llm_threads=3))
    assert isinstance(model, LocalGGUFChatModel)
    assert model.model_path == str(default_model_path())
    assert model.model_path.endswith("SmolLM2-135M-Instruct.Q4_1.gguf")
    assert model.n_threads == 3 and model.max_tokens == 99


def test_missing_integration_package_names_the_extra_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "langchain_openai", None)
    with pytest.raises(ProviderUnavailable, match=r"clonebot\[providers\]"):
        make_chat_model(
            settings(llm_provider="openai", llm_model="m", llm_base_url="http://127.0.0.1:9/v1")
        )


def test_unknown_provider_lists_the_known_ones() -> None:
    bogus = Settings.model_construct(llm_provider="gemini")
    with pytest.raises(ValueError, match="unknown LLM provider 'gemini'.*local, openai"):
        make_chat_model(bogus)


def test_settings_reject_an_unknown_provider_up_front() -> None:
    with pytest.raises(ValueError):
        Settings(llm_provider="gemini")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("overrides", "label"),
    [
        ({"llm_provider": "local"}, "local:SmolLM2-135M-Instruct"),
        ({"llm_provider": "fake"}, "fake:default"),
        ({"llm_provider": "ollama", "llm_model": "llama3.2"}, "ollama:llama3.2"),
    ],
)
def test_generator_is_named_after_provider_and_model(
    overrides: dict[str, object], label: str
) -> None:
    assert model_label(settings(**overrides)) == label


def test_make_generator_carries_timeout_and_retries_from_settings() -> None:
    generator = make_generator(settings(llm_provider="fake", llm_retries=4))
    assert isinstance(generator.model, BaseChatModel)
    assert generator.timeout_seconds == 7.0 and generator.retries == 4
