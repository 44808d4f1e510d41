"""``mle-env``: parses arguments and calls the modules that do the work.

The commands live in ``tasks`` (for task authors), ``runs`` (agents and grading) and ``view`` (report, view);
``common`` turns flags into sandbox, judge and task choices.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable
from pathlib import Path

from mle_env import __version__
from mle_env.cli.importer import add_import_command
from mle_env.cli.serve import add_connection_flags, add_env_flags
from mle_env.errors import MleEnvError, RunError, SampleError
from mle_env.sandbox import SANDBOX_KINDS

DEFAULT_TASKS = "tasks"

# Each command's handler, by the module that holds it. They are imported when their command runs,
# not when the parser is built: `mle-env --help` must not pay for pydantic, asyncio, the runner,
# LiteLLM or the server (tests/test_cli_imports.py keeps it so).
COMMANDS = {
    "lint": ("cmd_lint",),
    "runs": ("cmd_compare", "cmd_demo", "cmd_grade", "cmd_judge_eval", "cmd_regrade", "cmd_run", "cmd_summary"),
    "serve": ("cmd_agent", "cmd_mcp", "cmd_serve"),
    "tasks": ("cmd_exec", "cmd_schema", "cmd_shell", "cmd_validate", "cmd_validate_task"),
    "view": ("cmd_report", "cmd_view"),
}  # fmt: skip
_MODULE_OF = {name: module for module, names in COMMANDS.items() for name in names}


def _handler(name: str) -> Callable[[argparse.Namespace], int]:
    """The command ``name`` (``cmd_run``), imported from its module only when it is called."""
    module = f"mle_env.cli.{_MODULE_OF[name]}"

    def run(args: argparse.Namespace) -> int:
        return getattr(importlib.import_module(module), name)(args)

    run.__name__ = run.__qualname__ = name
    return run


def __getattr__(name: str):
    """``from mle_env.cli import cmd_run`` still works: the handler, imported on first use."""
    if name in _MODULE_OF:
        return getattr(importlib.import_module(f"mle_env.cli.{_MODULE_OF[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _add_judge_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("--judge-model", default=None,
                   help="LLM judge for criteria nothing deterministic decides (default none: they stay ungraded; "
                        "env MLE_ENV_JUDGE_MODEL)")
    p.add_argument("--judge-samples", type=int, default=1, help="judge each criterion N times; majority vote")
    p.add_argument("--judge-api-base", help="endpoint for the judge model")


def _add_sandbox_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("--sandbox", choices=SANDBOX_KINDS, default=os.environ.get("MLE_ENV_SANDBOX", "bwrap"),
                   help="where the task's processes run (default: bwrap; env MLE_ENV_SANDBOX)")
    p.add_argument("--keep-workspace", "--keep-workspaces", action="store_true", dest="keep_workspace",
                   help="keep the workspace directories afterwards")
    p.add_argument("--force-local", action="store_true",
                   help="with --sandbox local, run tasks that ask for isolation anyway")
    p.add_argument("--docker-image", default=os.environ.get("MLE_ENV_DOCKER_IMAGE"),
                   help="image for --sandbox docker (default mle-env-sandbox:latest; env MLE_ENV_DOCKER_IMAGE)")


# ---------------------------------------------------------------- commands


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not 0 < value <= 7 * 24 * 3600:
        raise argparse.ArgumentTypeError(f"must be more than 0 and at most a week (604800), got {text}")
    return value


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, got {text}")
    return value


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="mle-env", description="Evaluate LLM agents on ML error analysis.")
    ap.add_argument("--version", action="version", version=f"mle-env {__version__}")
    ap.add_argument("-v", "--verbose", action="store_true", help="log debug detail to stderr")
    sub = ap.add_subparsers(dest="cmd", required=True, metavar="COMMAND")

    p = sub.add_parser("demo", help="the main job, offline: baseline and oracle on the bundled tasks, with a leaderboard")
    p.add_argument("--tasks-dir", default=DEFAULT_TASKS)
    p.add_argument("--output-dir", default="results")
    p.add_argument("--concurrency", type=_positive_int)
    _add_sandbox_flags(p)
    p.set_defaults(func=_handler("cmd_demo"))

    p = sub.add_parser("run", help="run agents (LLMs, or baseline / oracle / none) on tasks: a batch with a leaderboard")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--task", action="append", help="a task JSON file (repeatable)")
    where.add_argument("--tasks-dir", default=None, help="run every *.json task here (default: tasks)")
    p.add_argument("--model", action="append", default=None,
                   help="baseline (default), oracle, none, a LiteLLM model (openai/gpt-4o-mini, anthropic/..., "
                        "hosted_vllm/... with --api-base), scripted:FILE.json or replay:TRAJECTORY.jsonl; "
                        "repeat for several models")
    p.add_argument("--floors", action="store_true",
                   help="add the floor strategies constant:NONE, constant:DATA_LEAKAGE and shotgun as reference rows "
                        "of the leaderboard (no API calls; not ranked)")
    p.add_argument("--temperature", type=float, default=None, help="sampling temperature (default 0)")
    p.add_argument("--output-dir", default="results", help="each run gets its own directory in here (default results)")
    p.add_argument("--run-name", help="the run directory's name (default: date, time and models)")
    p.add_argument("--resume", metavar="RUN_DIR",
                   help="continue a run: run its missing, interrupted and infra-failed samples only")
    p.add_argument("--concurrency", type=_positive_int, default=min(4, os.cpu_count() or 1),
                   help="samples running at once (default: CPUs, at most 4)")
    p.add_argument("--epochs", type=_positive_int, default=None, help="run every task N times per model (default 1)")
    p.add_argument("--filter", action="append", metavar="GLOB|CODE",
                   help="only tasks whose id (or file stem) matches the glob, or whose expected error is CODE; repeatable")
    p.add_argument("--limit", type=_positive_int, help="only the first N tasks (after --filter)")
    p.add_argument("--pass-threshold", type=float, metavar="PCT",
                   help="a sample passes at this score %% or more: the leaderboard adds pass@k")
    p.add_argument("--no-eval", action="store_true", help="skip grading")
    _add_judge_flags(p)
    p.add_argument("--api-base", help="endpoint for the model (local servers, proxies)")
    p.add_argument("--max-tokens", type=int, help="completion tokens per model call")
    p.add_argument("--reasoning-effort", choices=["low", "medium", "high"])
    p.add_argument("--seed", type=int, help="sampling seed, where the provider takes one (epoch n uses seed+n-1)")
    p.add_argument("--prices", metavar="FILE",
                   help='JSON prices for models LiteLLM does not know: {"model": {"input": USD/token, "output": USD/token}}')
    p.add_argument("--max-retries", type=int, help="retries of a failed model call that can heal (429, 5xx; default 6)")
    p.add_argument("--max-turns", type=int, help="override the task's max_turns")
    p.add_argument("--max-total-tokens", type=int, help="stop a sample past this many tokens")
    p.add_argument("--max-seconds", type=float, help="stop a sample after this many seconds")
    p.add_argument("--max-sample-cost", type=float, help="stop a sample past this many USD")
    p.add_argument("--max-cost", type=float,
                   help="budget for the whole run in USD: no sample starts once it is spent (resume to go on)")
    p.add_argument("--executor", choices=["local", "ray"], default="local",
                   help="where samples run: here (default), or each as a task on a Ray cluster (pip install "
                        "'mle-env[ray]'; docs/scaling.md)")  # fmt: skip
    p.add_argument("--ray-address", metavar="ADDR",
                   help="the Ray cluster to join (host:port, or auto for a running one; default $MLE_ENV_RAY_ADDRESS, "
                        "else a Ray started here)")  # fmt: skip
    _add_sandbox_flags(p)
    p.set_defaults(func=_handler("cmd_run"))

    p = sub.add_parser("summary", help="the leaderboard of a run directory")
    p.add_argument("run_dir")
    p.add_argument("--format", choices=["table", "json", "csv", "markdown"], default="table")
    p.add_argument("--pass-threshold", type=float, metavar="PCT", help="add pass@k at this score %%")
    p.set_defaults(func=_handler("cmd_summary"))

    p = sub.add_parser("compare", help="per-task score differences between two runs")
    p.add_argument("run_a")
    p.add_argument("run_b")
    p.add_argument("--format", choices=["table", "json", "csv", "markdown"], default="table")
    p.set_defaults(func=_handler("cmd_compare"))

    p = sub.add_parser("report", help="one self-contained HTML file over runs: leaderboard, plots, every sample")
    p.add_argument("run_dirs", nargs="+", metavar="RUN_DIR")
    p.add_argument("-o", "--output", default="report.html", help="the HTML file to write (default report.html)")
    p.set_defaults(func=_handler("cmd_report"))

    p = sub.add_parser("view", help="serve the report of runs on a local web page, refreshed while a run goes")
    p.add_argument("run_dirs", nargs="+", metavar="RUN_DIR")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8765, help="port (default 8765; 0 picks a free one)")
    p.set_defaults(func=_handler("cmd_view"))

    p = sub.add_parser("regrade", help="grade a finished run again (a judge now, or after grader errors), no agent runs")
    p.add_argument("run_dir")
    p.add_argument("--only-errors", action="store_true", help="only samples whose grading failed")
    p.add_argument("--filter", action="append", metavar="GLOB|CODE", help="only these tasks (as for run)")
    p.add_argument("--concurrency", type=_positive_int, default=min(4, os.cpu_count() or 1))
    _add_judge_flags(p)
    _add_sandbox_flags(p)
    p.set_defaults(func=_handler("cmd_regrade"))

    p = sub.add_parser("validate-task", help="check task files; every problem named by JSON path")
    p.add_argument("files", nargs="+", help="task JSON files or directories of them")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.set_defaults(func=_handler("cmd_validate_task"))

    add_import_command(sub)

    p = sub.add_parser("grade", help="grade an existing workspace against a task's rubric, without an agent")
    p.add_argument("--task", required=True)
    p.add_argument("--workspace", required=True, help="a directory holding response/ (a sample's result dir works)")
    p.add_argument("--answer-file", help="the agent's final answer, for judged criteria")
    _add_judge_flags(p)
    p.add_argument("--format", choices=["table", "json"], default="table")
    _add_sandbox_flags(p)
    p.set_defaults(func=_handler("cmd_grade"))

    p = sub.add_parser("judge-eval", help="measure an LLM judge on labelled cases (accuracy, F1, kappa, cost)")
    p.add_argument("file", help="JSONL of labelled cases (see docs/grading.md)")
    _add_judge_flags(p)
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.set_defaults(func=_handler("cmd_judge_eval"))

    p = sub.add_parser("lint", help="find ML bugs in Python files by static analysis (rules ML101…, see docs/lint.md)",
                       description="Exit status: 0 no findings, 1 findings, 2 usage error or unreadable path.")
    p.add_argument("paths", nargs="*", help="Python files or directories (analysed together as one project)")
    p.add_argument("--select", action="append", default=[], metavar="RULES",
                   help="only these rules: ids (ML101), id prefixes (ML1 = every DATA_LEAKAGE rule), slugs "
                        "(fit-before-split) or bug codes; comma-separated, repeatable (default: all)")
    p.add_argument("--ignore", action="append", default=[], metavar="RULES", help="leave these rules out (same syntax)")
    p.add_argument("--min-confidence", type=float, default=0.5, metavar="P",
                   help="report findings with confidence >= P (default 0.5; lower ones are hints)")
    p.add_argument("--format", choices=["text", "json", "sarif"], default="text",
                   help="text (path:line:col: ML101 [CODE] message), json, or sarif (SARIF 2.1.0)")
    p.add_argument("--explain", metavar="RULE", help="print the documentation of a rule (id or slug) and exit")
    p.add_argument("--statistics", action="store_true", help="print the number of findings per rule instead")
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    p.add_argument("--docs-url", default=os.environ.get("MLE_ENV_LINT_DOCS_URL"),
                   help="base URL of docs/lint.md for SARIF helpUri (env MLE_ENV_LINT_DOCS_URL; default: local file)")
    p.set_defaults(func=_handler("cmd_lint"))

    p = sub.add_parser("validate", help="check that tasks are fit for the benchmark: they run, verify and grade right")
    p.add_argument("files", nargs="+", help="task JSON files or directories of them")
    p.add_argument("--concurrency", type=_positive_int, default=min(2, os.cpu_count() or 1))
    p.add_argument("--time-budget", type=_seconds, default=30.0, help="seconds the original code may take (default 30)")
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.add_argument("--no-attacks", action="store_true",
                   help="skip the grading attacks (fixes that forge, kill or outwait the verifier; ~5 s a task)")
    _add_sandbox_flags(p)
    p.set_defaults(func=_handler("cmd_validate"))

    p = sub.add_parser("schema", help="print the task format's JSON Schema")
    p.set_defaults(func=_handler("cmd_schema"))

    p = sub.add_parser("exec", help="run a command in a fresh sandbox of a task")
    p.add_argument("task")
    p.add_argument("--timeout", type=_seconds, default=600, help="seconds before the process tree is killed")
    _add_sandbox_flags(p)
    p.set_defaults(func=_handler("cmd_exec"))
    p.epilog = "The command follows --, e.g.: mle-env exec tasks/T.json -- python src/train.py"

    p = sub.add_parser("shell", help="an interactive shell in a fresh sandbox of a task")
    p.add_argument("task")
    _add_sandbox_flags(p)
    p.set_defaults(func=_handler("cmd_shell"))

    _add_serving_commands(sub)
    return ap


def _add_serving_commands(sub: argparse._SubParsersAction) -> None:
    env = os.environ.get
    p = sub.add_parser("serve", help="the HTTP API: runs, async jobs (SQLite) and signed webhooks")
    p.add_argument("--host", default=env("MLE_ENV_HOST", "127.0.0.1"), help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=int(env("MLE_ENV_PORT", "8080")), help="port (default 8080)")
    p.add_argument("--data-dir", default=env("MLE_ENV_DATA_DIR", "mle-env-server"),
                   help="jobs database and job files (default ./mle-env-server; env MLE_ENV_DATA_DIR)")
    p.add_argument("--token", default=env("MLE_ENV_API_TOKEN"),
                   help="require 'Authorization: Bearer TOKEN' (env MLE_ENV_API_TOKEN; prefer the env var)")
    p.add_argument("--workers", type=_positive_int, default=min(4, os.cpu_count() or 1),
                   help="jobs running at once (default: CPUs, at most 4)")
    p.add_argument("--max-queue", type=_positive_int, default=10_000, help="queued jobs before 503 (default 10000)")
    p.add_argument("--job-ttl", type=_seconds, default=7 * 24 * 3600,
                   help="seconds a finished job is kept (default a week)")
    p.add_argument("--job-timeout", type=_seconds, default=3600.0, help="seconds one job may run (default 3600)")
    p.add_argument("--max-body-mb", type=float, default=32.0, help="largest request body in MB (default 32)")
    add_connection_flags(p)
    add_env_flags(p)
    p.add_argument("--max-turns-cap", type=_positive_int, default=200, help="largest max_turns a request may ask")
    p.add_argument("--requeue-interrupted", action="store_true",
                   help="after a crash, run the jobs that were running again (default: mark them failed, 'interrupted')")
    p.add_argument("--default-model", default=env("MLE_ENV_DEFAULT_MODEL", "baseline"),
                   help="model when a request names none (default baseline; env MLE_ENV_DEFAULT_MODEL)")
    p.add_argument("--allow-model", action="append", metavar="GLOB",
                   help="only models matching these globs (repeatable); scripted:/replay: read server files "
                        "and are refused unless allowed here")
    p.add_argument("--tasks-dir", default=DEFAULT_TASKS, help="the bundled suite for GET /tasks and task_ref")
    p.add_argument("--webhook-secret", default=env("MLE_ENV_WEBHOOK_SECRET"),
                   help="HMAC key for webhook signatures (env MLE_ENV_WEBHOOK_SECRET; default: generated once "
                        "and kept in DATA_DIR/webhook-secret)")
    p.add_argument("--webhook-allow-host", action="append", metavar="HOST",
                   help="deliver webhooks only to these host names (repeatable)")
    p.add_argument("--webhook-allow-http", action="store_true", help="allow http:// callback URLs (default https only)")
    p.add_argument("--webhook-allow-private", action="store_true",
                   help="DANGEROUS: allow callbacks to private/loopback addresses (for a receiver on this machine)")
    p.add_argument("--api-base", help="endpoint for LLM models (local servers, proxies)")
    p.add_argument("--max-retries", type=int, help="retries of a failed model call that can heal (429, 5xx; default 6)")
    p.add_argument("--executor", choices=["local", "ray"], default="local",
                   help="where jobs run: in this process (default), or each as a task on a Ray cluster")
    p.add_argument("--ray-address", metavar="ADDR",
                   help="the Ray cluster (host:port or auto; default $MLE_ENV_RAY_ADDRESS, else a Ray started here)")
    _add_judge_flags(p)
    _add_sandbox_flags(p)
    p.set_defaults(func=_handler("cmd_serve"))

    p = sub.add_parser("mcp", help="serve one task's sandbox to MCP clients: the five tools, its prompt, its files")
    p.add_argument("--task", help="the task JSON (its files fill a fresh sandbox; its prompt is served)")
    p.add_argument("--workspace", help="serve this existing directory instead of a fresh copy of the task's files")
    p.add_argument("--transport", choices=["stdio", "http"], default="stdio")
    p.add_argument("--host", default="127.0.0.1", help="with --transport http (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="with --transport http (default 8000; path /mcp)")
    p.add_argument("--task-dir", help="where the agent sees the files (default: the task's task_dir, or /app)")
    p.add_argument("--token", default=env("MLE_ENV_MCP_TOKEN"),
                   help="with --transport http: require 'Authorization: Bearer TOKEN' (env MLE_ENV_MCP_TOKEN)")
    p.add_argument("--enable-grade", action="store_true",
                   help="add a `grade` tool (off by default: it reveals what the hidden grader expects)")
    _add_judge_flags(p)
    _add_sandbox_flags(p)
    p.set_defaults(func=_handler("cmd_mcp"))

    p = sub.add_parser("agent", help="one episode for orchestrators: a prompt in, the agent's answer and trajectory out")
    src = p.add_mutually_exclusive_group()
    src.add_argument("--prompt", help="the prompt text")
    src.add_argument("--file", help="a file holding the prompt")
    src.add_argument("--task-json", help="a task JSON: its prompt, task_dir and max_turns")
    p.add_argument("--model", default=env("MLE_ENV_MODEL", "baseline"),
                   help="baseline (default), oracle, none, a LiteLLM model, scripted:FILE (env MLE_ENV_MODEL)")
    p.add_argument("--workdir", default=".", help="the project directory the agent works in (default: here)")
    p.add_argument("--task-dir", help="where the agent sees it (default: the task's task_dir, else WORKDIR's own path if it is a valid task_dir, else /app)")
    p.add_argument("--output", default=env("AGENT_OUTPUT_FILE", "agent_output.json"),
                   help="where the full output goes (default agent_output.json; env AGENT_OUTPUT_FILE)")
    p.add_argument("--temperature", type=float, default=None)
    p.add_argument("--max-turns", type=int, help="turn limit (default: the task's, or 50)")
    p.add_argument("--api-base", help="endpoint for the model (local servers, proxies)")
    _add_sandbox_flags(p)
    p.set_defaults(func=_handler("cmd_agent"))


def _load_dotenv() -> None:
    """Credentials from ./.env, read once at start; the environment wins over the file."""
    env = Path.cwd() / ".env"
    if env.is_file():
        from dotenv import load_dotenv

        load_dotenv(env, override=False)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    command: list[str] = []
    if "--" in argv:  # everything after -- is the command for `exec`, flags included
        at = argv.index("--")
        argv, command = argv[:at], argv[at + 1 :]
    args = build_parser().parse_args(argv)
    args.command = command
    _load_dotenv()
    import logging

    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING, format="mle-env: %(message)s")
    try:
        return args.func(args)
    except (MleEnvError, SampleError) as e:
        print(f"mle-env: {e}", file=sys.stderr)
        return 2 if isinstance(e, RunError) else 3
    except KeyboardInterrupt:
        print("mle-env: interrupted", file=sys.stderr)
        return 130
