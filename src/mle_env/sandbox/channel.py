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

SERVER_SCRIPT = Path(__file__).with_name("server.py")
START_TIMEOUT = 30.0
"""Seconds for a sandbox to come up before it counts as failed."""
REPLY_MARGIN = 30.0
"""Seconds past a call's own timeout before a silent server counts as dead."""


def server_args(root: str, limits: Limits, *, reap: bool, nproc: bool) -> list[str]:
    """The exec server's flags for these limits."""
    mb = 1024 * 1024
    args = ["--root", root, "--cpu", str(limits.cpu_seconds)]
    args += ["--capture", str(limits.capture_kb * 1024), "--max-output", str(limits.max_output_mb * mb)]
    args += ["--rlimit", f"as={limits.memory_mb * mb}", "--rlimit", f"fsize={limits.file_size_mb * mb}"]
    args += ["--rlimit", f"nofile={limits.open_files}", "--rlimit", "core=0"]
    if nproc:
        args += ["--rlimit", f"nproc={limits.processes}"]
    if reap:
        args.append("--reap")
    return args


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
        self._proc: asyncio.subprocess.Process | None = None
        self._pending: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self._ids = itertools.count(1)
        self._stderr: deque[str] = deque(maxlen=40)
        self._tasks: list[asyncio.Task[None]] = []
        self._dead: str | None = None
        self._write_lock = asyncio.Lock()

    # ------------------------------------------------------------ lifecycle
    async def start(self) -> None:
        try:
            self._proc = await asyncio.create_subprocess_exec(
                *self._argv,
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
                env=self._env,
                limit=256 * 1024 * 1024,
                start_new_session=True,
            )
        except OSError as e:
            raise SandboxError(f"{self.kind} sandbox could not start {self._argv[0]!r}: {e.strerror}") from e
        self._tasks.append(asyncio.create_task(self._drain_stderr()))
        assert self._proc.stdout is not None
        try:
            line = await asyncio.wait_for(self._proc.stdout.readline(), START_TIMEOUT)
        except asyncio.TimeoutError:
            line = b""
        if not line.startswith(b'{"ready"'):
            await self._kill()
            await asyncio.sleep(0)  # let the stderr drain catch up
            detail = "; ".join(self._stderr) or line.decode(errors="replace").strip() or "no output"
            raise SandboxError(f"{self.kind} sandbox failed to start: {detail}")
        self.info = json.loads(line)
        self._tasks.append(asyncio.create_task(self._read_replies()))

    async def close(self) -> None:
        proc = self._proc
        if proc is not None and proc.returncode is None:
            if proc.stdin is not None:
                proc.stdin.close()
            try:
                await asyncio.wait_for(proc.wait(), 2.0)
            except asyncio.TimeoutError:
                await self._kill()
        for t in self._tasks:
            t.cancel()
        self._fail_pending("sandbox closed")
        if self._on_close is not None:
            await self._on_close()
            self._on_close = None

    async def _kill(self) -> None:
        proc = self._proc
        if proc is None or proc.returncode is not None:
            return
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        await proc.wait()

    async def __aenter__(self) -> ServerSandbox:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    # ------------------------------------------------------------ wire
    async def _drain_stderr(self) -> None:
        assert self._proc is not None and self._proc.stderr is not None
        async for raw in self._proc.stderr:
            line = raw.decode(errors="replace").rstrip()
            if line:
                self._stderr.append(line[:500])
                log.debug("%s sandbox: %s", self.kind, line)

    async def _read_replies(self) -> None:
        assert self._proc is not None and self._proc.stdout is not None
        try:
            async for raw in self._proc.stdout:
                reply = json.loads(raw)
                fut = self._pending.pop(reply.get("id"), None)
                if fut is not None and not fut.done():
                    fut.set_result(reply)
        except (ValueError, asyncio.LimitOverrunError) as e:
            log.error("%s sandbox sent an unreadable reply: %s", self.kind, e)
        code = await self._proc.wait()
        detail = "; ".join(list(self._stderr)[-5:])
        self._dead = f"{self.kind} sandbox died (exit {code}){': ' + detail if detail else ''}"
        self._fail_pending(self._dead)

    def _fail_pending(self, why: str) -> None:
        for fut in self._pending.values():
            if not fut.done():
                fut.set_exception(SandboxError(why))
        self._pending.clear()

    async def request(self, op: str, wait: float, **fields: Any) -> dict[str, Any]:
        """Send one request and wait for its reply; ``Refused`` when the server said no."""
        if self._dead or self._proc is None or self._proc.stdin is None:
            raise SandboxError(self._dead or f"{self.kind} sandbox is not running")
        rid = next(self._ids)
        fut: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._pending[rid] = fut
        line = json.dumps({"id": rid, "op": op, **fields}, ensure_ascii=False).encode("utf-8", "surrogatepass") + b"\n"
        try:
            async with self._write_lock:
                self._proc.stdin.write(line)
                await self._proc.stdin.drain()
        except (ConnectionError, BrokenPipeError) as e:
            self._pending.pop(rid, None)
            raise SandboxError(self._dead or f"{self.kind} sandbox is gone: {e}") from e
        try:
            reply = await asyncio.wait_for(fut, wait)
        except asyncio.TimeoutError:
            self._pending.pop(rid, None)
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
        return ExecResult(**reply)

    async def read(self, path: str, max_bytes: int = 1 << 20) -> FileRead:
        reply = await self.request("read", REPLY_MARGIN, path=path, max_bytes=max_bytes)
        return FileRead(**{k: reply[k] for k in FileRead.model_fields if k in reply})

    async def write(self, path: str, content: str) -> int:
        return int((await self.request("write", REPLY_MARGIN, path=path, content=content))["bytes"])

    async def list(self, path: str = ".", limit: int = 2000) -> tuple[list[Entry], int]:
        reply = await self.request("list", REPLY_MARGIN, path=path, limit=limit)
        return [Entry(name=n, kind=k) for n, k in reply["entries"]], int(reply["total"])
