"""Commands that serve: ``serve`` (HTTP API), ``mcp`` (MCP server), ``agent`` (one episode for orchestrators)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from mle_env.cli.common import _judge, _sandbox_config
from mle_env.errors import RunError


def cmd_mcp(args: argparse.Namespace) -> int:
    import asyncio

    from mle_env.server.mcp import run_mcp
    from mle_env.task import load_task

    if not args.task and not args.workspace:
        raise RunError("mcp needs --task T.json, --workspace DIR, or both")
    task = load_task(args.task) if args.task else None
    workspace = Path(args.workspace) if args.workspace else None
    if workspace is not None and not workspace.is_dir():
        raise RunError(f"--workspace {workspace}: not a directory")
    if args.enable_grade and task is None:
        raise RunError("--enable-grade needs --task (the rubric to grade against)")
    asyncio.run(
        run_mcp(
            task=task,
            workspace=workspace,
            sandbox=_sandbox_config(args),
            transport=args.transport,
            host=args.host,
            port=args.port,
            task_dir=args.task_dir,
            enable_grade=args.enable_grade,
            judge=_judge(args) if args.enable_grade else None,
            token=args.token or None,
        )
    )
    return 0


CONNECTION_FLAGS = {  # flag dest: (env var, type, help)
    "header_timeout": ("MLE_ENV_HEADER_TIMEOUT", float,
                       "seconds a client has to send a request's line and headers; slower ones get 408 and are "
                       "closed (default 10)"),
    "body_timeout": ("MLE_ENV_BODY_TIMEOUT", float,
                     "seconds a client has, after its headers, to send the whole body (default 60)"),
    "keep_alive_timeout": ("MLE_ENV_KEEP_ALIVE_TIMEOUT", float, "seconds an idle kept-alive connection stays open (default 5)"),
    "max_connections": ("MLE_ENV_MAX_CONNECTIONS", int,
                        "connections open at once; past it the one waiting longest for its headers is closed, or, "
                        "if every one is busy, the new one is answered 503 (default 512)"),
}  # fmt: skip


def add_connection_flags(p: argparse.ArgumentParser) -> None:
    """``serve``'s bounds on slow and surplus clients (docs/server.md, "Slow clients")."""
    for dest, (var, kind, text) in CONNECTION_FLAGS.items():
        p.add_argument("--" + dest.replace("_", "-"), dest=dest, type=kind, default=None, help=f"{text}; env {var}")


def _connection_settings(args: argparse.Namespace) -> dict[str, float | int]:
    """The connection bounds given by flag, else by environment variable; the rest keep their defaults."""
    out: dict[str, float | int] = {}
    for dest, (var, kind, _) in CONNECTION_FLAGS.items():
        value = getattr(args, dest, None)
        if value is None and os.environ.get(var):
            try:
                value = kind(os.environ[var])
            except ValueError:
                raise RunError(f"{var}={os.environ[var]!r}: not a {'number' if kind is float else 'whole number'}") from None
        if value is not None:
            out[dest] = value
    return out


def add_env_flags(p: argparse.ArgumentParser) -> None:
    """``serve``'s OpenEnv-shaped environment API under /env (docs/environment.md, "Served")."""
    env = os.environ.get
    p.add_argument("--env-idle-timeout", type=float, default=env("MLE_ENV_ENV_IDLE_TIMEOUT", "300"),
                   help="seconds an /env episode may sit idle before it is closed and its sandbox stopped "
                        "(default 300; env MLE_ENV_ENV_IDLE_TIMEOUT)")  # fmt: skip
    p.add_argument("--env-max-episodes", type=int, default=env("MLE_ENV_ENV_MAX_EPISODES", "64"),
                   help="/env episodes open at once; one more reset answers CAPACITY_REACHED "
                        "(default 64; env MLE_ENV_ENV_MAX_EPISODES)")  # fmt: skip
    p.add_argument("--env-report-bonus", type=float, default=0.0,
                   help="shaped reward paid once when response/report.json first parses "
                        "(0 to 0.5; default 0: off)")  # fmt: skip
    p.add_argument("--env-error-codes", action="store_true",
                   help="put each task's expected error codes in /env's curriculum metadata "
                        "(for a task sampler)")  # fmt: skip


