"""Settings: the only place that reads the environment (prefix CLONEBOT_, or a .env file)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Everything deployment-specific. Defaults run fully offline on embedded engines.

    Each platform's endpoints (API URLs, HTTP ports, shards) are read by bots
    (bots/settings.py `RunSettings`, the same prefix), not here.
    """

    model_config = SettingsConfigDict(env_prefix="CLONEBOT_", env_file=".env", extra="ignore")

    data_dir: Path = Path("data")

    # Memory: Qdrant's engine in-process ("edge"), qdrant-client ("server" with qdrant_url,
    # or its local mode "qdrant-local"), or the in-memory twin ("memory", tests only).
    memory_backend: Literal["edge", "server", "qdrant-local", "memory"] = "edge"
    qdrant_url: str | None = None
    qdrant_api_key: SecretStr | None = None

    # After a /forget-me, the stores' files are rewritten this many seconds later (forgets in
    # between share the rewrite). docs/trust.md states the bound this gives.
    forget_purge_seconds: float = 60.0

    embedder: Literal["minilm", "openai", "ollama", "hash"] = "minilm"
    embed_model: str = ""
    embed_base_url: str | None = None
    embed_api_key: SecretStr | None = None

    llm_provider: Literal["local", "openai", "ollama", "anthropic", "fake"] = "local"
    llm_model: str = ""
    llm_base_url: str | None = None
    llm_api_key: SecretStr | None = None
    llm_timeout_seconds: float = 60.0
    llm_retries: int = 2
    # None = suits the provider: the tiny local model rambles and decodes ~40-80 tokens/s.
    llm_max_tokens: int | None = None
    llm_threads: int = 2
    # How much archive goes into each prompt. None = a size that suits the provider: the tiny
    # local model reads prompts at ~120 tokens/s on 2 cores, so it gets less.
    recall_k: int | None = None
    source_chars: int | None = None

    def reply_tokens(self) -> int:
        return self.llm_max_tokens or (96 if self.llm_provider == "local" else 400)

    def prompt_budget(self) -> tuple[int, int]:
        """(sources per prompt, characters per source) for the configured provider."""
        local = self.llm_provider == "local"
        return (self.recall_k or (3 if local else 5), self.source_chars or (320 if local else 900))

    # State: SQLite file by default; a postgresql+psycopg:// URL at scale.
    state_url: str | None = None
    # How old the kill switch, mutes and handoffs a turn reads may be (0 = read every time).
    # This process sees its own changes at once; other replicas and the CLI within this time.
    control_cache_seconds: float = 0.5
    # How often the reply log, usage, channel activity and fans' last-seen times are written
    # (in one transaction); close() writes what is left.
    state_flush_seconds: float = 0.2
    # At shutdown, how long to keep retrying those writes while the database is away; what
    # is still unwritten then goes to <data_dir>/<clone>/state-spill.json, written at the
    # next start.
    state_close_seconds: float = 5.0
    # Dedup and rate limits: in-memory by default; redis://127.0.0.1:6379/0 at scale.
    redis_url: str | None = None
    # Put before every Redis key, so several deployments (or tests) can share one Redis.
    redis_prefix: str = "clonebot:"

    admin_host: str = "127.0.0.1"
    admin_port: int = 0
    admin_token: SecretStr | None = None
    # The creator's dashboard (served by the admin server at /dashboard). Its public base URL
    # when a reverse proxy fronts it ("https://bots.example.com"); None = the admin URL.
    dashboard_url: str | None = None
    # Peers whose X-Forwarded-Proto is believed (the reverse proxy), comma-separated.
    dashboard_trusted_proxies: str = "127.0.0.1,::1"
    dashboard_link_minutes: float = 10.0
    dashboard_session_minutes: float = 480.0
    # For the cost estimate on the overview page: dollars per million LLM tokens.
    dashboard_cost_per_mtok: float = 0.0

    log_level: str = "INFO"
    log_json: bool = False  # one JSON object per log line, for log shippers
    # Degradation: a dead or slow LLM fails fast (first text within this many seconds, None =
    # suits the provider), and after `llm_breaker_failures` failures in a row calls fail at
    # once for `llm_breaker_open_seconds`, then one call probes.
    llm_first_text_seconds: float | None = None
    llm_breaker_failures: int = 3
    llm_breaker_open_seconds: float = 30.0
    # Shutdown waits this long for in-flight replies before stopping the adapters.
    shutdown_grace_seconds: float = 20.0
    # This process's name among replicas (claims on scheduled posts, its job store). Default:
    # host name and pid. Set a stable one per process (the pod name) so a restarted process
    # keeps its job store and settles its own cut-off claims under the same name.
    replica_id: str | None = None
    # The CLI's event loop: uvloop where installed (not on Windows), else asyncio's own.
    event_loop: Literal["uvloop", "asyncio"] = "uvloop"

    def first_text_seconds(self) -> float:
        """How long a fan may wait for the model's first text before the honest fallback."""
        if self.llm_first_text_seconds is not None:
            return self.llm_first_text_seconds
        # The in-process model reads its prompt at ~120-190 tokens/s on 2 cores; it is never
        # "down", only slow, so it gets longer. Remote providers must answer within ~10 s.
        return 45.0 if self.llm_provider == "local" else 8.0

    def state_url_for(self, creator_id: str) -> str:
        if self.state_url:
            return self.state_url
        return f"sqlite+aiosqlite:///{self.data_dir / creator_id / 'state.db'}"

    def memory_path_for(self, creator_id: str) -> Path:
        return self.data_dir / creator_id / "memory"

    def source_vectors_path_for(self, creator_id: str) -> Path:
        """The claim check's vectors of her texts, kept between runs (core/trust/unit_vectors)."""
        return self.data_dir / creator_id / "source-vectors.db"


def secret_from_env(name: str) -> str | None:
    """A platform token by the variable name bot.toml gives (each clone names its own)."""
    value = os.environ.get(name, "").strip()
    return value or None
