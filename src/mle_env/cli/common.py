"""What several commands share: the sandbox, judge and task choices made from flags."""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from mle_env.errors import RunError


def _sandbox_config(args: argparse.Namespace):
    from mle_env.sandbox import make_config

    fields: dict = {"keep_workspace": getattr(args, "keep_workspace", False)}
    if os.environ.get("MLE_ENV_WORKSPACE_ROOT"):  # where sandboxes' directories go (default: the temp dir)
        fields["workspace_root"] = os.environ["MLE_ENV_WORKSPACE_ROOT"]
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
    """The LLM judge the flags ask for, or None (``--judge-model none``, the default). A judge that
    cannot work here (unknown name, missing key) stops the command, as a bad ``--model`` does."""
    from mle_env.runner.factory import make_judge

    name = args.judge_model or os.environ.get("MLE_ENV_JUDGE_MODEL") or "none"
    return make_judge(name, samples=args.judge_samples, api_base=args.judge_api_base)


def _read_prices(path: str) -> dict:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise RunError(f"--prices {path}: {e}") from None
    if not isinstance(data, dict):
        raise RunError(f"--prices {path}: expected a JSON object of model -> {{input, output}}")
    return data


def _task_paths(args: argparse.Namespace) -> list[Path]:
    from mle_env.task import find_tasks

    if args.task:
        return [Path(t) for t in args.task]
    paths = find_tasks(args.tasks_dir)
    if not paths:
        raise RunError(f"no task files (*.json) in {args.tasks_dir}")
    return paths
