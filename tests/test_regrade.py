"""`mle-env regrade`: a run graded offline is judged later, without running any agent again."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from fakes.providers import Fail, FakeOpenAI, Reply
from fakes.tasks import tiny_task


def mle(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mle_env.cli", *args], capture_output=True, text=True, timeout=300,
                          env=env or os.environ.copy())  # fmt: skip


def judged_task(i: int) -> dict:
    """A tiny task with one criterion only a judge can decide."""
    t = tiny_task(i, "DATA_LEAKAGE")
    t["rubric_text"] += "\n+5|EXPLANATION|Explains why the test rows must not shape the scaler|because"
    t["rubrics"].append({"name": "EXPLANATION", "weight": 5,
                         "messages": [{"type": "text", "content": "Explains why the test rows must not shape the scaler"}]})  # fmt: skip
    return t


def rows(run_dir: Path) -> dict[str, dict]:
    db = sqlite3.connect(run_dir / "index.sqlite")
    db.row_factory = sqlite3.Row
    return {r["task_id"]: dict(r) for r in db.execute("SELECT * FROM samples")}


def test_a_run_graded_without_a_judge_is_judged_later_and_nothing_runs_again(tmp_path):
    tasks = tmp_path / "tasks"
    tasks.mkdir()
    for i in range(3):
        (tasks / f"t{i}.json").write_text(json.dumps(judged_task(i)))
    res = mle("run", "--tasks-dir", str(tasks), "--model", "oracle", "--output-dir", str(tmp_path), "--run-name", "r")
    assert res.returncode == 0, res.stderr
    run_dir = tmp_path / "r"
    before = rows(run_dir)
    assert all(r["ungraded_points"] == 5 and r["score"] == 10 for r in before.values())
    traj = {p: p.stat().st_mtime_ns for p in run_dir.rglob("trajectory.jsonl")}

    def verdict(req):
        prompt = req["messages"][-1]["content"]
        if "scaler" not in prompt:
            return Fail(400)
        return Reply(text=json.dumps({"reasoning": "the report says why", "passed": True}), usage=(40, 8))

    env = {**os.environ, "OPENAI_API_KEY": "sk-test", "MLE_ENV_CACHE": str(tmp_path / "cache")}
    with FakeOpenAI([verdict] * 10) as judge:
        res = mle("regrade", str(run_dir), "--judge-model", "openai/fake-judge", "--judge-api-base", judge.api_base,
                  env=env)  # fmt: skip
        assert res.returncode == 0, res.stdout + res.stderr
        assert len(judge.requests) == 3  # one verdict per sample, no agent call
    after = rows(run_dir)
    assert all(r["ungraded_points"] == 0 and r["score"] == 15 and r["percentage"] == 100.0 for r in after.values())
    assert all(after[k]["attempts"] == before[k]["attempts"] == 1 for k in after)  # no sample ran again
    assert {p: p.stat().st_mtime_ns for p in run_dir.rglob("trajectory.jsonl")} == traj
    result = json.loads((run_dir / "result_t0.json").read_text())
    assert result["judge_model"] == "openai/fake-judge" and result["evaluation"]["score"] == 15
    run = json.loads((run_dir / "run.json").read_text())
    assert run["config"]["judge_model"] == "openai/fake-judge" and run["sessions"][-1]["regrade"] == 3
    summary = json.loads((run_dir / "summary.json").read_text())
    assert summary["judge_model"] == "openai/fake-judge"
    assert res.stdout.count("10 → 15") == 3

    # a task changed since the run: refused, naming it
    (tasks / "t1.json").write_text(json.dumps(judged_task(7)))
    res = mle("regrade", str(run_dir))
    assert res.returncode == 2 and "t1.json" in res.stderr and "changed" in res.stderr
    # nothing to do when asked only for grader errors
    (tasks / "t1.json").write_text(json.dumps(judged_task(1)))
    res = mle("regrade", str(run_dir), "--only-errors")
    assert res.returncode == 0 and "nothing to regrade" in res.stdout


def test_regrade_with_a_result_file_gone_changes_nothing(tmp_path):
    tasks = tmp_path / "tasks"
    tasks.mkdir()
    for i in range(2):
        (tasks / f"t{i}.json").write_text(json.dumps(judged_task(i)))
    assert mle("run", "--tasks-dir", str(tasks), "--model", "oracle", "--model", "none", "--output-dir", str(tmp_path),
               "--run-name", "r").returncode == 0  # fmt: skip
    run_dir = tmp_path / "r"
    gone = next(run_dir.rglob("result_t1.json"))
    gone.unlink()
    before = {p: p.stat().st_mtime_ns for p in run_dir.rglob("*.json")}
    res = mle("regrade", str(run_dir))
    assert res.returncode == 2 and "result file(s) are gone" in res.stderr and gone.name in res.stderr
    assert {p: p.stat().st_mtime_ns for p in run_dir.rglob("*.json")} == before