def cmd_serve(args: argparse.Namespace) -> int:
    from pydantic import ValidationError

    from mle_env.server.app import serve
    from mle_env.server.settings import ServerSettings

    try:
        settings = ServerSettings(
            host=args.host,
            port=args.port,
            data_dir=Path(args.data_dir),
            token=args.token or None,
            workers=args.workers,
            max_queue=args.max_queue,
            job_ttl=args.job_ttl,
            job_timeout=args.job_timeout,
            max_body_bytes=int(args.max_body_mb * 1024 * 1024),
            max_turns_cap=args.max_turns_cap,
            requeue_interrupted=args.requeue_interrupted,
            default_model=args.default_model,
            allow_models=args.allow_model,
            default_judge=args.judge_model or os.environ.get("MLE_ENV_JUDGE_MODEL") or "none",
            judge_samples=args.judge_samples,
            judge_api_base=args.judge_api_base,
            api_base=args.api_base,
            max_retries=args.max_retries,
            tasks_dir=Path(args.tasks_dir),
            webhook_secret=args.webhook_secret or None,
            webhook_allow_hosts=args.webhook_allow_host,
            webhook_allow_http=args.webhook_allow_http,
            webhook_allow_private=args.webhook_allow_private,
            executor=getattr(args, "executor", "local"),
            ray_address=getattr(args, "ray_address", None) or os.environ.get("MLE_ENV_RAY_ADDRESS"),
            env_idle_timeout=getattr(args, "env_idle_timeout", 300.0),
            env_max_episodes=getattr(args, "env_max_episodes", 64),
            env_report_bonus=getattr(args, "env_report_bonus", 0.0),
            env_error_codes=getattr(args, "env_error_codes", False),
            **_connection_settings(args),
        )
    except ValidationError as e:  # a flag out of range: one line per flag, not a traceback
        raise RunError("serve: " + "; ".join(f"--{str(err['loc'][0]).replace('_', '-')}: {err['msg']}"
                                             for err in e.errors())) from None  # fmt: skip
    if settings.executor == "ray":  # Ray missing or its cluster unreachable: said before the server starts
        from mle_env.runner.config import RayExecutor
        from mle_env.runner.ray_executor import check_ray

        check_ray(RayExecutor(address=settings.ray_address))
    return serve(settings, _sandbox_config(args))


def _read_prompt(args: argparse.Namespace) -> tuple[str, str]:
    """The prompt and where it came from, in the reference's order: flag, file, TASK_PROMPT,
    the file PROMPT_FILE names, standard input."""
    if args.prompt is not None:
        return args.prompt, "--prompt"
    if args.file:
        return _read_text(args.file, "--file"), f"--file {args.file}"
    if os.environ.get("TASK_PROMPT"):
        return os.environ["TASK_PROMPT"], "TASK_PROMPT"
    if os.environ.get("PROMPT_FILE"):
        return _read_text(os.environ["PROMPT_FILE"], "PROMPT_FILE"), f"PROMPT_FILE {os.environ['PROMPT_FILE']}"
    if not sys.stdin.isatty():
        text = sys.stdin.read()
        if text.strip():
            return text, "stdin"
    raise RunError("no prompt: give --prompt, --file, --task-json, TASK_PROMPT, PROMPT_FILE, or pipe it on stdin")


def _read_text(path: str, what: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise RunError(f"{what}: cannot read {path}: {e}") from None


def cmd_agent(args: argparse.Namespace) -> int:
    import asyncio

    from mle_env.runner.episode import run_episode
    from mle_env.task import load_task
    from mle_env.task.files import task_dir_problem

    workdir = Path(args.workdir).resolve()
    if not workdir.is_dir():
        raise RunError(f"--workdir {workdir}: not a directory")
    task = None
    if args.task_json:
        task = load_task(args.task_json)
        prompt, source = task.prompt_text, f"--task-json {args.task_json}"
    else:
        prompt, source = _read_prompt(args)
    if not prompt.strip():
        raise RunError(f"the prompt from {source} is empty")
    # The directory's own path where that is a valid task_dir (/workspace, /app ...), else /app.
    own = str(workdir) if task_dir_problem(str(workdir)) is None else "/app"
    task_dir = args.task_dir or (task.task_dir if task else own)
    llm = {"api_base": args.api_base} if args.api_base else {}
    if args.temperature is not None:
        llm["temperature"] = args.temperature
    out = asyncio.run(
        run_episode(
            prompt,
            model=args.model,
            workdir=workdir,
            task_dir=task_dir,
            sandbox=_sandbox_config(args),
            max_turns=args.max_turns or (task.max_turns if task else 50),
            task=task,
            output=Path(args.output),
            llm=llm,
        )
    )
    print(out["answer"])
    print(f"full output in {args.output}", file=sys.stderr)
    return 0 if out["metadata"].get("status") != "error" else 1
