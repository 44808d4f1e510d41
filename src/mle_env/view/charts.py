"""Charts as HTML tables with a colour scale, made on the server: a heatmap of scores and a
confusion matrix of error codes (the SVG plots are ``view.plots``). No chart library and no
script: they print, they survive ``--dump-dom``, and they cost a few hundred bytes a table
(docs/viewer.md, "Why these choices")."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from mle_env.leaderboard import NO_PREDICTION, cell, model_label
from mle_env.task import ERROR_CODES


def score_colour(v: float | None) -> str:
    """0 % red through 50 % yellow to 100 % green; no value: no colour."""
    if v is None:
        return ""
    hue = max(0.0, min(100.0, v)) * 1.2
    return f' style="background:hsl({hue:.0f},70%,82%)"'


def count_colour(n: int, most: int, right: bool) -> str:
    if not n or not most:
        return ""
    alpha = 0.15 + 0.75 * n / most
    rgb = "40,160,80" if right else "220,80,60"
    return f' style="background:rgba({rgb},{alpha:.2f})"'


def heatmap(title: str, rows: Sequence[tuple[str, dict[str, float | None]]], columns: Sequence[str],
            css: str = "heatmap") -> str:  # fmt: skip
    """A table of percentages, one row per label, one column per key, each cell coloured by its value."""
    if not rows or not columns:
        return ""
    head = "".join(f"<th>{escape(c)}</th>" for c in columns)
    body = []
    for label, values in rows:
        cells = "".join(f'<td class="num" data-col="{escape(c)}"{score_colour(values.get(c))}>'
                        f"{cell(values.get(c))}</td>" for c in columns)  # fmt: skip
        body.append(f'<tr data-model="{escape(label)}"><th class="rowhead">{escape(label)}</th>{cells}</tr>')
    return (
        f'<h3>{escape(title)}</h3><table class="{css}"><thead><tr><th></th>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def code_order(codes: set[str]) -> list[str]:
    known = [c for c in ERROR_CODES if c in codes]
    return known + sorted(codes - set(known))


def confusion(entry: dict[str, Any]) -> str:
    """Predicted vs true error code for one model: its leaderboard entry's ``confusion``
    (expected → predicted → count, ``leaderboard.confusion``), drawn as a table."""
    cells = {(t, p): n for t, row in (entry.get("confusion") or {}).items() for p, n in row.items()}
    if not cells:
        return ""
    true = code_order({t for t, _ in cells})
    predicted = {p for _, p in cells}
    pred = code_order(predicted - {NO_PREDICTION}) + ([NO_PREDICTION] if NO_PREDICTION in predicted else [])
    most = max(cells.values())
    head = "".join(f"<th>{escape(p)}</th>" for p in pred)
    body = []
    for t in true:
        row = "".join(f'<td class="num" data-true="{escape(t)}" data-pred="{escape(p)}"'
                      f'{count_colour(cells.get((t, p), 0), most, t == p)}>{cells.get((t, p), "")}</td>'
                      for p in pred)  # fmt: skip
        body.append(f'<tr><th class="rowhead">{escape(t)}</th>{row}</tr>')
    right = sum(n for (t, p), n in cells.items() if t == p)
    total = sum(cells.values())
    return (
        f'<figure class="confusion" data-model="{escape(entry["model"])}"><figcaption>{escape(model_label(entry))}: '
        f"{right} of {total} right</figcaption><table><thead><tr><th>true ↓ / predicted →</th>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table></figure>"
    )
