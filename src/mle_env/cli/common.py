"""What several commands share: the sandbox, judge and task choices made from flags."""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from mle_env.errors import ConfigError, RunError


def _sandbox_config(args: argparse.Namespace):
    from mle_env.sandbox import make_config

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



AGENTS = ("baseline", "oracle", "none")
"""Names ``--model`` takes that are agents, not LLMs (and the floors: ``constant:CODE``, ``shotgun[:CODE]``)."""


def _check_model(name: str, flag: str, *, judge: bool = False, api_base: str | None = None) -> None:
    """One check for ``--model`` and ``--judge-model``, run before anything is created: a name mle-env
    can use (with a "did you mean" for a typo) and, for an LLM, the key its provider needs."""
    from mle_env.agents.floors import FloorAgent, is_floor
    from mle_env.models.llm import missing_credentials
    from mle_env.models.names import FILE_MODELS, name_problem

    if not judge and is_floor(name):
        try:
            FloorAgent(name)
        except ValueError as e:
            raise ConfigError(f"{flag} {name}: {e}") from None
        return
    why = name_problem(name, others=("none",) if judge else AGENTS, files=not judge, api_base=api_base)
    if why:
        raise ConfigError(f"{flag} {name}: {why}")
    if name in AGENTS or name.startswith(FILE_MODELS) or api_base:  # a local endpoint may need no key
        return
    missing = missing_credentials(name)
    if missing:
        raise ConfigError(f"{flag} {name} needs {' and '.join(missing)}: "
                          "set it in the environment or in a .env file in this directory")  # fmt: skip


def _judge(args: argparse.Namespace):
    """The LLM judge the flags ask for, or None (``--judge-model none``, the default). A judge that
    cannot work here (unknown name, missing key) stops the command, as a bad ``--model`` does."""
    name = args.judge_model or os.environ.get("MLE_ENV_JUDGE_MODEL") or "none"
    if name == "none":
        return None
    _check_model(name, "--judge-model", judge=True, api_base=args.judge_api_base)
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
    from mle_env.task import find_tasks

    if args.task:
        return [Path(t) for t in args.task]
    paths = find_tasks(args.tasks_dir)
    if not paths:
        raise RunError(f"no task files (*.json) in {args.tasks_dir}")
    return paths
