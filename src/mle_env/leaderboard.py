"""The leaderboard of a run (per model: mean score, 95 % bootstrap CI, per code, per category,
errors, tokens, cost, time; pass@k over epochs) and the per-task comparison of two runs.

Works from ``index.sqlite`` rows alone, except the predicted-vs-true error code counts
(``confusion``), which need each sample's ``response/report.json`` (``read_predicted``; the
report view reads them the same way). A sample counts towards a model's mean when it was
graded and did not fail for infrastructure or grader reasons: an ``infra``/``grader``
error says nothing about the model, a ``model`` error (its sandbox killed from inside,
say) is scored like any other answer.

Floor strategies (``constant:CODE``, ``shotgun[:CODE]``; ``mle-env run --floors``) are reference
rows: listed under the ranked models, marked ``(floor)``, never ranked among them.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np

from mle_env.agents.floors import is_floor
from mle_env.grading.rubric import CATEGORIES
from mle_env.store.files import loads_bounded, read_regular
from mle_env.task import ERROR_CODES

CATEGORY_ORDER = CATEGORIES
BOOTSTRAP = 2000


def scored(row: dict[str, Any]) -> bool:
    return (row["status"] in ("completed", "error") and row.get("percentage") is not None
            and row.get("error_class") not in ("infra", "grader"))  # fmt: skip


def bootstrap_ci(values: list[float], n: int = BOOTSTRAP, seed: int = 0) -> list[float] | None:
    """95 % percentile bootstrap interval of the mean (resampling tasks), or None below two values."""
    if len(values) < 2:
        return None
    x = np.asarray(values, dtype=float)
    means = np.random.default_rng(seed).choice(x, size=(n, len(x)), replace=True).mean(axis=1)
    return [round(float(np.percentile(means, 2.5)), 2), round(float(np.percentile(means, 97.5)), 2)]


def pass_at_k(n: int, c: int, k: int) -> float:
    """The unbiased pass@k estimate from n samples of which c passed."""
    if n - c < k:
        return 1.0
    return 1.0 - math.comb(n - c, k) / math.comb(n, k)


def headline(row: dict[str, Any]) -> float:
    """A sample's headline score: the benchmark score's % of graded points (docs/grading.md);
    the rubric's own percentage for results graded before the benchmark score existed."""
    return row["benchmark"] if row.get("benchmark") is not None else row["percentage"]


def _task_mean(rows: list[dict[str, Any]], value: Callable[[dict[str, Any]], float | None]) -> float | None:
    """Mean over tasks of each task's mean ``value`` (samples without one left out)."""
    by_task: dict[str, list[float]] = {}
    for r in rows:
        v = value(r)
        if v is not None:
            by_task.setdefault(r["task_file"], []).append(v)
    means = [sum(v) / len(v) for v in by_task.values()]
    return round(sum(means) / len(means), 2) if means else None


def _model_entry(model: str, rows: list[dict[str, Any]], epochs: int, threshold: float | None) -> dict[str, Any]:
    ok = [r for r in rows if scored(r)]
    by_task: dict[str, list[float]] = {}
    for r in ok:
        by_task.setdefault(r["task_file"], []).append(headline(r))
    task_means = [sum(v) / len(v) for v in by_task.values()]
    entry: dict[str, Any] = {
        "model": model,
        "floor": is_floor(model),
        "samples": len(rows),
        "scored": len(ok),
        "tasks": len(by_task),
        "mean": round(sum(task_means) / len(task_means), 2) if task_means else None,
        "ci95": bootstrap_ci(task_means),
        "mean_offline": _task_mean(ok, lambda r: r.get("offline")),
        "mean_rubric": _task_mean(ok, lambda r: r["percentage"]),
        "errors": {c: sum(r.get("error_class") == c for r in rows) for c in ("infra", "model", "grader")},
        "unfinished": sum(r["status"] not in ("completed", "error") for r in rows),
        "tokens": sum(r.get("total_tokens") or 0 for r in rows),
        "cost": _cost(rows),
        "sample_seconds": round(sum(r.get("duration") or 0 for r in rows), 1),
    }
    if epochs > 1:
        per_epoch = []
        for e in range(1, epochs + 1):
            vals = [headline(r) for r in ok if r["epoch"] == e]
            if vals:
                per_epoch.append(sum(vals) / len(vals))
        entry["epoch_means"] = [round(v, 2) for v in per_epoch]
        entry["stderr"] = (round(float(np.std(per_epoch, ddof=1)) / math.sqrt(len(per_epoch)), 2)
                           if len(per_epoch) > 1 else None)  # fmt: skip
    if threshold is not None and by_task:
        n_min = min(len(v) for v in by_task.values())
        entry["pass_at_k"] = {
            str(k): round(sum(pass_at_k(len(v), sum(x >= threshold for x in v), k) for v in by_task.values())
                          / len(by_task), 4)
            for k in range(1, n_min + 1)
        }  # fmt: skip
    codes: dict[str, list[float]] = {}
    for task_file, vals in by_task.items():
        expected = next(r["expected"] for r in ok if r["task_file"] == task_file) or "?"
        for code in expected.split(","):
            codes.setdefault(code, []).append(sum(vals) / len(vals))
    entry["per_code"] = {c: round(sum(v) / len(v), 2) for c in [*ERROR_CODES, "?"] if (v := codes.get(c))}
    cats: dict[str, dict[str, int]] = {}
    for r in ok:
        for cat, v in json.loads(r.get("categories") or "{}").items():
            c = cats.setdefault(cat, {"earned": 0, "graded": 0})
            c["earned"] += v["earned"]
            c["graded"] += v["graded"]
    entry["per_category"] = {
        cat: (round(100 * v["earned"] / v["graded"], 2) if v["graded"] else None) if cat != "penalties"
        else round(v["earned"] / max(len(ok), 1), 2)  # penalties: mean points deducted per sample
        for cat in CATEGORY_ORDER if (v := cats.get(cat))
    }  # fmt: skip
    return entry


