"""deploy/'s reverse proxy for the dashboard: behind a profile, only /dashboard passed on."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from core.config import Settings

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def test_caddy_runs_behind_the_dashboard_profile_and_clonebot_trusts_it_for_tls() -> None:
    services = yaml.safe_load((DEPLOY / "compose.yaml").read_text())["services"]
    caddy = services["caddy"]
    assert caddy["profiles"] == ["dashboard"]
    assert "./Caddyfile:/etc/caddy/Caddyfile:ro" in caddy["volumes"]
    env = services["clonebot"]["environment"]
    assert env["CLONEBOT_DASHBOARD_URL"].startswith("https://")
    settings = Settings(dashboard_trusted_proxies=env["CLONEBOT_DASHBOARD_TRUSTED_PROXIES"])
    from bots.dashboard.auth import is_secure

    assert is_secure("http", "172.18.0.3", "https", settings.dashboard_trusted_proxies)


def test_the_caddyfile_proxies_the_dashboard_and_nothing_else() -> None:
    text = (DEPLOY / "Caddyfile").read_text()
    matchers = re.findall(r"^\s*@\w+\s+path\s+(.+)$", text, flags=re.M)
    assert matchers == ["/dashboard /dashboard/*"]
    assert text.count("reverse_proxy") == 1
    assert "/admin" not in text.split("{$DASHBOARD_DOMAIN", 1)[1].replace("# ", "")
    assert 'respond "Not found" 404' in text
