"""`mle-env validate`'s issue-13 gates: a task's checks decide at least 65 % of its points without
the judge (`offline`), and no floor strategy earns more than 15 % of its benchmark score (`floors`)."""

from __future__ import annotations

import copy
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from mle_env.grading import verify_fix
from mle_env.grading.rubric import criteria_of
from mle_env.sandbox import make_config, open_sandbox
from mle_env.task import ERROR_CODES, Task, load_task
from mle_env.validate import OFFLINE_MIN_SHARE, Report, floor_names, floor_scores, original_as_revised, render

ROOT = Path(__file__).parents[1]
BIOPSY = json.loads((ROOT / "tasks" / "biopsy-response-classifier.json").read_text())  # DATA_LEAKAGE
SHARE = re.compile(r"^(\d+)/(\d+) \((\d+)%\)")


def load(tmp_path: Path, task: dict) -> Task:
    path = tmp_path / f"{task['task_id']}.json"
    path.write_text(json.dumps(task))
    return load_task(path)


def no_checks(task: dict) -> dict:
    """The task with every deterministic check dropped: its criteria fall to the judge."""
    t = copy.deepcopy(task)
    t["task_id"] += "-no-checks"
    t["mle_env"]["checks"] = []
    return t


def any_code_identifies(task: dict) -> dict:
    """The task with an identification check that accepts every code (and no wrong-code penalty):
    a constant answer is then worth the identification and "the original still runs" points."""
    t = copy.deepcopy(task)
    t["task_id"] += "-any-code"
    checks = []
    for c in t["mle_env"]["checks"]:
        if c["check"] == "error_type_equals":
            if set(c["args"]["expected"]) != set(t["mle_env"]["expected_error_types"]):
                continue  # the penalty for naming another code
            c["args"]["expected"] = list(ERROR_CODES)
        checks.append(c)
    t["mle_env"]["checks"] = checks
    return t


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[str, dict]:
    """One `mle-env validate` of three tasks: the bundled biopsy task and two broken copies."""
    d = tmp_path_factory.mktemp("tasks")
    for t in (BIOPSY, no_checks(BIOPSY), any_code_identifies(BIOPSY)):
        (d / f"{t['task_id']}.json").write_text(json.dumps(t))
    env = {k: v for k, v in os.environ.items() if k != "MLE_ENV_SANDBOX"}
    res = subprocess.run([sys.executable, "-m", "mle_env.cli", "validate", str(d), "--no-attacks", "--format", "json"],
                         capture_output=True, text=True, timeout=900, env=env)  # fmt: skip
    assert res.returncode == 1, res.stdout + res.stderr  # the broken copies fail
    return {r["task_id"]: r for r in json.loads(res.stdout)}


@pytest.mark.timeout(900)
def test_a_task_whose_checks_decide_under_65_percent_fails_offline(reports):
    rep = reports["biopsy-response-classifier-no-checks"]
    offline = rep["checks"]["offline"]
    m = SHARE.match(offline["detail"])
    assert m and int(m.group(3)) < 65, offline
    assert offline["ok"] is False and f"under {OFFLINE_MIN_SHARE:.0%}" in offline["detail"] and not rep["ok"]


@pytest.mark.timeout(900)
def test_a_task_on_which_a_constant_answer_scores_fails_floors(reports):
    rep = reports["biopsy-response-classifier-any-code"]
    floors = rep["checks"]["floors"]
    m = re.match(r"worst (constant:\w+|shotgun\S*) ([\d.]+)%", floors["detail"])
    assert floors["ok"] is False and m and float(m.group(2)) > 15, floors
    assert "above 15%" in floors["detail"] and not rep["ok"]
    assert rep["checks"]["oracle"]["ok"]  # only the floors gate objects to it


@pytest.mark.timeout(900)
def test_a_well_formed_bundled_task_passes_the_floors_gate(reports):
    rep = reports["biopsy-response-classifier"]
    floors = rep["checks"]["floors"]
    assert floors["ok"] is True and floors["detail"].startswith("worst "), floors
    # the offline column is the gate it says: ok exactly when its share reaches 65 %
    offline = rep["checks"]["offline"]
    earned, possible, _ = map(int, SHARE.match(offline["detail"]).groups())
    assert offline["ok"] is (earned / possible >= OFFLINE_MIN_SHARE), offline
    others = {k: v for k, v in rep["checks"].items() if k not in ("offline", "attacks")}
    assert all(v["ok"] is not False for v in others.values()), others


def test_the_floors_leave_out_the_codes_a_task_accepts(tmp_path):
    names = floor_names(load(tmp_path, BIOPSY))
    assert names[0] == "constant:NONE" and "constant:DATA_LEAKAGE" not in names
    assert names[-1] == "shotgun:OUTLIER" and len(names) == len(ERROR_CODES)  # 7 constants and a shotgun
    names = floor_names(load_task(ROOT / "tasks" / "bakery-demand-planner.json"))  # a NONE task
    assert "constant:NONE" not in names and names[-1] == "shotgun"  # always-NONE is the right answer there


@pytest.mark.timeout(600)
async def test_reused_verdicts_give_the_real_graders_scores(tmp_path):
    """The cheap path (the original's run and verification reused, file checks on the host) scores
    every floor as grading it afresh, sandbox criteria included, does."""
    task = load(tmp_path, any_code_identifies(BIOPSY))
    cfg = make_config("bwrap")
    crit = criteria_of(task)
    entry = task.ext.entrypoint.split()[1]
    async with open_sandbox(cfg, task) as sb:
        run = await sb.exec(["bash", "-c", task.ext.entrypoint], timeout=120)
    verified = await verify_fix(task, {"revised_code.py": original_as_revised(entry).encode()}, cfg)
    cheap = await floor_scores(task, cfg, crit, run, entry, verified)
    fresh = await floor_scores(task, cfg, crit)  # nothing to reuse: the real grader runs them once
    assert cheap == fresh and max(cheap.values()) > 15, (cheap, fresh)


def test_the_table_shows_both_gates():
    rep = Report("t.json", task_id="t", code="OUTLIER")
    rep.add("offline", False, "30/93 (32%): under 65% of the points decided without the judge")
    rep.add("floors", False, "worst constant:NONE 36.4%: above 15% of the benchmark score for no diagnosis")
    out = render([rep])
    head = out.splitlines()[0].split()
    assert "offline" in head and "floors" in head
    assert "t.json: floors: worst constant:NONE 36.4%" in out and "t.json: offline: 30/93 (32%)" in out
    assert "0 of 1 task(s) pass" in out
