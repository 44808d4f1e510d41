"""Plots as small inline SVG made on the server: score against cost or tokens (a scatter), and
the spread of turns and wall time per model (a box over every finished sample, with each sample
as a dot). No chart library and no script: they print, read with scripts off, and cost a few
hundred bytes a point (docs/viewer.md, "Why these choices").

Each sample is one ``<a class="pt">`` linking to its page, with a ``<title>`` (the browser's
tooltip) and the same ``data-*`` as its samples-table row, so the run page's filters hide it too.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from html import escape

PALETTE = ("#2457c5", "#d9822b", "#2f9e44", "#c92a2a", "#7048e8", "#0c8599", "#e64980", "#5c940d", "#868e96")
W, H = 440, 250
LEFT, RIGHT, TOP, BOTTOM = 46, 14, 12, 38
ROW = 38


@dataclass
class Point:
    """One sample on a plot: where it goes, its colour's model, its page, its tooltip and filter data."""

    model: str
    x: float
    y: float | None
    href: str
    tip: str
    data: dict[str, str] = field(default_factory=dict)


def colours(models: Sequence[str]) -> dict[str, str]:
    return {m: PALETTE[i % len(PALETTE)] for i, m in enumerate(models)}


def legend(models: Sequence[str], labels: dict[str, str] | None = None) -> str:
    c = colours(models)
    items = "".join(f'<span class="key"><i style="background:{c[m]}"></i>{escape((labels or {}).get(m, m))}</span>'
                    for m in models)  # fmt: skip
    return f'<div class="legend">{items}</div>'


def ticks(hi: float, n: int = 5, whole: bool = False) -> list[float]:
    """Round tick values from 0 to at least ``hi`` (about ``n`` of them; ``whole``: whole steps)."""
    if hi <= 0:
        return [0.0, 1.0]
    raw = hi / n
    mag = 10 ** math.floor(math.log10(raw))
    step = next(s * mag for s in (1, 2, 2.5, 5, 10) if s * mag >= raw)
    if whole:
        step = max(1, math.ceil(step))
        hi += 1  # room to the right of the last whole value
    return [round(i * step, 10) for i in range(int(math.ceil(hi / step - 1e-9)) + 1)]


def fmt_tick(v: float) -> str:
    if v >= 1e6:
        return f"{v / 1e6:g}M"
    if v >= 1e3:
        return f"{v / 1e3:g}k"
    return f"{v:g}"


def _mark(p: Point, cx: float, cy: float, colour: str) -> str:
    data = "".join(f' data-{k}="{escape(v)}"' for k, v in p.data.items())
    return (f'<a class="pt" href="#{escape(p.href)}"{data}><circle cx="{cx:.1f}" cy="{cy:.1f}" r="4" '
            f'fill="{colour}"><title>{escape(p.tip)}</title></circle></a>')  # fmt: skip


def _x_axis(xt: list[float], sx: Callable[[float], float], label: str, y0: float) -> str:
    out = [f'<line class="axis" x1="{LEFT}" y1="{y0}" x2="{W - RIGHT}" y2="{y0}"/>']
    for t in xt:
        x = sx(t)
        out.append(f'<line class="grid" x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{y0}"/>'
                   f'<text x="{x:.1f}" y="{y0 + 14}" text-anchor="middle">{fmt_tick(t)}</text>')  # fmt: skip
    out.append(f'<text class="label" x="{(LEFT + W - RIGHT) / 2}" y="{y0 + 30}" text-anchor="middle">'
               f"{escape(label)}</text>")  # fmt: skip
    return "".join(out)


def _svg(kind: str, title: str, height: float, body: str) -> str:
    return (f'<svg class="plot {kind}" viewBox="0 0 {W} {height:.0f}" width="{W}" height="{height:.0f}" role="img" '
            f'aria-label="{escape(title)}"><title>{escape(title)}</title>{body}</svg>')  # fmt: skip


