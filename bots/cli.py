"""The `clonebot` command line: ingest, chat, demo, run, kill, and fans' data rights."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, TypeVar

import typer
from rich.console import Console

from bots import ops_cli
from bots.loop import run as run_on_loop
from core.config import Settings
from core.persona.bot import BotConfigError, load_bot

app = typer.Typer(help="clonebot: a creator's AI clone, grounded in their own archive.")
console = Console()
T = TypeVar("T")

BotDir = Annotated[Path, typer.Argument(help="The clone's folder, e.g. bots/example")]


def _run(coro_fn: Callable[[], Awaitable[T]]) -> T:
    try:
        return run_on_loop(coro_fn(), Settings().event_loop)  # type: ignore[arg-type]
    except BotConfigError as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc
    except StoreBusy as exc:
        console.print(f"[yellow]{exc}[/yellow]")
        raise typer.Exit(3) from exc
    except ScriptError as exc:
        console.print(str(exc), style="red", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(2) from exc


class StoreBusy(RuntimeError):
    """The embedded store is locked by a running clone."""


def _setup_logging(settings: Settings) -> None:
    logging.basicConfig(
        level=getattr(logging, settings.log_level.upper(), logging.INFO),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    # Library chatter would drown the conversation in the terminal.
    for noisy in ("httpx", "httpcore", "aiohttp.access"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


async def _build(folder: Path, **kw: object):  # type: ignore[no-untyped-def]
    from bots.bootstrap import build

    try:
        return await build(folder, Settings(), **kw)  # type: ignore[arg-type]
    except Exception as exc:
        if "lock" in str(exc).lower() or "already" in str(exc).lower():
            raise StoreBusy(
                f"The clone's memory at {Settings().memory_path_for(load_bot(folder).id)} is in "
                "use by a running clone. Stop it first (the embedded store allows one process)."
            ) from exc
        raise


async def _ingest(folder: Path, prepare_checks: bool = True) -> int:
    """Ingest and show the report; the number of errors (a running clone's, if one runs).

    `prepare_checks`: also make the claim check's vectors of the archive now (a one-off of about
    a minute for the example on 2 cores), so no fan's turn pays for them; the demo skips it and
    its few turns embed what they need (kept on disk for later ones).
    """
    from bots.ingest_view import archive_verifier, ingest_with_progress, open_memory

    remote = await ops_cli.ingest_remote(folder)
    if remote is not None:  # a running clone holds the stores
        return remote
    bot = load_bot(folder)
    # Only the embedder and the store: ingest never needs the LLM, the state store or Redis.
    try:
        memory, store = await open_memory(Settings(), bot.id)
    except Exception as exc:
        if "lock" in str(exc).lower() or "already" in str(exc).lower():
            raise StoreBusy(
                f"The clone's memory at {Settings().memory_path_for(bot.id)} is in use by a "
                "running clone. Stop it first (the embedded store allows one process)."
            ) from exc
        raise
    verifier = archive_verifier(Settings(), bot.id, memory)
    try:
        report = await ingest_with_progress(
            bot,
            folder,
            memory,
            store,
            console,
            prepare=verifier.prepare_archive if prepare_checks else None,
        )
    finally:
        verifier.close()
        await memory.close()
    return len(report.all_errors)


@app.command()
def ingest(folder: BotDir) -> None:
    """Read the sources bot.toml lists into the clone's memory (idempotent).

    Exits 1 when a source had errors (what was stored from it is kept), after listing every
    error, warning and quarantined passage.
    """
    _setup_logging(Settings(log_level="WARNING"))
    if _run(lambda: _ingest(folder)):
        raise typer.Exit(1)


def read_script(path: Path) -> list[str]:
    """A chat script's lines; a clear error (file and line) instead of a decoding traceback."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ScriptError(f"{path}: cannot read the script: {exc.strerror or exc}") from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        byte = data[exc.start : exc.start + 1].hex()
        raise ScriptError(
            f"{path}: line {line} is not valid UTF-8 (byte 0x{byte}); save the script as UTF-8"
        ) from exc
    return text.splitlines()


class ScriptError(ValueError):
    """A chat script that cannot be read; the message names the file and line."""


