"""The MCP server: one task's sandbox served to MCP clients (Claude Desktop, IDEs, other agents).

    mle-env mcp --task tasks/biopsy-response-classifier.json             # stdio
    mle-env mcp --task T.json --transport http --port 8000               # http://127.0.0.1:8000/mcp

One sandbox lives as long as the server; every client (and every HTTP session) shares it.
Clients get the agent's five tools (``tools.TOOLS``: same names, parameters, confinement; a
call that fails for the agent is an MCP error result), the task's prompt as the prompt
``task``, the workspace's files at start as resources ``file://{task_dir}/{path}`` (read live
through the sandbox), and with ``enable_grade`` a ``grade`` tool. Hidden task data
(``task.mle_env``) never reaches a client, save what ``grade``'s per-criterion results tell,
which is why that tool is opt-in.
"""

from __future__ import annotations

import asyncio
import hmac
import inspect
import json
import mimetypes
import os
import signal
import socket
import stat
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from mcp.server.caching import CacheHint
from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ResourceError
from mcp.server.mcpserver.resources import Resource
from mcp.types import CallToolResult, TextContent, ToolAnnotations
from pydantic import Field

from mle_env import __version__, fstree
from mle_env.errors import RunError, SandboxError
from mle_env.sandbox import SandboxConfig, open_sandbox
from mle_env.store import copy_response
from mle_env.store.files import printable
from mle_env.task import Task
from mle_env.tools import TOOLS, ToolConfig, Tools, parse_arguments

MAX_RESOURCES = 500
"""Most files listed as resources; the rest stay reachable through the tools."""
RESOURCE_CHARS = 2_000_000
"""Longest text a resource read returns whole (longer files come back as head and tail)."""
READ_ONLY = ("read_file", "list_files")


async def run_mcp(
    *,
    task: Task | None,
    workspace: Path | None,
    sandbox: SandboxConfig,
    transport: str,
    host: str = "127.0.0.1",
    port: int = 8000,
    task_dir: str | None = None,
    enable_grade: bool = False,
    judge: Any = None,
    token: str | None = None,
) -> None:
    """Serve ``task`` (or the directory ``workspace``) over ``transport`` ("stdio" or "http") until
    the client leaves (stdio), or SIGTERM/SIGINT; the sandbox is closed and its workspace removed.
    With ``token``, HTTP requests need ``Authorization: Bearer <token>``."""
    if transport not in ("stdio", "http") or (task is None and (workspace is None or enable_grade)):
        raise ValueError("needs transport stdio or http, and a task or a workspace (grade: a task)")
    task_dir = task_dir or (task.task_dir if task else "/app")
    files = _listing(workspace) if workspace is not None else sorted(task.task_files)[:MAX_RESOURCES]
    sock = _listen(host, port) if transport == "http" else None
    stop = _Signals()
    try:
        async with open_sandbox(sandbox, task, task_dir=task_dir, workspace=workspace) as sb:
            _say(f"{sb.kind} sandbox; workspace {sb.workspace}, seen as {sb.task_dir}")
            server = build_server(sb, task, files, enable_grade=enable_grade, sandbox=sandbox, judge=judge)
            if sock is None:
                await _serve_stdio(server, stop)
            else:
                await _serve_http(server, sock, host, stop, token)
    except asyncio.CancelledError:
        if stop.received is None:
            raise
        asyncio.current_task().uncancel()  # our own signal handler's doing: a normal exit
    finally:
        stop.remove()
        if sock is not None:
            sock.close()
    if stop.received is not None:
        _say(f"stopped by {signal.Signals(stop.received).name}; sandbox closed")
        if stop.stuck:  # the SDK's stdin reader is a thread nothing interrupts: end as the signal would have
            signal.signal(stop.received, signal.SIG_DFL)
            os.kill(os.getpid(), stop.received)


