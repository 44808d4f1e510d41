"""``jobs.sqlite``: the HTTP API's jobs, so a restart (or a crash) loses none of them.

One row per job, written before the job is acknowledged: a client that got a job id
can always ask for it again. The row moves ``queued`` → ``running`` →
``completed`` | ``failed``; a job that was ``running`` when its server died is found at
the next start and marked failed with reason ``interrupted`` (or queued again, if the
server is configured so). Webhook deliveries are recorded on their job as they happen.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,          -- submission order
    kind TEXT NOT NULL,            -- async | sync
    status TEXT NOT NULL,          -- queued | running | completed | failed | cancelled
    reason TEXT,                   -- why it failed: infra, grader, interrupted, timeout, invalid, error
    error TEXT,
    task_id TEXT,
    model TEXT,
    request TEXT NOT NULL,         -- the request as received (JSON)
    result TEXT,                   -- the reference-shaped result (JSON)
    callback_url TEXT,
    webhook TEXT,                  -- {status, attempts[], delivery_id, reason} (JSON)
    created REAL NOT NULL,
    started REAL,
    finished REAL,
    attempts INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS jobs_status ON jobs(status, seq);
CREATE INDEX IF NOT EXISTS jobs_finished ON jobs(finished);
"""
FINISHED = ("completed", "failed", "cancelled")
STATUSES = ("queued", "running", *FINISHED)


def iso(t: float | None) -> str | None:
    return None if t is None else datetime.fromtimestamp(t, UTC).isoformat(timespec="milliseconds")


def open_db(path: Path, schema: str) -> tuple[sqlite3.Connection, threading.Lock]:
    """A SQLite file (made with its directory) in WAL mode with ``schema`` applied, shared
    between the event loop and threads: one connection, autocommit, rows as ``sqlite3.Row``,
    and the lock that serialises its use."""
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=30)
    db.row_factory = sqlite3.Row
    lock = threading.Lock()
    with lock:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")  # WAL: a commit survives a killed process
        db.executescript(schema)
    return db, lock


