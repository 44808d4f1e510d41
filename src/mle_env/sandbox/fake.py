"""fake backend, FOR TESTS ONLY: a ``Sandbox`` whose workspace is a dict in memory.

It stands beside bwrap, docker and local the way httpx's ``MockTransport`` stands beside its
real transports: tests of the tools, the agent loop, the runner and grading that are not
about isolation use it and pay for no namespaces, no exec server and no temp-dir churn.
Nothing here confines anything; security and sandbox tests stay on bwrap.

It is never offered by the CLI (``--sandbox`` lists ``SANDBOX_KINDS``, which leaves it out)
and ``make_config("fake")`` refuses it, so an ``MLE_ENV_SANDBOX=fake`` cannot reach a real
run: a test builds ``FakeSandboxConfig(...)`` itself and hands it to ``open_sandbox`` (or to
anything that takes a sandbox config: ``run_sample``, ``grade``, ``run_episode``)::

    cfg = FakeSandboxConfig(commands=[FakeCommand(pattern="python response/revised_code.py")])
    async with open_sandbox(cfg, task) as sb:
        sb.on_command("ls", stdout="README.md\\n")
        res = await Tools(sb).call("bash_exec", {"command": "ls"})  # a ToolResult
        assert res.success and "README.md" in res.result
"""

from __future__ import annotations

import asyncio
import builtins
import errno
import inspect
import logging
import os
import posixpath
import re
import shlex
import signal
import stat
import sys
import tempfile
import time
from collections import deque
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from mle_env.errors import ConfigError, Refused, SandboxError
from mle_env.sandbox.base import Entry, ExecResult, FileRead, _Backend
from mle_env.sandbox.environment import sandbox_env
from mle_env.sandbox.inside.jobs import Capture
from mle_env.task import Task
from mle_env.task.files import decode_content, path_problem
from mle_env.task.files import task_dir_problem as _task_dir_problem

log = logging.getLogger(__name__)

FAKE_KIND = "fake"
MAX_LINK_HOPS = 40
"""Symlinks followed while resolving one path before it counts as a loop (Linux's limit)."""
_MB = 1024 * 1024


@dataclass(frozen=True)
class FakeCall:
    """One ``exec`` the fake received (recorded in ``FakeSandbox.calls``; given to ``respond``)."""

    argv: tuple[str, ...]
    command: str
    """What rules match: ``bash -c``'s script as it is, any other argv ``shlex.join``-ed; with
    ``execute=True`` the host's Python and workspace path read as ``python`` and ``task_dir``."""
    cwd: str
    timeout: float
    env: Mapping[str, str]
    sandbox: FakeSandbox = field(repr=False, compare=False)


