"""The report: one self-contained HTML document over one or more runs — a run page each
(leaderboard, heatmaps, confusion matrices, the filterable samples table), a page per sample
(``view.sample``), and the ``compare`` table when there are two runs.

The leaderboard's numbers are ``leaderboard.compute``'s (``view.data``), shown with the
formatting of ``mle-env summary``. Nothing in the document is fetched: CSS, script and charts
are inline, and every link is a ``#fragment``.
"""

from __future__ import annotations

from datetime import datetime
from html import escape
from typing import Any

from mle_env.grading.rubric import CATEGORIES
from mle_env.leaderboard import cell, compare, headline, model_label, scored
from mle_env.view.assets import CSS, JS
from mle_env.view.charts import code_order, confusion, heatmap
from mle_env.view.data import RunData, Sample
from mle_env.view.plots import Point, legend, scatter, strips
from mle_env.view.sample import highlight_css, page

STATUSES = ("completed", "limit", "model error", "infra", "grader", "running", "pending", "cancelled", "skipped")


def leaderboard_table(lb: dict[str, Any]) -> str:
    epochs = lb["epochs"] > 1
    head = (["model", "tasks", "score %", "95% CI"] + (["± se"] if epochs else [])
            + ["offline %", "rubric %", "infra", "model err", "grader", "tokens", "cost $", "time s"])  # fmt: skip
    rows = []
    for m in lb["models"]:
        ci = m["ci95"]
        cells = ([f"{m['scored']}/{m['samples']}", cell(m["mean"]),
                  "-" if ci is None else f"{ci[0]:.1f}–{ci[1]:.1f}"]
                 + ([cell(m.get("stderr"))] if epochs else [])
                 + [cell(m.get("mean_offline")), cell(m.get("mean_rubric")), str(m["errors"]["infra"]),
                    str(m["errors"]["model"]), str(m["errors"]["grader"]), f"{m['tokens']:,}", cell(m["cost"], 4),
                    cell(m["sample_seconds"])])  # fmt: skip
        data = (f'data-model="{escape(m["model"])}" data-mean="{m["mean"]}" '
                f'data-ci="{"" if ci is None else f"{ci[0]},{ci[1]}"}" data-scored="{m["scored"]}" '
                f'data-samples="{m["samples"]}"')  # fmt: skip
        cls = ' class="lb floor"' if m.get("floor") else ' class="lb"'
        rows.append(f"<tr{cls} {data}><th>{escape(model_label(m))}</th>"
                    + "".join(f'<td class="num">{c}</td>' for c in cells) + "</tr>")  # fmt: skip
    note = ("score % = the benchmark score over graded points, mean over tasks; 95 % CI = percentile bootstrap "
            "over tasks; infra and grader errors are left out of the means; (floor) rows are reference "
            "strategies, not ranked (docs/runs.md, docs/grading.md). The same numbers as "
            "<code>mle-env summary --format json</code>.")  # fmt: skip
    return (
        f'<table class="leaderboard"><thead><tr>{"".join(f"<th>{h}</th>" for h in head)}</tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table><p class="note">{note}</p>'
    )


def _options(name: str, label: str, values: list[str]) -> str:
    opts = "".join(f'<option value="{escape(v)}">{escape(v)}</option>' for v in values)
    return f'<label>{label} <select data-filter="{name}"><option value="">all</option>{opts}</select></label>'


def _score(s: Sample) -> str:
    r = s.row
    v = r.get("benchmark") if r.get("benchmark") is not None else r.get("percentage")
    return cell(v)


def _data(s: Sample) -> dict[str, str]:
    """What the filters match a sample on (its table row and its plot points carry the same)."""
    r = s.row
    return {"model": r["model"], "code": r.get("expected") or "?", "difficulty": s.difficulty or "?",
            "status": s.status}  # fmt: skip