async def _chat(
    folder: Path, fan: str, community: str | None, script: Path | None, quiet: bool
) -> None:
    from adapters.console import ConsoleAdapter

    # Read the script before loading anything, so a bad file fails at once.
    lines = read_script(script) if script is not None else None
    adapter = ConsoleAdapter(fan=fan, community=community, write=console.print)
    services = await _build(folder, runners=[adapter])
    await adapter.start(services.clone.handle)
    try:
        if lines is not None:
            gap = services.bot.policies.fan_cooldown_seconds + 0.2
            await adapter.run_lines(lines, min_gap_seconds=gap)
        else:
            await adapter.run_interactive()
    finally:
        await adapter.stop()
        await services.close()


@app.command()
def chat(
    folder: BotDir,
    fan: Annotated[str, typer.Option(help="Your fan id (console:<id> in bot.toml roles)")] = "fan",
    community: Annotated[
        str | None, typer.Option(help="Community id; omit with --dm for a direct message")
    ] = "demo",
    dm: Annotated[bool, typer.Option(help="Chat as a direct message")] = False,
    script: Annotated[Path | None, typer.Option(help="One message per line, then exit")] = None,
) -> None:
    """Chat with the clone in the terminal, with citations."""
    _setup_logging(Settings(log_level="WARNING"))
    _run(lambda: _chat(folder, fan, None if dm else community, script, False))


def demo_community(now: datetime | None = None) -> str:
    """The console community a `clonebot demo` run talks in: new each run."""
    return f"demo-{(now or datetime.now(UTC)):%Y%m%d-%H%M%S}"


@app.command()
def demo(folder: BotDir) -> None:
    """Ingest the example, then run a short scripted conversation."""
    _setup_logging(Settings(log_level="WARNING"))
    console.rule("[bold]1. Ingest the creator's archive")
    _run(lambda: _ingest(folder, prepare_checks=False))
    script = folder / "demo.txt"
    console.rule("[bold]2. A scripted conversation (real local model, no keys)")
    # A community of its own per run: the script ends in a care handoff, which silences its
    # conversation for hours, so a second `make demo` in the same one would get no replies.
    community = demo_community()
    _run(lambda: _chat(folder, "demo-fan", community, script, False))
    console.rule("[bold]3. Your turn")
    console.print(
        f"Chat yourself:      .venv/bin/clonebot chat {folder}\n"
        f"As the creator:     .venv/bin/clonebot chat {folder} --fan creator"
        "  (try /clone status)\n"
        "Plug in a real LLM: CLONEBOT_LLM_PROVIDER=openai CLONEBOT_LLM_BASE_URL=... "
        "CLONEBOT_LLM_API_KEY=... CLONEBOT_LLM_MODEL=...\n"
        "                    (or ollama / anthropic; see README)"
    )


async def _switch(folder: Path, key: str, value: str | None) -> None:
    from core.state import open_state_store

    if await ops_cli.switch_remote(folder, key, value):
        return
    bot = load_bot(folder)
    state = await open_state_store(Settings(), bot.id)
    try:
        await state.set_switch(bot.id, key, value)
    finally:
        await state.close()


@app.command()
def kill(folder: BotDir) -> None:
    """Kill switch: every replica of this clone goes silent (others within 0.5 s)."""
    _run(lambda: _switch(folder, "kill", "on"))
    console.print("Kill switch ON. Undo with: clonebot revive " + str(folder))


@app.command()
def revive(folder: BotDir) -> None:
    """Undo the kill switch."""
    _run(lambda: _switch(folder, "kill", None))
    console.print("Kill switch off.")


async def _fan_data(folder: Path, fan_id: str, delete: bool) -> None:
    if await ops_cli.fan_data_remote(folder, fan_id, delete):
        return
    services = await _build(folder)
    try:
        person = await services.rights.named(fan_id)
        if delete:
            counts = await services.rights.forget(person)
            console.print(
                f"Forgot {fan_id} ({person.key}, {len(person.fan_ids)} places): "
                f"{counts.get('memory', 0)} memory items, {counts.get('state', 0)} state rows."
            )
        else:
            payload = {"fan_id": fan_id, **await services.rights.export(person)}
            print(json.dumps(payload, indent=2, ensure_ascii=False, default=str))
    finally:
        await services.close()  # runs the purge the forget asked for: files erased on exit


