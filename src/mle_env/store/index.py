"""``index.sqlite``: one row per sample of a run, kept current while the run goes.

The result JSON files are the record; the index is how a run is queried (summary,
resume, progress of a run in another terminal) without reading every result. A sample
is written to its result file first and to the index after, so a run killed between
the two is reconciled from the file on resume (``Index.reconcile``).

An index that is not a readable SQLite database (a disk fault, a truncated copy, garbage
written over it) never shows as a traceback. Opened to *read*, it is rebuilt in memory from
``run.json`` and the result files, and a warning says so; the first *write* raises a
``StoreError`` saying how to recover: move the file aside and ``mle-env run --resume``,
which rebuilds it from the result files (``reconcile``) and runs only what is missing.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

from mle_env.errors import StoreError
from mle_env.store.rundir import INDEX, RUN_JSON, planned_samples, read_run, sample_key

__all__ = ["COLUMNS", "INDEX", "TERMINAL", "Index", "row_from_result", "sample_key"]

log = logging.getLogger("mle_env.store")

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
    "percentage": "REAL",  # the rubric's own percentage (the reference's evaluation.percentage)
    "benchmark": "REAL",  # the benchmark score's % of graded points: the leaderboard's headline
    "offline": "REAL",  # the benchmark score's % of all content points (ungraded = not earned)
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
    "node": "TEXT",  # where the sample ran: host and Ray node id (NULL: the driver's own machine)
}
TERMINAL = ("completed", "error")
_CORRUPT = (11, 26)  # SQLITE_CORRUPT, SQLITE_NOTADB (primary result codes)


def _node(node: Any) -> str | None:
    if not isinstance(node, dict):
        return None
    return f"{node.get('host')}/{str(node.get('node_id'))[:12]}"


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
        "node": _node(meta.get("node")),
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
            judge_cost=ev.get("judge_cost"), benchmark=(ev.get("benchmark") or {}).get("percentage"),
            offline=(ev.get("benchmark") or {}).get("offline_percentage"),
        )  # fmt: skip
    return row


def _is_corrupt(e: BaseException) -> bool:
    return isinstance(e, sqlite3.DatabaseError) and (getattr(e, "sqlite_errorcode", 0) & 0xFF) in _CORRUPT


class Index:
    """The run's sample table. One writer (the run); readers may open it any time.

    ``unreadable`` is None, or why the file could not be used (with how to recover): the rows
    then come from the result files, read-only — a write raises ``StoreError``.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.unreadable: str | None = None
        try:
            self.db = _connect(self.path)
        except sqlite3.DatabaseError as e:
            if not _is_corrupt(e):
                raise
            self.unreadable = self._advice(e)
            self.db = self._from_results()
        self._warned = False

    def _advice(self, e: BaseException) -> str:
        root = self.path.parent
        why = " ".join(str(e).split()) or type(e).__name__
        return (f"{self.path.name} in {root} is not a readable SQLite database ({why}); move it aside "
                f"(mv {self.path} {self.path}.broken) and run  mle-env run --resume {root}  — that rebuilds "
                "the index from the result files and runs only the samples that have none")  # fmt: skip

    def _from_results(self) -> sqlite3.Connection:
        """The index rebuilt in memory from ``run.json`` and the result files, or ``StoreError``."""
        assert self.unreadable is not None
        root, why = self.path.parent, self.unreadable
        if self.path.name != INDEX or not (root / RUN_JSON).is_file():
            raise StoreError(why)
        try:
            samples = planned_samples(read_run(root))
        except (KeyError, TypeError, ValueError) as e:  # StoreError is a RunError, not caught here
            raise StoreError(f"{why}; {RUN_JSON} cannot rebuild it either ({type(e).__name__}: {e})") from None
        self.db, self.unreadable, self._warned = _connect(":memory:"), None, True
        try:
            self.plan(samples)
            self.reconcile(root)
        finally:
            self.unreadable = why
        return self.db

    def _sql(self, sql: str, params: Any = (), *, write: bool = False, many: bool = False) -> sqlite3.Cursor:
        """Run one statement; corruption found now is a ``StoreError`` saying how to recover."""
        if self.unreadable is not None:
            if write:
                raise StoreError(self.unreadable)
            if not self._warned:  # said once, on the first read: a writer gets the error alone
                self._warned = True
                log.warning("%s. Showing what the result files hold; to repair the index, move it aside and "
                            "run  mle-env run --resume %s", self.unreadable.split("; move it aside")[0], self.path.parent)  # fmt: skip
        try:
            if many:
                with self.db:
                    return self.db.executemany(sql, params)
            return self.db.execute(sql, params)
        except sqlite3.DatabaseError as e:
            if _is_corrupt(e):
                raise StoreError(self._advice(e)) from None
            raise

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def plan(self, samples: list[dict[str, Any]]) -> None:
        """Add planned samples (``key``, ``task_id``, ``task_file``, ``model``, ``epoch``, ``expected``,
        ``result_path``) as pending; samples already present are left as they are."""
        self._sql(
            "INSERT OR IGNORE INTO samples (key, task_id, task_file, model, epoch, expected, result_path, status,"
            " attempts) VALUES (:key, :task_id, :task_file, :model, :epoch, :expected, :result_path, 'pending', 0)",
            samples, write=True, many=True,
        )  # fmt: skip

    def update(self, key: str, **cols: Any) -> None:
        unknown = set(cols) - set(COLUMNS)
        if unknown:
            raise ValueError(f"unknown index columns {sorted(unknown)}")
        sets = ", ".join(f"{k} = :{k}" for k in cols)
        self._sql(f"UPDATE samples SET {sets} WHERE key = :key", {**cols, "key": key}, write=True)

    def start(self, key: str) -> None:
        self._sql(
            "UPDATE samples SET status = 'running', attempts = attempts + 1, started = ?, finished = NULL WHERE key = ?",
            (datetime.now().isoformat(), key), write=True,
        )  # fmt: skip

    def finish(self, key: str, result: dict[str, Any], seconds: float | None = None) -> dict[str, Any]:
        row = {**dict.fromkeys(("score", "graded_possible", "ungraded_points", "total_possible", "percentage",
                                "benchmark", "offline", "categories", "judge_cost")),
               **row_from_result(result), "finished": datetime.now().isoformat()}  # fmt: skip
        if seconds is not None:
            row["duration"] = seconds
        self.update(key, **row)
        return row

    def rows(self, where: str = "", params: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        sql = "SELECT * FROM samples" + (f" WHERE {where}" if where else "") + " ORDER BY model, task_file, epoch"
        return [dict(r) for r in self._sql(sql, params).fetchall()]

    def get(self, key: str) -> dict[str, Any] | None:
        r = self._sql("SELECT * FROM samples WHERE key = ?", (key,)).fetchone()
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
            except (OSError, ValueError, RecursionError):
                result = None
            if not isinstance(result, dict):
                if row["status"] == "running":
                    self.update(row["key"], status="pending")
                continue
            self.finish(row["key"], result)
            recovered += 1
        return recovered


def _connect(path: Path | str) -> sqlite3.Connection:
    """A connection to a usable index (the table exists, ``quick_check`` passes), or ``sqlite3.DatabaseError``."""
    db = sqlite3.connect(path, isolation_level=None, timeout=30)
    try:
        db.row_factory = sqlite3.Row
        if path != ":memory:":
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
        cols = ", ".join(f"{k} {v}" for k, v in COLUMNS.items())
        db.execute(f"CREATE TABLE IF NOT EXISTS samples ({cols})")
        have = {r[1] for r in db.execute("PRAGMA table_info(samples)").fetchall()}
        for name, kind in COLUMNS.items():  # an index made by an older mle-env: add the new columns
            if name not in have:
                db.execute(f"ALTER TABLE samples ADD COLUMN {name} {kind}")
        check = db.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            e = sqlite3.DatabaseError("quick_check: " + " ".join(str(check).split())[:200])
            e.sqlite_errorcode = 11  # type: ignore[attr-defined]  # SQLITE_CORRUPT
            raise e
    except BaseException:
        db.close()
        raise
    return db