def _cost(rows: list[dict[str, Any]]) -> float | None:
    known = [(r.get("cost") or 0) + (r.get("judge_cost") or 0) for r in rows
             if r.get("cost") is not None or r.get("judge_cost") is not None]  # fmt: skip
    return round(sum(known), 6) if known else None


def compute(run: dict[str, Any], rows: list[dict[str, Any]], pass_threshold: float | None = None,
            predicted: Mapping[str, str | None] | None = None) -> dict[str, Any]:  # fmt: skip
    """The leaderboard. With ``predicted`` (sample key → the code its report.json names, as
    ``read_predicted`` reads them) each model also gets ``confusion``: expected → predicted → count."""
    cfg = run["config"]
    threshold = pass_threshold if pass_threshold is not None else cfg.get("pass_threshold")
    models = [_model_entry(m, [r for r in rows if r["model"] == m], cfg["epochs"], threshold) for m in cfg["models"]]
    if predicted is not None:
        for m in models:
            m["confusion"] = confusion((r["expected"], predicted.get(r["key"])) for r in rows
                                       if r["model"] == m["model"] and in_confusion(r))  # fmt: skip
    return {
        "run_id": run.get("run_id"),
        "generated": datetime.now().isoformat(timespec="seconds"),
        "epochs": cfg["epochs"],
        "tasks": len(run["tasks"]),
        "judge_model": cfg.get("judge_model"),
        "pass_threshold": threshold,
        "wall_seconds": round(sum(s.get("seconds") or 0 for s in run.get("sessions", [])), 1),
        # the ranked models by mean, then the floors (reference rows, not ranked among them)
        "models": sorted(models, key=lambda m: (m["floor"], -1 if m["mean"] is None else -m["mean"])),
    }


# ---------------------------------------------------------------- predicted vs true error code

MAX_REPORT = 2 * 1024 * 1024
NO_PREDICTION = "(none)"


def predicted_code(report: Any) -> str | None:
    """The error code an agent's parsed ``response/report.json`` names (``error_type``), or None."""
    if isinstance(report, dict) and isinstance(report.get("error_type"), str):
        return report["error_type"].strip()[:60] or None
    return None


def sample_file(row: dict[str, Any], name: str) -> str:
    """A sample's file (``trajectory.jsonl``, ``response/report.json``), relative to the run directory:
    in ``<task stem>/`` beside the sample's result file."""
    return str(Path(row.get("result_path") or "x").parent / Path(row["task_file"]).stem / name)


def read_predicted(root: str | Path, rows: list[dict[str, Any]]) -> dict[str, str | None]:
    """Sample key → the code each sample's ``response/report.json`` names (None: no file, not JSON, no
    ``error_type``). Read size-capped, never through a link or outside the run directory."""
    base = Path(root).resolve()
    out: dict[str, str | None] = {}
    for r in rows:
        path = (base / sample_file(r, "response/report.json")).resolve()
        data = read_regular(path, MAX_REPORT) if path.is_relative_to(base) else None
        try:
            out[r["key"]] = predicted_code(loads_bounded(data.decode("utf-8", "replace"))) if data else None
        except ValueError:
            out[r["key"]] = None
    return out


