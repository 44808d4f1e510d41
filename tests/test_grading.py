"""Grading without a judge: file checks, deterministic checks, running the fix, verification."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from mle_env.grading import grade
from mle_env.grading.rubric import criteria_of, workspace_path
from mle_env.runner import make_agent, run_sample
from mle_env.sandbox import make_config
from mle_env.task import load_task, validate_data

EXAMPLE = Path(__file__).parents[1] / "tasks" / "biopsy-response-classifier.json"


@pytest.fixture(scope="module")
def task():
    return load_task(EXAMPLE)


async def _graded(task, agent_name, tmp_path):
    await run_sample(task, str(EXAMPLE), make_agent(agent_name), sandbox=make_config("bwrap"), out_dir=tmp_path)
    return await grade(task, tmp_path / EXAMPLE.stem, sandbox=make_config("bwrap"))


async def test_oracle_full_marks_empty_zero_baseline_between(task, tmp_path):
    oracle = await _graded(task, "oracle", tmp_path / "o")
    empty = await _graded(task, "none", tmp_path / "n")
    baseline = await _graded(task, "baseline", tmp_path / "b")
    graded = [r for r in oracle["results"] if r["passed"] is not None]
    assert graded and all(r["passed"] == (r["points"] > 0) for r in graded)  # every reward, no penalty
    assert oracle["score"] == oracle["graded_possible"] and oracle["percentage"] == 100.0
    assert empty["score"] == 0
    assert empty["score"] < baseline["score"] < oracle["score"]
    # The baseline names the right error and lines, but submits the original script: verification fails.
    verify = next(r for r in baseline["results"] if r["method"] == "verify")
    assert verify["passed"] is False and "verification failed" in verify["reasoning"]


async def test_judged_criteria_are_ungraded_not_failed(task, tmp_path):
    ev = await _graded(task, "oracle", tmp_path)
    judged = [r for r in ev["results"] if r["method"] == "judge"]
    assert judged and all(r["passed"] is None and "judge" in r["reasoning"] for r in judged)
    assert ev["ungraded_points"] == sum(abs(r["points"]) for r in judged)
    assert ev["graded_possible"] + sum(r["points"] for r in judged if r["points"] > 0) == ev["total_possible"] == 93
    assert {"identification", "localization", "fix implementation", "output files"} <= set(ev["breakdown"])


async def test_a_wrong_error_type_costs_the_penalty(task, tmp_path):
    ws = tmp_path / "ws"
    (ws / "response").mkdir(parents=True)
    (ws / "response/report.json").write_text(json.dumps({"error_type": "OVERFITTING", "locations": [], "explanation": "x", "proposed_fix": "y"}))
    ev = await grade(task, ws, sandbox=make_config("bwrap"))
    penalty = next(r for r in ev["results"] if r["points"] == -5)
    assert penalty["passed"] is True and ev["score"] < 0 + 3 + 5  # report format + file exists, minus 5


async def test_verification_script_is_never_in_the_agents_sandbox(task, tmp_path):
    marker = task.ext.verify.script.splitlines()[0][:40]
    result = await run_sample(
        task, str(EXAMPLE), make_agent("scripted:" + str(_script(tmp_path, marker))),
        sandbox=make_config("bwrap"), out_dir=tmp_path,
    )  # fmt: skip
    seen = next(e for e in result["trace"] if e["event"] == "tool_call")["result"]
    found = seen.split("STDOUT:\n", 1)[1].split("grep-done", 1)[0]
    # The positive control (a copy the command itself made in /tmp) is the only hit.
    assert found.split() == ["/tmp/control.txt"], f"the agent's sandbox holds the verification script: {found}"
    assert "scanned" in seen and ".mle_env_grader" not in seen


def _script(tmp_path, marker):
    cmd = f"echo {json.dumps(marker)} > /tmp/control.txt; grep -rlF {json.dumps(marker)} / --exclude-dir=proc --exclude-dir=sys --exclude-dir=usr 2>/dev/null; echo grep-done; ls -a /app; echo scanned"
    turns = [{"tool_calls": [{"id": "c1", "name": "bash_exec", "arguments": json.dumps({"command": cmd, "timeout": 120})}]},
             {"text": "FINAL ANSWER: NONE"}]  # fmt: skip
    path = tmp_path / "script.json"
    path.write_text(json.dumps(turns))
    return path


def test_rubric_path_forms_resolve_in_the_workspace():
    for raw in ("../tasking/response/report.json", "response/report.json", "/app/response/report.json", "./response/report.json"):
        assert workspace_path(raw, "/app") == "response/report.json"
    task, _ = validate_data({
        "task_id": "p", "prompt": "x",
        "rubric_text": "+5|`NO_FILE`|File exists at `../tasking/response/report.json`|\n+3|IDENTIFICATION|Names the leak|",
    })  # fmt: skip
    first, second = criteria_of(task)
    assert (first.method, first.path, first.category) == ("file", "response/report.json", "output files")
    assert (second.method, second.category) == ("judge", "identification")


def test_cli_grade_json_prints_the_evaluation_alone(task, tmp_path):
    ws = tmp_path / "ws"
    (ws / "response").mkdir(parents=True)
    for path, content in task.ext.solution.items():
        (ws / path).write_text(content)
    res = subprocess.run(
        [sys.executable, "-m", "mle_env.cli", "grade", "--task", str(EXAMPLE), "--workspace", str(ws), "--format", "json"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert res.returncode == 0, res.stderr
    ev = json.loads(res.stdout)
    assert ev["score"] == ev["graded_possible"] and {"score", "total_possible", "percentage", "results"} <= set(ev)


async def test_a_tasks_stdout_pattern_cannot_stall_the_harness():
    """A catastrophic pattern (a task may come from an API caller) fails the check after its time
    limit, in a child process, while the event loop goes on (found in review: it froze the server)."""
    import asyncio
    import time

    from mle_env.grading import search_bounded

    ticks = 0

    async def tick():
        nonlocal ticks
        while True:
            await asyncio.sleep(0.05)
            ticks += 1

    ticker = asyncio.create_task(tick())
    t = time.monotonic()
    ok, why = await search_bounded(r"^(a+)+$", "a" * 40 + "b", seconds=1)
    ticker.cancel()
    assert not ok and "took over 1 s" in why and time.monotonic() - t < 5
    assert ticks >= 10  # the loop kept running meanwhile
    assert await search_bounded(r"accuracy: 0\.9\d", "epoch 3\naccuracy: 0.93\n") == (True, None)
    assert (await search_bounded("(", "x"))[1].startswith("stdout_pattern '(' is not a valid")
