"""What several commands share: the sandbox, judge and task choices made from flags."""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from mle_env.errors import RunError
from mle_env.sandbox import make_config
from mle_env.task import find_tasks

def _sandbox_config(args: argparse.Namespace):
    fields: dict = {"keep_workspace": getattr(args, "keep_workspace", False)}
    if args.sandbox == "docker" and getattr(args, "docker_image", None):
        fields["image"] = args.docker_image
    if args.sandbox == "local" and getattr(args, "force_local", False):
        fields["force"] = True
    cfg = make_config(args.sandbox, **fields)
    if args.sandbox == "bwrap":
        from mle_env.sandbox.bwrap import probe

        probe(cfg.bwrap)
    return cfg


def _judge(args: argparse.Namespace):
    """The LLM judge the flags ask for, or None (``--judge-model none``, the default)."""
    name = args.judge_model or os.environ.get("MLE_ENV_JUDGE_MODEL") or "none"
    if name == "none":
        return None
    from mle_env.grading.judge import Judge

    extra = {"api_base": args.judge_api_base} if args.judge_api_base else {}
    return Judge(name, samples=args.judge_samples, **extra)


def _read_prices(path: str) -> dict:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise RunError(f"--prices {path}: {e}") from None
    if not isinstance(data, dict):
        raise RunError(f"--prices {path}: expected a JSON object of model -> {{input, output}}")
    return data


def _task_paths(args: argparse.Namespace) -> list[Path]:
    if args.task:
        return [Path(t) for t in args.task]
    paths = find_tasks(args.tasks_dir)
    if not paths:
        raise RunError(f"no task files (*.json) in {args.tasks_dir}")
    return paths
