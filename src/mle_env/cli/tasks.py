"""Commands for task authors: validate-task, schema, exec, shell."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from mle_env.cli.common import _sandbox_config
from mle_env.errors import RunError
from mle_env.sandbox import LocalConfig, open_sandbox, remove_tree
from mle_env.task import find_tasks, load_task, materialize, task_schema, validate_file

def cmd_schema(args: argparse.Namespace) -> int:
    print(json.dumps(task_schema(), indent=2))
    return 0


def cmd_validate_task(args: argparse.Namespace) -> int:
    paths: list[Path] = []
    for f in args.files:
        p = Path(f)
        paths += find_tasks(p) if p.is_dir() else [p]
    failed = 0
    for path in paths:
        task, problems = validate_file(path)
        errors = [p for p in problems if p.severity == "error" or args.strict]
        status = "FAIL" if errors or task is None else "ok"
        failed += status == "FAIL"
        print(f"{status:4}  {path}" + (f"  ({task.task_id})" if task else ""))
        for prob in problems:
            print(f"      {prob}")
    print(f"{len(paths) - failed} of {len(paths)} task file(s) valid")
    return 1 if failed or not paths else 0


async def _exec(args: argparse.Namespace) -> int:
    task = load_task(args.task)
    cmd = args.command
    if not cmd:
        raise RunError("give the command after --, e.g. mle-env exec TASK.json -- python src/train.py")
    async with open_sandbox(_sandbox_config(args), task) as sb:
        res = await sb.exec(cmd, timeout=args.timeout)
    sys.stdout.write(res.stdout)
    sys.stderr.write(res.stderr)
    if res.timed_out:
        print(f"mle-env: timed out after {args.timeout:g}s; the process tree was killed", file=sys.stderr)
        return 124
    return res.exit_code if res.exit_code is not None else 128 + (res.signal or 0)


def cmd_exec(args: argparse.Namespace) -> int:
    return asyncio.run(_exec(args))


def cmd_shell(args: argparse.Namespace) -> int:
    task = load_task(args.task)
    cfg = _sandbox_config(args)
    if isinstance(cfg, LocalConfig) and task.use_docker and not cfg.force:
        raise RunError("this task asks for isolation; use --sandbox bwrap, or --force-local")
    base = Path(tempfile.mkdtemp(prefix="mle-env-shell-", dir=cfg.workspace_root))
    ws = base / "workspace"
    try:
        ws.mkdir()
        materialize(task.task_files, ws)
        if cfg.kind == "bwrap":
            from mle_env.sandbox.bwrap import shell_argv

            argv, env = shell_argv(cfg, base, ws, task.task_dir, ["bash", "-i"])
        elif cfg.kind == "local":
            argv, env = ["bash", "-i"], dict(os.environ)
        else:
            raise RunError("mle-env shell supports --sandbox bwrap and local; for docker, use docker run -it")
        print(f"mle-env: shell in a fresh {cfg.kind} sandbox of {task.task_id} (exit to leave)", file=sys.stderr)
        return subprocess.call(argv, env=env, cwd=ws)
    finally:
        if not args.keep_workspace:
            remove_tree(base)
