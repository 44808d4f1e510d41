"""`mle-env run --floors`: the floor strategies as reference rows of the leaderboard, never ranked."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mle_env.agents.floors import with_reference_floors
from mle_env.leaderboard import compute, render

ROOT = Path(__file__).parents[1]
FLOORS = ["constant:NONE", "constant:DATA_LEAKAGE", "shotgun"]


def mle(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "MLE_ENV_SANDBOX"}
    return subprocess.run([sys.executable, "-m", "mle_env.cli", *args], capture_output=True, text=True,
                          timeout=timeout, env=env)  # fmt: skip


def board(text: str) -> list[list[str]]:
    """The rows of the printed Leaderboard table, split on whitespace."""
    lines = text[text.index("Leaderboard"):].split("\n\n")[0].splitlines()
    return [line.split() for line in lines[3:]]


@pytest.mark.timeout(900)
def test_run_with_floors_adds_them_as_reference_rows(tmp_path):
    tasks = tmp_path / "tasks"
    tasks.mkdir()
    example = ROOT / "tasks" / "biopsy-response-classifier.json"
    (tasks / example.name).write_text(example.read_text())
    res = mle("run", "--tasks-dir", str(tasks), "--model", "baseline", "--model", "constant:NONE", "--floors",
              "--output-dir", str(tmp_path / "out"), "--run-name", "r", "--concurrency", "2", timeout=850)  # fmt: skip
    assert res.returncode == 0, res.stdout + res.stderr
    run = json.loads((tmp_path / "out" / "r" / "run.json").read_text())
    assert run["config"]["models"] == ["baseline", *FLOORS]  # constant:NONE named once
    rows = board(res.stdout)
    # the floors under the ranked model (by score among themselves: DATA_LEAKAGE is this task's code)
    assert rows[0][0] == "baseline" and sorted(r[0] for r in rows[1:]) == sorted(FLOORS)
    assert all(r[1] == "(floor)" for r in rows[1:]) and rows[0][1] != "(floor)"
    assert "(floor) rows are reference strategies" in res.stdout
    summary = mle("summary", str(tmp_path / "out" / "r"))
    assert summary.returncode == 0 and board(summary.stdout) == rows
    lb = json.loads(mle("summary", str(tmp_path / "out" / "r"), "--format", "json").stdout)
    assert {m["model"]: m["floor"] for m in lb["models"]} == {"baseline": False, **{f: True for f in FLOORS}}
    assert all(m["tokens"] == 0 and not m["cost"] and m["scored"] == 1 for m in lb["models"])  # no model calls


def test_floors_are_added_once_whatever_the_user_named():
    assert with_reference_floors(["baseline"]) == ["baseline", *FLOORS]
    assert with_reference_floors(["shotgun:DATA_LEAKAGE", "constant:NONE"]) == [
        "shotgun:DATA_LEAKAGE", "constant:NONE", "constant:DATA_LEAKAGE"]  # fmt: skip


def test_resume_refuses_floors(tmp_path):
    res = mle("run", "--resume", str(tmp_path), "--floors")
    assert res.returncode == 2 and "drop --floors" in res.stderr


def _row(model: str, task: str, score: float) -> dict:
    return {"model": model, "task_file": task, "task_id": task, "epoch": 1, "status": "completed", "error_class": None,
            "percentage": score, "benchmark": score, "offline": score, "expected": "OUTLIER", "categories": "{}",
            "total_tokens": 0, "cost": None, "judge_cost": None, "duration": 1.0}  # fmt: skip


def test_a_floor_scoring_above_a_model_is_still_listed_under_it_not_ranked():
    run = {"config": {"models": ["openai/x", "constant:NONE"], "epochs": 1}, "tasks": [{"file": "a.json"}]}
    lb = compute(run, [_row("openai/x", "a.json", 5.0), _row("constant:NONE", "a.json", 12.5)])
    assert [m["model"] for m in lb["models"]] == ["openai/x", "constant:NONE"]
    text = render(lb, "table")
    assert [r[:3] for r in board(text)] == [["openai/x", "1/1", "5.0"], ["constant:NONE", "(floor)", "1/1"]]
    assert "| constant:NONE (floor) |" in render(lb, "markdown")
    assert render(lb, "csv").splitlines()[0].endswith(",floor")
