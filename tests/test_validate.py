"""`mle-env validate`: a task author learns which benchmark property a task breaks."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ORIGINAL = "import sys\n\n\ndef main():\n    print('score: 0.52')\n\n\nif __name__ == '__main__':\n    main()\n"
FIXED = ORIGINAL.replace("0.52", "0.91")
VERIFY = """
import json, subprocess, sys
out = subprocess.run([sys.executable, "response/revised_code.py"], capture_output=True, text=True).stdout
score = float(out.split("score:")[1]) if "score:" in out else None
print(json.dumps({"passed": score is not None and score >= 0.8, "details": {"score": score}}))
"""
REPORT = {"error_type": "OVERFITTING", "locations": [{"file": "src/train.py", "lines": [5, 5], "function": "main"}],
          "explanation": "e", "proposed_fix": "f"}  # fmt: skip
LINES = [
    (6, "IDENTIFICATION", '`error_type` in `response/report.json` is exactly "OVERFITTING"'),
    (4, "LOCALIZATION", "`locations` has an entry for `src/train.py` overlapping line 5"),
    (3, "EXPLANATION", "Explains why the score is low"),
    (4, "FIX_IMPLEMENTATION", "The hidden verification passes"),
    (2, "NO_FILE", "File exists at `/app/response/report.json`"),
    (-3, "PENALTY", "`error_type` is another code"),
]
TASK = {
    "task_id": "toy-validate",
    "prompt": [{"type": "text", "content": "Fix the project."}],
    "rubric_text": "\n".join(f"{w:+d}|{t}|{c}|why" for w, t, c in LINES),
    "rubrics": [{"name": t, "weight": w, "messages": [{"type": "text", "content": c}]} for w, t, c in LINES],
    "use_docker": True,
    "task_dir": "/app",
    "task_files": {"src/train.py": ORIGINAL, "data/x.csv": "a,b\n1,2\n"},
    "max_turns": 10,
    "mle_env": {
        "expected_error_types": ["OVERFITTING"],
        "bug_locations": [{"file": "src/train.py", "lines": [5, 5], "function": "main"}],
        "entrypoint": "python src/train.py",
        "solution": {"response/report.json": json.dumps(REPORT), "response/revised_code.py": FIXED},
        "verify": {"script": VERIFY, "timeout": 60},
        "checks": [
            {"criterion_index": 0, "check": "error_type_equals", "args": {"expected": ["OVERFITTING"]}},
            {"criterion_index": 1, "check": "locations_overlap", "args": {"file": "src/train.py", "lines": [5, 5]}},
            {"criterion_index": 3, "check": "verify"},
            {"criterion_index": 5, "check": "error_type_equals", "args": {"expected": ["NONE", "OUTLIER"]}},
        ],
        "total_points": 19,
    },
}


def validate(tmp_path: Path, tasks: dict[str, dict], *extra: str) -> subprocess.CompletedProcess:
    d = tmp_path / "tasks"
    d.mkdir(exist_ok=True)
    for name, t in tasks.items():
        (d / f"{name}.json").write_text(json.dumps(t))
    env = {k: v for k, v in os.environ.items() if k != "MLE_ENV_SANDBOX"}
    return subprocess.run([sys.executable, "-m", "mle_env.cli", "validate", str(d), *extra],
                          capture_output=True, text=True, timeout=600, env=env)  # fmt: skip


def variant(change) -> dict:
    t = copy.deepcopy(TASK)
    change(t)
    return t


def test_a_sound_task_passes_every_check(tmp_path):
    res = validate(tmp_path, {"good": TASK}, "--format", "json")
    assert res.returncode == 0, res.stdout + res.stderr
    (rep,) = json.loads(res.stdout)
    assert rep["ok"] and rep["checks"]["oracle"]["detail"] == "16/16" and rep["checks"]["empty"]["detail"] == "0/16"
    assert rep["checks"]["verify original"]["ok"] and rep["checks"]["verify solution"]["ok"]


def test_each_broken_property_is_named(tmp_path):
    broken = {
        "lenient-verify": variant(lambda t: t["mle_env"]["verify"].update(
            script='import json; print(json.dumps({"passed": True}))')),
        "crashing-entrypoint": variant(lambda t: t["mle_env"].update(entrypoint="python src/missing.py")),
        "wrong-solution": variant(lambda t: t["mle_env"]["solution"].update(
            {"response/report.json": json.dumps({**REPORT, "locations": [{"file": "src/train.py", "lines": [1, 2]}]})})),
        "solution-of-another-code": variant(lambda t: t["mle_env"]["solution"].update(
            {"response/report.json": json.dumps({**REPORT, "error_type": "OUTLIER"})})),
        "wrong-total": variant(lambda t: t["mle_env"].update(total_points=90)),
        "line-past-end": variant(lambda t: t["mle_env"]["checks"][1]["args"].update(lines=[5, 40])),
    }  # fmt: skip
    res = validate(tmp_path, broken)
    assert res.returncode == 1
    problems = res.stdout[res.stdout.index("\n\n"):]
    assert "lenient-verify.json: verify original: passes on the original code" in problems
    assert "crashing-entrypoint.json: runs: `python src/missing.py` exit 2" in problems
    assert "wrong-solution.json: oracle:" in problems and "wrong-solution.json: verify" not in problems
    assert "solution-of-another-code.json: schema: $.mle_env.solution['response/report.json']: error_type is 'OUTLIER'" in problems
    assert "wrong-total.json: schema: $.mle_env.total_points" in problems
    assert "line-past-end.json: lines: check on src/train.py:5-40: the file has 9 lines" in problems
    assert "0 of 6 task(s) pass" in res.stdout


def test_a_slow_original_fails_the_time_budget(tmp_path):
    slow = variant(lambda t: t["task_files"].update({"src/train.py": "import time\ntime.sleep(5)\n" + ORIGINAL}))
    slow["mle_env"]["bug_locations"][0]["lines"] = [7, 7]
    slow["mle_env"]["checks"][1]["args"]["lines"] = [7, 7]
    res = validate(tmp_path, {"slow": slow}, "--time-budget", "2")
    assert res.returncode == 1 and "slow.json: runs: `python src/train.py` timed out" in res.stdout


@pytest.mark.parametrize("path", ["missing-dir"])
def test_a_missing_path_is_a_clear_error(tmp_path, path):
    res = subprocess.run([sys.executable, "-m", "mle_env.cli", "validate", str(tmp_path / path)],
                         capture_output=True, text=True)  # fmt: skip
    assert res.returncode == 2 and "no such file or directory" in res.stderr
