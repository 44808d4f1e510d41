"""The five agent tools over a sandbox, with the reference harness's names and parameters.

Every call returns ``{"success": bool, "result": str}``. Bad arguments, unknown tools and
paths outside the workspace come back as ``success: False`` with a message the model can
act on; only a sandbox that died raises (``SandboxError``, which ends the sample).
"""

from __future__ import annotations

import json
import posixpath
import re
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


TOOLS: dict[str, tuple[type[_Args], str]] = {
    "read_file": (ReadFileArgs, "Read contents of a file at the given path"),
    "write_file": (WriteFileArgs, "Write content to a file at the given path (creates directories)"),
    "list_files": (ListFilesArgs, "List files and directories at the given path (directories marked [DIR])"),
    "run_python": (RunPythonArgs, "Execute a Python script file and return stdout, stderr and the exit code"),
    "bash_exec": (BashExecArgs, "Execute a bash command and return stdout, stderr and the exit code"),
}


def _parameters(model: type[_Args]) -> dict[str, Any]:
    props = {}
    for name, field in model.model_fields.items():
        ann = field.annotation
        kind = "integer" if ann in (int, int | None) else "string"
        props[name] = {"type": kind, "description": field.description or ""}
    return {"type": "object", "properties": props, "required": list(props), "additionalProperties": False}


def openai_tools(strict: bool = False) -> list[dict[str, Any]]:
    """Tool specs in the OpenAI function-calling format."""
    out = []
    for name, (model, desc) in TOOLS.items():
        params = _parameters(model)
        if not strict:
            params["required"] = [n for n, f in model.model_fields.items() if f.is_required()]
        out.append({"type": "function", "function": {"name": name, "description": desc, "parameters": params, "strict": strict}})
    return out


def anthropic_tools() -> list[dict[str, Any]]:
    """Tool specs in the Anthropic tool-use format."""
    out = []
    for name, (model, desc) in TOOLS.items():
        params = _parameters(model)
        params["required"] = [n for n, f in model.model_fields.items() if f.is_required()]
        out.append({"name": name, "description": desc, "input_schema": params})
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
    lines += ["STDOUT:", out, "STDERR:", err]
    code = res.exit_code if res.exit_code is not None else f"killed by signal {res.signal}"
    lines.append(f"Return code: {code}")
    return "\n".join(lines)


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


class Tools:
    """The five tools bound to one sandbox."""

    def __init__(self, sandbox: Sandbox, config: ToolConfig | None = None):
        self.sb = sandbox
        self.cfg = config or ToolConfig()

    @property
    def names(self) -> list[str]:
        return list(TOOLS)

    async def call(self, name: str, arguments: dict[str, Any] | str | None) -> dict[str, Any]:
        """Run tool ``name``; never raises for anything the model did wrong."""
        args = parse_arguments(name, arguments)
        if isinstance(args, str):
            return _fail(args)
        try:
            return await getattr(self, name)(args)
        except Refused as e:
            return _fail(f"{name}: {e}")

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

    def _timeout(self, value: int | None) -> int:
        t = DEFAULT_TIMEOUT if value is None else value
        if t < 1:
            raise Refused(f"timeout must be at least 1 second, got {t}")
        return min(t, self.cfg.max_timeout)

    # ------------------------------------------------------------ tools
    async def read_file(self, a: ReadFileArgs) -> dict[str, Any]:
        rel = self.relpath(a.path)
        got = await self.sb.read(rel, max_bytes=self.cfg.max_read_chars * 4)
        if got.binary:
            return _fail(f"{a.path} is a binary file ({got.size:,} bytes); inspect it with run_python or bash_exec")
        if got.content is not None:
            return _ok(truncate(got.content, self.cfg.max_read_chars))
        half = self.cfg.max_read_chars // 2
        head, tail = (got.head or "")[:half], (got.tail or "")[-half:]
        return _ok(f"{head}\n[... file is {got.size:,} bytes; the middle was cut ...]\n{tail}")

    async def write_file(self, a: WriteFileArgs) -> dict[str, Any]:
        rel = self.relpath(a.path)
        n = await self.sb.write(rel, a.content)
        return _ok(f"Successfully wrote {n:,} bytes to {a.path}")

    async def list_files(self, a: ListFilesArgs) -> dict[str, Any]:
        rel = self.relpath(a.path)
        entries, total = await self.sb.list(rel, limit=self.cfg.max_list_entries)
        if not entries:
            return _ok("(empty directory)")
        marks = {"dir": "[DIR] ", "link": "[LINK] ", "file": ""}
        lines = [marks[e.kind] + e.name for e in entries]
        if total > len(entries):
            lines.append(f"[... {total - len(entries):,} more entries not shown ...]")
        return _ok("\n".join(lines))

    async def run_python(self, a: RunPythonArgs) -> dict[str, Any]:
        rel = self.relpath(a.script_path)
        timeout = self._timeout(a.timeout)
        script = posixpath.join(self.sb.root, rel)
        res = await self.sb.exec(
            [self.sb.python, script], cwd=posixpath.dirname(rel) or ".", timeout=timeout, paths=(rel,)
        )
        return {"success": res.ok, "result": format_exec(res, timeout, self.cfg.max_output_chars, "Script")}

    async def bash_exec(self, a: BashExecArgs) -> dict[str, Any]:
        if not a.command.strip():
            return _fail("bash_exec: command is empty")
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
        return {"success": res.ok, "result": format_exec(res, timeout, self.cfg.max_output_chars)}


def parse_arguments(name: str, arguments: dict[str, Any] | str | None) -> _Args | str:
    """Tool ``name``'s arguments validated, or the message the model gets for them."""
    if name not in TOOLS:
        return f"unknown tool {name!r}; the tools are {', '.join(TOOLS)}"
    model, _ = TOOLS[name]
    if isinstance(arguments, str):
        try:
            arguments = json.loads(arguments) if arguments.strip() else {}
        except json.JSONDecodeError as e:
            return f"{name}: arguments are not valid JSON ({e.msg} at position {e.pos})"
    if arguments is None:
        arguments = {}
    if not isinstance(arguments, dict):
        return f"{name}: arguments must be a JSON object, got {type(arguments).__name__}"
    try:
        return model.model_validate(arguments)
    except ValidationError as e:
        return f"{name}: " + "; ".join(_arg_error(err) for err in e.errors())


def _ok(result: str) -> dict[str, Any]:
    return {"success": True, "result": result}


def _fail(result: str) -> dict[str, Any]:
    return {"success": False, "result": result}


def _arg_error(err: Any) -> str:
    loc = ".".join(str(p) for p in err["loc"]) or "arguments"
    if err["type"] == "missing":
        return f"missing required argument {loc!r}"
    if err["type"] == "extra_forbidden":
        return f"unknown argument {loc!r}"
    return f"argument {loc!r}: {err['msg']}"
