"""Sandboxes: a fresh workspace per sample and a confined place to run the agent's processes.

    async with open_sandbox(BwrapConfig(), task) as sb:
        result = await sb.exec(["python", "src/train.py"])
"""

from __future__ import annotations

import logging
import os
import stat
import tempfile
from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mle_env import fstree
from mle_env.errors import ConfigError, SandboxError
from mle_env.sandbox.kinds import SANDBOX_KINDS

# Imported where used, not here: `import mle_env.sandbox` must stay cheap, since `mle-env --help`
# needs SANDBOX_KINDS and nothing else (pydantic alone costs more than the rest of the parser).
if TYPE_CHECKING:
    from mle_env.sandbox.base import (
        BwrapConfig,
        DockerConfig,
        Entry,
        ExecResult,
        FileRead,
        Limits,
        LocalConfig,
        Sandbox,
        SandboxConfig,
    )
    from mle_env.sandbox.channel import ServerSandbox
    from mle_env.task import Task

_FROM_BASE = ("BwrapConfig", "DockerConfig", "Entry", "ExecResult", "FileRead", "Limits", "LocalConfig", "Sandbox",
              "SandboxConfig")  # fmt: skip


def __getattr__(name: str) -> Any:
    """The configs and results of ``base``, imported (with pydantic) on first use."""
    if name in _FROM_BASE:
        from mle_env.sandbox import base

        value = globals()[name] = getattr(base, name)
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


log = logging.getLogger(__name__)

__all__ = [
    "SANDBOX_KINDS",
    "BwrapConfig",
    "DockerConfig",
    "Entry",
    "ExecResult",
    "FileRead",
    "Limits",
    "LocalConfig",
    "Sandbox",
    "SandboxConfig",
    "make_config",
    "open_sandbox",
    "remove_tree",
    "task_dir_problem",
]


def make_config(kind: str = "bwrap", **fields: object) -> BwrapConfig | DockerConfig | LocalConfig:
    """A backend config from its kind name (as given to ``--sandbox``) and fields."""
    if kind == "fake":  # never by name: MLE_ENV_SANDBOX=fake must not turn a real run into a fake one
        raise ConfigError("sandbox 'fake' is for tests only: build mle_env.sandbox.fake.FakeSandboxConfig directly")
    if kind not in SANDBOX_KINDS:
        raise ConfigError(f"unknown sandbox {kind!r}; choose one of {', '.join(SANDBOX_KINDS)}")
    from pydantic import TypeAdapter

    from mle_env.sandbox.base import SandboxConfig

    return TypeAdapter(SandboxConfig).validate_python({"kind": kind, **fields})


async def _start(
    cfg: BwrapConfig | DockerConfig | LocalConfig, base: Path, ws: Path, task_dir: str, readonly: tuple[str, ...]
) -> ServerSandbox:
    from mle_env.sandbox.base import BwrapConfig, DockerConfig

    if isinstance(cfg, BwrapConfig):
        from mle_env.sandbox import bwrap

        return await bwrap.start(cfg, base, ws, task_dir, readonly)
    if isinstance(cfg, DockerConfig):
        from mle_env.sandbox import docker

        return await docker.start(cfg, base, ws, task_dir, readonly)
    from mle_env.sandbox import local

    return await local.start(cfg, base, ws, task_dir)


