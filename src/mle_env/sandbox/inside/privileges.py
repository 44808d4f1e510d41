"""The exec server's privileges: the capabilities it may hold before its drop, and its rlimits
(runs inside the sandbox, stdlib only)."""

from __future__ import annotations

import resource
import sys

RLIMITS = {
    "as": resource.RLIMIT_AS,
    "nproc": resource.RLIMIT_NPROC,
    "fsize": resource.RLIMIT_FSIZE,
    "nofile": resource.RLIMIT_NOFILE,
    "core": resource.RLIMIT_CORE,
}


ALLOWED_CAPS = {6: "CAP_SETGID", 7: "CAP_SETUID", 24: "CAP_SYS_RESOURCE"}
"""What the server may hold before it drops to the sandbox's uid (as host root): nothing else."""


def capabilities() -> dict[str, int]:
    caps = {}
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("Cap"):
                name, _, value = line.partition(":")
                caps[name] = int(value.strip(), 16)
    return caps


def check_capabilities() -> None:
    """Refuse to go on if bwrap left more capabilities than the drop needs (docs/security.md)."""
    allowed = sum(1 << bit for bit in ALLOWED_CAPS)
    caps = capabilities()
    extra = (caps.get("CapEff", 0) | caps.get("CapPrm", 0)) & ~allowed
    if extra:
        sys.exit(f"exec server: started with capabilities beyond {sorted(ALLOWED_CAPS.values())} "
                 f"(extra mask {extra:#x}); refusing to serve")


def apply_limits(specs: list[str]) -> None:
    for spec in specs:
        name, _, value = spec.partition("=")
        n = int(value)
        resource.setrlimit(RLIMITS[name], (n, n))
