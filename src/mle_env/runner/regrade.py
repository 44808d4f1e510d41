"""Grading a finished run again, without running any agent: ``mle-env regrade RUN_DIR``.

For a run graded without a judge (judged criteria *ungraded*) that is to be judged now, a
run whose grader failed on some samples, or a new judge to compare. Each sample's answer
and ``response/`` files are where the run left them; the task files must be unchanged.
The result file is rewritten (atomically) before the index row, as in a run.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mle_env.errors import RunError
from mle_env.records import GraderFailure
from mle_env.runner.batch import load_tasks, task_changes
from mle_env.store import write_json
from mle_env.store.index import Index
from mle_env.store.rundir import INDEX, group_dir


def regradable(rows: list[dict[str, Any]], *, only_errors: bool) -> list[dict[str, Any]]:
    """Finished samples whose agent did its part (infra failures are for ``--resume``)."""
    done = [r for r in rows if r["status"] == "completed" or (r["status"] == "error" and r["error_class"] != "infra")]
    return [r for r in done if r["error_class"] == "grader"] if only_errors else done


def preflight(root: Path, run: dict[str, Any], rows: list[dict[str, Any]]) -> None:
    """Refuse before anything is rewritten (all or nothing): changed tasks, missing result files."""
    changed = task_changes(run)
    if changed:
        raise RunError("cannot regrade: the tasks are not those the run used\n  " + "\n  ".join(changed))
    missing = [r["result_path"] for r in rows if not (root / r["result_path"]).is_file()]
    if missing:
        raise RunError(f"cannot regrade: {len(missing)} result file(s) are gone: " + ", ".join(missing[:5]))


async def regrade(
    root: Path,
    run: dict[str, Any],
    rows: list[dict[str, Any]],
    *,
    sandbox: Any,
    judge: Any,
    concurrency: int = 1,
    on_done: Callable[[dict[str, Any], dict[str, Any]], None] | None = None,
) -> None:
    """Grade ``rows`` (index rows of finished samples) again and record each as it ends.
    Call ``preflight`` first: a missing result file found here would leave the run half-regraded."""
    from mle_env.grading import grade

    tasks = load_tasks(run)
    sem = asyncio.Semaphore(max(1, concurrency))
    with Index(root / INDEX) as index:

        async def one(row: dict[str, Any]) -> None:
            path = root / row["result_path"]
            try:
                result = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as e:
                raise RunError(f"{path}: cannot read the sample's result ({e})") from None
            sample_dir = root / group_dir(run["layout"], row["model"], row["epoch"]) / Path(row["task_file"]).stem
            async with sem:
                try:
                    ev = await grade(tasks[row["task_file"]], sample_dir, result.get("answer") or "", sandbox=sandbox,
                                     judge=judge)  # fmt: skip
                except Exception as e:  # recorded on the sample, as in a run
                    ev = GraderFailure(error=f"{type(e).__name__}: {e}", error_class="grader").to_record()
            result["evaluation"] = ev
            result["judge_model"] = getattr(judge, "name", None)
            write_json(path, result)
            new = index.finish(row["key"], result, seconds=row["duration"])
            if on_done is not None:
                on_done(row, new)

        await asyncio.gather(*(one(r) for r in rows))
