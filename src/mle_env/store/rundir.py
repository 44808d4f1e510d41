"""The run directory: where each sample's files go, ``run.json`` and ``summary.json``, and
its one writer.

    <run dir>/
      run.json                     the run's full configuration, versions, task hashes, git commit
      run.lock                     held (flock) by the one process writing the run (``claim_run``)
      index.sqlite                 one row per sample (store.index)
      summary.json                 reference-shaped: model, temperature, judge_model, results, timestamp
      leaderboard.json             the leaderboard the run printed (mle-env summary recomputes it)
      [<model>/][epoch-<n>/]       only when the run has several models / epochs
        result_<task file>.json    the reference's result, one per sample
        <task stem>/trajectory.jsonl, <task stem>/response/…
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shlex
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from mle_env.errors import RunBusy, RunError, StoreError
from mle_env.store.files import write_json

RUN_JSON = "run.json"
LOCK = "run.lock"
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


def sample_key(model: str, task_file: str, epoch: int) -> str:
    return f"{model}|{task_file}|{epoch}"


def planned_samples(run: dict[str, Any]) -> list[dict[str, Any]]:
    """Every sample ``run.json`` plans, each as the index holds it (``key``, ``task_id``,
    ``task_file``, ``model``, ``epoch``, ``expected``, ``result_path``). They run in the index's
    order (``Index.rows``: model, task file, epoch), not in this list's."""
    cfg, layout = run["config"], run["layout"]
    out = []
    for epoch in range(1, cfg["epochs"] + 1):
        for t in run["tasks"]:
            for model in cfg["models"]:
                out.append({
                    "key": sample_key(model, t["file"], epoch), "task_id": t["task_id"], "task_file": t["file"],
                    "model": model, "epoch": epoch, "expected": ",".join(t["expected"]),
                    "result_path": result_path(layout, model, epoch, t["file"]),
                })  # fmt: skip
    return out


def read_run(root: Path) -> dict[str, Any]:
    """``run.json``; a file that is not there is the caller's business (``FileNotFoundError``), one
    that cannot be read or parsed a ``StoreError`` saying so."""
    path = root / RUN_JSON
    try:
        run = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise
    except (OSError, ValueError, RecursionError) as e:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        why = e.strerror if isinstance(e, OSError) and e.strerror else str(e) or type(e).__name__
        raise StoreError(f"{RUN_JSON} in {root} cannot be read ({why}); it holds the run's configuration, "
                         "so the run cannot be resumed or summarised without it") from None  # fmt: skip
    if not isinstance(run, dict) or not isinstance(run.get("config"), dict):
        raise StoreError(f"{RUN_JSON} in {root} is not a run's configuration (no 'config' object)")
    return run


def write_run(root: Path, run: dict[str, Any]) -> None:
    """Write ``run.json`` — as the run's one writer (``claim_run``): a second process writing the
    same run is refused before it changes anything."""
    claim_run(root)
    write_json(root / RUN_JSON, run)


def claim_run(root: Path) -> None:
    """Make this process the one writer of the run in ``root``, or raise ``RunBusy`` naming the
    process that is (its pid and command line).

    The claim is an ``flock`` on ``root/run.lock``, kept until this process ends: the kernel
    drops it when the process dies, even by SIGKILL, so a killed run never leaves a stale lock.
    Claiming again from the same process is a no-op, so every writer (``new_run``,
    ``resume_run``, ``write_run``, ``regrade``) may simply claim first. ``mle-env serve`` guards
    its data directory the same way (``server.app.claim``).
    """
    try:
        root.mkdir(parents=True, exist_ok=True)
        fd = os.open(root / LOCK, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as e:
        raise RunError(f"{root}: cannot create {LOCK}: {e.strerror}") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = _holder(fd)
        os.close(fd)  # another description of the file: closing it leaves every flock as it was
        if holder.get("pid") == os.getpid():
            return  # this process claimed the run already (through another descriptor)
        raise RunBusy(f"{root} is in use by another mle-env process ({_describe(holder)}): one process writes a "
                      "run at a time; wait for it to finish, or stop it, then run this again") from None  # fmt: skip
    record = {"pid": os.getpid(), "argv": ["mle-env", *sys.argv[1:]], "since": datetime.now().isoformat(timespec="seconds")}
    os.ftruncate(fd, 0)  # rewritten in place: the flock belongs to this inode, so never replace the file
    os.pwrite(fd, (json.dumps(record) + "\n").encode("utf-8", "backslashreplace"), 0)
    # the descriptor stays open (and the run claimed) for the life of the process


def _holder(fd: int) -> dict[str, Any]:
    try:
        data = json.loads(os.pread(fd, 64 * 1024, 0) or b"{}")
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _describe(holder: dict[str, Any]) -> str:
    pid = holder.get("pid")
    if not isinstance(pid, int):
        return "it has not said which yet"
    argv = holder.get("argv")
    what = f"pid {pid}"
    if isinstance(argv, list) and all(isinstance(a, str) for a in argv):
        what += f", `{shlex.join(argv)}`"
    if isinstance(holder.get("since"), str):
        what += f", since {holder['since']}"
    return what


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
