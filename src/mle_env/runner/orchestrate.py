"""``run_batch``: the one way a batch runs, for the CLI, the HTTP server and tests.

It takes a ``RunConfig``, checks every model and the judge before anything is created, makes
or resumes the run directory, runs the samples still to do on the configured executor, and
writes the summary. The CLI and the server only turn their input into a ``RunConfig`` and
present the outcome.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from mle_env.errors import RunError
from mle_env.runner.config import RayExecutor, RunConfig
from mle_env.runner.factory import agent_factory, preflight


@dataclass
class BatchOutcome:
    """What a finished (or interrupted) batch left: its directory, ``run.json``, index rows, leaderboard."""

    root: Path
    run: dict[str, Any]
    rows: list[dict[str, Any]]
    leaderboard: dict[str, Any]

    @property
    def unfinished(self) -> list[dict[str, Any]]:
        """Samples not completed, or failed for infrastructure/grader reasons: ``--resume`` reruns them."""
        return [r for r in self.rows
                if r["status"] not in ("completed", "error") or r["error_class"] in ("infra", "grader")]  # fmt: skip


class _Quiet:
    """Progress events nobody follows (the server, tests)."""

    def started(self, s: dict[str, Any]) -> None: ...
    def finished(self, s: dict[str, Any], row: dict[str, Any]) -> None: ...
    def skipped(self, s: dict[str, Any]) -> None: ...
    def cancelled(self, s: dict[str, Any]) -> None: ...
    def close(self) -> None: ...


def run_dir(config: RunConfig, models: list[str]) -> Path:
    """A new run's directory: ``--run-name``, or a timestamp and the models (numbered if taken)."""
    from mle_env.store.rundir import slug

    name = config.run_name or datetime.now().strftime("%Y%m%d-%H%M%S-") + "-".join(slug(m) for m in models)[:60]
    root = config.output_dir / name
    n = 2
    while not config.run_name and root.exists():
        root = config.output_dir / f"{name}-{n}"
        n += 1
    return root


def _open(config: RunConfig, judge_api_base: str | None) -> tuple[Path, dict[str, Any], Any]:
    """Make or resume the run: its directory, ``run.json`` and the judge; models checked first."""
    from mle_env.agents.floors import with_reference_floors
    from mle_env.runner.batch import new_run, resume_run, task_entries
    from mle_env.store.rundir import RUN_JSON, read_run

    if config.resume is not None:
        if config.tasks or config.filters or config.limit:
            raise RunError("--resume continues the run's own tasks; drop --task/--tasks-dir/--filter/--limit")
        if config.floors:
            raise RunError("--resume continues the run's own models; drop --floors")
        root = config.resume
        asked = config.model_fields_set
        wanted = {  # only the identity settings given on this command line are compared with the run's
            "models": config.models if "models" in asked else None,
            "epochs": config.epochs if "epochs" in asked else None,
            "temperature": config.temperature if "temperature" in asked else None,
            "judge_model": (config.judge.model if config.evaluate else None) if "judge" in asked or "evaluate" in asked
            else None,
            "evaluate": False if not config.evaluate else None,
            "llm": (config.llm.recorded() or None) if "llm" in asked else None,
            "limits": (config.limits.model_dump(exclude_none=True) or None) if "limits" in asked else None,
        }  # fmt: skip
        # the run's models and judge are checked before resume_run rewrites anything
        judge = preflight(read_run(root)["config"], judge_api_base) if (root / RUN_JSON).is_file() else None
        run = resume_run(root, {k: v for k, v in wanted.items() if v is not None}, config.execution())
        return root, run, judge
    models = with_reference_floors(config.models) if config.floors else list(config.models)
    if not config.tasks:
        raise RunError("no task files to run")
    tasks = task_entries(config.tasks, config.filters, config.limit)
    identity = {**config.identity(), "models": models}
    judge = preflight(identity, judge_api_base)
    root = run_dir(config, models)
    return root, new_run(root, identity, tasks, config.execution()), judge


async def run_batch(
    config: RunConfig, *, say: Callable[[str], None] = lambda _: None,
    progress: Callable[[int, int], Any] | None = None,
) -> BatchOutcome:
    """Run (or resume) the batch ``config`` describes; the outcome once every sample has ended.

    ``say`` receives the lines a person follows a run by (the plan, workspaces swept, how to
    resume); ``progress(to_run, already_done)`` makes what receives the per-sample events
    (``runner.progress.make_progress``) — none by default.
    Interrupted (Ctrl-C, cancellation), finished samples are kept and the exception propagates.
    """
    from mle_env.leaderboard import compute, read_predicted
    from mle_env.runner.batch import execute, todo
    from mle_env.sandbox import sweep_stale
    from mle_env.store.index import Index
    from mle_env.store.rundir import INDEX, write_run, write_summary

    if isinstance(config.executor, RayExecutor):
        from mle_env.runner.ray_executor import check_ray

        check_ray(config.executor)  # before a run directory exists: Ray missing or unreachable is one error
    root, run, judge = _open(config, config.judge.api_base)
    cfg = run["config"]
    swept = sweep_stale(config.sandbox.workspace_root)
    if swept:
        say(f"removed {swept} workspace(s) left behind by killed runs")
    with Index(root / INDEX) as index:
        pending = todo(index)
        total = len(index.rows())
    say(f"run {root} — {len(cfg['models'])} model(s) × {len(run['tasks'])} task(s) × {cfg['epochs']} epoch(s): "
        f"{len(pending)} sample(s) to run" + (f", {total - len(pending)} already done" if total - len(pending) else "")
        + f"; concurrency {config.concurrency}, sandbox {config.sandbox.kind}"
        + (f", executor ray ({config.executor.address or 'local'})" if isinstance(config.executor, RayExecutor)
           else ""))  # fmt: skip
    started = datetime.now().isoformat(timespec="seconds")
    session: dict[str, Any] = {"started": started, "argv": sys.argv[1:], "status": "running"}
    run.setdefault("sessions", []).append(session)
    write_run(root, run)
    events = progress(len(pending), total - len(pending)) if progress is not None else _Quiet()
    t0 = time.monotonic()
    status = "interrupted"
    try:
        options = dict(make_agent=agent_factory(cfg), sandbox=config.sandbox, judge=judge, progress=events,
                       concurrency=config.concurrency, max_cost=config.max_cost)  # fmt: skip
        if isinstance(config.executor, RayExecutor):
            from mle_env.runner.ray_executor import execute_on_ray

            await execute_on_ray(root, run, pending, executor=config.executor, judge_settings=config.judge, **options)
        else:
            await execute(root, run, pending, **options)
        status = "finished"
    finally:
        events.close()
        session.update(finished=datetime.now().isoformat(timespec="seconds"), seconds=round(time.monotonic() - t0, 1),
                       status=status)  # fmt: skip
        write_run(root, run)
        if status != "finished":
            say(f"interrupted: finished samples are kept; continue with  mle-env run --resume {root}")
    with Index(root / INDEX) as index:
        rows = index.rows()
    lb = compute(run, rows, predicted=read_predicted(root, rows))  # with the confusion counts, as `summary` has
    write_summary(root, run, rows, lb)
    return BatchOutcome(root, run, rows, lb)
