"""``episodes.sqlite``: the served environment's ended episodes, so a trainer can read one back.

One row per episode that ended on the server: graded (``completed``, or a limit such as
``max_turns``), closed by its client unfinished (``closed``), reaped after idling
(``timed_out``), or cut short by the server stopping (``interrupted``). A graded row keeps the
reward, its breakdown, the cost and the episode's record (a sample's result: answer, metadata,
trace, evaluation); an ungraded one keeps why it ended. Rows older than the server's
``job_ttl`` are deleted.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from mle_env.store.jobs import iso, open_db

SCHEMA = """
CREATE TABLE IF NOT EXISTS episodes (
    id TEXT PRIMARY KEY,
    label TEXT,                    -- the client's own episode_id, if it gave one
    transport TEXT NOT NULL,       -- ws | http
    task_id TEXT,
    status TEXT NOT NULL,          -- completed | max_turns | max_time | ... | error | closed | timed_out | interrupted
    reward REAL,                   -- the step rewards summed (terminal reward plus shaping); NULL if not graded
    steps INTEGER NOT NULL,
    outcome TEXT,                  -- {status, answer, reward{...breakdown}, evaluation, cost} (JSON)
    record TEXT,                   -- the episode as a sample's result (JSON)
    reason TEXT,                   -- why an ungraded episode ended
    started REAL NOT NULL,
    finished REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS episodes_finished ON episodes(finished);
"""


class EpisodeStore:
    """The episodes table; safe to share between the event loop and threads (one connection, a lock)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._db, self._lock = open_db(self.path, SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def add(self, episode_id: str, *, transport: str, status: str, steps: int, started: float,
            label: str | None = None, task_id: str | None = None, reward: float | None = None,
            outcome: dict[str, Any] | None = None, record: dict[str, Any] | None = None,
            reason: str | None = None) -> None:  # fmt: skip
        """Record an ended episode (``started``: wall-clock seconds, ``time.time()``)."""
        dump = lambda v: None if v is None else json.dumps(v, default=str)  # noqa: E731
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO episodes (id, label, transport, task_id, status, reward, steps, outcome,"
                " record, reason, started, finished) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (episode_id, label, transport, task_id, status, reward, steps, dump(outcome), dump(record), reason,
                 started, time.time()),
            )  # fmt: skip

    def get(self, episode_id: str) -> dict[str, Any] | None:
        with self._lock:
            row = self._db.execute("SELECT * FROM episodes WHERE id=?", (episode_id,)).fetchone()
        if row is None:
            return None
        return {
            "episode_id": row["id"],
            "label": row["label"],
            "transport": row["transport"],
            "task_id": row["task_id"],
            "status": row["status"],
            "reward": row["reward"],
            "steps": row["steps"],
            "reason": row["reason"],
            "started_at": iso(row["started"]),
            "finished_at": iso(row["finished"]),
            "outcome": json.loads(row["outcome"]) if row["outcome"] else None,
            "record": json.loads(row["record"]) if row["record"] else None,
        }

    def count(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM episodes").fetchone()[0])

    def expire(self, ttl: float) -> int:
        """Delete episodes that ended more than ``ttl`` seconds ago; how many."""
        with self._lock:
            return self._db.execute("DELETE FROM episodes WHERE finished < ?", (time.time() - ttl,)).rowcount
