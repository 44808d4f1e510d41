"""`mle-env --help` imports only what building the parser needs: the heavy libraries (LiteLLM, the
HTTP server, Ray, the MCP SDK, pydantic, numpy ...) and mle-env's own heavy modules wait for the
command that uses them. Checked in a fresh interpreter; wall time is bench/cli_startup.py's job."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = (
    # third-party: each costs tens to hundreds of milliseconds to import
    "litellm", "openai", "tiktoken", "tokenizers", "httpx", "httpcore", "aiohttp", "requests",
    "fastapi", "starlette", "uvicorn", "sse_starlette", "mcp", "ray",
    "numpy", "pandas", "sklearn", "scipy", "pydantic", "pydantic_core", "pydantic_settings",
    "yaml", "jinja2", "rich", "dotenv",
    # stdlib that only running commands need
    "asyncio", "importlib.metadata", "sqlite3", "ssl",
    # mle-env's own modules that pull the above in
    "mle_env.task", "mle_env.agent", "mle_env.agents", "mle_env.models", "mle_env.tools", "mle_env.grading",
    "mle_env.runner", "mle_env.server", "mle_env.store", "mle_env.validate", "mle_env.sandbox.base",
    "mle_env.sandbox.channel", "mle_env.cli.runs", "mle_env.cli.tasks",
)  # fmt: skip

PROBE = """
import json, sys
from mle_env.cli import main
for argv in {argvs!r}:
    try:
        main(argv)
    except SystemExit:
        pass
print(json.dumps(sorted(sys.modules)))
"""


def _loaded(*argvs: list[str]) -> set[str]:
    """The modules a fresh interpreter holds after ``mle-env ARGV`` for each of ``argvs`` (all --help)."""
    res = subprocess.run([sys.executable, "-c", PROBE.format(argvs=list(argvs))], capture_output=True, text=True,
                         timeout=120, check=True)  # fmt: skip
    return set(json.loads(res.stdout.splitlines()[-1]))


def _heavy(loaded: set[str]) -> list[str]:
    return sorted(m for m in loaded if any(m == h or m.startswith(h + ".") for h in HEAVY))


def test_help_imports_nothing_heavy():
    loaded = _loaded(["--help"])
    assert "mle_env.cli" in loaded
    assert _heavy(loaded) == []


@pytest.mark.parametrize("command", ["run", "serve", "mcp", "agent", "validate", "exec", "import", "judge-eval"])
def test_a_commands_help_imports_nothing_heavy(command):
    assert _heavy(_loaded([command, "--help"])) == []


def test_a_bad_flag_is_refused_before_anything_heavy_is_imported():
    assert _heavy(_loaded(["run", "--sandbox", "nope"], ["--version"])) == []


def test_the_commands_are_still_importable_from_the_package():
    """``from mle_env.cli import cmd_run`` as before the handlers were imported lazily."""
    res = subprocess.run([sys.executable, "-c", "from mle_env.cli import cmd_run, cmd_serve, cmd_schema; "
                          "print(cmd_run.__module__, cmd_serve.__module__, cmd_schema.__module__)"],
                         capture_output=True, text=True, timeout=120, check=True)  # fmt: skip
    assert res.stdout.split() == ["mle_env.cli.runs", "mle_env.cli.serve", "mle_env.cli.tasks"]
