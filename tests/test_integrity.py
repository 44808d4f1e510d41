"""The hidden verifiers check the model, not the printout (issue 13).

Every bundled verifier carries the integrity block (tasks/sources/_lib/integrity.py): after the
task's own checks pass, the fix is run on a fresh sample of the data and on column-shuffled
data, and compared with the reference solution on the same data. These tests run the real
verify scripts of bundled tasks (on the host's interpreter, as the builder does; the sandboxed
path is covered by `mle-env validate`'s attacks in tests/test_suite.py).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from mle_env.grading.attacks import attacks_for, forgeries
from mle_env.task import load_task

REPO = Path(__file__).resolve().parents[1]


def _verify(task, tmp_path: Path, revised: str) -> dict:
    ws = tmp_path / "ws"
    for rel, text in {**task.task_files, "response/revised_code.py": revised}.items():
        (ws / rel).parent.mkdir(parents=True, exist_ok=True)
        (ws / rel).write_text(text, encoding="utf-8")
    script = tmp_path / "verify.py"
    script.write_text(task.ext.verify.script, encoding="utf-8")
    proc = subprocess.run([sys.executable, str(script), json.dumps(task.ext.verify.expected)], cwd=ws,
                          capture_output=True, text=True, timeout=600)  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def wine():
    return load_task(REPO / "tasks" / "wine-lot-authentication.json")


def test_every_bundled_verifier_carries_the_integrity_checks():
    missing = []
    for path in sorted((REPO / "tasks").glob("*.json")):
        task = load_task(path)
        exp = task.ext.verify.expected
        if task.task_id == "biopsy-response-classifier":  # its own label-permutation null runs (build.py there)
            assert exp.get("null_seeds"), "biopsy's verifier lost its null runs"
            continue
        integrity = exp.get("integrity") or {}
        if "--- integrity:" not in task.ext.verify.script or not integrity.get("null_metrics"):
            missing.append(task.task_id)
        else:
            assert integrity["reference_stdout"].strip(), task.task_id
    assert missing == []


def test_the_solution_passes_and_each_forgery_fails(wine, tmp_path):
    verdict = _verify(wine, tmp_path / "solution", wine.ext.solution["response/revised_code.py"])
    assert verdict["passed"], verdict
    assert verdict["details"]["integrity"]["fresh"]["moved"] is True
    forged = attacks_for(wine)[-3:]
    assert [a.name for a in forged] == ["print-memorised-output", "print-jittered-output",
                                        "memorised-unless-data-changed"]
    for attack in forged:
        verdict = _verify(wine, tmp_path / attack.name, attack.revised_code)
        assert verdict["passed"] is False, (attack.name, verdict)


def test_a_printout_passes_the_task_s_own_bands_but_not_the_integrity_checks(wine, tmp_path):
    """What the integrity block adds: the memorised output is inside every band of the task's
    own check, and only the run on fresh data exposes it."""
    out = wine.ext.verify.expected["integrity"]["reference_stdout"]
    printed = forgeries(wine.task_files, "src/authenticate.py", out, none_task=False)[0]
    verdict = _verify(wine, tmp_path, printed.revised_code)
    details = verdict["details"]
    assert details["test_macro_f1"]["ok"] and details["cv_macro_f1"]["ok"]
    assert verdict["passed"] is False
    # a run on changed data exposes it: the task's shifted-test-lots check (the printout does not move
    # when the held-out lots are shifted) or, past that, the integrity block's fresh sample
    shifted = details.get("test_shift", {}).get("ok")
    assert shifted is False or details["integrity"]["fresh"]["moved"] is False, details


def test_an_honest_alternative_fix_passes(wine, tmp_path):
    """A different correct fix (a MinMaxScaler fitted on the training lots) is not the reference's
    code and prints other numbers; the integrity checks must not reject it."""
    src = wine.ext.solution["response/revised_code.py"]
    assert "StandardScaler" in src
    alt = src.replace("StandardScaler", "MinMaxScaler")
    verdict = _verify(wine, tmp_path, alt)
    assert verdict["passed"], verdict


def test_a_fix_that_only_runs_on_the_task_s_own_data_fails(wine, tmp_path):
    """A run on other data is part of the verdict, not skipped when it fails: a fix that exits
    unless the data file is byte for byte the task's own fails."""
    import hashlib

    digest = hashlib.sha256(wine.task_files["data/lab_results.csv"].encode()).hexdigest()
    guard = ("import hashlib, sys\n"
             f"if hashlib.sha256(open('data/lab_results.csv', 'rb').read()).hexdigest() != {digest!r}:\n"
             "    sys.exit(3)\n")
    verdict = _verify(wine, tmp_path, guard + wine.ext.solution["response/revised_code.py"])
    assert verdict["passed"] is False
    assert '"returncode": 3' in json.dumps(verdict["details"])  # failed for the run on other data