@asynccontextmanager
async def open_sandbox(
    cfg: BwrapConfig | DockerConfig | LocalConfig,
    task: Task | None = None,
    *,
    files: Mapping[str, str] | None = None,
    task_dir: str | None = None,
    workspace: Path | None = None,
    readonly: Sequence[str] = (),
) -> AsyncIterator[ServerSandbox]:
    """A fresh workspace holding ``files`` (default: the task's files), confined by ``cfg``'s backend.

    Only ``task_files`` ever enter the workspace; a task's hidden data stays outside.
    The workspace is removed on exit unless ``cfg.keep_workspace``.

    With ``workspace``, an existing directory is served as it is (nothing is written into
    it first) and left in place on exit; as root, whatever the sandbox's uid owns in it is
    handed back to the directory's owner.

    ``readonly``: workspace paths (files or directories, relative) that processes inside may
    read but not change, rename or remove (bwrap and docker bind them read-only; ``local``
    cannot and ignores it).

    A ``FakeSandboxConfig`` (tests only) gives an in-memory ``FakeSandbox``: sandbox/fake.py.
    """
    if getattr(cfg, "kind", None) == "fake":
        from mle_env.sandbox.fake import open_fake

        fake: Any = open_fake  # it yields a FakeSandbox, not a ServerSandbox
        async with fake(cfg, task, files=files, task_dir=task_dir, workspace=workspace, readonly=readonly) as fake_sb:
            yield fake_sb
        return
    from mle_env.sandbox.base import LocalConfig
    from mle_env.task import materialize

    if task is not None and task.use_docker and isinstance(cfg, LocalConfig) and not cfg.force:
        raise ConfigError(
            f"task {task.task_id!r} asks for isolation (use_docker: true) and --sandbox local has none; "
            "use --sandbox bwrap or docker, or pass --force-local"
        )
    if task_dir is None:
        task_dir = task.task_dir if task else "/app"
    why = task_dir_problem(task_dir, cfg)
    if why:
        raise ConfigError(f"task_dir {why}")
    base = Path(tempfile.mkdtemp(prefix="mle-env-", dir=cfg.workspace_root))
    if not cfg.keep_workspace:  # who owns it: a later run removes it if this process was killed
        (base / OWNER).write_text(str(os.getpid()), encoding="utf-8")
    ws = base / "workspace" if workspace is None else Path(workspace).resolve()
    owner = None
    sb: ServerSandbox | None = None
    try:
        try:
            if workspace is None:
                ws.mkdir()
                materialize(files if files is not None else (task.task_files if task is not None else {}), ws)
            else:
                if not ws.is_dir():
                    raise SandboxError(f"workspace {ws} is not a directory")
                owner = _snapshot(ws)
        except OSError as e:
            raise SandboxError(f"could not prepare the workspace in {base}: {e}") from e
        ro = tuple(p for p in readonly if (ws / p).exists() and not (ws / p).is_symlink())
        sb = await _start(cfg, base, ws, task_dir, ro)
        yield sb
    finally:
        try:
            if sb is not None:
                await _despite_cancellation(sb.close())
        finally:
            if owner is not None:
                _give_back(ws, owner)
            if cfg.keep_workspace and workspace is None:
                log.warning("kept workspace %s", ws)
            else:
                remove_tree(base)


Snapshot = dict[tuple[int, int, str], tuple[int, int, int, int]]
"""(parent dev, parent inode, name) → (inode, uid, gid, mode); the root under ``(-1, -1, "")``."""
_ROOT = (-1, -1, "")


def _snapshot(root: Path) -> Snapshot:
    """Owner, group and mode of every path in a served directory, to put back afterwards (a backend
    hands the tree to the sandbox's uid, or opens its mode). Walked at any depth (``fstree``)."""
    st = os.lstat(root)
    out: Snapshot = {_ROOT: (st.st_ino, st.st_uid, st.st_gid, st.st_mode)}
    try:
        for kind, e in fstree.walk(root):
            if kind in ("file", "dir", "deep"):
                out[(*e.parent_id, e.name)] = (e.st.st_ino, e.st.st_uid, e.st.st_gid, e.st.st_mode)
    except OSError:
        pass
    return out


