"""Batches: every (task, model, epoch) sample of a run, many at once, each in its own sandbox.

A run lives in one directory (``store.rundir``). ``new_run`` writes its ``run.json`` and plans
its samples in ``index.sqlite``; ``resume_run`` checks that a resumed run still means the same
thing (models, task contents, sampling settings) and reconciles what a killed run left;
``execute`` runs the samples not yet finished with bounded concurrency. A sample's result
file is written atomically before its index row, so a run killed at any moment keeps every
finished sample and a resume never runs one twice. One process writes a run at a time:
``new_run`` and ``resume_run`` claim its directory first (``store.rundir.claim_run``), so a
second ``run --resume`` of a run still going is refused before it touches anything.
"""

from __future__ import annotations

import asyncio
import fnmatch
import hashlib
import importlib.metadata
import logging
import os
import platform
import sqlite3
import subprocess
import time
from collections.abc import Awaitable, Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from mle_env.errors import RunError
from mle_env.runner.sample import run_sample
from mle_env.store.index import Index
from mle_env.store.rundir import (
    INDEX,
    RUN_JSON,
    claim_run,
    group_dir,
    make_layout,
    planned_samples,
    read_run,
    write_run,
)
from mle_env.task import ERROR_CODES, Task, load_task

log = logging.getLogger(__name__)

# What a sample means: a resumed run must agree on these (execution settings may change).
IDENTITY = ("models", "epochs", "temperature", "judge_model", "judge_samples", "evaluate", "llm", "limits")
RERUN = ("pending", "running", "cancelled", "skipped")  # plus error rows of class infra
PACKAGES = ("mle-env", "litellm", "numpy", "pandas", "scikit-learn", "scipy", "pydantic")


def task_entries(paths: list[Path], filters: list[str] | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    """The run's tasks: each file's path, id, content hash and expected codes; filtered and limited."""
    stems: dict[str, Path] = {}
    entries = []
    for p in paths:
        if p.stem in stems:
            raise RunError(f"{p} and {stems[p.stem]} would write the same result_{p.name}; rename one")
        stems[p.stem] = p
        task = load_task(p)  # every task file is checked before anything runs
        expected = list(task.ext.expected_error_types) if task.mle_env else []
        entries.append({"file": str(p), "abs": str(p.resolve()), "task_id": task.task_id,
                        "sha256": hashlib.sha256(p.read_bytes()).hexdigest(), "expected": expected})  # fmt: skip
    if filters:
        entries = [e for e in entries if any(_matches(e, f) for f in filters)]
        if not entries:
            raise RunError(f"--filter {' '.join(filters)} matches no task")
    return entries[:limit] if limit else entries


def _matches(entry: dict[str, Any], pattern: str) -> bool:
    if pattern.upper() in ERROR_CODES:
        return pattern.upper() in entry["expected"]
    return fnmatch.fnmatchcase(entry["task_id"], pattern) or fnmatch.fnmatchcase(Path(entry["file"]).stem, pattern)


def _versions() -> dict[str, str | None]:
    out: dict[str, str | None] = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            out[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            out[name] = None
    return out


def _git_commit() -> dict[str, Any] | None:
    src = Path(__file__).resolve().parents[3]
    try:
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=src, capture_output=True, text=True, timeout=5)
        if head.returncode != 0:
            return None
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=src,
                               capture_output=True, text=True, timeout=5)  # fmt: skip
        return {"commit": head.stdout.strip(), "dirty": bool(dirty.stdout.strip())}
    except (OSError, subprocess.SubprocessError):
        return None


def new_run(root: Path, config: dict[str, Any], tasks: list[dict[str, Any]], execution: dict[str, Any]) -> dict[str, Any]:
    """Create the run directory, ``run.json`` and the planned samples; refuses a directory holding a run."""
    claim_run(root)
    if (root / RUN_JSON).exists():
        raise RunError(f"{root} already holds a run; continue it with --resume {root}, or choose another --output-dir")
    now = datetime.now()
    run = {
        "run_id": root.name,
        "created": now.isoformat(timespec="seconds"),
        "config": config,
        "execution": execution,
        "tasks": tasks,
        "layout": make_layout(config["models"], config["epochs"]),
        "versions": _versions(),
        "git": _git_commit(),
        "host": {"platform": platform.platform(), "cpus": os.cpu_count()},
        "sessions": [],
    }
    root.mkdir(parents=True, exist_ok=True)
    write_run(root, run)
    with Index(root / INDEX) as index:
        index.plan(planned_samples(run))
    return run


def resume_run(root: Path, asked: dict[str, Any], execution: dict[str, Any]) -> dict[str, Any]:
    """Load a run to continue it. ``asked`` holds only the identity settings given on this command line."""
    if not (root / RUN_JSON).is_file():
        raise RunError(f"--resume {root}: no {RUN_JSON} there (not a run directory)")
    claim_run(root)  # before anything is read: a run still going would be reconciled under its feet
    run = read_run(root)
    cfg = run["config"]
    diffs = [f"{k}: the run has {cfg.get(k)!r}, this command asks {v!r}" for k, v in asked.items()
             if k in IDENTITY and cfg.get(k) != v]  # fmt: skip
    diffs += task_changes(run)
    if diffs:
        raise RunError("cannot resume: that would change what the run's samples mean\n  " + "\n  ".join(diffs))
    run["execution"] = {**run.get("execution", {}), **execution}
    with Index(root / INDEX) as index:
        index.plan(planned_samples(run))  # a run killed while planning
        index.reconcile(root)
    write_run(root, run)
    return run


