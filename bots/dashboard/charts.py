"""Small server-rendered SVG charts: no script, readable by screen readers through <title>."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

# Colour-blind-safe (Okabe-Ito) with enough contrast on white.
PALETTE = ("#0072B2", "#D55E00", "#CC79A7", "#009E73", "#E69F00", "#56B4E9")


def compact(n: int) -> str:
    """1234 -> 1.2k, 2500000 -> 2.5M: axis labels that fit."""
    for size, unit in ((1_000_000, "M"), (1_000, "k")):
        if n >= size:
            return f"{n / size:.1f}".rstrip("0").rstrip(".") + unit
    return str(n)


def stacked_bars(
    title: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[int]]],
    *,
    width: int = 640,
    height: int = 220,
) -> str:
    """A stacked bar chart per label (day), with a legend and a text summary for assistive tech."""
    pad_l, pad_b, pad_t = 36, 28, 26
    n = max(len(labels), 1)
    totals = [sum(s[1][i] for s in series) for i in range(len(labels))]
    top = max([*totals, 1])
    plot_h = height - pad_b - pad_t
    bar_w = (width - pad_l - 8) / n
    parts = [
        f'<svg viewBox="0 0 {width} {height}" role="img" class="chart" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}: {sum(totals)} in total, at most {top} in a day</title>",
        f'<line x1="{pad_l}" y1="{height - pad_b}" x2="{width}" y2="{height - pad_b}" '
        'stroke="#444"/>',
        f'<text x="{pad_l - 4}" y="{pad_t + 4}" text-anchor="end" font-size="11">'
        f"{compact(top)}</text>",
        f'<text x="{pad_l - 4}" y="{height - pad_b}" text-anchor="end" font-size="11">0</text>',
    ]
    for i, label in enumerate(labels):
        y: float = height - pad_b
        x = pad_l + i * bar_w + 1
        for k, (name, values) in enumerate(series):
            v = values[i]
            if not v:
                continue
            h = v / top * plot_h
            y -= h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(bar_w - 2, 1):.1f}" '
                f'height="{h:.1f}" fill="{PALETTE[k % len(PALETTE)]}">'
                f"<title>{escape(label)}: {v} {escape(name)}</title></rect>"
            )
        last = len(labels) - 1
        if i % 7 == 0 or (i == last and last % 7 >= 3):  # no last label crowding a weekly one
            parts.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{height - 10}" text-anchor="middle" '
                f'font-size="11">{escape(label)}</text>'
            )
    lx = pad_l
    for k, (name, _) in enumerate(series):
        parts.append(
            f'<rect x="{lx}" y="6" width="10" height="10" fill="{PALETTE[k % len(PALETTE)]}"/>'
            f'<text x="{lx + 14}" y="15" font-size="12">{escape(name)}</text>'
        )
        lx += 14 + 8 * len(name) + 16
    parts.append("</svg>")
    return "".join(parts)
