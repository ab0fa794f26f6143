"""The HTML report: the scorecard, plots (matplotlib, Agg, inline PNG) and every probe's reply."""

from __future__ import annotations

import base64
import html
import io
import logging
from typing import Any

from bots.evaluation.report import (
    ABLATION_COLUMNS,
    METRICS,
    Report,
    ablation_cells,
    label_for,
    rows,
)

log = logging.getLogger(__name__)

_CSS = """
body{font:14px/1.45 system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:1em 0;width:100%}
td,th{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
td.v{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.bad td{color:#b00020;font-weight:600} .ok{color:#1b7f3b} .no{color:#b00020}
img{max-width:100%;margin:.5em 0} .meta{color:#666} details{margin:.3em 0}
"""


def _png(fig: Any) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=90, bbox_inches="tight")
    return base64.b64encode(buf.getvalue()).decode("ascii")


def plots(report: Report) -> list[tuple[str, str]]:
    """(title, base64 PNG) per plot; empty if matplotlib is missing."""
    try:
        import matplotlib

        matplotlib.use("Agg")  # no display on servers and CI
        import matplotlib.pyplot as plt
    except ImportError:
        log.warning("matplotlib is not installed: the HTML report has no plots")
        return []
    out: list[tuple[str, str]] = []
    mt = report.metrics

    parts = ["similarity", "style", "length", "emoji", "punctuation", "vocabulary"]
    clone = [mt.get(f"fidelity.{p}") or 0.0 for p in parts]
    generic = [mt.get(f"fidelity.generic_{p}") or 0.0 for p in parts]
    fig, ax = plt.subplots(figsize=(8, 3.2))
    xs = range(len(parts))
    ax.bar([x - 0.2 for x in xs], clone, 0.4, label="clone", color="#3b6ea8")
    ax.bar([x + 0.2 for x in xs], generic, 0.4, label="generic assistant", color="#bbbbbb")
    ax.set_xticks(list(xs), parts)
    ax.set_ylim(0, 1)
    ax.set_title("Voice fidelity vs the creator's real replies")
    ax.legend(loc="upper right")
    out.append(("Voice fidelity", _png(fig)))
    plt.close(fig)

    rates = [s for s in METRICS if s.unit == "rate" and mt.get(s.key) is not None]
    if rates:
        fig, ax = plt.subplots(figsize=(8, 0.35 * len(rates) + 1))
        values = [mt[s.key] or 0.0 for s in rates]
        colors = ["#b00020" if s.higher_is_better is False else "#1b7f3b" for s in rates]
        labels = [label_for(s, report.meta).strip() for s in rates]
        ax.barh(labels, values, color=colors)
        if report.baseline is not None:
            base = [report.baseline.get(s.key) for s in rates]
            ax.scatter(
                [b for b in base if b is not None],
                [lab for lab, b in zip(labels, base, strict=True) if b is not None],
                marker="|",
                s=300,
                color="black",
                label="baseline",
            )
            ax.legend(loc="lower right")
        ax.set_xlim(0, 1)
        ax.invert_yaxis()
        ax.set_title("Rates (red: lower is better)")
        out.append(("Rates", _png(fig)))
        plt.close(fig)

    latencies = [r["latency"] for r in report.probes]
    if latencies:
        fig, ax = plt.subplots(figsize=(8, 2.8))
        ax.hist(latencies, bins=min(20, max(5, len(latencies) // 2)), color="#3b6ea8")
        ax.set_xlabel("seconds per reply (probes)")
        ax.set_title("Reply time")
        out.append(("Reply time", _png(fig)))
        plt.close(fig)
    return out


def _esc(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def render_html(report: Report, *, with_plots: bool = True) -> str:
    """A self-contained HTML page (no external files); plots need matplotlib."""
    meta = report.meta
    parts = [
        "<!doctype html><html><head><meta charset='utf-8'>",
        f"<title>clonebot eval · {_esc(meta.get('bot'))}</title><style>{_CSS}</style></head>",
        f"<body><h1>clonebot eval · {_esc(meta.get('creator'))} ({_esc(meta.get('bot'))})</h1>",
        f"<p class='meta'>{_esc(meta.get('generated_at'))} · llm {_esc(meta.get('llm'))} · "
        f"embedder {_esc(meta.get('embedder'))} · {_esc(meta.get('subset'))} subset "
        f"{_esc(meta.get('subset_sizes'))}</p>",
    ]
    if report.regressions:
        items = "".join(
            f"<li>{_esc(r['metric'])}: {r['baseline']:.3f} → {r['now']:.3f}</li>"
            for r in report.regressions
        )
        parts.append(f"<h2 class='no'>Regressions vs baseline</h2><ul>{items}</ul>")
    head = "<th>baseline</th>" if report.baseline is not None else ""
    parts.append(f"<h2>Scorecard</h2><table><tr><th>area</th><th>metric</th><th>value</th>{head}")
    parts.append("<th></th></tr>")
    for area, label, value, base, mark in rows(report):
        cls = " class='bad'" if mark.startswith("✗") else ""
        cells = f"<td>{_esc(area)}</td><td>{_esc(label)}</td><td class='v'>{_esc(value)}</td>"
        if report.baseline is not None:
            cells += f"<td class='v'>{_esc(base)}</td>"
        parts.append(f"<tr{cls}>{cells}<td>{_esc(mark)}</td></tr>")
    parts.append("</table>")
    if report.ablation:
        heads = ["configuration", *(c for _, c, _ in ABLATION_COLUMNS), "reused", "time"]
        parts.append("<h2>Voice ablation</h2><table><tr>")
        parts.append("".join(f"<th>{_esc(h)}</th>" for h in heads) + "</tr>")
        for row in report.ablation:
            first, *rest = ablation_cells(row)
            cells = "".join(f"<td class='v'>{_esc(c)}</td>" for c in rest)
            parts.append(f"<tr><td>{_esc(first)}</td>{cells}</tr>")
        parts.append("</table>")
    for title, png in plots(report) if with_plots else []:
        parts.append(
            f"<h3>{_esc(title)}</h3><img alt='{_esc(title)}' src='data:image/png;base64,{png}'>"
        )
    parts.append("<h2>Probes</h2>")
    for row in report.probes:
        mark = (
            "<span class='ok'>pass</span>" if row.get("passed") else "<span class='no'>fail</span>"
        )
        extra = ""
        if row.get("unsupported"):
            extra = "<br><b>unsupported:</b> " + _esc(" | ".join(row["unsupported"]))
        parts.append(
            f"<details><summary>{mark} · {_esc(row['id'])} · {_esc(row['message'])}</summary>"
            f"<p><b>reply</b> ({_esc(row['kind'])}, {row['latency']:.2f} s): {_esc(row['reply'])}"
            f"<br><b>cited:</b> {_esc(', '.join(map(str, row.get('cited', []))) or 'none')}"
            f"{extra}</p></details>"
        )
    parts.append("<h2>Held-out pairs</h2>")
    for d in report.heldout:
        parts.append(
            f"<details><summary>{_esc(d['id'])} · {_esc(d['prompt'])} · similarity "
            f"{d['similarity']:.2f} (generic {d['generic_similarity']:.2f})</summary>"
            f"<p><b>real:</b> {_esc(d['real'])}<br><b>clone:</b> {_esc(d['clone'])}"
            f"<br><b>generic:</b> {_esc(d['generic'])}</p></details>"
        )
    parts.append("</body></html>")
    return "\n".join(parts)