def _give_back(root: Path, before: Snapshot) -> None:
    """Put a served directory back as it was: every path that was there (the same file, not one
    the agent put in its place) gets its owner and group again (and the set-id bits a chown
    clears, and the top directory its mode); paths the agent made go to the directory's owner.
    Links are never followed; any depth is walked (``fstree``); nothing here raises."""
    _, top_uid, top_gid, top_mode = before[_ROOT]
    as_root = os.geteuid() == 0
    try:
        st = os.lstat(root)
        if as_root and (st.st_uid, st.st_gid) != (top_uid, top_gid):
            os.chown(root, top_uid, top_gid, follow_symlinks=False)
        if stat.S_IMODE(st.st_mode) != stat.S_IMODE(top_mode):
            os.chmod(root, stat.S_IMODE(top_mode))
    except OSError:
        pass
    try:
        for kind, e in fstree.walk(root):
            if kind not in ("file", "dir", "deep"):
                continue
            ino, uid, gid, mode = before.get((*e.parent_id, e.name), (None, top_uid, top_gid, None))
            if ino != e.st.st_ino:  # made by the agent, or put in the place of what was there
                uid, gid, mode = top_uid, top_gid, None
            try:
                now = e.st
                if as_root and (now.st_uid, now.st_gid) != (uid, gid):
                    os.chown(e.name, uid, gid, dir_fd=e.parent, follow_symlinks=False)
                    now = os.stat(e.name, dir_fd=e.parent, follow_symlinks=False)  # chown clears set-id bits
                if mode is not None and not stat.S_ISLNK(now.st_mode) and stat.S_IFMT(now.st_mode) == stat.S_IFMT(mode):
                    lost = mode & (stat.S_ISUID | stat.S_ISGID)
                    if lost and not now.st_mode & lost:
                        os.chmod(e.name, stat.S_IMODE(now.st_mode) | lost, dir_fd=e.parent)  # not a link
            except OSError:
                pass
    except OSError:
        pass


def task_dir_problem(task_dir: str, cfg: BwrapConfig | DockerConfig | LocalConfig | None = None) -> str | None:
    """Why the backend cannot show a workspace at ``task_dir``, or None: it may not cover the
    system directories nor, for bwrap, the host's Python and the exec server it mounts."""
    from mle_env.sandbox.base import BwrapConfig
    from mle_env.task.files import task_dir_problem as _task_dir_problem

    protected: tuple[str, ...] = ()
    if cfg is None or isinstance(cfg, BwrapConfig):
        from mle_env.sandbox.bwrap import python_mounts
        from mle_env.sandbox.channel import INSIDE_MOUNT

        protected = (*python_mounts(), INSIDE_MOUNT)
    return _task_dir_problem(task_dir, protected)


async def _despite_cancellation(coro: Any) -> None:
    """Await teardown to the end even if the caller is cancelled again meanwhile (a second
    Ctrl-C, a batch cancelling its samples); the cancellation is raised once it is done."""
    import asyncio

    task = asyncio.ensure_future(coro)
    cancelled = False
    while True:
        try:
            await asyncio.shield(task)
            break
        except asyncio.CancelledError:
            if task.done():
                break
            cancelled = True
    if cancelled:
        raise asyncio.CancelledError


OWNER = "owner.pid"


def sweep_stale(workspace_root: str | Path | None = None) -> int:
    """Remove workspaces whose owning harness process is dead (killed with SIGKILL, say).

    Only directories holding an ``owner.pid`` (kept workspaces have none) are considered.
    Returns how many were removed. Never raises: whatever an agent left in a workspace (a
    5,000-deep tree, mode-000 directories) is removed or, failing that, logged and left.
    """
    root = Path(workspace_root or tempfile.gettempdir())
    removed = 0
    try:
        with os.scandir(root) as it:
            candidates = [Path(e.path) for e in it if e.name.startswith("mle-env-") and e.is_dir(follow_symlinks=False)]
    except OSError:
        return 0
    for base in candidates:
        try:
            pid = int((base / OWNER).read_text(encoding="utf-8").strip())
        except (OSError, ValueError):
            continue
        try:
            os.kill(pid, 0)
            continue  # still alive
        except ProcessLookupError:
            pass
        except (PermissionError, OverflowError):
            continue  # alive, someone else's (or not a pid at all)
        if remove_tree(base):
            removed += 1
    return removed


def remove_tree(root: Path) -> bool:
    """Remove ``root`` whatever the agent left in it: any depth, mode-000 directories, links
    (removed, never followed). Never raises; logs and returns False if something stayed."""
    try:
        gone = fstree.remove(root)
    except Exception:  # noqa: BLE001 — a clean-up must never take the harness down
        log.exception("could not remove %s", root)
        return False
    if not gone:
        log.warning("could not remove all of %s; it was left in place", root)
    return gone
