"""docker backend: one container per sample, no network, resource limits, the same exec server.

Needs a Docker engine; the image must have Python 3 with numpy, pandas and scikit-learn
(``docker/Dockerfile`` builds ``mle-env-sandbox:latest``).
"""

from __future__ import annotations

import asyncio
import os
import secrets
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

from mle_env import fstree
from mle_env.errors import ConfigError
from mle_env.sandbox.base import DockerConfig
from mle_env.sandbox.channel import INSIDE_DIR, INSIDE_MOUNT, PYTHON_FLAGS, ServerSandbox, server_args


def sandbox_uid() -> int:
    """The uid the agent's processes run as. When the harness is root: a fresh high uid per
    sandbox, as bwrap does (no other process on the host has it, so RLIMIT_NPROC counts this
    sandbox alone and no two sandboxes share a uid), and the workspace is handed to it. Else
    the harness's own uid (never root either): the files the agent leaves are the harness's."""
    return 100_000 + secrets.randbelow(900_000) if os.geteuid() == 0 else os.geteuid()


def engine_available() -> str | None:
    """None when a Docker engine answers, else why not."""
    if shutil.which("docker") is None:
        return "the docker command is not installed"
    try:
        res = subprocess.run(["docker", "info", "--format", "{{.ServerVersion}}"], capture_output=True, text=True, timeout=15)
    except (OSError, subprocess.TimeoutExpired) as e:
        return f"docker info failed: {e}"
    return None if res.returncode == 0 else (res.stderr.strip() or "no Docker engine answers")


def docker_argv(
    cfg: DockerConfig, name: str, workspace: Path, task_dir: str, inner: list[str], readonly: Sequence[str] = (),
    inside: Path = INSIDE_DIR, uid: int | None = None,
) -> list[str]:
    """The ``docker run`` line. No ``--init``: the exec server is the container's PID 1, so the
    agent's processes cannot signal it (the kernel drops signals to init it has no handler for).

    Every path mounted is one the engine resolves on *its* host: the workspace and ``inside``
    (the exec server's code, copied next to the workspace) both live under the sandbox's base
    directory, so a harness that itself runs in a container and drives the host's engine through
    its socket works when that directory is shared at the same path (docs/deploy.md)."""
    lim = cfg.limits
    uid = os.geteuid() if uid is None else uid
    gid = uid if os.geteuid() == 0 else os.getegid()
    ro = [a for rel in readonly for a in ("-v", f"{workspace / rel}:{task_dir}/{rel}:ro")]
    return [
        "docker", "run", "--rm", "-i", "--name", name,
        "--network", "none", "--cap-drop", "ALL", "--security-opt", "no-new-privileges",
        "--user", f"{uid}:{gid}", "--read-only", "--hostname", "mle-env",
        "--tmpfs", f"/tmp:rw,nosuid,size={lim.tmp_mb}m,mode=1777",
        "--shm-size", f"{lim.tmp_mb}m",
        "--memory", f"{lim.total_memory_mb}m", "--memory-swap", f"{lim.total_memory_mb}m",
        "--pids-limit", str(lim.processes),
        "-e", "HOME=/tmp", "-e", "LANG=C.UTF-8", "-e", "PYTHONDONTWRITEBYTECODE=1",
        "-e", "PYTHONUNBUFFERED=1", "-e", "MPLBACKEND=Agg", "-e", "MPLCONFIGDIR=/tmp/.matplotlib",
        "-v", f"{workspace}:{task_dir}:rw", *ro,
        "-v", f"{inside}:{INSIDE_MOUNT}:ro",
        "-w", task_dir,
        cfg.image, *inner,
    ]  # fmt: skip


async def start(
    cfg: DockerConfig, base: Path, workspace: Path, task_dir: str, readonly: Sequence[str] = ()
) -> ServerSandbox:
    why = engine_available()
    if why:
        raise ConfigError(f"--sandbox docker: {why}. Use --sandbox bwrap (the default) or start a Docker engine.")
    uid = sandbox_uid()
    if os.geteuid() == 0:
        os.chown(workspace, uid, uid)
        for kind, e in fstree.walk(workspace):
            if kind in ("file", "dir", "deep"):
                os.chown(e.name, uid, uid, dir_fd=e.parent, follow_symlinks=False)
    inside = base / "inside"  # a copy the engine can mount wherever the harness runs
    shutil.copytree(INSIDE_DIR, inside, ignore=shutil.ignore_patterns("__pycache__"))
    name = f"mle-env-{secrets.token_hex(6)}"
    inner = [cfg.python, *PYTHON_FLAGS, f"{INSIDE_MOUNT}/server.py", *server_args(task_dir, cfg.limits, reap=True,
                                                                         nproc=cfg.limits.processes if os.geteuid() == 0 else None)]  # fmt: skip

    async def remove() -> None:
        proc = await asyncio.create_subprocess_exec(
            "docker", "rm", "-f", name, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL
        )
        await proc.wait()

    sb = ServerSandbox(
        kind="docker",
        argv=docker_argv(cfg, name, workspace, task_dir, inner, readonly, inside, uid),
        env=dict(os.environ),
        task_dir=task_dir,
        root=task_dir,
        python=cfg.python,
        workspace=workspace,
        on_close=remove,
    )
    try:
        await sb.start()
    except BaseException:
        await remove()
        raise
    return sb