def in_confusion(row: dict[str, Any]) -> bool:
    """A finished sample that did not fail for infrastructure or grader reasons (graded or not)."""
    return row["status"] in ("completed", "error") and row.get("error_class") not in ("infra", "grader")


def confusion(pairs: Iterable[tuple[str | None, str | None]]) -> dict[str, dict[str, int]]:
    """Expected → predicted → count over ``pairs`` of (the task's expected codes, comma-joined as
    the index holds them; the predicted code or None). A prediction among a task's expected codes
    counts on that code's row, a wrong one on the row of the task's first code; no prediction is
    ``(none)``."""
    out: dict[str, dict[str, int]] = {}
    for expected, predicted in pairs:
        codes = [c for c in (expected or "").split(",") if c] or ["?"]
        p = predicted or NO_PREDICTION
        t = p if p in codes else codes[0]
        out.setdefault(t, {})
        out[t][p] = out[t].get(p, 0) + 1
    return out


# ---------------------------------------------------------------- rendering


def cell(v: Any, nd: int = 1) -> str:
    """A number as the tables print it (``-`` for none)."""
    if v is None:
        return "-"
    return f"{v:.{nd}f}" if isinstance(v, float) else str(v)


def model_label(m: dict[str, Any]) -> str:
    """A leaderboard row's model name, ``(floor)`` marked."""
    return f"{m['model']} (floor)" if m.get("floor") else m["model"]


def _tables(lb: dict[str, Any]) -> list[tuple[str, list[str], list[list[str]]]]:
    epochs = lb["epochs"] > 1
    head = ["model", "tasks", "score %", "95% CI"] + (["± se"] if epochs else []) + ["offline %", "rubric %", "infra",
                                                                                     "model err", "grader", "tokens",
                                                                                     "cost $", "time s"]  # fmt: skip
    main = []
    for m in lb["models"]:
        ci = "-" if m["ci95"] is None else f"{m['ci95'][0]:.1f}–{m['ci95'][1]:.1f}"
        main.append([model_label(m), f"{m['scored']}/{m['samples']}", cell(m["mean"]), ci]
                    + ([cell(m.get("stderr"))] if epochs else [])
                    + [cell(m.get("mean_offline")), cell(m.get("mean_rubric"))]
                    + [str(m["errors"]["infra"]), str(m["errors"]["model"]), str(m["errors"]["grader"]),
                       f"{m['tokens']:,}", cell(m["cost"], 4), cell(m["sample_seconds"])])  # fmt: skip
    out = [("Leaderboard", head, main)]
    codes = [c for c in [*ERROR_CODES, "?"] if any(c in m["per_code"] for m in lb["models"])]
    if codes:
        out.append(("Mean score % by expected error code", ["model", *codes],
                    [[model_label(m), *(cell(m["per_code"].get(c)) for c in codes)] for m in lb["models"]]))
    cats = [c for c in CATEGORY_ORDER if any(c in m["per_category"] for m in lb["models"])]
    if cats:
        out.append(("Rubric category: % of graded points earned (penalties: mean points per sample)",
                    ["model", *cats], [[model_label(m), *(cell(m["per_category"].get(c)) for c in cats)] for m in lb["models"]]))
    if any("pass_at_k" in m for m in lb["models"]):
        ks = sorted({k for m in lb["models"] for k in m.get("pass_at_k", {})}, key=int)
        out.append((f"pass@k (a sample passes at ≥ {lb['pass_threshold']:g}%)", ["model", *(f"pass@{k}" for k in ks)],
                    [[model_label(m), *(cell(m.get("pass_at_k", {}).get(k), 3) for k in ks)] for m in lb["models"]]))
    return out


def _text_table(head: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(head, *rows)]
    fmt = lambda r: "  ".join(str(x).ljust(w) if i == 0 else str(x).rjust(w) for i, (x, w) in enumerate(zip(r, widths)))  # noqa: E731
    return "\n".join([fmt(head), "  ".join("-" * w for w in widths), *map(fmt, rows)])


