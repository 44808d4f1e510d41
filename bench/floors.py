"""The suite's floors: what answering the same on every task earns, next to the baseline and the oracle.

    .venv/bin/python bench/floors.py [--tasks-dir tasks] [--concurrency 2]

Graded as the leaderboard grades, without a judge. Every floor submits the same
``revised_code.py`` (the original entry script re-run), so the criteria that run code in a
sandbox are run once per task, for the first floor, and their verdicts reused for the others
(``grading.grade(..., ran=)``, as ``mle-env validate`` does). The baseline runs for real
(its own sandbox, its own fix, real grading). The oracle's sandbox criteria are taken as passed
(the task builder's self-test and ``mle-env validate`` prove the solution passes them); its
row shows what the checks decide. Prints a markdown table (docs/grading.md, "Floors").
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLOORS = ("none", "constant:NONE", "constant:DATA_LEAKAGE", "shotgun:DATA_LEAKAGE")


def _write(ws: Path, files: dict[str, str]) -> None:
    ws.mkdir(parents=True, exist_ok=True)
    for rel, content in files.items():
        (ws / rel).parent.mkdir(parents=True, exist_ok=True)
        (ws / rel).write_text(content, encoding="utf-8")


def _row(ev: dict) -> dict:
    b = ev["benchmark"]
    return {"rubric": ev["percentage"] or 0.0, "score": b["percentage"] or 0.0, "offline": b["offline_percentage"] or 0.0}


async def _task(path: Path, sandbox, tmp: Path) -> dict[str, dict]:
    from mle_env.agents.floors import FloorAgent
    from mle_env.grading import grade, runs_in_sandbox
    from mle_env.grading.rubric import criteria_of
    from mle_env.runner import make_agent, run_sample
    from mle_env.task import load_task

    task = load_task(path)
    crit = criteria_of(task)
    in_sandbox = {c.index for c in crit if runs_in_sandbox(c)}
    out: dict[str, dict] = {}
    ran: dict = {}
    for name in FLOORS:
        ws = tmp / task.task_id / name.replace(":", "_")
        _write(ws, {} if name == "none" else FloorAgent(name).response(task))
        ev = await grade(task, ws, "", sandbox=sandbox, ran=ran if name != "none" else None)
        if name != "none":
            ran.update({r["index"]: (r["passed"], r["reasoning"]) for r in ev["results"] if r["index"] in in_sandbox})
        out[name] = _row(ev)
    ws = tmp / task.task_id / "oracle"
    _write(ws, {**task.task_files, **task.ext.solution})
    ev = await grade(task, ws, "", sandbox=sandbox, ran={i: (True, "solution verified at build") for i in in_sandbox})
    out["oracle"] = _row(ev)
    res = await run_sample(task, str(path), make_agent("baseline"), sandbox=sandbox, out_dir=tmp / "baseline", evaluate=True)
    out["baseline"] = _row(res["evaluation"])
    out["_buggy"] = {"buggy": "NONE" not in task.ext.expected_error_types}
    return out


async def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tasks-dir", default=str(ROOT / "tasks"))
    ap.add_argument("--concurrency", type=int, default=2)
    args = ap.parse_args()
    from mle_env.sandbox import make_config
    from mle_env.task import find_tasks

    sandbox = make_config("bwrap")
    paths = find_tasks(args.tasks_dir)
    gate = asyncio.Semaphore(args.concurrency)
    t0 = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="mle-env-floors-") as tmp:

        async def one(p: Path) -> dict:
            async with gate:
                return await _task(p, sandbox, Path(tmp))

        per_task = await asyncio.gather(*(one(p) for p in paths))
    took = time.monotonic() - t0
    names = [*FLOORS, "baseline", "oracle"]
    print(f"{len(paths)} tasks ({sum(t['_buggy']['buggy'] for t in per_task)} buggy), no judge; "
          f"{took:.0f} s on {sys.platform}\n")  # fmt: skip
    print("| strategy | rubric % | score % | score % on buggy tasks | max score % on one task | offline % |")
    print("|---|---|---|---|---|---|")
    for n in names:
        rows = [t[n] for t in per_task]
        buggy = [t[n]["score"] for t in per_task if t["_buggy"]["buggy"]]
        mean = lambda xs: statistics.fmean(xs) if xs else 0.0  # noqa: E731
        print(f"| `{n}` | {mean([r['rubric'] for r in rows]):.1f} | {mean([r['score'] for r in rows]):.1f} | "
              f"{mean(buggy):.1f} | {max(r['score'] for r in rows):.1f} | {mean([r['offline'] for r in rows]):.1f} |")


if __name__ == "__main__":
    asyncio.run(main())
