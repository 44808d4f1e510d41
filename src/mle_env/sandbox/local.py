"""local backend: NO isolation. The workspace is a host temp dir; processes run as you.

For machines where neither bubblewrap nor Docker can run, and only when asked for by
name. Paths in commands are host paths (the workspace's real location), not task_dir.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from mle_env.sandbox.base import LocalConfig
from mle_env.sandbox.channel import PYTHON_FLAGS, SERVER_SCRIPT, ServerSandbox, server_args
from mle_env.sandbox.environment import sandbox_env

log = logging.getLogger(__name__)
WARNING = (
    "sandbox 'local' gives NO isolation: the agent's commands run on this machine as you, "
    "with your files and network. Use it only for code you trust."
)


async def start(cfg: LocalConfig, base: Path, workspace: Path, task_dir: str) -> ServerSandbox:
    log.warning(WARNING)
    # No RLIMIT_NPROC (it would count every process you own) and no reaping (no PID namespace).
    argv = [sys.executable, *PYTHON_FLAGS, str(SERVER_SCRIPT), *server_args(str(workspace), cfg.limits, reap=False, nproc=None)]
    path = f"{Path(sys.executable).parent}:/usr/local/bin:/usr/bin:/bin"
    env = sandbox_env(path=path, home=str(base))
    sb = ServerSandbox(
        kind="local", argv=argv, env=env, task_dir=task_dir, root=str(workspace), python=sys.executable, workspace=workspace
    )
    await sb.start()
    return sb
