"""The host side of the exec server: one long-lived process per sandbox, JSON lines over pipes."""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import os
import signal
from collections import deque
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from mle_env.errors import Refused, SandboxError
from mle_env.sandbox.base import Entry, ExecResult, FileRead, Limits

log = logging.getLogger(__name__)

INSIDE_DIR = Path(__file__).with_name("inside")
"""The exec server's code, bound read-only into each sandbox at ``INSIDE_MOUNT``."""
INSIDE_MOUNT = "/run/mle-env"
SERVER_SCRIPT = INSIDE_DIR / "server.py"
PYTHON_FLAGS = ["-I", "-S", "-B"]
"""Isolated, no site-packages, no bytecode written: the server needs only the stdlib."""
START_TIMEOUT = 30.0
"""Seconds for a sandbox to come up before it counts as failed."""
REPLY_MARGIN = 30.0
"""Seconds past a call's own timeout before a silent server counts as dead."""


MAX_REPLY = 64 * 1024 * 1024
"""A reply line longer than this means the server is not ours any more: the sandbox is killed."""


def server_args(root: str, limits: Limits, *, reap: bool, nproc: int | None) -> list[str]:
    """The exec server's flags for these limits (``nproc``: the RLIMIT_NPROC to set, if any)."""
    mb = 1024 * 1024
    args = ["--root", root, "--cpu", str(limits.cpu_seconds)]
    args += ["--capture", str(limits.capture_kb * 1024), "--max-output", str(limits.max_output_mb * mb)]
    args += ["--rlimit", f"as={limits.memory_mb * mb}", "--rlimit", f"fsize={limits.file_size_mb * mb}"]
    args += ["--rlimit", f"nofile={limits.open_files}", "--rlimit", "core=0"]
    if nproc:
        args += ["--rlimit", f"nproc={nproc}"]
    if reap:
        args.append("--reap")
    return args


class _Wire(asyncio.SubprocessProtocol):
    """Splits the server's stdout into JSON replies and hands each to its waiting future."""

    def __init__(self, kind: str):
        self.kind = kind
        self.pending: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self.ready: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self.stderr: deque[str] = deque(maxlen=40)
        self.dead: str | None = None
        self._buf = b""
        self._err = b""
        self._transport: asyncio.SubprocessTransport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self._transport = transport  # type: ignore[assignment]

    def pipe_data_received(self, fd: int, data: bytes) -> None:
        if fd == 2:
            self._err += data
            *lines, self._err = self._err.split(b"\n")
            for raw in lines:
                line = raw.decode(errors="replace").rstrip()
                if line:
                    self.stderr.append(line[:500])
                    log.debug("%s sandbox: %s", self.kind, line)
            return
        self._buf += data
        if b"\n" not in data:
            if len(self._buf) > MAX_REPLY:
                self.dead = f"{self.kind} sandbox sent a reply over {MAX_REPLY:,} bytes; killed it"
                self.fail_pending(self.dead)
                self._buf = b""
                if self._transport is not None:
                    self._transport.kill()
            return
        *lines, self._buf = self._buf.split(b"\n")
        for raw in lines:
            try:
                reply = json.loads(raw)
            except ValueError:
                log.error("%s sandbox sent an unreadable line: %r", self.kind, raw[:200])
                continue
            if not self.ready.done():
                self.ready.set_result(reply)
                continue
            fut = self.pending.pop(reply.get("id"), None)
            if fut is not None and not fut.done():
                fut.set_result(reply)

    def process_exited(self) -> None:
        detail = "; ".join(list(self.stderr)[-5:])
        self.dead = f"{self.kind} sandbox exited{': ' + detail if detail else ''}"
        if not self.ready.done():
            self.ready.set_exception(SandboxError(self.dead))
        self.fail_pending(self.dead)

    def fail_pending(self, why: str) -> None:
        for fut in self.pending.values():
            if not fut.done():
                fut.set_exception(SandboxError(why))
        self.pending.clear()


