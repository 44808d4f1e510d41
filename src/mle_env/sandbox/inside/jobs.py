"""What the exec server keeps per running call: its captured output, its process and deadlines
(runs inside the sandbox, stdlib only)."""

from __future__ import annotations

import os
import signal


class Capture:
    """Keeps the first and last ``cap // 2`` bytes of a stream and counts the rest."""

    def __init__(self, cap: int):
        self.half = max(cap // 2, 1)
        self.head = bytearray()
        self.tail = bytearray()
        self.total = 0

    def add(self, data: bytes) -> None:
        self.total += len(data)
        room = self.half - len(self.head)
        if room > 0:
            self.head += data[:room]
            data = data[room:]
        if data:
            self.tail += data
            if len(self.tail) > self.half:
                del self.tail[: len(self.tail) - self.half]

    def text(self) -> str:
        cut = self.total - len(self.head) - len(self.tail)
        body = bytes(self.head)
        if cut > 0:
            body += f"\n[... {cut:,} bytes cut ...]\n".encode()
        return (body + bytes(self.tail)).decode("utf-8", errors="replace")


class Job:
    """One running exec request."""

    def __init__(self, rid: object, pid: int, start: float, deadline: float, capture: int):
        self.id, self.pid, self.start, self.deadline = rid, pid, start, deadline
        self.out, self.err = Capture(capture), Capture(capture)
        self.fds: list[int] = []
        self.pidfd: int | None = None
        self.status: int | None = None
        self.timed_out = self.too_much = False
        self.grace_until: float | None = None


def oom_score_adj(value: int) -> None:
    try:
        with open("/proc/self/oom_score_adj", "w") as f:
            f.write(str(value))
    except OSError:
        pass


def kill_group(pgid: int) -> None:
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
