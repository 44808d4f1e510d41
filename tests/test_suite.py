"""The bundled task suite is the benchmark: it must be complete, unspoiled and valid.

`test_every_bundled_task_validates` runs `mle-env validate tasks/` — each task's original
code in the sandbox, its hidden verification on the original and on the reference
solution, the oracle's and an empty workspace's grades, and every grading attack of
`grading/attacks.py` on its verification. It is the slowest test by design.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from mle_env.task import ERROR_CODES, find_tasks, load_task

ROOT = Path(__file__).resolve().parents[1]
TASKS = find_tasks(ROOT / "tasks")
GIVEAWAYS = re.compile(r"leak|outlier|scal(e|ing)|encod|imbalanc|overfit|underfit|bug|error|wrong|broken|fix", re.I)


def test_the_suite_covers_every_code_at_least_five_times():
    codes = Counter(code for p in TASKS for code in load_task(p).ext.expected_error_types)
    assert len(TASKS) >= 40
    assert {c: codes[c] for c in ERROR_CODES if codes[c] < 5} == {}


def test_tasks_are_unique_and_their_ids_give_nothing_away():
    ids = [load_task(p).task_id for p in TASKS]
    assert len(set(ids)) == len(ids)
    assert [i for i in ids if GIVEAWAYS.search(i)] == []
    assert all(p.stem == load_task(p).task_id for p in TASKS)


def test_every_task_has_the_extensions_a_benchmark_needs():
    for p in TASKS:
        t = load_task(p)
        ext = t.ext
        missing = [name for name, v in [("entrypoint", ext.entrypoint), ("solution", ext.solution),
                                         ("verify", ext.verify), ("difficulty", ext.difficulty),
                                         ("provenance", ext.provenance), ("checks", ext.checks)] if not v]  # fmt: skip
        assert not missing, f"{p.name} lacks {missing}"
        assert ("NONE" in ext.expected_error_types) == (not ext.bug_locations), p.name
        assert sum(len(v.encode()) for v in t.task_files.values()) <= 1_000_000, p.name
        prompt = t.prompt_text
        assert "response/report.json" in prompt and "response/revised_code.py" in prompt, p.name
        assert all(code in prompt for code in ERROR_CODES), f"{p.name}: the prompt must offer all eight codes"


def test_the_catalogue_lists_every_task():
    catalogue = (ROOT / "docs" / "tasks.md").read_text()
    assert [p.stem for p in TASKS if f"| {p.stem} |" not in catalogue] == []


@pytest.mark.timeout(2700)  # ~6.5 min for 40 tasks on 2 quiet cores
def test_every_bundled_task_validates():
    env = {k: v for k, v in os.environ.items() if k != "MLE_ENV_SANDBOX"}
    res = subprocess.run([sys.executable, "-m", "mle_env.cli", "validate", str(ROOT / "tasks"), "--format", "json"],
                         capture_output=True, text=True, timeout=3000, env=env)  # fmt: skip
    reports = json.loads(res.stdout)
    failed = {r["task_id"]: {k: v["detail"] for k, v in r["checks"].items() if v["ok"] is False}
              for r in reports if not r["ok"]}  # fmt: skip
    assert failed == {} and res.returncode == 0, res.stderr[-2000:]
    assert len(reports) == len(TASKS)
    # every grading attack (grading/attacks.py) was run on every task, and failed there
    assert [r["task_id"] for r in reports if r["checks"]["attacks"]["ok"] is not True] == []


@pytest.mark.timeout(2700)
def test_floor_strategies_stay_below_15_percent_and_below_the_baseline(tmp_path):
    """Issue 13's bar, measured over the whole suite without a judge: answering the same on every
    task (always NONE; one code with a location on every line) earns at most 15 % of the benchmark
    score, NONE-always nothing on the buggy tasks, and the static baseline more than either."""
    env = {k: v for k, v in os.environ.items() if k != "MLE_ENV_SANDBOX"}
    res = subprocess.run([sys.executable, "-m", "mle_env.cli", "run", "--tasks-dir", str(ROOT / "tasks"),
                          "--model", "constant:NONE", "--model", "shotgun:DATA_LEAKAGE", "--model", "baseline",
                          "--output-dir", str(tmp_path), "--run-name", "floors", "--concurrency", "2"],
                         capture_output=True, text=True, timeout=2600, env=env)  # fmt: skip
    assert res.returncode == 0, res.stderr[-2000:]
    summary = json.loads((tmp_path / "floors" / "summary.json").read_text())
    means = {m["model"]: m["mean"] for m in summary["leaderboard"]["models"]}
    assert means["constant:NONE"] <= 15 and means["shotgun:DATA_LEAKAGE"] <= 15, means
    assert means["baseline"] > max(means["constant:NONE"], means["shotgun:DATA_LEAKAGE"]), means
    buggy = {load_task(p).task_id for p in TASKS if "NONE" not in load_task(p).ext.expected_error_types}
    none_on_buggy = [r for r in summary["results"] if r["model"] == "constant:NONE" and r["task_id"] in buggy]
    assert len(none_on_buggy) == len(buggy) and all(r["evaluation"]["benchmark"]["score"] == 0 for r in none_on_buggy)