class JobStore:
    """The jobs table. Safe to share between the event loop and worker threads (one connection, a lock)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._db, self._lock = open_db(self.path, SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _exec(self, sql: str, args: tuple = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._db.execute(sql, args).fetchall()

    # ------------------------------------------------------------ writes
    def create(self, request: dict[str, Any], *, kind: str, task_id: str, model: str, callback_url: str | None,
               status: str = "queued") -> str:  # fmt: skip
        job_id = uuid.uuid4().hex
        now = time.time()
        with self._lock:
            self._db.execute(
                "INSERT INTO jobs (id, seq, kind, status, task_id, model, request, callback_url, created, started,"
                " webhook) VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM jobs), ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (job_id, kind, status, task_id, model, json.dumps(request), callback_url, now,
                 now if status == "running" else None,
                 json.dumps({"status": "pending", "attempts": []}) if callback_url else None),
            )  # fmt: skip
        return job_id

    def start(self, job_id: str) -> bool:
        """queued → running; False if the job is not queued (expired, or taken)."""
        with self._lock:
            cur = self._db.execute(
                "UPDATE jobs SET status='running', started=?, attempts=attempts+1 WHERE id=? AND status='queued'",
                (time.time(), job_id),
            )
            return cur.rowcount == 1

    def finish(self, job_id: str, status: str, *, result: dict | None = None, reason: str | None = None,
               error: str | None = None) -> None:  # fmt: skip
        assert status in FINISHED
        self._exec(
            "UPDATE jobs SET status=?, result=?, reason=?, error=?, finished=? WHERE id=?",
            (status, None if result is None else json.dumps(result, default=str), reason, error, time.time(), job_id),
        )

    def cancel_queued(self, job_id: str) -> bool:
        """queued → cancelled; False if it is not queued (any more)."""
        with self._lock:
            cur = self._db.execute(
                "UPDATE jobs SET status='cancelled', reason='cancelled', error='cancelled on request', finished=? "
                "WHERE id=? AND status='queued'",
                (time.time(), job_id),
            )
            return cur.rowcount == 1

    def delete(self, job_id: str) -> bool:
        """Forget a finished job; False if it is unknown or still queued or running."""
        with self._lock:
            cur = self._db.execute(
                f"DELETE FROM jobs WHERE id=? AND status IN ({','.join('?' * len(FINISHED))})", (job_id, *FINISHED)
            )
            return cur.rowcount == 1

    def set_webhook(self, job_id: str, webhook: dict[str, Any]) -> None:
        self._exec("UPDATE jobs SET webhook=? WHERE id=?", (json.dumps(webhook), job_id))

    def recover(self, requeue: bool) -> tuple[int, int]:
        """After a start (and at a stop): jobs left ``running`` by a dead server are failed
        (``interrupted``) or queued again; sync jobs, whose callers are gone, always fail.
        Returns the async jobs (interrupted, requeued)."""
        with self._lock:
            # a sync job's caller is gone with the server: never run it again for nobody
            self._db.execute(
                "UPDATE jobs SET status='failed', reason='interrupted', finished=?, "
                "error='the server stopped before this job finished' WHERE kind='sync' AND status IN ('queued','running')",
                (time.time(),),
            )
            if requeue:
                n = self._db.execute("UPDATE jobs SET status='queued', started=NULL WHERE status='running'").rowcount
                return 0, n
            n = self._db.execute(
                "UPDATE jobs SET status='failed', reason='interrupted', finished=?, "
                "error='the server stopped while this job was running' WHERE status='running'",
                (time.time(),),
            ).rowcount
            return n, 0

    def expire(self, ttl: float) -> list[str]:
        """Delete jobs finished more than ``ttl`` seconds ago; return their ids."""
        cutoff = time.time() - ttl
        with self._lock:
            ids = [r[0] for r in self._db.execute("SELECT id FROM jobs WHERE finished IS NOT NULL AND finished < ?", (cutoff,))]
            self._db.executemany("DELETE FROM jobs WHERE id=?", [(i,) for i in ids])
        return ids

    # ------------------------------------------------------------ reads
    def get(self, job_id: str) -> dict[str, Any] | None:
        rows = self._exec("SELECT * FROM jobs WHERE id=?", (job_id,))
        return _doc(rows[0], full=True) if rows else None

    def queued(self) -> list[str]:
        return [r["id"] for r in self._exec("SELECT id FROM jobs WHERE status='queued' ORDER BY seq")]

    def pending_webhooks(self) -> list[str]:
        """Finished jobs whose webhook was never delivered nor given up on (the server died meanwhile)."""
        rows = self._exec(
            "SELECT id FROM jobs WHERE status IN ('completed','failed','cancelled') AND callback_url IS NOT NULL "
            "AND json_extract(webhook, '$.status') IN ('pending','delivering') ORDER BY seq"
        )
        return [r["id"] for r in rows]

    def request(self, job_id: str) -> dict[str, Any] | None:
        rows = self._exec("SELECT request FROM jobs WHERE id=?", (job_id,))
        return json.loads(rows[0]["request"]) if rows else None

    def page(self, *, status: str | None, limit: int, offset: int) -> tuple[list[dict[str, Any]], int]:
        where, args = ("WHERE status=?", (status,)) if status else ("", ())
        total = self._exec(f"SELECT COUNT(*) FROM jobs {where}", args)[0][0]
        rows = self._exec(f"SELECT * FROM jobs {where} ORDER BY seq DESC LIMIT ? OFFSET ?", (*args, limit, offset))
        return [_doc(r, full=False) for r in rows], total

    def counts(self) -> dict[str, int]:
        got = {r["status"]: r["n"] for r in self._exec("SELECT status, COUNT(*) AS n FROM jobs GROUP BY status")}
        return {s: got.get(s, 0) for s in STATUSES}


def _doc(row: sqlite3.Row, *, full: bool) -> dict[str, Any]:
    """A job as the API shows it. ``full`` adds the result."""
    result = json.loads(row["result"]) if row["result"] else None
    doc: dict[str, Any] = {
        "job_id": row["id"],
        "status": row["status"],
        "kind": row["kind"],
        "task_id": row["task_id"],
        "model": row["model"],
        "created_at": iso(row["created"]),
        "started_at": iso(row["started"]),
        "finished_at": iso(row["finished"]),
        "reason": row["reason"],
        "error": row["error"],
        "callback_url": row["callback_url"],
        "webhook": json.loads(row["webhook"]) if row["webhook"] else None,
    }
    if result is not None:
        ev = result.get("evaluation") or {}
        doc["score"] = ev.get("score")
        doc["percentage"] = ev.get("percentage")
    if full:
        doc["metadata"] = (json.loads(row["request"]).get("metadata")) or {}
        doc["result"] = result
    return doc