@app.command()
def forget(
    folder: BotDir,
    fan: Annotated[str, typer.Option(help="platform:user, or any platform:workspace:user")],
) -> None:
    """Delete everything the clone remembers about one person, in every community and DM of
    theirs on that platform (works while the clone is stopped)."""
    _run(lambda: _fan_data(folder, fan, True))


@app.command()
def export(
    folder: BotDir,
    fan: Annotated[str, typer.Option(help="platform:user, or any platform:workspace:user")],
) -> None:
    """Print everything the clone remembers about one person (all their chats), as JSON."""
    _run(lambda: _fan_data(folder, fan, False))


@app.command("import-persona")
def import_persona(
    card: Annotated[Path, typer.Argument(help="Character Card V2/V3 (.json/.png) or elizaOS")],
    into: Annotated[Path, typer.Option(help="The clone folder to write bot.toml into")],
) -> None:
    """Import a character card into bot.toml; unmapped fields go to [extensions]."""
    import tomllib

    import tomli_w

    from core.persona.bot import BotConfig
    from core.persona.card_import import PersonaImportError, merge_into_bot, read_card, to_persona

    target = into / "bot.toml"
    try:
        persona, extensions = to_persona(read_card(card))
    except (OSError, PersonaImportError) as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc
    existing = tomllib.loads(target.read_text(encoding="utf-8")) if target.exists() else None
    doc = merge_into_bot(existing, into.name, persona, extensions)
    BotConfig.model_validate(doc)  # never write a bot.toml that would not load
    into.mkdir(parents=True, exist_ok=True)
    target.write_text(tomli_w.dumps(doc), encoding="utf-8")
    console.print(
        f"Wrote {target}. Review it: card text is not verified, so add [[persona.facts]] "
        "yourself, and list your archive in [[sources]]."
    )


@app.command()
def run(
    folder: Annotated[Path, typer.Argument(help="A clone folder, or a folder of clones")],
) -> None:
    """Run the clone(s) on every platform whose tokens are set, until Ctrl-C."""
    from bots.run import run_clones
    from bots.settings import RunSettings

    settings = RunSettings()  # core's settings and each platform's endpoints
    ops_cli.setup_logging(settings)  # plain or JSON lines (CLONEBOT_LOG_JSON)
    raise typer.Exit(_run(lambda: run_clones(folder, settings)))


telegram_app = typer.Typer(help="Telegram helpers.")
app.add_typer(telegram_app, name="telegram")


@telegram_app.command("set-webhook")
def telegram_set_webhook(
    folder: BotDir, url: Annotated[str, typer.Argument(help="Public HTTPS URL of the route")]
) -> None:
    """Point Telegram at this deployment's webhook route, once (replicas never call it)."""
    from adapters.telegram.webhook import set_webhook
    from bots.settings import RunSettings
    from core.config import secret_from_env

    bot = load_bot(folder)
    tg = bot.platforms.get("telegram")
    token_var = (tg.token_env if tg else "") or "TELEGRAM_BOT_TOKEN"
    secret_var = (tg.signing_secret_env if tg else "") or "TELEGRAM_WEBHOOK_SECRET"
    token, secret = secret_from_env(token_var), secret_from_env(secret_var)
    if not token or not secret:
        console.print(f"[red]Set {token_var} and {secret_var} first.[/red]")
        raise typer.Exit(2)
    # The same Bot API server `clonebot run` talks to (CLONEBOT_TELEGRAM_API_URL), if any.
    api_url = RunSettings().telegram_api_url
    ok = _run(lambda: set_webhook(token=token, url=url, secret=secret, base_url=api_url))
    console.print("Webhook set." if ok else "[red]Telegram refused the webhook.[/red]")


from bots.cli_review import correct_app, review_cmd, stats_cmd  # noqa: E402

app.command("review")(review_cmd)
app.command("stats")(stats_cmd)
app.add_typer(correct_app, name="correct")

from bots.evaluation.cli import eval_cmd  # noqa: E402 - the eval scorecard

app.command("eval")(eval_cmd)
app.command("delete-creator")(ops_cli.delete_creator_cmd)
app.command("dashboard-link")(ops_cli.dashboard_link_cmd)


def main() -> None:  # pragma: no cover - console entry
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    app()
