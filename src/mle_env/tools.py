"""The five agent tools over a sandbox, with the reference harness's names, parameters and wording.

Every call returns a ``ToolResult`` (``success``, ``result``: the reference's ``{"success": bool,
"result": str}``, which ``model_dump()`` gives), with the reference's strings where
agents and wrappers parse them: a failure starts ``Error reading file:`` (``Error writing
file:``, ``Error listing directory:``, ``Error running script:``, ``Error executing
command:``) followed by Python's OSError text where there is one (``[Errno 2] No such file
or directory: 'x.txt'``); a process result is ``STDOUT:…STDERR:…Return code: N`` (``-9``
when SIGKILL ended it); an empty directory lists as ``""``. What differs, and why, is in
docs/compatibility.md. Bad arguments, unknown tools and paths outside the workspace come
back as ``success=False``; only a sandbox that died raises (``SandboxError``, which ends
the sample).
"""

from __future__ import annotations

import errno
import json
import os
import posixpath
import re
import signal
from contextvars import ContextVar
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from mle_env.errors import Refused
from mle_env.sandbox.base import ExecResult, Sandbox

DEFAULT_TIMEOUT = 60


class ToolConfig(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    max_output_chars: int = Field(20_000, ge=200)
    """Longest process output (stdout and stderr together) returned to the model."""
    max_read_chars: int = Field(100_000, ge=200)
    """Longest file content returned by read_file."""
    max_list_entries: int = Field(500, ge=10)
    """Most entries list_files returns."""
    max_timeout: int = Field(3600, ge=1)
    """Longest timeout a call may ask for, in seconds."""


class ToolResult(BaseModel):
    """What one tool call gives the model: did it succeed, and the text the model reads.

    The reference's ``{"success": bool, "result": str}`` (``model_dump()``); a trajectory's
    ``tool_call`` event carries the two as its ``success`` and ``result`` keys.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    success: bool
    result: str


# ---------------------------------------------------------------- arguments


class _Args(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ReadFileArgs(_Args):
    path: str = Field(description="File path to read (relative to the project, or absolute under it)")


class WriteFileArgs(_Args):
    path: str = Field(description="File path to write to (parent directories are created)")
    content: str = Field(description="Content to write")


class ListFilesArgs(_Args):
    path: str = Field(".", description="Directory path to list")


class RunPythonArgs(_Args):
    script_path: str = Field(description="Path to the Python script to run (it runs in the script's directory)")
    timeout: int | None = Field(DEFAULT_TIMEOUT, description="Timeout in seconds (default 60)")


class BashExecArgs(_Args):
    command: str = Field(description="Bash command to execute")
    timeout: int | None = Field(DEFAULT_TIMEOUT, description="Timeout in seconds (default 60)")
    cwd: str | None = Field(None, description="Working directory (optional; default the project root)")


# The reference's descriptions, then the limits a model should plan around (ToolConfig's values).
_DESCRIPTIONS = {
    "read_file": "Read contents of a file at the given path. A file of up to {read:,} characters comes back "
    "whole; a longer one as its first and last {read_half:,} characters with a marker saying how much of the "
    "middle was cut (read the rest with bash_exec, e.g. sed -n or grep). Binary files are refused.",
    "write_file": "Write content to a file at the given path (creates directories; replaces an existing file)",
    "list_files": "List files and directories at the given path, one per line, sorted (directories marked [DIR], "
    "symbolic links [LINK]); at most {entries:,} entries, then a line saying how many more. "
    "An empty directory gives an empty result.",
    "run_python": "Execute a Python script file and return stdout/stderr. It runs in the script's directory; the "
    "result ends with its return code. timeout defaults to {timeout} s, at most {max_timeout:,} s; on timeout its "
    "processes are killed. Output over {out:,} characters (stdout and stderr together) is cut in the middle, "
    "with a marker.",
    "bash_exec": "Execute a bash command and return stdout/stderr. It runs in the project root unless cwd is "
    "given; the result ends with its return code. timeout defaults to {timeout} s, at most {max_timeout:,} s; on "
    "timeout its processes are killed. Output over {out:,} characters (stdout and stderr together) is cut in the "
    "middle, with a marker.",
}

# How each tool's failures start: the reference's words (its tools.py), which its tests check for "Error".
FAILURE = {
    "read_file": "Error reading file",
    "write_file": "Error writing file",
    "list_files": "Error listing directory",
    "run_python": "Error running script",
    "bash_exec": "Error executing command",
}


def describe(name: str, config: ToolConfig | None = None) -> str:
    """Tool ``name``'s description with the limits of ``config`` (default: ToolConfig())."""
    cfg = config or ToolConfig()
    return _DESCRIPTIONS[name].format(
        read=cfg.max_read_chars, read_half=cfg.max_read_chars // 2, entries=cfg.max_list_entries,
        out=cfg.max_output_chars, timeout=DEFAULT_TIMEOUT, max_timeout=cfg.max_timeout,
    )  # fmt: skip


_MODELS: dict[str, type[_Args]] = {
    "read_file": ReadFileArgs,
    "write_file": WriteFileArgs,
    "list_files": ListFilesArgs,
    "run_python": RunPythonArgs,
    "bash_exec": BashExecArgs,
}
TOOLS: dict[str, tuple[type[_Args], str]] = {name: (model, describe(name)) for name, model in _MODELS.items()}
"""name → (argument model, description with the default ToolConfig's limits)."""


def _parameters(model: type[_Args]) -> dict[str, Any]:
    props = {}
    for name, field in model.model_fields.items():
        ann = field.annotation
        kind = "integer" if ann in (int, int | None) else "string"
        props[name] = {"type": kind, "description": field.description or ""}
    return {"type": "object", "properties": props, "required": list(props), "additionalProperties": False}


def openai_tools(strict: bool = False, config: ToolConfig | None = None) -> list[dict[str, Any]]:
    """Tool specs in the OpenAI function-calling format; descriptions state ``config``'s limits."""
    out = []
    for name, (model, _) in TOOLS.items():
        params = _parameters(model)
        if not strict:
            params["required"] = [n for n, f in model.model_fields.items() if f.is_required()]
        desc = describe(name, config)
        function = {"name": name, "description": desc, "parameters": params, "strict": strict}
        out.append({"type": "function", "function": function})
    return out


def anthropic_tools(config: ToolConfig | None = None) -> list[dict[str, Any]]:
    """Tool specs in the Anthropic tool-use format; descriptions state ``config``'s limits."""
    out = []
    for name, (model, _) in TOOLS.items():
        params = _parameters(model)
        params["required"] = [n for n, f in model.model_fields.items() if f.is_required()]
        out.append({"name": name, "description": describe(name, config), "input_schema": params})
    return out


# ---------------------------------------------------------------- output


def truncate(text: str, limit: int, what: str = "characters") -> str:
    """Keep the head and tail of ``text`` within ``limit`` characters, saying how much was cut."""
    if len(text) <= limit:
        return text
    half = limit // 2
    cut = len(text) - 2 * half
    return f"{text[:half]}\n[... {cut:,} {what} cut ...]\n{text[-half:]}"


def format_exec(res: ExecResult, timeout: float, limit: int, noun: str = "Command") -> str:
    budget = max(limit // 2, 100)
    out, err = res.stdout, res.stderr
    if len(out) + len(err) > limit:  # share the budget, so a long stdout cannot hide a traceback
        out_budget = max(budget, limit - min(len(err), budget))
        out, err = truncate(out, out_budget), truncate(err, limit - min(len(out), out_budget))
    lines = []
    if res.timed_out:
        lines.append(f"{noun} timed out after {timeout:g}s; its processes were killed.")
    if res.output_exceeded:
        lines.append("Output passed the sandbox's limit; the processes were killed.")
    if res.oom_killed:
        lines.append("Killed: the sandbox ran out of memory (its processes together passed the memory limit).")
    elif res.signal and not (res.timed_out or res.output_exceeded):
        lines.append(_signal_note(res.signal))
    lines += ["STDOUT:", out, "STDERR:", err]
    # subprocess's convention, as the reference prints it: -N when signal N ended the process.
    code = res.exit_code if res.exit_code is not None else -res.signal if res.signal else "unknown"
    lines.append(f"Return code: {code}")
    return "\n".join(lines)


_SIGNAL_CAUSES = {
    signal.SIGXCPU: ": the process used up its CPU-time limit",
    signal.SIGXFSZ: ": a file passed the sandbox's file-size limit",
}


def _signal_note(signum: int) -> str:
    try:
        sig = signal.Signals(signum)
    except ValueError:
        return f"Killed by signal {signum}."
    return f"Killed by signal {signum} ({sig.name}){_SIGNAL_CAUSES.get(sig, '')}."


# The exec server's words for an errno (sandbox/inside/fileops.py and server.py): a refusal in
# these words is given to the model as Python's OSError text, as the reference's open() gives it.
_REFUSALS = [
    (re.compile(r"no such (?:file|directory): .*|working directory .* does not exist"), errno.ENOENT),
    (re.compile(r".* is a directory(?P<rest> \(use list_files\))?"), errno.EISDIR),
    (re.compile(r".* is not a directory"), errno.ENOTDIR),
]
_STRERRORS = {
    os.strerror(n): n
    for n in (errno.ENOENT, errno.EISDIR, errno.ENOTDIR, errno.EACCES, errno.EPERM, errno.EEXIST, errno.ELOOP,
              errno.ENAMETOOLONG, errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EFBIG, errno.ENXIO)
}  # fmt: skip


def os_error_text(message: str, path: str | None) -> str:
    """``message`` (a sandbox's refusal about ``path``) as Python's OSError text where it is one.

    ``no such file: x.txt`` → ``[Errno 2] No such file or directory: 'x.txt'``, with the path as
    the agent wrote it; any other message (outside the workspace, binary file…) is kept as is.
    """
    if path is None:
        return message
    if message in _STRERRORS:  # a bare strerror: the server passed an OSError on
        n = _STRERRORS[message]
        return f"[Errno {n}] {message}: {path!r}"
    for pattern, n in _REFUSALS:
        m = pattern.fullmatch(message)
        if m:
            return f"[Errno {n}] {os.strerror(n)}: {path!r}{m.groupdict().get('rest') or ''}"
    return message


# ---------------------------------------------------------------- the tools

_SIMPLE = re.compile(r"[A-Za-z0-9_./:=,+@%-]+")
# Builtins and keywords whose meaning needs bash (true, false, echo and pwd are left out:
# their /usr/bin twins behave the same for plain arguments).
_SHELL_WORDS = {
    "alias", "bg", "bind", "break", "builtin", "caller", "cd", "command", "compgen", "complete", "continue",
    "declare", "dirs", "disown", "enable", "eval", "exec", "exit", "export", "fc", "fg", "getopts", "hash",
    "help", "history", "jobs", "kill", "let", "local", "logout", "mapfile", "popd", "printf", "pushd", "read",
    "readarray", "readonly", "return", "set", "shift", "shopt", "source", "suspend", "test", "times", "trap",
    "type", "typeset", "ulimit", "umask", "unalias", "unset", "wait", "if", "then", "else", "fi", "for",
    "while", "until", "do", "done", "case", "esac", "function", "time", "[", "[[", ".",
}  # fmt: skip


def direct_argv(command: str) -> list[str] | None:
    """``command`` as an argv when a shell would do nothing but run it, else None.

    Saves a bash start (about a millisecond) on the commands agents run most
    (``ls -la data``, ``python src/train.py``); anything with quoting, expansion,
    redirection, globbing, assignment or a builtin goes to bash.
    """
    if any(c in command for c in "\n\r\t\v\f"):
        return None  # several lines are several commands: bash's business
    words = command.split(" ")
    words = [w for w in words if w]
    if not words or not all(_SIMPLE.fullmatch(w) for w in words):
        return None
    head = words[0]
    if "=" in head or head in _SHELL_WORDS:
        return None
    return words  # a name that is not on the sandbox's PATH falls back to bash, which says so


_CAP: ContextVar[float | None] = ContextVar("mle_env_tool_cap", default=None)
"""Seconds the current ``Tools.call`` may take at most (a step's ``timeout_s``), if any."""


class Tools:
    """The five tools bound to one sandbox."""

    def __init__(self, sandbox: Sandbox, config: ToolConfig | None = None):
        self.sb = sandbox
        self.cfg = config or ToolConfig()

    @property
    def names(self) -> list[str]:
        return list(TOOLS)

    async def call(self, name: str, arguments: dict[str, Any] | str | None, cap: float | None = None) -> ToolResult:
        """Run tool ``name``; never raises for anything the model did wrong. ``cap``: seconds the
        caller allows at most (a step's ``timeout_s``); a command's own timeout is cut to it."""
        args = parse_arguments(name, arguments)
        if isinstance(args, str):
            return _fail(args)
        token = _CAP.set(cap)  # per asyncio task: concurrent calls on one Tools keep their own cap
        try:
            out: ToolResult = await getattr(self, name)(args)
        except Refused as e:
            out = _fail(f"{FAILURE[name]}: {os_error_text(str(e), _subject(args))}")
        finally:
            _CAP.reset(token)
        # names the agent made need not be UTF-8: no lone surrogates onward
        text = out.result.encode("utf-8", "backslashreplace").decode("utf-8")
        return out if text == out.result else ToolResult(success=out.success, result=text)

    # ------------------------------------------------------------ paths
    def relpath(self, path: str) -> str:
        """The agent's path as a path relative to the workspace; ``Refused`` when it leaves it."""
        if not path or not path.strip():
            raise Refused("path is empty")
        if "\x00" in path:
            raise Refused("path contains a NUL byte")
        top = self.sb.task_dir
        if path.startswith("/"):
            norm = posixpath.normpath(path)
            if norm == top:
                return "."
            if not norm.startswith(top.rstrip("/") + "/"):
                raise Refused(f"{path!r} is outside the workspace: use paths under {top} or relative to it")
            return norm[len(top.rstrip("/")) + 1 :]
        norm = posixpath.normpath(path)
        if norm == ".." or norm.startswith("../"):
            raise Refused(f"{path!r} resolves outside the workspace {top}")
        return norm

    def _timeout(self, value: int | None) -> float:
        t = DEFAULT_TIMEOUT if value is None else value
        if t < 1:
            raise Refused(f"timeout must be at least 1 second, got {t}")
        t = min(t, self.cfg.max_timeout)
        cap = _CAP.get()
        return t if cap is None else min(t, round(cap, 3))

    # ------------------------------------------------------------ tools
    async def read_file(self, a: ReadFileArgs) -> ToolResult:
        rel = self.relpath(a.path)
        got = await self.sb.read(rel, max_bytes=self.cfg.max_read_chars * 4)
        if got.binary:
            why = f"{a.path} is a binary file ({got.size:,} bytes); inspect it with run_python or bash_exec"
            return _fail(f"{FAILURE['read_file']}: {why}")
        if got.content is not None:
            return _ok(truncate(got.content, self.cfg.max_read_chars))
        half = self.cfg.max_read_chars // 2
        head, tail = (got.head or "")[:half], (got.tail or "")[-half:]
        return _ok(f"{head}\n[... file is {got.size:,} bytes; the middle was cut ...]\n{tail}")

    async def write_file(self, a: WriteFileArgs) -> ToolResult:
        rel = self.relpath(a.path)
        await self.sb.write(rel, a.content)
        return _ok(f"Successfully wrote to {a.path}")

    async def list_files(self, a: ListFilesArgs) -> ToolResult:
        rel = self.relpath(a.path)
        entries, total = await self.sb.list(rel, limit=self.cfg.max_list_entries)
        if not entries:
            return _ok("")
        marks = {"dir": "[DIR] ", "link": "[LINK] ", "file": ""}
        lines = [marks[e.kind] + e.name for e in entries]
        if total > len(entries):
            lines.append(f"[... {total - len(entries):,} more entries not shown ...]")
        return _ok("\n".join(lines))

    async def run_python(self, a: RunPythonArgs) -> ToolResult:
        rel = self.relpath(a.script_path)
        timeout = self._timeout(a.timeout)
        script = posixpath.join(self.sb.root, rel)
        res = await self.sb.exec(
            [self.sb.python, script], cwd=posixpath.dirname(rel) or ".", timeout=timeout, paths=(rel,)
        )
        return ToolResult(success=res.ok, result=format_exec(res, timeout, self.cfg.max_output_chars, "Script"))

    async def bash_exec(self, a: BashExecArgs) -> ToolResult:
        if not a.command.strip():
            return _fail(f"{FAILURE['bash_exec']}: command is empty")
        cwd = self.relpath(a.cwd) if a.cwd else "."
        timeout = self._timeout(a.timeout)
        res = None
        argv = direct_argv(a.command)
        if argv is not None:
            try:
                res = await self.sb.exec(argv, cwd=cwd, timeout=timeout)
            except Refused as e:
                if not str(e).startswith("cannot start"):
                    raise
        if res is None:  # let bash run it (and word its own "command not found")
            res = await self.sb.exec(["bash", "-c", a.command], cwd=cwd, timeout=timeout)
        return ToolResult(success=res.ok, result=format_exec(res, timeout, self.cfg.max_output_chars))


def parse_arguments(name: str, arguments: dict[str, Any] | str | None) -> _Args | str:
    """Tool ``name``'s arguments validated, or the message the model gets for them."""
    if name not in TOOLS:
        return f"Unknown tool: {name} (the tools are {', '.join(TOOLS)})"  # the reference agent's words
    model, _ = TOOLS[name]
    fail = FAILURE[name]
    if isinstance(arguments, str):
        try:
            arguments = json.loads(arguments) if arguments.strip() else {}
        except json.JSONDecodeError as e:
            return f"{fail}: arguments are not valid JSON ({e.msg} at position {e.pos})"
    if arguments is None:
        arguments = {}
    if not isinstance(arguments, dict):
        return f"{fail}: arguments must be a JSON object, got {type(arguments).__name__}"
    try:
        return model.model_validate(arguments)
    except ValidationError as e:
        return f"{fail}: " + "; ".join(_arg_error(err) for err in e.errors())


def _subject(args: _Args) -> str | None:
    """The path, as the agent wrote it, that a refusal of this call is about."""
    if isinstance(args, RunPythonArgs):
        return posixpath.dirname(args.script_path) or "."  # the script's directory is its cwd
    if isinstance(args, BashExecArgs):
        return args.cwd
    return getattr(args, "path", None)


def _ok(result: str) -> ToolResult:
    return ToolResult(success=True, result=result)


def _fail(result: str) -> ToolResult:
    return ToolResult(success=False, result=result)


def _arg_error(err: Any) -> str:
    loc = ".".join(str(p) for p in err["loc"]) or "arguments"
    if err["type"] == "missing":
        return f"missing required argument {loc!r}"
    if err["type"] == "extra_forbidden":
        return f"unknown argument {loc!r}"
    return f"argument {loc!r}: {err['msg']}"
