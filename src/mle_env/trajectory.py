"""The trajectory: one JSON event per line, written as the run goes.

A crash (even SIGKILL) leaves every event written so far readable: each line is written
whole and flushed before the run moves on.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TextIO


class Trajectory:
    """Collects events in memory and, given a path, appends each one to a JSONL file."""

    def __init__(self, path: str | Path | None = None):
        self.events: list[dict[str, Any]] = []
        self.path = Path(path) if path is not None else None
        self._file: TextIO | None = None
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._file = self.path.open("a", encoding="utf-8", errors="backslashreplace")  # names the agent made

    def emit(self, event: str, **payload: Any) -> dict[str, Any]:
        entry = {"time": datetime.now(timezone.utc).isoformat(timespec="milliseconds"), "event": event, **payload}
        self.events.append(entry)
        if self._file is not None:
            self._file.write(json.dumps(entry, ensure_ascii=False, default=str) + "\n")
            self._file.flush()
        return entry

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def __enter__(self) -> Trajectory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
