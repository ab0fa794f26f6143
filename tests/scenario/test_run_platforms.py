"""Which platforms `clonebot run` starts: bot.toml's `enabled`, then the tokens it finds."""

import pytest

from bots.platforms import Missing, Runner, make_adapters
from bots.settings import RunSettings
from core.config import Settings
from core.persona.bot import PlatformConfig, load_bot
from core.state.limits import InMemoryDeduper, InMemoryRateLimiter
from tests.scenario.harness import EXAMPLE

TOKENS = {
    "TELEGRAM_BOT_TOKEN": "123:abc",
    "DISCORD_BOT_TOKEN": "discord-token",
    "SLACK_BOT_TOKEN": "xoxb-1",
    "SLACK_APP_TOKEN": "xapp-1",
}


def runners_for(
    platforms: dict[str, PlatformConfig], *, several: bool = False
) -> tuple[list[Runner], list[Missing]]:
    bot = load_bot(EXAMPLE).model_copy(update={"platforms": platforms})
    return make_adapters(
        bot,
        Settings(),
        deduper=InMemoryDeduper(),
        limiter=InMemoryRateLimiter(),
        several=several,
    )


@pytest.fixture
def tokens(monkeypatch: pytest.MonkeyPatch) -> None:
    for var, value in TOKENS.items():
        monkeypatch.setenv(var, value)


def test_a_platform_disabled_in_bot_toml_never_starts_even_with_a_default_token(tokens):
    off = PlatformConfig(enabled=False)
    runners, missing = runners_for({"telegram": off, "discord": off})
    assert sorted(r.platform for r in runners) == ["slack"]
    assert missing == [], "a disabled platform is not 'missing' a token"


def test_one_clone_starts_each_platform_whose_tokens_are_set(tokens):
    runners, _ = runners_for({})
    assert sorted(r.platform for r in runners) == ["discord", "slack", "telegram"]


def test_several_clones_share_no_default_token_unless_their_bot_toml_enables_the_platform(
    tokens,
):
    # One bot token cannot serve two clones: with `clonebot run bots/` only a clone whose
    # bot.toml enables a platform starts it.
    runners, _ = runners_for({}, several=True)
    assert runners == []
    on = PlatformConfig(enabled=True)
    runners, _ = runners_for({"telegram": on}, several=True)
    assert [r.platform for r in runners] == ["telegram"]


def test_an_enabled_platform_without_its_token_is_reported(monkeypatch):
    for var in TOKENS:
        monkeypatch.delenv(var, raising=False)
    on = PlatformConfig(enabled=True, token_env="ACME_DISCORD")
    runners, missing = runners_for({"discord": on, "telegram": PlatformConfig(enabled=False)})
    assert runners == []
    assert [(m.platform, m.variables) for m in missing] == [
        ("slack", ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN")),
        ("discord", ("ACME_DISCORD",)),
    ]


def test_each_platforms_endpoints_come_from_the_same_variables_as_before(
    tokens, monkeypatch: pytest.MonkeyPatch
):
    # Core's Settings no longer carries them; `clonebot run` reads them (bots/settings.py).
    monkeypatch.setenv("CLONEBOT_TELEGRAM_API_URL", "http://127.0.0.1:9/bot")
    monkeypatch.setenv("CLONEBOT_SLACK_HTTP_PORT", "3999")
    monkeypatch.setenv("CLONEBOT_DISCORD_SHARD_COUNT", "4")
    monkeypatch.setenv("CLONEBOT_DISCORD_SHARD_IDS", "2,3")
    assert not hasattr(Settings(), "telegram_api_url")
    monkeypatch.setenv("SIG", "secret")
    runners, _ = runners_for({"slack": PlatformConfig(mode="http", signing_secret_env="SIG")})
    by = {r.platform: r.settings for r in runners}  # type: ignore[attr-defined]
    assert by["telegram"].base_url == "http://127.0.0.1:9/bot"
    assert by["slack"].http_port == 3999
    assert (by["discord"].shard_count, by["discord"].shard_ids) == (4, (2, 3))


def test_run_settings_keep_cores_values_and_read_only_the_platforms_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
):
    monkeypatch.setenv("CLONEBOT_TELEGRAM_WEBHOOK_PORT", "8555")
    core = Settings(llm_provider="fake", redis_prefix="t:")
    run = RunSettings.of(core)
    assert (run.llm_provider, run.redis_prefix, run.telegram_webhook_port) == ("fake", "t:", 8555)
    given = RunSettings(telegram_webhook_port=1)
    assert RunSettings.of(given) is given