def build_server(
    sb: Any, task: Task | None, files: list[str], *, enable_grade: bool = False, sandbox: Any = None, judge: Any = None
) -> MCPServer:
    """The MCP server over the open sandbox ``sb``: tools, the task's prompt, ``files`` as resources."""
    top = sb.task_dir.rstrip("/")
    server = MCPServer(
        "mle-env",
        version=__version__,
        instructions=f"Every tool and resource acts on one sandboxed workspace, seen at {sb.task_dir}: paths are "
        "relative to it or absolute under it." + (" The prompt `task` says what to do." if task else ""),
        log_level="WARNING",
        cache_hints={"resources/read": CacheHint(ttl_ms=0)},  # files change under the client: never cache
        middleware=[_agent_arguments],
    )
    tools, lock = Tools(sb), asyncio.Lock()  # one call at a time, as in the agent's loop
    for name, (_, description) in TOOLS.items():
        hints = ToolAnnotations(read_only_hint=name in READ_ONLY)
        server.add_tool(_tool_fn(tools, name, lock), name, description=description, annotations=hints)
    if task is not None:
        text = task.prompt_text

        @server.prompt(name="task", title="The task", description=f"What to do in the workspace at {sb.task_dir}")
        def task_prompt() -> str:
            return text

    reader = Tools(sb, ToolConfig(max_read_chars=RESOURCE_CHARS))
    for rel in files:
        path, mime = f"{top}/{rel}", mimetypes.guess_type(rel)[0] or "text/plain"
        about = f"{path} in the sandbox's workspace, as it is now"
        server.add_resource(_File(uri="file://" + quote(path), name=rel, description=about, mime_type=mime, path=rel,
                                  reader=reader))  # fmt: skip
    if enable_grade and task is not None:  # opt-in: its per-criterion results reveal the hidden rubric
        about = ("Grade the workspace's response/ files (and the answer text) against the task's hidden rubric; "
                 "returns the score, percentage and per-criterion results as JSON")  # fmt: skip
        server.add_tool(_grade_fn(sb, task, lock, sandbox, judge), "grade", description=about)
    return server


# ---------------------------------------------------------------- tools


def _result(text: str, error: bool = False) -> CallToolResult:
    return CallToolResult(content=[TextContent(type="text", text=text)], is_error=error)


async def _agent_arguments(ctx: Any, call_next: Any) -> Any:
    """The agent's argument rules for the five tools, before the SDK's own (which ignores unknown
    arguments): a call the agent's tools would refuse is an error result with the agent's wording."""
    params = ctx.params or {}
    if ctx.method == "tools/call" and params.get("name") in TOOLS:
        got = parse_arguments(params["name"], params.get("arguments"))
        if isinstance(got, str):
            return _result(got, error=True)
    return await call_next(ctx)


def _tool_fn(tools: Tools, name: str, lock: asyncio.Lock) -> Callable[..., Any]:
    """An async function for ``server.add_tool`` whose signature is the agent tool's argument model."""

    async def call(**arguments: Any) -> CallToolResult:
        async with lock:
            try:
                out = await tools.call(name, arguments)
            except SandboxError as e:
                return _result(f"{name}: the sandbox stopped: {e}", error=True)
        return _result(out.result, error=not out.success)

    model, _ = TOOLS[name]
    empty = inspect.Parameter.empty
    call.__name__ = call.__qualname__ = name  # the schema's title: read_fileArguments
    call.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [
            inspect.Parameter(
                arg,
                inspect.Parameter.KEYWORD_ONLY,
                default=empty if field.is_required() else field.default,
                annotation=Annotated[field.annotation, Field(description=field.description)],
            )
            for arg, field in model.model_fields.items()
        ],
        return_annotation=CallToolResult,
    )
    return call


def _grade_fn(sb: Any, task: Task, lock: asyncio.Lock, sandbox: Any, judge: Any) -> Callable[..., Any]:
    from mle_env import grading

    async def grade(
        answer: Annotated[str, Field(description="Your final answer, as an agent would end with")] = "",
    ) -> CallToolResult:
        async with lock:  # no tool call runs while the response files are copied
            with tempfile.TemporaryDirectory(prefix="mle-env-grade-") as tmp:
                copy_response(sb.workspace, Path(tmp) / "response")
                try:
                    ev = await grading.grade(task, Path(tmp), answer, sandbox=sandbox, judge=judge)
                except Exception as e:
                    return _result(f"grading failed: {type(e).__name__}: {e}", error=True)
        return _result(json.dumps(ev, indent=2, ensure_ascii=False, default=str))

    return grade


# ---------------------------------------------------------------- resources


class _File(Resource):
    """A workspace file, read through the sandbox (with read_file's confinement) when asked."""

    path: str
    reader: Any = Field(exclude=True)

    async def read(self) -> str:
        try:
            out = await self.reader.call("read_file", {"path": self.path})
        except SandboxError as e:
            raise ResourceError(f"the sandbox stopped: {e}") from None
        if not out.success:  # gone, binary, or no longer readable
            raise ResourceError(out.result)
        return out.result


