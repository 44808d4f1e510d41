"""The run directory: where each sample's files go, ``run.json`` and ``summary.json``.

    <run dir>/
      run.json                     the run's full configuration, versions, task hashes, git commit
      index.sqlite                 one row per sample (store.index)
      summary.json                 reference-shaped: model, temperature, judge_model, results, timestamp
      leaderboard.json             the leaderboard the run printed (mle-env summary recomputes it)
      [<model>/][epoch-<n>/]       only when the run has several models / epochs
        result_<task file>.json    the reference's result, one per sample
        <task stem>/trajectory.jsonl, <task stem>/response/…
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from mle_env.store.files import write_json

RUN_JSON = "run.json"
INDEX = "index.sqlite"
SUMMARY = "summary.json"
LEADERBOARD = "leaderboard.json"


def slug(name: str) -> str:
    """A model name as one directory name: ``openai/gpt-4o`` → ``openai_gpt-4o``."""
    s = re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._") or "model"
    return s[:80]


def model_dirs(models: list[str]) -> dict[str, str]:
    """A distinct directory name for each model of a run."""
    out: dict[str, str] = {}
    for m in models:
        base, n = slug(m), 1
        name = base
        while name in out.values():
            n += 1
            name = f"{base}-{n}"
        out[m] = name
    return out


def group_dir(layout: dict[str, Any], model: str, epoch: int) -> str:
    """Where a (model, epoch)'s result files go, relative to the run directory ('' = the run directory)."""
    parts = []
    if layout.get("by_model"):
        parts.append(layout["model_dirs"][model])
    if layout.get("by_epoch"):
        parts.append(f"epoch-{epoch}")
    return "/".join(parts)


def result_path(layout: dict[str, Any], model: str, epoch: int, task_file: str) -> str:
    g = group_dir(layout, model, epoch)
    name = f"result_{Path(task_file).name}"
    return f"{g}/{name}" if g else name


def make_layout(models: list[str], epochs: int) -> dict[str, Any]:
    return {"by_model": len(models) > 1, "by_epoch": epochs > 1, "model_dirs": model_dirs(models)}


def read_run(root: Path) -> dict[str, Any]:
    return json.loads((root / RUN_JSON).read_text(encoding="utf-8"))


def write_run(root: Path, run: dict[str, Any]) -> None:
    write_json(root / RUN_JSON, run)


def write_summary(root: Path, run: dict[str, Any], rows: list[dict[str, Any]], leaderboard: dict[str, Any]) -> None:
    """``summary.json`` in the reference's shape (every finished result, in order) plus the leaderboard.

    With one model ``model`` is its name, as in the reference; with several it is the list.
    """
    results = []
    for row in rows:
        if row["status"] not in ("completed", "error"):
            continue
        try:
            results.append(json.loads((root / row["result_path"]).read_text(encoding="utf-8")))
        except (OSError, ValueError):
            continue
    models = run["config"]["models"]
    summary = {
        "model": models[0] if len(models) == 1 else models,
        "temperature": run["config"].get("temperature"),
        "judge_model": run["config"].get("judge_model"),
        "results": results,
        "timestamp": leaderboard.get("generated"),
        "run_id": run.get("run_id"),
        "leaderboard": leaderboard,
    }
    write_json(root / SUMMARY, summary)
    write_json(root / LEADERBOARD, leaderboard)
