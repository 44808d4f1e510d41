"""A run directory as the report and the viewer read it: ``run.json``, the index rows, the
leaderboard, and each sample's result, trajectory, response files and task.

Reads only, never writes (DESIGN.md, "Views read, never write"). The leaderboard is
``leaderboard.compute`` over the index rows, the very call ``mle-env summary`` makes, so the
numbers on the page are the numbers of ``summary --format json``. Everything an agent wrote
(trajectory outputs, ``report.json``, ``revised_code.py``) is read size-capped, never through a
link, and parsed depth-safe; the renderer escapes it.
"""

from __future__ import annotations

import hashlib
import json
import shlex
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mle_env.errors import RunError
from mle_env.leaderboard import compute, predicted_code, sample_file
from mle_env.store.files import loads_bounded, read_regular
from mle_env.store.index import Index
from mle_env.store.rundir import INDEX, RUN_JSON, read_run

MAX_TRAJECTORY = 20 * 1024 * 1024
MAX_RESPONSE = 2 * 1024 * 1024
MAX_TASK = 64 * 1024 * 1024
LIVE = ("pending", "running")


@dataclass
class Sample:
    """One (task, model, epoch): its index row and whatever of its files exist yet."""

    row: dict[str, Any]
    result: dict[str, Any] | None = None
    events: list[dict[str, Any]] = field(default_factory=list)
    report_text: str | None = None
    report: Any = None
    """``response/report.json`` parsed, or None when missing or not JSON (``report_text`` keeps the text)."""
    revised: str | None = None
    original: tuple[str, str] | None = None
    """The task's entry file (workspace path, text) that ``revised_code.py`` replaces."""
    task: dict[str, Any] | None = None

    @property
    def predicted(self) -> str | None:
        """The error code the agent's ``report.json`` names (``error_type``), or None."""
        return predicted_code(self.report)

    @property
    def difficulty(self) -> str | None:
        ext = (self.task or {}).get("mle_env") or {}
        return ext.get("difficulty") if isinstance(ext.get("difficulty"), str) else None

    @property
    def status(self) -> str:
        """One of completed, limit, model error, infra, grader, or the row's own status (pending, running, …)."""
        r = self.row
        if r.get("error_class"):
            return {"model": "model error", "infra": "infra", "grader": "grader"}.get(
                r["error_class"], r["error_class"]
            )
        if r["status"] == "completed":
            agent = r.get("agent_status") or ""
            return "limit" if agent.startswith("max_") else "completed"
        return r["status"]


@dataclass
class RunData:
    root: Path
    run: dict[str, Any]
    rows: list[dict[str, Any]]
    leaderboard: dict[str, Any]
    samples: list[Sample]
    warning: str | None = None

    @property
    def live(self) -> bool:
        """Samples still to run or running: a served page keeps refreshing."""
        return any(r["status"] in LIVE for r in self.rows)


def load_run(path: str | Path) -> RunData:
    """A run directory, read as ``mle-env summary`` reads it, with every sample's files."""
    root = Path(path)
    if not (root / RUN_JSON).is_file() or not (root / INDEX).is_file():
        raise RunError(f"{root}: not a run directory (no {RUN_JSON} and {INDEX})")
    run = read_run(root)
    with Index(root / INDEX) as index:
        rows = index.rows()
        warning = index.unreadable
    tasks = {t["file"]: _task(t) for t in run.get("tasks", [])}
    samples = [_sample(root, row, tasks.get(row["task_file"])) for row in rows]
    predicted = {s.row["key"]: s.predicted for s in samples}  # as summary's read_predicted reads them
    return RunData(root, run, rows, compute(run, rows, predicted=predicted), samples, warning)


def _task(entry: dict[str, Any]) -> dict[str, Any] | None:
    """The task JSON the run used: its recorded absolute path, else its path as given; None when
    gone or changed since the run (its sha256 differs), so nothing shown is from another task."""
    for p in (entry.get("abs"), entry.get("file")):
        if not p:
            continue
        data = read_regular(Path(p), MAX_TASK)
        if data is None:
            continue
        if entry.get("sha256") and hashlib.sha256(data).hexdigest() != entry["sha256"]:
            return None
        try:
            task = json.loads(data)
        except ValueError:
            return None
        return task if isinstance(task, dict) else None
    return None


def _inside(root: Path, rel: str) -> Path | None:
    p = (root / rel).resolve()
    return p if p.is_relative_to(root.resolve()) else None


def _text(path: Path | None, cap: int) -> str | None:
    if path is None:
        return None
    data = read_regular(path, cap)
    return None if data is None else data.decode("utf-8", "replace")


def _sample(root: Path, row: dict[str, Any], task: dict[str, Any] | None) -> Sample:
    s = Sample(row=row, task=task)
    result_file = _inside(root, row["result_path"]) if row.get("result_path") else None
    text = _text(result_file, MAX_TRAJECTORY)
    if text:
        try:
            s.result = json.loads(text)
        except ValueError:
            s.result = None
    traj = _text(_inside(root, sample_file(row, "trajectory.jsonl")), MAX_TRAJECTORY)
    if traj is not None:
        s.events = _events(traj)
    elif s.result and isinstance(s.result.get("trace"), list):
        s.events = [e for e in s.result["trace"] if isinstance(e, dict)]
    s.report_text = _text(_inside(root, sample_file(row, "response/report.json")), MAX_RESPONSE)
    if s.report_text is not None:
        try:
            s.report = loads_bounded(s.report_text)
        except ValueError:
            s.report = None
    s.revised = _text(_inside(root, sample_file(row, "response/revised_code.py")), MAX_RESPONSE)
    s.original = entry_file(task) if task else None
    return s


def _events(text: str) -> list[dict[str, Any]]:
    out = []
    for line in text.splitlines():
        if not line.strip():
            continue
        try:
            e = loads_bounded(line)
        except ValueError:
            out.append({"event": "unreadable", "text": line[:2000]})
            continue
        if isinstance(e, dict):
            out.append(e)
    return out


def entry_file(task: dict[str, Any]) -> tuple[str, str] | None:
    """The file ``revised_code.py`` stands for: the ``.py`` script of the task's ``entrypoint``,
    else the first bug location's file, else the task's only ``.py`` file."""
    files = task.get("task_files")
    if not isinstance(files, dict):
        return None
    raw = task.get("mle_env")
    ext: dict[str, Any] = raw if isinstance(raw, dict) else {}
    candidates: list[str] = []
    try:
        candidates += [w for w in shlex.split(str(ext.get("entrypoint") or "")) if w.endswith(".py")]
    except ValueError:
        pass
    candidates += [b["file"] for b in ext.get("bug_locations") or [] if isinstance(b, dict) and "file" in b]
    py = [p for p in files if p.endswith(".py")]
    if len(py) == 1:
        candidates.append(py[0])
    for c in candidates:
        c = c.removeprefix("./")
        if isinstance(files.get(c), str) and not files[c].startswith("data:"):
            return c, files[c]
    return None