class ServerSandbox:
    """A sandbox whose operations all go through an exec server started by ``argv``.

    Backends differ only in the command that starts the server (and what it confines);
    this class owns the conversation with it.
    """

    def __init__(
        self,
        *,
        kind: str,
        argv: list[str],
        env: dict[str, str],
        task_dir: str,
        root: str,
        python: str,
        workspace: Path,
        on_close: Callable[[], Awaitable[None]] | None = None,
    ):
        self.kind, self.task_dir, self.root, self.python = kind, task_dir, root, python
        self.workspace = workspace
        self._argv, self._env, self._on_close = argv, env, on_close
        self._transport: asyncio.SubprocessTransport | None = None
        self._wire: _Wire | None = None
        self._ids = itertools.count(1)
        self.info: dict[str, Any] = {}
        self.cgroup: Any = None  # the backend's cgroup, where it made one
        self._oom_kills = 0

    # ------------------------------------------------------------ lifecycle
    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        # Never cancel the spawn half-way: asyncio's own clean-up of a cancelled subprocess_exec
        # kills bwrap alone and then waits for pipes that the exec server (which outlives bwrap:
        # it is the sandbox's PID 1, and its uid drop cleared its parent-death signal) still
        # holds, with its stdin never closed: a Ctrl-C while a sandbox starts hung the harness
        # (CPython gh-103847, gh-133536). Let the spawn finish, then tear the sandbox down.
        spawn = asyncio.ensure_future(
            loop.subprocess_exec(lambda: _Wire(self.kind), *self._argv, env=self._env, start_new_session=True)
        )
        try:
            try:
                self._transport, self._wire = await asyncio.shield(spawn)
            except asyncio.CancelledError:
                try:
                    self._transport, self._wire = await spawn
                except OSError:  # it could not start: nothing to tear down
                    pass
                raise
        except OSError as e:
            raise SandboxError(f"{self.kind} sandbox could not start {self._argv[0]!r}: {e.strerror}") from e
        except BaseException:  # cancelled while spawning: nothing may be left running
            if self._transport is not None:
                self._wire.ready.add_done_callback(lambda f: f.cancelled() or f.exception())
                await self._kill()
                self._transport.close()  # the server's stdin: it exits, and its namespace with it
            raise
        ready = self._wire.ready
        ready.add_done_callback(lambda f: f.cancelled() or f.exception())  # retrieved, whoever waits
        try:
            self.info = await asyncio.wait_for(asyncio.shield(ready), START_TIMEOUT)
        except (asyncio.TimeoutError, SandboxError) as e:
            await self._kill()
            self._transport.close()
            detail = "; ".join(self._wire.stderr) or ("no answer within %.0fs" % START_TIMEOUT)
            raise SandboxError(f"{self.kind} sandbox failed to start: {detail}") from e
        except BaseException:  # cancelled while starting: nothing may be left running
            await self._kill()
            self._transport.close()
            raise

    async def close(self) -> None:
        t = self._transport
        if t is not None and t.get_returncode() is None:
            stdin = t.get_pipe_transport(0)
            if stdin is not None:
                stdin.close()
            try:
                await asyncio.wait_for(self._wait(), 2.0)
            except asyncio.TimeoutError:
                await self._kill()
        if t is not None:
            t.close()
        if self._wire is not None:
            self._wire.fail_pending("sandbox closed")
        if self._on_close is not None:
            await self._on_close()
            self._on_close = None

    async def _wait(self) -> None:
        while self._transport is not None and self._transport.get_returncode() is None:
            await asyncio.sleep(0.01)

    async def _kill(self) -> None:
        t = self._transport
        if t is None or t.get_returncode() is not None:
            return
        try:
            os.killpg(t.get_pid(), signal.SIGKILL)
        except ProcessLookupError:
            pass
        await self._wait()

    async def __aenter__(self) -> ServerSandbox:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    # ------------------------------------------------------------ wire
    async def request(self, op: str, wait: float, **fields: Any) -> dict[str, Any]:
        """Send one request and wait for its reply; ``Refused`` when the server said no."""
        wire, t = self._wire, self._transport
        if wire is None or t is None or wire.dead:
            raise SandboxError((wire and wire.dead) or f"{self.kind} sandbox is not running")
        rid = next(self._ids)
        fut: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        wire.pending[rid] = fut
        line = json.dumps({"id": rid, "op": op, **fields}, ensure_ascii=False).encode("utf-8", "surrogatepass")
        stdin = t.get_pipe_transport(0)
        stdin.write(line + b"\n")
        try:
            async with asyncio.timeout(wait):
                reply = await fut
        except TimeoutError:
            wire.pending.pop(rid, None)
            raise SandboxError(f"{self.kind} sandbox did not answer a {op} request within {wait:.0f}s") from None
        if not reply.get("ok"):
            raise Refused(reply.get("error", "refused"))
        return reply

    # ------------------------------------------------------------ operations
    async def exec(
        self,
        argv: list[str],
        *,
        cwd: str = ".",
        timeout: float = 60,
        env: dict[str, str] | None = None,
        paths: tuple[str, ...] = (),
    ) -> ExecResult:
        reply = await self.request(
            "exec", timeout + REPLY_MARGIN, argv=argv, cwd=cwd, timeout=timeout, env=env or {}, paths=list(paths)
        )
        reply.pop("ok"), reply.pop("id")
        if reply.get("signal") == 9 and self.cgroup is not None:
            kills = self.cgroup.oom_kills()
            reply["oom_killed"] = kills > self._oom_kills
            self._oom_kills = kills
        return ExecResult(**reply)

    async def read(self, path: str, max_bytes: int = 1 << 20) -> FileRead:
        reply = await self.request("read", REPLY_MARGIN, path=path, max_bytes=max_bytes)
        return FileRead(**{k: reply[k] for k in FileRead.model_fields if k in reply})

    async def write(self, path: str, content: str) -> int:
        return int((await self.request("write", REPLY_MARGIN, path=path, content=content))["bytes"])

    async def list(self, path: str = ".", limit: int = 2000) -> tuple[list[Entry], int]:
        reply = await self.request("list", REPLY_MARGIN, path=path, limit=limit)
        return [Entry(name=n, kind=k) for n, k in reply["entries"]], int(reply["total"])