def render(lb: dict[str, Any], fmt: str = "table") -> str:
    if fmt == "json":
        return json.dumps(lb, indent=2)
    tables = _tables(lb)
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        for m in lb["models"]:
            if buf.tell() == 0:
                w.writerow(["model", "samples", "scored", "mean", "ci95_low", "ci95_high", "stderr", "mean_offline", "mean_rubric", "infra_errors",
                            "model_errors", "grader_errors", "tokens", "cost", "sample_seconds",
                            *(f"code_{c}" for c in ERROR_CODES), *(f"category_{c.replace(' ', '_')}" for c in CATEGORY_ORDER),
                            "floor"])
            ci = m["ci95"] or [None, None]
            w.writerow([m["model"], m["samples"], m["scored"], m["mean"], ci[0], ci[1], m.get("stderr"),
                        m.get("mean_offline"), m.get("mean_rubric"),
                        m["errors"]["infra"], m["errors"]["model"], m["errors"]["grader"], m["tokens"], m["cost"],
                        m["sample_seconds"], *(m["per_code"].get(c) for c in ERROR_CODES),
                        *(m["per_category"].get(c) for c in CATEGORY_ORDER), m.get("floor", False)])  # fmt: skip
        return buf.getvalue()
    if fmt == "markdown":
        parts = []
        for title, head, rows in tables:
            parts.append(f"### {title}\n\n| " + " | ".join(head) + " |\n|" + "---|" * len(head) + "\n"
                         + "\n".join("| " + " | ".join(r) + " |" for r in rows))  # fmt: skip
        return "\n\n".join(parts) + "\n"
    parts = [f"{title}\n{_text_table(head, rows)}" for title, head, rows in tables]
    note = (f"{lb['tasks']} task(s) × {lb['epochs']} epoch(s); run wall time {cell(lb.get('wall_seconds'))} s; "
            "score % = the benchmark score (localization and fix points only with the right error code, "
            "deliverables a gate, see docs/grading.md) over graded points, mean over tasks; offline % = the same "
            "over all points, ungraded counted as not earned; rubric % = the rubric's plain sum over graded "
            "points (the reference's percentage); infra and grader errors are excluded from the means; "
            "time s = the samples' summed wall time")
    if not lb.get("judge_model"):
        note += "; no judge: criteria only an LLM can decide are ungraded"
    if any(m.get("floor") for m in lb["models"]):
        note += ("; (floor) rows are reference strategies that answer the same on every task (docs/grading.md, "
                 "Floors), listed under the ranked models, not ranked among them")
    return "\n\n".join(parts) + f"\n\n{note}\n"


# ---------------------------------------------------------------- compare


def compare(rows_a: list[dict[str, Any]], rows_b: list[dict[str, Any]]) -> dict[str, Any]:
    """Per task (and model, when the runs share models) mean score in A and in B."""
    models_a, models_b = {r["model"] for r in rows_a}, {r["model"] for r in rows_b}
    by_model = bool(models_a & models_b)

    def means(rows: list[dict[str, Any]]) -> dict[tuple[str, str], float | None]:
        acc: dict[tuple[str, str], list[float]] = {}
        for r in rows:
            k = (r["task_id"], r["model"] if by_model else "")
            acc.setdefault(k, [])
            if scored(r):
                acc[k].append(headline(r))
        return {k: (sum(v) / len(v) if v else None) for k, v in acc.items()}

    a, b = means(rows_a), means(rows_b)
    rows = []
    for k in sorted(set(a) | set(b)):
        va, vb = a.get(k), b.get(k)
        delta = None if va is None or vb is None else round(vb - va, 2)
        rows.append({"task_id": k[0], "model": k[1] or None, "a": va, "b": vb, "delta": delta})
    deltas = [r["delta"] for r in rows if r["delta"] is not None]
    return {
        "models_a": sorted(models_a), "models_b": sorted(models_b), "rows": rows,
        "better": sum(d > 0 for d in deltas), "worse": sum(d < 0 for d in deltas), "same": sum(d == 0 for d in deltas),
        "mean_delta": round(sum(deltas) / len(deltas), 2) if deltas else None,
    }  # fmt: skip


def render_compare(c: dict[str, Any], fmt: str = "table") -> str:
    if fmt == "json":
        return json.dumps(c, indent=2)
    head = ["task", *(["model"] if any(r["model"] for r in c["rows"]) else []), "A %", "B %", "Δ"]
    rows = [[r["task_id"], *([r["model"]] if len(head) == 5 else []), cell(r["a"]), cell(r["b"]),
             "-" if r["delta"] is None else f"{r['delta']:+.1f}"] for r in c["rows"]]  # fmt: skip
    if fmt == "markdown":
        table = "| " + " | ".join(head) + " |\n|" + "---|" * len(head) + "\n" + "\n".join("| " + " | ".join(r) + " |" for r in rows)
    elif fmt == "csv":
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows([head, *rows])
        return buf.getvalue()
    else:
        table = _text_table(head, rows)
    return (f"A: {', '.join(c['models_a'])}   B: {', '.join(c['models_b'])}\n{table}\n\n"
            f"B better on {c['better']}, worse on {c['worse']}, same on {c['same']}; mean Δ {cell(c['mean_delta'])} points\n")