def task_changes(run: dict[str, Any]) -> list[str]:
    """How the run's task files differ from what the run used (gone, or content changed)."""
    diffs = []
    for t in run["tasks"]:
        path = Path(t["abs"]) if Path(t["abs"]).is_file() else Path(t["file"])
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            diffs.append(f"task {t['file']}: the file is gone")
            continue
        if digest != t["sha256"]:
            diffs.append(f"task {t['file']}: its content changed since the run started")
    return diffs


def todo(index: Index) -> list[dict[str, Any]]:
    """Samples still to run: never started, interrupted, skipped, or failed for infrastructure reasons."""
    rows = index.rows()
    return [r for r in rows if r["status"] in RERUN or (r["status"] == "error" and r["error_class"] == "infra")]


def load_tasks(run: dict[str, Any]) -> dict[str, Task]:
    return {t["file"]: load_task(Path(t["abs"]) if Path(t["abs"]).is_file() else Path(t["file"])) for t in run["tasks"]}


AgentFactory = Callable[[str, int, float | None], Any]  # (model, epoch, remaining budget) -> agent
SampleRunner = Callable[[dict[str, Any], Path, "float | None"], Awaitable[dict[str, Any]]]
"""(index row, the sample's group directory, run budget left) -> the result record, once its
result file and response files are written under the group directory. The local one runs the
sample here; the Ray executor's runs it on a worker node and writes what comes back."""


async def execute(
    root: Path,
    run: dict[str, Any],
    samples: list[dict[str, Any]],
    *,
    make_agent: AgentFactory,
    sandbox: Any,
    judge: Any,
    progress: Any,
    concurrency: int = 1,
    max_cost: float | None = None,
    run_one: SampleRunner | None = None,
) -> None:
    """Run ``samples`` (index rows), at most ``concurrency`` at a time, recording each as it ends.

    ``run_one`` runs one sample (default: here, with ``make_agent``'s agent in ``sandbox``).
    Cancelled (Ctrl-C): running samples are cancelled, their sandboxes torn down by their own
    context managers, their rows marked ``cancelled``; then the cancellation propagates.
    """
    tasks = load_tasks(run)
    cfg = run["config"]

    async def here(s: dict[str, Any], out_dir: Path, budget_left: float | None) -> dict[str, Any]:
        agent = make_agent(s["model"], s["epoch"], budget_left)
        return await run_sample(
            tasks[s["task_file"]], s["task_file"], agent, sandbox=sandbox, out_dir=out_dir,
            temperature=cfg.get("temperature"), evaluate=cfg["evaluate"], judge=judge,
        )  # fmt: skip

    run_one = run_one or here
    index = Index(root / INDEX)
    spent = sum((r["cost"] or 0) + (r["judge_cost"] or 0) for r in index.rows())
    sem = asyncio.Semaphore(max(1, concurrency))

    async def one(s: dict[str, Any]) -> None:
        nonlocal spent
        key = s["key"]
        async with sem:
            if max_cost is not None and spent >= max_cost:
                index.update(key, status="skipped", error=f"run budget --max-cost {max_cost} reached")
                progress.skipped(s)
                return
            index.start(key)
            progress.started(s)
            out_dir = root / group_dir(run["layout"], s["model"], s["epoch"])
            t0 = time.monotonic()
            try:
                result = await run_one(s, out_dir, None if max_cost is None else max_cost - spent)
            except asyncio.CancelledError:
                index.update(key, status="cancelled", finished=datetime.now().isoformat())
                progress.cancelled(s)
                raise
            except Exception as e:  # the harness itself failed on this sample (disk full, a bug): infra
                index.update(key, status="error", error_class="infra", error=f"{type(e).__name__}: {e}",
                             finished=datetime.now().isoformat())  # fmt: skip
                progress.finished(s, index.get(key))
                return
            try:
                row = index.finish(key, result, seconds=round(time.monotonic() - t0, 3))
            except (sqlite3.Error, OSError) as e:  # host disk full, say: the result file is written, the batch goes on
                log.warning("could not index %s (%s); `mle-env run --resume` reconciles it from its result file", key, e)
                return
            spent += (row.get("cost") or 0) + (row.get("judge_cost") or 0)
            progress.finished(s, row)

    jobs = [asyncio.create_task(one(s)) for s in samples]
    try:
        await asyncio.gather(*jobs)
    except BaseException:
        for j in jobs:
            if not j.done() and not j.cancelling():  # a cancelled gather has cancelled them already
                j.cancel()
        await asyncio.gather(*jobs, return_exceptions=True)
        raise
    finally:
        index.close()
