"""`clonebot eval`: run the scorecard, print it, write JSON and HTML, flag regressions."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress

from bots.evaluation.html import render_html
from bots.evaluation.report import Report, ablation_table, compare, scorecard
from core.config import Settings
from core.llm.providers import PROVIDERS
from core.persona.bot import BotConfigError, load_bot

console = Console()


def eval_cmd(
    folder: Annotated[Path, typer.Argument(help="The clone's folder, e.g. bots/example")],
    llm: Annotated[
        str | None, typer.Option(help="LLM provider: local, openai, ollama or anthropic")
    ] = None,
    model: Annotated[str | None, typer.Option(help="The provider's model name")] = None,
    out: Annotated[
        Path | None, typer.Option(help="Where to write the reports (default data/eval/<bot>)")
    ] = None,
    baseline: Annotated[
        Path | None, typer.Option(help="An earlier eval-report.json to flag regressions against")
    ] = None,
    full: Annotated[bool, typer.Option(help="Every probe, not the quick CI subset")] = False,
    judge: Annotated[
        bool | None,
        typer.Option(help="LLM judge of voice (default: on for any provider but local)"),
    ] = None,
    redteam: Annotated[Path | None, typer.Option(help="Red-team results JSON to include")] = None,
    plots: Annotated[bool, typer.Option(help="Draw plots into the HTML (matplotlib)")] = True,
    probes: Annotated[
        Path | None,
        typer.Option(help="Probe file (JSON lines); default <folder>/eval/probes.jsonl"),
    ] = None,
    builtin: Annotated[
        bool,
        typer.Option(help="Add built-in safety and indirect-injection probes where none exist"),
    ] = True,
    ablate: Annotated[
        bool,
        typer.Option(
            help="Also measure each part of her voice (no exchanges, few-shot, reuse, style)"
        ),
    ] = False,
    limit: Annotated[
        int | None,
        typer.Option(help="At most N probes per category and N held-out pairs (seeded draw)"),
    ] = None,
    seed: Annotated[int, typer.Option(help="Seed of the --limit draw")] = 23,
    fail_on_regression: Annotated[
        bool, typer.Option(help="Exit 1 if a metric regressed or missed its target")
    ] = False,
) -> None:
    """Score the clone: voice fidelity, grounding, retrieval, honesty, safety, speed and cost."""
    # Imported here: the runner pulls in the whole clone, which `clonebot --help` should not.
    from bots.evaluation.runner import EvalOptions, run_eval

    logging.basicConfig(level=logging.WARNING)
    for noisy in ("httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    update: dict[str, object] = {}
    if llm:
        if llm not in PROVIDERS:
            raise typer.BadParameter(f"--llm must be one of {', '.join(PROVIDERS)}")
        update["llm_provider"] = llm
    if model:
        update["llm_model"] = model
    settings = Settings().model_copy(update=update)
    try:
        bot = load_bot(folder)
    except BotConfigError as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc
    out = out or settings.data_dir / "eval" / bot.id
    before = Report.load(baseline) if baseline else None
    if limit is not None and limit < 1:
        raise typer.BadParameter("--limit must be at least 1")
    options = EvalOptions(
        full=full,
        judge=judge,
        redteam=redteam,
        probes=probes,
        builtin=builtin,
        ablate=ablate,
        limit=limit,
        seed=seed,
    )

    with Progress(console=console, transient=True) as bar:
        tasks: dict[str, object] = {}

        def progress(phase: str, done: int, total: int) -> None:
            if phase not in tasks:
                tasks[phase] = bar.add_task(phase, total=total)
            bar.update(tasks[phase], completed=done)  # type: ignore[arg-type]

        report = asyncio.run(run_eval(folder, settings, options=options, progress=progress))
    if before is not None:
        compare(report, before)
    json_path, html_path = out / "eval-report.json", out / "eval-report.html"
    report.save(json_path)
    html_path.write_text(render_html(report, with_plots=plots), encoding="utf-8")
    console.print(scorecard(report))
    table = ablation_table(report)
    if table is not None:
        console.print(table)
    for r in report.regressions:
        console.print(f"[red]regression[/red] {r['metric']}: {r['baseline']:.3f} → {r['now']:.3f}")
    for key in report.misses():
        console.print(f"[red]target missed[/red] {key}: {report.metrics[key]:.3f}")
    console.print(f"Wrote {json_path} and {html_path}")
    if fail_on_regression and (report.regressions or report.misses()):
        raise typer.Exit(1)
