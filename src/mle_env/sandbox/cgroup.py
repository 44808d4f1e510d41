"""A memory and pids cgroup per sandbox, where one can be made (best effort).

RLIMIT_AS bounds each process, not their sum: 8 processes × 4 GiB could still exhaust the
host. Where the harness may create cgroups (root, with cgroup v1 ``memory``/``pids``
hierarchies or a writable cgroup v2 tree), each sandbox gets one with a total memory cap
and a pids cap, and the sandbox's first process joins it before it execs, so everything
it starts is inside. Elsewhere the per-process limits are what there is.
"""

from __future__ import annotations

import logging
import os
import secrets
import signal
import time
from pathlib import Path

log = logging.getLogger(__name__)
ROOT = Path("/sys/fs/cgroup")


class Cgroup:
    """One sandbox's cgroup directories (one per v1 controller, or one v2 directory)."""

    def __init__(self, dirs: list[Path]):
        self.dirs = dirs

    @classmethod
    def create(cls, memory_bytes: int, pids: int) -> Cgroup | None:
        """A new cgroup with these caps, or None where none can be made here."""
        if os.geteuid() != 0 or not ROOT.is_dir():
            return None
        name = f"mle-env-{os.getpid()}-{secrets.token_hex(4)}"
        _sweep_stale()
        try:
            if (ROOT / "memory" / "memory.limit_in_bytes").exists():
                return cls._v1(name, memory_bytes, pids)
            if (ROOT / "cgroup.controllers").exists():
                return cls._v2(name, memory_bytes, pids)
        except OSError as e:
            log.debug("no cgroup for the sandbox: %s", e)
        return None

    @classmethod
    def _v1(cls, name: str, memory_bytes: int, pids: int) -> Cgroup:
        mem = ROOT / "memory" / name
        mem.mkdir()
        made = cls([mem])
        try:
            (mem / "memory.limit_in_bytes").write_text(str(memory_bytes))
            swap = mem / "memory.memsw.limit_in_bytes"
            if swap.exists():
                swap.write_text(str(memory_bytes))
            if (ROOT / "pids").is_dir():
                pid_dir = ROOT / "pids" / name
                pid_dir.mkdir()
                made.dirs.append(pid_dir)
                (pid_dir / "pids.max").write_text(str(pids))
        except OSError:
            made.remove()
            raise
        return made

    @classmethod
    def _v2(cls, name: str, memory_bytes: int, pids: int) -> Cgroup:
        line = next(x for x in Path("/proc/self/cgroup").read_text().splitlines() if x.startswith("0::"))
        parent = ROOT / line[3:].lstrip("/")
        controllers = (parent / "cgroup.subtree_control").read_text().split()
        if "memory" not in controllers:
            raise OSError("the memory controller is not delegated to this cgroup")
        d = parent / name
        d.mkdir()
        made = cls([d])
        try:
            (d / "memory.max").write_text(str(memory_bytes))
            (d / "memory.swap.max").write_text("0") if (d / "memory.swap.max").exists() else None
            (d / "pids.max").write_text(str(pids)) if "pids" in controllers else None
        except OSError:
            made.remove()
            raise
        return made

    def oom_kills(self) -> int:
        """How many processes the kernel has killed in this cgroup for lack of memory."""
        for d in self.dirs:
            for name in ("memory.events", "memory.oom_control"):
                try:
                    for line in (d / name).read_text().splitlines():
                        key, _, value = line.partition(" ")
                        if key == "oom_kill":
                            return int(value)
                except OSError:
                    continue
        return 0

    def wrap(self, argv: list[str]) -> list[str]:
        """``argv``, made to join this cgroup before it execs (so all it starts is inside)."""
        joins = "; ".join(f"echo $$ > {d / 'cgroup.procs'}" for d in self.dirs)
        return ["/bin/sh", "-c", f'{joins} && exec "$@"', "mle-env-cgroup", *argv]

    def remove(self) -> None:
        """Kill whatever is still inside, then remove the directories."""
        for d in self.dirs:
            kill = d / "cgroup.kill"
            try:
                if kill.exists():
                    kill.write_text("1")
                else:
                    for pid in (d / "cgroup.procs").read_text().split():
                        try:
                            os.kill(int(pid), signal.SIGKILL)
                        except ProcessLookupError:
                            pass
            except OSError:
                pass
        for d in self.dirs:
            for _ in range(50):
                try:
                    d.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError:  # busy until the killed processes are gone
                    time.sleep(0.01)


_swept = False


def _sweep_stale() -> None:
    """Remove cgroups left by harness processes that were killed (once per process)."""
    global _swept
    if _swept:
        return
    _swept = True
    for parent in (ROOT / "memory", ROOT / "pids", ROOT):
        try:
            names = [p for p in parent.iterdir() if p.name.startswith("mle-env-")]
        except OSError:
            continue
        for d in names:
            pid = d.name.split("-")[2]
            if pid.isdigit() and not Path(f"/proc/{pid}").exists():
                Cgroup([d]).remove()