def _listing(root: Path, limit: int = MAX_RESOURCES) -> list[str]:
    """Regular files under ``root``, hidden ones and ``__pycache__`` left out, at most ``limit``."""
    found: list[str] = []
    try:  # the live workspace is the agent's: any depth, no links followed (fstree)
        for kind, e in fstree.walk(root, max_depth=32, max_entries=20_000):
            if kind == "dir" and (e.name.startswith(".") or e.name == "__pycache__"):
                e.skip = True
            elif kind == "file" and stat.S_ISREG(e.st.st_mode) and not e.name.startswith("."):
                if printable(e.rel) != e.rel:
                    continue  # a name that is not UTF-8 cannot be a resource URI
                if len(found) == limit:
                    _say(f"listed the first {limit} files as resources; the tools reach the rest")
                    break
                found.append(e.rel)
    except OSError:
        pass
    return sorted(found)


# ---------------------------------------------------------------- transport and lifetime


def _listen(host: str, port: int) -> socket.socket:
    """The HTTP server's socket, bound before the sandbox starts so a taken port fails at once."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        return socket.create_server((host, port), family=family)
    except OSError as e:
        raise RunError(f"cannot listen on {host}:{port}: {e.strerror or e}") from None


async def _serve_stdio(server: MCPServer, stop: _Signals) -> None:
    """Serve until stdin ends or a signal comes. A signal does not wait for the SDK's stdin reader
    (a thread blocked in readline that cancelling cannot stop): the sandbox is closed at once."""
    serving = asyncio.ensure_future(server.run_stdio_async())
    signalled = asyncio.Event()
    stop.action = signalled.set
    waiter = asyncio.ensure_future(signalled.wait())
    try:
        await asyncio.wait({serving, waiter}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        waiter.cancel()
        if not serving.done():
            serving.cancel()
            await asyncio.wait({serving}, timeout=1.0)
    if serving.done():
        serving.result()  # raises what ended it, if anything did
    else:
        stop.stuck = True


async def _serve_http(server: MCPServer, sock: socket.socket, host: str, stop: _Signals, token: str | None) -> None:
    import uvicorn

    app: Any = server.streamable_http_app(streamable_http_path="/mcp", host=host)
    if token:
        app = _Bearer(app, token)
    config = uvicorn.Config(app, log_level="warning", timeout_graceful_shutdown=2, lifespan="on")
    uv = uvicorn.Server(config)
    stop.action = lambda: setattr(uv, "should_exit", True)  # a graceful stop instead of a cancel
    name = f"[{host}]" if ":" in host else host
    _say(f"MCP over streamable HTTP at http://{name}:{sock.getsockname()[1]}/mcp")
    if host not in ("127.0.0.1", "localhost", "::1") and not token:
        _say("warning: listening beyond this machine, with no authentication: anyone who reaches it runs code "
             "(set MLE_ENV_MCP_TOKEN or --token)")  # fmt: skip
    await uv.serve(sockets=[sock])


class _Bearer:
    """ASGI: every HTTP request needs ``Authorization: Bearer <token>`` (compared in constant time)."""

    def __init__(self, app: Any, token: str):
        self.app, self.want = app, f"Bearer {token}".encode()

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            got = dict(scope.get("headers") or []).get(b"authorization", b"")
            if not hmac.compare_digest(got, self.want):
                body = b'{"error": "missing or wrong bearer token"}'
                await send({"type": "http.response.start", "status": 401, "headers": [
                    (b"content-type", b"application/json"), (b"www-authenticate", b"Bearer"),
                    (b"content-length", str(len(body)).encode())]})  # fmt: skip
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)


class _Signals:
    """SIGTERM and SIGINT end the server through its normal exit path, so the sandbox is closed
    and its workspace removed: each transport sets ``action``, how to stop it."""

    def __init__(self) -> None:
        self.received: int | None = None
        self.stuck = False
        self.action: Callable[[], None] = asyncio.current_task().cancel  # while the sandbox starts
        self._loop = asyncio.get_running_loop()
        self._installed: list[int] = []
        for sig in (signal.SIGTERM, signal.SIGINT):
            try:
                self._loop.add_signal_handler(sig, self._on, sig)
            except (ValueError, RuntimeError, NotImplementedError):  # not the main thread, or no signals
                continue
            self._installed.append(sig)

    def _on(self, sig: int) -> None:
        if self.received is None:
            self.received = sig
            self.action()

    def remove(self) -> None:
        for sig in self._installed:
            self._loop.remove_signal_handler(sig)


def _say(message: str) -> None:
    """A line for the user on stderr (stdout is the protocol under stdio)."""
    print(f"mle-env mcp: {message}", file=sys.stderr, flush=True)
