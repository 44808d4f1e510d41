"""The environment variables a sandboxed process gets: a short allow-list, no host secrets."""

from __future__ import annotations

import os

PASSTHROUGH = (
    # Some processors need these for OpenBLAS to compute correctly; thread counts are the user's choice.
    "OPENBLAS_CORETYPE",
    "OPENBLAS_L2_SIZE",
    "OPENBLAS_NUM_THREADS",
    "OMP_NUM_THREADS",
    "MKL_NUM_THREADS",
    "TZ",
)


def sandbox_env(*, path: str, home: str, user: str = "agent") -> dict[str, str]:
    """Fixed settings plus the allow-listed host variables that are set."""
    env = {
        "PATH": path,
        "HOME": home,
        "USER": user,
        "LOGNAME": user,
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "TERM": "xterm-256color",
        "SHELL": "/bin/bash",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONUNBUFFERED": "1",
        "MPLBACKEND": "Agg",
        "MPLCONFIGDIR": "/tmp/.matplotlib",
    }
    env.update({k: os.environ[k] for k in PASSTHROUGH if k in os.environ})
    return env