def scatter(title: str, xlabel: str, points: Sequence[Point], models: Sequence[str]) -> str:
    """Score % (y, 0–100) against ``x`` for the points that have both, one colour per model."""
    shown = [p for p in points if p.y is not None]
    if not shown:
        return ""
    c = colours(models)
    xt = ticks(max(p.x for p in shown))
    y0 = H - BOTTOM

    def sx(v: float) -> float:
        return LEFT + (W - LEFT - RIGHT) * v / xt[-1]

    def sy(v: float) -> float:
        return y0 - (y0 - TOP) * v / 100

    grid = [_x_axis(xt, sx, xlabel, y0), f'<line class="axis" x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{y0}"/>']
    for t in (0, 25, 50, 75, 100):
        grid.append(f'<line class="grid" x1="{LEFT}" y1="{sy(t):.1f}" x2="{W - RIGHT}" y2="{sy(t):.1f}"/>'
                    f'<text x="{LEFT - 5}" y="{sy(t) + 4:.1f}" text-anchor="end">{t}</text>')  # fmt: skip
    grid.append(f'<text class="label" transform="translate(12 {(TOP + y0) / 2}) rotate(-90)" text-anchor="middle">'
                "score %</text>")  # fmt: skip
    marks = "".join(_mark(p, sx(p.x), sy(p.y), c.get(p.model, PALETTE[-1])) for p in shown if p.y is not None)
    left_out = len(points) - len(shown)
    note = f'<figcaption class="meta">{left_out} sample(s) without a score not plotted</figcaption>' if left_out else ""
    return f'<figure class="plot">{_svg("scatter", title, H, "".join(grid) + marks)}{note}</figure>'


def quartiles(values: Sequence[float]) -> tuple[float, float, float]:
    """The 25th, 50th and 75th percentiles (linear interpolation, as numpy's default)."""
    v = sorted(values)

    def q(f: float) -> float:
        i = f * (len(v) - 1)
        lo = math.floor(i)
        return v[lo] + (v[min(lo + 1, len(v) - 1)] - v[lo]) * (i - lo)

    return q(0.25), q(0.5), q(0.75)


def _jitter(key: str) -> float:
    """A fixed vertical offset per sample in [-1, 1] (the same on every render)."""
    return (zlib.crc32(key.encode()) % 2001) / 1000 - 1


def strips(title: str, xlabel: str, points: Sequence[Point], models: Sequence[str], labels: dict[str, str],
           whole: bool = False) -> str:  # fmt: skip
    """One row per model: a box from the 25th to the 75th percentile of ``x`` with the median and
    whiskers to min and max over all its points, and each point as a dot (these the filters hide)."""
    by_model = {m: [p for p in points if p.model == m] for m in models}
    rows = [m for m in models if by_model[m]]
    if not rows:
        return ""
    c = colours(models)
    xt = ticks(max(p.x for p in points), whole=whole)
    y0 = TOP + ROW * len(rows)

    def sx(v: float) -> float:
        return LEFT + (W - LEFT - RIGHT) * v / xt[-1]

    out = [_x_axis(xt, sx, xlabel, y0)]
    for i, m in enumerate(rows):
        top = TOP + ROW * i
        mid = top + 24
        xs = [p.x for p in by_model[m]]
        q1, med, q3 = quartiles(xs)
        col = c[m]
        out.append(f'<text class="row" x="{LEFT}" y="{top + 9}">{escape(labels.get(m, m))}</text>'
                   f'<g class="box" data-model="{escape(m)}"><title>{escape(labels.get(m, m))}: {len(xs)} sample(s); '
                   f"min {min(xs):g}, quartiles {q1:g} / {med:g} / {q3:g}, max {max(xs):g}</title>"
                   f'<line x1="{sx(min(xs)):.1f}" y1="{mid}" x2="{sx(max(xs)):.1f}" y2="{mid}" stroke="{col}"/>'
                   f'<rect x="{sx(q1):.1f}" y="{mid - 7}" width="{max(sx(q3) - sx(q1), 1):.1f}" height="14" '
                   f'fill="{col}" fill-opacity="0.15" stroke="{col}"/>'
                   f'<line x1="{sx(med):.1f}" y1="{mid - 7}" x2="{sx(med):.1f}" y2="{mid + 7}" stroke="{col}" '
                   'stroke-width="2.5"/></g>')  # fmt: skip
        out.extend(_mark(p, sx(p.x), mid + 5 * _jitter(p.href), col) for p in by_model[m])
    return f'<figure class="plot">{_svg("strips", title, y0 + BOTTOM, "".join(out))}</figure>'