def plots(run: RunData, rid: str) -> str:
    """Score against cost and tokens, and turns and wall time per model: one point per sample."""
    models = run.run["config"]["models"]
    labels = {m["model"]: model_label(m) for m in run.leaderboard["models"]}

    def points(x: str) -> list[Point]:
        out = []
        for i, s in enumerate(run.samples):
            r = s.row
            if r.get(x) is None or r["status"] not in ("completed", "error"):
                continue
            score = headline(r) if scored(r) else None
            tip = (f"{r['task_id']} · {labels.get(r['model'], r['model'])} · epoch {r['epoch']}: "
                   f"score {cell(score)} %, {r.get('total_tokens') or 0:,} tokens, cost {cell(r.get('cost'), 4)} $, "
                   f"turns {cell(r.get('turns'))}, {cell(r.get('duration'))} s · {s.status}")  # fmt: skip
            out.append(Point(r["model"], float(r[x]), score, f"{rid}-s{i}", tip, _data(s)))
        return out

    cost, tokens, turns, secs = points("cost"), points("total_tokens"), points("turns"), points("duration")
    scatters = (scatter("Score % against cost", "cost per sample, $", cost, models)
                or '<p class="meta">No sample has a cost (agents without an LLM, or prices unknown).</p>')
    scatters += scatter("Score % against tokens", "tokens per sample (prompt + completion)", tokens, models)
    spread = (strips("Turns per sample", "turns", turns, models, labels, whole=True)
              + strips("Wall time per sample", "seconds", secs, models, labels))  # fmt: skip
    if not (cost or tokens or turns or secs):
        return ""
    return (f"<h3>Score against cost and tokens · turns and wall time</h3>{legend(models, labels)}"
            f'<div class="plots">{scatters}{spread}</div><p class="note">One point per finished sample (hover: '
            "its numbers; click: its page); the filters above hide points as they hide rows. Boxes: 25th–75th "
            "percentile, median, whiskers to min and max, over all of a model's finished samples.</p>")  # fmt: skip