class FakeCommand(BaseModel):
    """A scripted answer to the commands ``pattern`` matches.

    ``pattern``: a ``str`` matches a command text exactly; a compiled ``re.Pattern`` must
    ``fullmatch`` it. The command text of ``bash_exec`` is its ``command`` as the agent wrote
    it; of ``run_python``, ``python <task_dir>/<script>`` (e.g. ``python /app/src/train.py``).

    Before answering, ``writes`` (workspace path → text) are put in the workspace, as if the
    command had written them. ``respond``, when given, is called with the ``FakeCall`` instead
    and returns an ``ExecResult``, a ``str`` (stdout, exit 0), or None (the fields below);
    it may be ``async``.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)

    pattern: str | re.Pattern[str]
    stdout: str = ""
    stderr: str = ""
    exit_code: int | None = 0
    signal: int | None = None
    """The signal that "ended" it (then ``exit_code`` is reported as None)."""
    timed_out: bool = False
    """Report a timeout (``signal`` defaults to SIGKILL, as the exec server kills on timeout)."""
    writes: dict[str, str] = Field(default_factory=dict)
    respond: Callable[..., Any] | None = None

    def matches(self, command: str) -> bool:
        if isinstance(self.pattern, str):
            return self.pattern == command
        return self.pattern.fullmatch(command) is not None


class FakeSandboxConfig(_Backend):
    """The in-memory test backend (see ``FakeSandbox``). Build it directly; no CLI offers it."""

    kind: Literal["fake"] = FAKE_KIND  # type: ignore[assignment]
    execute: bool = False
    """Run commands for real: the workspace is written to a host directory, the command runs
    there as a plain subprocess (NO isolation, no resource limits), and the directory is read
    back into memory afterwards. Otherwise only scripted commands answer."""
    commands: tuple[FakeCommand, ...] = ()
    """Scripted answers every sandbox opened with this config starts with (for ``run_sample``,
    ``grade``: code that opens its sandboxes itself). They are consulted before executing."""


_Node = tuple[Literal["file", "dir", "link"], Any]


class FakeSandbox:
    """A ``Sandbox`` whose workspace lives in memory: files as bytes, directories, symlinks.

    **Files.** ``read``, ``write`` and ``list`` follow the exec server's rules
    (``sandbox/inside/fileops.py``) and word their refusals the same, so the tools layer
    gives the model byte-identical results: a path is normalised against ``task_dir`` and
    refused if it leaves the workspace; symlinks are resolved like ``realpath`` (one that
    stays inside is followed, as on the real backends; one that leads outside is refused,
    never followed); ``read`` cuts a file over ``max_bytes`` into head and tail and calls a
    file with a NUL byte binary; ``write`` makes parents, refuses directories, keeps the
    first ``limits.file_size_mb`` of a larger file and then fails (RLIMIT_FSIZE), and
    refuses paths under ``readonly`` ("Read-only file system", as bwrap's read-only binds).
    File modes, owners and times are not kept.

    **Processes.** A fake cannot run arbitrary code without a process, so:

    * scripted (the default): ``exec`` answers from rules registered with ``on_command`` (or
      ``FakeSandboxConfig.commands``); the most recently registered matching rule answers.
      A command no rule matches is NOT run: it returns exit code 127 with a stderr naming
      the command and how to script it, and is recorded in ``unscripted``. Every exec is
      recorded in ``calls``. Timeouts are never waited for; ``timed_out`` is scripted.
    * ``execute=True``: commands no rule matches run as plain subprocesses of the test in a
      host directory holding the workspace (``self.workspace``), synced from memory before
      and read back after each call (calls are serialised). Like the ``local`` backend there
      is no isolation and no rlimits; timeouts kill the process group, output is captured
      head-and-tail like the exec server's; processes see the workspace at its host path
      (``root``), not at ``task_dir``. Changes to ``readonly`` paths are discarded.

    ``workspace`` is a host directory: the memory is written there on ``close`` (so
    ``run_sample`` can copy ``response/`` out) or on ``materialise()``; in scripted mode it
    is empty until then.
    """

    def __init__(
        self,
        cfg: FakeSandboxConfig,
        *,
        task_dir: str,
        workspace: Path,
        files: Mapping[str, bytes] | None = None,
        readonly: Sequence[str] = (),
        home: Path | None = None,
    ):
        self.kind = FAKE_KIND
        self.task_dir = task_dir
        self.execute = cfg.execute
        self.limits = cfg.limits
        self.workspace = workspace
        self.root = str(workspace) if cfg.execute else task_dir
        self.python = sys.executable if cfg.execute else "python"
        self.readonly = tuple(posixpath.normpath(p) for p in readonly)
        self.calls: list[FakeCall] = []
        self.unscripted: list[str] = []
        self._rules: list[FakeCommand] = list(cfg.commands)
        self._nodes: dict[str, _Node] = {}
        """workspace-relative key → ("file", bytes) | ("dir", None) | ("link", target); the root is implied."""
        self._closed = False
        self._lock = asyncio.Lock()
        self._home = home or workspace.parent
        """HOME of executed commands (the sandbox's temp dir, as for ``local``)."""
        for rel, data in (files or {}).items():
            self.put(rel, data)

    # ------------------------------------------------------------ test helpers
    def on_command(self, pattern: str | re.Pattern[str], **answer: Any) -> FakeCommand:
        """Script the answer to commands ``pattern`` matches (fields of ``FakeCommand``)."""
        rule = FakeCommand(pattern=pattern, **answer)
        self._rules.append(rule)
        return rule

    def put(self, path: str, content: str | bytes) -> None:
        """Put a file in the workspace directly (parents made; no rule, cap or read-only applies)."""
        key = _clean_key(path)
        self._make_parents(key)
        data = content.encode("utf-8", "surrogatepass") if isinstance(content, str) else bytes(content)
        self._nodes[key] = ("file", data)

    def mkdir(self, path: str) -> None:
        key = _clean_key(path)
        self._make_parents(key)
        self._nodes[key] = ("dir", None)

    def symlink(self, path: str, target: str) -> None:
        """A symlink at ``path``; an absolute ``target`` is a path as processes see it (``/app/…``, ``/etc``)."""
        key = _clean_key(path)
        self._make_parents(key)
        self._nodes[key] = ("link", target)

    def remove(self, path: str) -> None:
        """Remove a file, link or directory (with all below it) from the workspace; KeyError if absent."""
        key = _clean_key(path)
        if key not in self._nodes:
            raise KeyError(path)
        for k in [k for k in self._nodes if k == key or k.startswith(key + "/")]:
            del self._nodes[k]

    def get(self, path: str) -> bytes:
        """The bytes of the file at ``path`` (links not followed); KeyError if there is none."""
        kind, data = self._nodes[_clean_key(path)]
        if kind != "file":
            raise KeyError(f"{path} is a {kind}, not a file")
        return data

    def text(self, path: str) -> str:
        return self.get(path).decode("utf-8", "surrogateescape")

    @property
    def files(self) -> dict[str, bytes]:
        """Every regular file: workspace-relative path → bytes."""
        return {k: v for k, (kind, v) in sorted(self._nodes.items()) if kind == "file"}

    def materialise(self) -> Path:
        """Write the memory to ``workspace`` now (what is there and not in memory is removed)."""
        _sync_out(self._nodes, self.workspace)
        return self.workspace

    # ------------------------------------------------------------ the Sandbox protocol
    async def exec(
        self,
        argv: list[str],
        *,
        cwd: str = ".",
        timeout: float = 60,
        env: dict[str, str] | None = None,
        paths: tuple[str, ...] = (),
    ) -> ExecResult:
        self._alive()
        for p in paths:
            self._resolve(p)
        key = self._resolve(cwd)
        if self._kind(key) != "dir":
            raise Refused(f"working directory {cwd!r} does not exist")
        if not argv or not all(isinstance(a, str) for a in argv):
            raise Refused("argv must be a non-empty list of strings")
        call = FakeCall(tuple(argv), command_text(self._as_seen(argv)), cwd, timeout, dict(env or {}), self)
        self.calls.append(call)
        rule = next((r for r in reversed(self._rules) if r.matches(call.command)), None)
        if rule is not None:
            return await self._answer(rule, call)
        if self.execute:
            async with self._lock:
                return await self._run(call, key)
        self.unscripted.append(call.command)
        msg = (
            f"FakeSandbox: no scripted response for command {call.command!r}; register one with on_command() "
            "or FakeSandboxConfig(commands=...), or use FakeSandboxConfig(execute=True)\n"
        )
        return self._result(exit_code=127, stdout="", stderr=msg)

    async def read(self, path: str, max_bytes: int = 1 << 20) -> FileRead:
        self._alive()
        key = self._resolve(path)
        kind = self._kind(key)
        if kind is None:
            raise Refused(f"no such file: {path}")
        if kind == "notdir":
            raise Refused(os.strerror(errno.ENOTDIR))
        if kind == "dir":
            raise Refused(f"{path} is a directory (use list_files)")
        data: bytes = self._nodes[key][1]
        size = len(data)
        if size <= max_bytes:
            chunk, cut = data[: max_bytes + 1], 0
        else:
            half = max_bytes // 2
            chunk, cut = data[:half] + data[size - half :], size - 2 * half
        if b"\x00" in chunk[:8192]:
            return FileRead(size=size, binary=True, content="", cut=0)
        text = lambda b: b.decode("utf-8", errors="replace")  # noqa: E731
        if not cut:
            return FileRead(size=size, content=text(chunk))
        return FileRead(size=size, head=text(chunk[: max_bytes // 2]), tail=text(chunk[max_bytes // 2 :]), cut=cut)

    async def write(self, path: str, content: str) -> int:
        self._alive()
        key = self._resolve(path)
        kind = self._kind(key)
        if kind == "notdir":
            raise Refused(os.strerror(errno.ENOTDIR))
        if kind == "dir":
            raise Refused(f"{path} is a directory")
        if self._is_readonly(key):
            raise Refused(os.strerror(errno.EROFS))
        data = content.encode("utf-8", errors="surrogatepass")
        cap = self.limits.file_size_mb * _MB
        self._make_parents(key)
        self._nodes[key] = ("file", data[:cap])
        if len(data) > cap:
            raise Refused(f"cannot write {path}: {os.strerror(errno.EFBIG)}")
        return len(data)

    async def list(self, path: str = ".", limit: int = 2000) -> tuple[list[Entry], int]:
        self._alive()
        key = self._resolve(path)
        kind = self._kind(key)
        if kind != "dir":
            raise Refused(f"{path} is not a directory" if kind == "file" else f"no such directory: {path}")
        prefix = "" if key == "." else key + "/"
        entries = sorted(
            (k[len(prefix) :], node[0])
            for k, node in self._nodes.items()
            if k.startswith(prefix) and "/" not in k[len(prefix) :]
        )
        return [Entry(name=n, kind=k) for n, k in entries[:limit]], len(entries)

    async def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        async with self._lock:  # an executing call finishes (or is cancelled) first
            self.materialise()

    async def __aenter__(self) -> FakeSandbox:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    # ------------------------------------------------------------ paths
    def _alive(self) -> None:
        if self._closed:
            raise SandboxError("fake sandbox is not running")

    def _resolve(self, rel: str) -> str:
        """``Files.resolve`` on the virtual tree: the workspace key a path stands for."""
        if not isinstance(rel, str) or "\x00" in rel:
            raise Refused("path must be a string without NUL bytes")
        top = self.task_dir
        path = posixpath.normpath(posixpath.join(top, rel))
        if _key_of(top, path) is None:
            raise Refused(f"{rel!r} is outside the workspace")
        real = self._realpath(path)
        key = _key_of(top, real)
        if key is None:
            raise Refused(f"{rel!r} is a symlink that leads outside the workspace (to {real})")
        return key

    def _realpath(self, path: str) -> str:
        """``os.path.realpath`` of an absolute, normalised path: links in the workspace are
        followed; outside it nothing is modelled, so nothing there is a link."""
        pending = deque(path.split("/"))
        cur, hops = "/", 0
        while pending:
            name = pending.popleft()
            if name in ("", "."):
                continue
            if name == "..":
                cur = posixpath.dirname(cur)
                continue
            nxt = posixpath.join(cur, name)
            key = _key_of(self.task_dir, nxt)
            node = self._nodes.get(key) if key not in (None, ".") else None
            if node is not None and node[0] == "link":
                hops += 1
                if hops > MAX_LINK_HOPS:
                    raise Refused(os.strerror(errno.ELOOP))
                target = node[1]
                if target.startswith("/"):
                    cur = "/"
                pending.extendleft(reversed(target.split("/")))
                continue
            cur = nxt
        return cur

    def _kind(self, key: str) -> str | None:
        """The kind of node at ``key``: "file", "dir", None (absent) or "notdir" (a parent is a file: ENOTDIR)."""
        if key == ".":
            return "dir"
        parts = key.split("/")
        for i in range(1, len(parts)):
            node = self._nodes.get("/".join(parts[:i]))
            if node is None:
                return None
            if node[0] == "file":
                return "notdir"
        node = self._nodes.get(key)
        return None if node is None or node[0] == "link" else node[0]  # a link here dangles

    def _make_parents(self, key: str) -> None:
        parts = key.split("/")
        for i in range(1, len(parts)):
            parent = "/".join(parts[:i])
            node = self._nodes.get(parent)
            if node is not None and node[0] != "dir":
                raise Refused(os.strerror(errno.ENOTDIR))
            self._nodes[parent] = ("dir", None)

    def _is_readonly(self, key: str) -> bool:
        return any(key == p or key.startswith(p + "/") for p in self.readonly)

    # ------------------------------------------------------------ processes
    def _as_seen(self, argv: Sequence[str]) -> builtins.list[str]:
        """``argv`` as in a bwrap sandbox (``python``, paths under ``task_dir``), so that rules
        match the same text whether or not commands are executed."""
        if not self.execute:
            return list(argv)
        top, host = self.task_dir.rstrip("/"), self.root
        seen = ["python" if a == self.python else a for a in argv[:1]]
        return seen + [top + a[len(host) :] if a == host or a.startswith(host + "/") else a for a in argv[1:]]

    def _result(self, **kw: Any) -> ExecResult:
        out, err = Capture(self.limits.capture_kb * 1024), Capture(self.limits.capture_kb * 1024)
        out.add(kw.pop("stdout").encode("utf-8", "surrogateescape"))
        err.add(kw.pop("stderr").encode("utf-8", "surrogateescape"))
        return ExecResult(stdout=out.text(), stderr=err.text(), stdout_bytes=out.total, stderr_bytes=err.total, **kw)

    async def _answer(self, rule: FakeCommand, call: FakeCall) -> ExecResult:
        for rel, content in rule.writes.items():
            self.put(rel, content)
        if rule.respond is not None:
            got = rule.respond(call)
            if inspect.isawaitable(got):
                got = await got
            if isinstance(got, ExecResult):
                return got
            if isinstance(got, str):
                return self._result(exit_code=0, stdout=got, stderr="")
        sig = rule.signal if rule.signal is not None else (signal.SIGKILL if rule.timed_out else None)
        return self._result(exit_code=None if sig else rule.exit_code, signal=sig, timed_out=rule.timed_out,
                            stdout=rule.stdout, stderr=rule.stderr)  # fmt: skip

    async def _run(self, call: FakeCall, cwd_key: str) -> ExecResult:
        """``execute=True``: the workspace on disk, the command as a plain subprocess, read back."""
        ws = self.workspace
        _sync_out(self._nodes, ws)
        path = f"{Path(sys.executable).parent}:/usr/local/bin:/usr/bin:/bin"
        env = {**sandbox_env(path=path, home=str(self._home)), **call.env}
        cap = self.limits.capture_kb * 1024
        out, err = Capture(cap), Capture(cap)
        start = time.monotonic()
        try:
            proc = await asyncio.create_subprocess_exec(
                *call.argv, cwd=ws / cwd_key, env=env, stdin=asyncio.subprocess.DEVNULL,
                stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE, start_new_session=True,
            )  # fmt: skip
        except OSError as e:
            raise Refused(f"cannot start {call.argv[0]!r}: {e.strerror}") from None
        too_much = timed_out = False
        max_output = self.limits.max_output_mb * _MB

        def kill() -> None:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass

        async def pump(stream: asyncio.StreamReader, into: Capture) -> None:
            nonlocal too_much
            while chunk := await stream.read(65536):
                into.add(chunk)
                if not too_much and out.total + err.total > max_output:
                    too_much = True
                    kill()

        pumps = asyncio.gather(pump(proc.stdout, out), pump(proc.stderr, err))  # type: ignore[arg-type]
        try:
            try:
                await asyncio.wait_for(proc.wait(), call.timeout)
            except TimeoutError:
                timed_out = True
            kill()  # nothing of this call's process group outlives it
            await proc.wait()
            try:
                await asyncio.wait_for(asyncio.shield(pumps), 5)
            except TimeoutError:  # a process outside the group holds the pipes
                pumps.cancel()
        except BaseException:
            kill()
            pumps.cancel()
            raise
        finally:
            self._read_back()
        rc = proc.returncode if proc.returncode is not None else -signal.SIGKILL
        return ExecResult(
            exit_code=rc if rc >= 0 else None, signal=-rc if rc < 0 else None, timed_out=timed_out,
            output_exceeded=too_much, stdout=out.text(), stderr=err.text(), stdout_bytes=out.total,
            stderr_bytes=err.total, duration=time.monotonic() - start,
        )  # fmt: skip

    def _read_back(self) -> None:
        nodes = _scan(self.workspace)
        if self.readonly:  # what processes did to read-only paths does not count
            nodes = {k: v for k, v in nodes.items() if not self._is_readonly(k)}
            nodes.update({k: v for k, v in self._nodes.items() if self._is_readonly(k)})
        self._nodes = dict(sorted(nodes.items()))


def command_text(argv: Sequence[str]) -> str:
    """What a ``FakeCommand.pattern`` is matched against."""
    if len(argv) == 3 and posixpath.basename(argv[0]) in ("bash", "sh") and argv[1] == "-c":
        return argv[2]
    return shlex.join(argv)


def _key_of(top: str, path: str) -> str | None:
    """``path`` (absolute, normalised) relative to the workspace at ``top``, or None outside it."""
    top = top.rstrip("/") or "/"
    if path == top:
        return "."
    prefix = top if top == "/" else top + "/"
    return path[len(prefix) :] if path.startswith(prefix) else None


def _clean_key(path: str) -> str:
    why = path_problem(path)
    if why:
        raise ValueError(f"fake sandbox path {path!r}: {why}")
    return posixpath.normpath(path)


def _scan(root: Path) -> dict[str, _Node]:
    """A host directory as nodes (links not followed; FIFOs, sockets and devices left out)."""
    nodes: dict[str, _Node] = {}
    stack = [("", str(root))]
    while stack:
        prefix, d = stack.pop()
        with os.scandir(d) as it:
            for e in it:
                key = prefix + e.name
                st = e.stat(follow_symlinks=False)
                if stat.S_ISLNK(st.st_mode):
                    nodes[key] = ("link", os.readlink(e.path))
                elif stat.S_ISDIR(st.st_mode):
                    nodes[key] = ("dir", None)
                    stack.append((key + "/", e.path))
                elif stat.S_ISREG(st.st_mode):
                    with open(e.path, "rb") as f:
                        nodes[key] = ("file", f.read())
    return nodes


def _sync_out(nodes: Mapping[str, _Node], root: Path) -> None:
    """Make ``root`` hold exactly ``nodes``, touching only what differs (so the modes of
    unchanged files survive from one ``execute`` call to the next)."""
    root.mkdir(parents=True, exist_ok=True)
    disk = _scan(root)
    depth = lambda k: k.count("/")  # noqa: E731
    for key in sorted(disk, key=depth, reverse=True):
        want, have = nodes.get(key), disk[key]
        if want == have or (want is not None and want[0] == have[0] == "file"):
            continue  # same, or a file rewritten in place below
        p = root / key
        if have[0] == "dir":
            os.chmod(p, 0o700)
            os.rmdir(p)  # its children went first
        else:
            os.unlink(p)
    for key in sorted(nodes, key=depth):
        want = nodes[key]
        if want == disk.get(key):
            continue
        p = root / key
        if want[0] == "dir":
            p.mkdir(exist_ok=True)
        elif want[0] == "link":
            os.symlink(want[1], p)
        else:
            fd = os.open(p, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o644)
            with os.fdopen(fd, "wb") as f:
                f.write(want[1])


@asynccontextmanager
async def open_fake(
    cfg: FakeSandboxConfig,
    task: Task | None = None,
    *,
    files: Mapping[str, str] | None = None,
    task_dir: str | None = None,
    workspace: Path | None = None,
    readonly: Sequence[str] = (),
) -> AsyncIterator[FakeSandbox]:
    """``open_sandbox`` for the fake (it calls this): the same arguments and the same refusals
    (a bad ``task_dir``, a bad task file path), a temp dir under ``cfg.workspace_root`` that
    holds the workspace on close and is removed on exit unless ``cfg.keep_workspace``.

    With ``workspace``, that directory is read into memory and the memory is written back to
    it on close (what the agent removed is removed); it is left in place.
    """
    from mle_env.sandbox import OWNER, _despite_cancellation, remove_tree

    if task_dir is None:
        task_dir = task.task_dir if task else "/app"
    why = _task_dir_problem(task_dir, ())
    if why:
        raise ConfigError(f"task_dir {why}")
    base = Path(tempfile.mkdtemp(prefix="mle-env-", dir=cfg.workspace_root))
    if not cfg.keep_workspace:
        (base / OWNER).write_text(str(os.getpid()), encoding="utf-8")
    sb: FakeSandbox | None = None
    try:
        if workspace is None:
            ws = base / "workspace"
            ws.mkdir()
            chosen = files if files is not None else (task.task_files if task is not None else {})
            for key in chosen:
                why = path_problem(key)
                if why:
                    raise ValueError(f"task file {key!r}: {why}")
            data = {key: decode_content(content) for key, content in chosen.items()}
            sb = FakeSandbox(cfg, task_dir=task_dir, workspace=ws, files=data, home=base)
        else:
            ws = Path(workspace).resolve()
            if not ws.is_dir():
                raise SandboxError(f"workspace {ws} is not a directory")
            sb = FakeSandbox(cfg, task_dir=task_dir, workspace=ws, home=base)
            sb._nodes = dict(sorted(_scan(ws).items()))
        sb.readonly = tuple(
            posixpath.normpath(p) for p in readonly if sb._nodes.get(posixpath.normpath(p), ("link",))[0] != "link"
        )
        yield sb
    finally:
        try:
            if sb is not None:
                await _despite_cancellation(sb.close())
        finally:
            if cfg.keep_workspace and workspace is None:
                log.warning("kept workspace %s", base / "workspace")
            else:
                remove_tree(base)
