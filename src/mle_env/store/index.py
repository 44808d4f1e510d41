"""``index.sqlite``: one row per sample of a run, kept current while the run goes.

The result JSON files are the record; the index is how a run is queried (summary,
resume, progress of a run in another terminal) without reading every result. A sample
is written to its result file first and to the index after, so a run killed between
the two is reconciled from the file on resume (``Index.reconcile``).
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

COLUMNS = {
    "key": "TEXT PRIMARY KEY",  # model|task_file|epoch
    "task_id": "TEXT",
    "task_file": "TEXT",
    "model": "TEXT",
    "epoch": "INTEGER",
    "status": "TEXT",  # pending | running | completed | error | cancelled | skipped
    "error_class": "TEXT",  # infra | model | grader, or NULL
    "agent_status": "TEXT",  # the agent's own end: final_answer, max_turns, max_tokens, …
    "expected": "TEXT",  # the task's expected error codes, comma-separated
    "score": "REAL",
    "graded_possible": "INTEGER",
    "ungraded_points": "INTEGER",
    "total_possible": "INTEGER",
    "percentage": "REAL",
    "categories": "TEXT",  # JSON {category: {earned, graded}} over graded criteria
    "turns": "INTEGER",
    "tool_calls": "INTEGER",
    "prompt_tokens": "INTEGER",
    "completion_tokens": "INTEGER",
    "total_tokens": "INTEGER",
    "cost": "REAL",
    "judge_cost": "REAL",
    "duration": "REAL",  # the sample's wall time: agent, sandbox and grading
    "agent_seconds": "REAL",  # the agent's part of it
    "result_path": "TEXT",  # relative to the run directory
    "attempts": "INTEGER",
    "started": "TEXT",
    "finished": "TEXT",
    "error": "TEXT",
}
TERMINAL = ("completed", "error")


def sample_key(model: str, task_file: str, epoch: int) -> str:
    return f"{model}|{task_file}|{epoch}"


def row_from_result(result: dict[str, Any]) -> dict[str, Any]:
    """The index columns a result JSON determines."""
    meta = result.get("metadata") or {}
    ev = result.get("evaluation") or {}
    usage = meta.get("usage") or {}
    error_class = meta.get("error_class") or ev.get("error_class")
    row: dict[str, Any] = {
        "status": "error" if error_class else "completed",
        "error_class": error_class,
        "agent_status": meta.get("status"),
        "turns": meta.get("turns"),
        "tool_calls": meta.get("tool_calls"),
        "prompt_tokens": usage.get("prompt_tokens"),
        "completion_tokens": usage.get("completion_tokens"),
        "total_tokens": usage.get("total_tokens"),
        "cost": meta.get("cost"),
        "agent_seconds": meta.get("duration_seconds"),
        "duration": meta.get("duration_seconds"),
        "error": "; ".join(meta.get("errors") or [])[:2000] if meta.get("status") == "error" else ev.get("error"),
    }
    if "score" in ev:
        cats: dict[str, dict[str, int]] = {}
        for r in ev.get("results", []):
            if r.get("passed") is None:
                continue
            c = cats.setdefault(r.get("category", "other"), {"earned": 0, "graded": 0})
            c["graded"] += max(r["points"], 0)
            c["earned"] += r["points"] if r["passed"] else 0
        row.update(
            score=ev["score"], graded_possible=ev.get("graded_possible"), ungraded_points=ev.get("ungraded_points"),
            total_possible=ev.get("total_possible"), percentage=ev.get("percentage"), categories=json.dumps(cats),
            judge_cost=ev.get("judge_cost"),
        )  # fmt: skip
    return row


class Index:
    """The run's sample table. One writer (the run); readers may open it any time."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        cols = ", ".join(f"{k} {v}" for k, v in COLUMNS.items())
        self.db.execute(f"CREATE TABLE IF NOT EXISTS samples ({cols})")

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def plan(self, samples: list[dict[str, Any]]) -> None:
        """Add planned samples (``key``, ``task_id``, ``task_file``, ``model``, ``epoch``, ``expected``,
        ``result_path``) as pending; samples already present are left as they are."""
        with self.db:
            self.db.executemany(
                "INSERT OR IGNORE INTO samples (key, task_id, task_file, model, epoch, expected, result_path, status,"
                " attempts) VALUES (:key, :task_id, :task_file, :model, :epoch, :expected, :result_path, 'pending', 0)",
                samples,
            )

    def update(self, key: str, **cols: Any) -> None:
        unknown = set(cols) - set(COLUMNS)
        if unknown:
            raise ValueError(f"unknown index columns {sorted(unknown)}")
        sets = ", ".join(f"{k} = :{k}" for k in cols)
        self.db.execute(f"UPDATE samples SET {sets} WHERE key = :key", {**cols, "key": key})

    def start(self, key: str) -> None:
        self.db.execute(
            "UPDATE samples SET status = 'running', attempts = attempts + 1, started = ?, finished = NULL WHERE key = ?",
            (datetime.now().isoformat(), key),
        )

    def finish(self, key: str, result: dict[str, Any], seconds: float | None = None) -> dict[str, Any]:
        row = {**dict.fromkeys(("score", "graded_possible", "ungraded_points", "total_possible", "percentage",
                                "categories", "judge_cost")),
               **row_from_result(result), "finished": datetime.now().isoformat()}  # fmt: skip
        if seconds is not None:
            row["duration"] = seconds
        self.update(key, **row)
        return row

    def rows(self, where: str = "", params: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        sql = "SELECT * FROM samples" + (f" WHERE {where}" if where else "") + " ORDER BY model, task_file, epoch"
        return [dict(r) for r in self.db.execute(sql, params)]

    def get(self, key: str) -> dict[str, Any] | None:
        r = self.db.execute("SELECT * FROM samples WHERE key = ?", (key,)).fetchone()
        return dict(r) if r else None

    def reconcile(self, root: Path) -> int:
        """Rows a killed run left ``running``/``pending`` whose result file was written: take it from the file.

        Rows still unfinished after that (no result file) are reset to ``pending``. Returns the
        number of rows recovered from files.
        """
        recovered = 0
        for row in self.rows("status NOT IN ('completed', 'error')"):
            path = root / row["result_path"]
            try:
                result = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                if row["status"] == "running":
                    self.update(row["key"], status="pending")
                continue
            self.finish(row["key"], result)
            recovered += 1
        return recovered