def samples_table(run: RunData, rid: str) -> str:
    rows = []
    for i, s in enumerate(run.samples):
        r = s.row
        codes = r.get("expected") or "?"
        st = s.status
        data = "".join(f' data-{k}="{escape(v)}"' for k, v in _data(s).items())
        rows.append(
            f'<tr class="sample-row"{data}>'
            f'<td><a href="#{rid}-s{i}">{escape(r["task_id"])}</a></td><td>{escape(r["model"])}</td>'
            f'<td class="num">{r["epoch"]}</td><td>{escape(codes)}</td><td>{escape(s.predicted or "-")}</td>'
            f'<td>{escape(s.difficulty or "?")}</td>'
            f'<td><span class="badge st-{st.replace(" ", "-")}">{escape(st)}</span></td>'
            f'<td class="num">{_score(s)}</td><td class="num">{cell(r.get("percentage"))}</td>'
            f'<td class="num">{cell(r.get("turns"))}</td><td class="num">{r.get("total_tokens") or 0:,}</td>'
            f'<td class="num">{cell(r.get("cost"), 4)}</td>'
            f'<td class="num">{cell(r.get("duration"))}</td></tr>')  # fmt: skip
    models = run.run["config"]["models"]
    codes = code_order({c for s in run.samples for c in (s.row.get("expected") or "?").split(",")})
    diffs = [d for d in ("easy", "medium", "hard", "?") if any((s.difficulty or "?") == d for s in run.samples)]
    statuses = [x for x in STATUSES if any(s.status == x for s in run.samples)]
    filters = (f'<div class="filters">{_options("model", "model", models)}{_options("code", "error code", codes)}'
               f'{_options("difficulty", "difficulty", diffs)}{_options("status", "status", statuses)}'
               f'<span class="meta"><span class="shown">{len(rows)}</span> of {len(rows)} shown</span>'
               "</div>")  # fmt: skip
    head = ["task", "model", "epoch", "expected", "predicted", "difficulty", "status", "score %", "rubric %", "turns",
            "tokens", "cost $", "time s"]  # fmt: skip
    return (
        filters + plots(run, rid) + f'<table class="samples"><thead><tr>{"".join(f"<th>{h}</th>" for h in head)}'
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def run_page(run: RunData, rid: str) -> str:
    lb = run.leaderboard
    cfg = run.run["config"]
    counts: dict[str, int] = {}
    for s in run.samples:
        counts[s.status] = counts.get(s.status, 0) + 1
    progress = " · ".join(f"{n} {k}" for k, n in counts.items())
    meta = (f"<b>{lb['tasks']}</b> task(s) × <b>{lb['epochs']}</b> epoch(s) × <b>{len(cfg['models'])}</b> model(s) · "
            f"judge {escape(str(lb.get('judge_model') or 'none'))} · "
            f"created {escape(str(run.run.get('created', '?')))} · "
            f"{escape(progress)}" + (" · <b>still running</b>" if run.live else ""))  # fmt: skip
    warn = f'<p class="warn">{escape(run.warning)}</p>' if run.warning else ""
    models = lb["models"]
    codes = [c for c in code_order({c for m in models for c in m["per_code"]})]
    cats = [c for c in CATEGORIES if any(c in m["per_category"] for m in models)]
    matrices = "".join(confusion(m) for m in models)
    pass_k = ""
    if any("pass_at_k" in m for m in models):
        ks = sorted({k for m in models for k in m.get("pass_at_k", {})}, key=int)
        pass_k = heatmap(f"pass@k (a sample passes at ≥ {lb['pass_threshold']:g} %), × 100",
                         [(model_label(m), {f"pass@{k}": 100 * m["pass_at_k"][k] for k in m.get("pass_at_k", {})})
                          for m in models], [f"pass@{k}" for k in ks])  # fmt: skip
    return (f'<section class="runpage" id="{rid}"><h1>Run {escape(str(run.run.get("run_id") or run.root.name))}</h1>'
            f'<p class="meta">{meta}</p><p class="meta">{escape(str(run.root))}</p>{warn}'
            f"<h2>Leaderboard</h2>{leaderboard_table(lb)}"
            + heatmap("Mean score % by expected error code × model",
                      [(model_label(m), m["per_code"]) for m in models], codes)
            + heatmap("Rubric category: % of graded points earned (penalties: mean points deducted per sample)",
                      [(model_label(m), m["per_category"]) for m in models], cats, "categories")
            + pass_k
            + "<h2>Predicted vs true error code</h2><p class=\"note\">Finished samples, infra and grader failures left "
            "out (as <code>confusion</code> in <code>mle-env summary --format json</code>); predicted = "
            "<code>error_type</code> in the agent's response/report.json, (none) when it wrote none.</p>"
            f'<div class="confusions">{matrices}</div>'
            f"<h2>Samples</h2>{samples_table(run, rid)}</section>")  # fmt: skip


def compare_page(a: RunData, b: RunData) -> str:
    c = compare(a.rows, b.rows)
    rows = []
    for r in c["rows"]:
        d = r["delta"]
        cls = "" if d is None or d == 0 else ' class="v-passed"' if d > 0 else ' class="v-failed"'
        rows.append(f"<tr><td>{escape(r['task_id'])}</td><td>{escape(r['model'] or '')}</td><td class=\"num\">"
                    f"{cell(r['a'])}</td><td class=\"num\">{cell(r['b'])}</td><td class=\"num\"{cls}>"
                    f"{'-' if d is None else f'{d:+.1f}'}</td></tr>")  # fmt: skip
    return (f'<section class="runpage" id="compare"><h1>Compare: {escape(a.root.name)} (A) → '
            f"{escape(b.root.name)} (B)</h1>"
            f"<p>B better on {c['better']}, worse on {c['worse']}, same on {c['same']}; mean Δ {cell(c['mean_delta'])} "
            "points (as <code>mle-env compare</code>)</p><table><thead><tr><th>task</th><th>model</th><th>A %</th>"
            f"<th>B %</th><th>Δ</th></tr></thead><tbody>{''.join(rows)}</tbody></table></section>")  # fmt: skip


def render(runs: list[RunData], *, live_reload: bool = False) -> str:
    """The whole document. ``live_reload``: the served view of a run still going reloads itself."""
    nav = " ".join(f'<a href="#r{i}">{escape(str(r.run.get("run_id") or r.root.name))}</a>' for i, r in enumerate(runs))
    if len(runs) == 2:
        nav += ' <a href="#compare">compare</a>'
    body = []
    for i, run in enumerate(runs):
        body.append(run_page(run, f"r{i}"))
        for j, s in enumerate(run.samples):
            body.append(page(s, f"r{i}-s{j}", f"r{i}", _score(s)))
    if len(runs) == 2:
        body.insert(1, compare_page(runs[0], runs[1]))
    live = ' data-live="1"' if live_reload and any(r.live for r in runs) else ""
    made = datetime.now().isoformat(timespec="seconds")
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>mle-env report</title><style>{CSS}{highlight_css()}</style></head><body{live}>"
            f'<header class="top"><b>mle-env</b><nav>{nav}</nav><span class="meta">made {made}'
            f"{' · refreshes while the run goes' if live else ''}</span></header><main>{''.join(body)}</main>"
            f"<script>{JS}</script></body></html>\n")  # fmt: skip
