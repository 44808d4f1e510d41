"""Grading attacks: a fix that forges, kills or outwaits the hidden verifier must fail it.

Every attack in ``grading.attacks`` was run against the grader as it was before the
integrity fix (commit 9ba9ee2) on biopsy-response-classifier: ``rewrite-verifier`` and
``read-expected-values`` *passed* verification, ``sleep-past-timeout`` made it ungraded,
and the rest turned the sample into a grader error (excluded from the mean). ``mle-env
validate`` runs them all on every bundled task (tests/test_suite.py); these tests pin the
mechanisms one by one on one task and on verifiers written to be easy to fool.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mle_env.grading import LAUNCHER, grade, verify_fix
from mle_env.grading.attacks import ATTACKS
from mle_env.sandbox import make_config, open_sandbox
from mle_env.task import load_task, validate_data
from mle_env.validate import attack_verdicts

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "tasks" / "biopsy-response-classifier.json"
from test_security import _DOCKER_WHY_NOT as DOCKER_WHY_NOT  # noqa: E402
CFG = [make_config("bwrap")]
"""The backend under test: every grading attack runs on bwrap and on docker (the grader's own
sandboxes are the agent's backend, so the verifier's defences must hold on both)."""


@pytest.fixture(autouse=True, params=["bwrap", "docker"])
def backend(request):
    if request.param == "docker" and DOCKER_WHY_NOT is not None:
        pytest.skip(f"docker cannot run here: {DOCKER_WHY_NOT}")
    CFG[0] = make_config(request.param)
    yield request.param
    CFG[0] = make_config("bwrap")


@pytest.fixture(scope="module")
def task():
    return load_task(EXAMPLE)


async def test_every_attack_fails_the_verification_of_a_bundled_task(task):
    verdicts = await attack_verdicts(task, CFG[0])
    assert set(verdicts) == {a.name for a in ATTACKS}
    beaten = {name: v for name, v in verdicts.items() if v[0] is not False}
    assert not beaten, beaten


def _response(ws: Path, report: str, revised: str) -> Path:
    (ws / "response").mkdir(parents=True)
    (ws / "response" / "report.json").write_text(report)
    (ws / "response" / "revised_code.py").write_text(revised)
    return ws


@pytest.mark.parametrize("name", ["kill-everything", "kill-verifier", "stop-verifier"])
async def test_an_attack_is_scored_as_the_agents_result_not_excluded(task, tmp_path, name):
    """Before: killing processes made the sample a grader error (left out of the mean, retried on
    --resume), and killing or outwaiting the verifier made its criterion ungraded (its points left
    out of the total). Now the sample is graded and the verification criterion fails."""
    attack = next(a for a in ATTACKS if a.name == name)
    ext = task.ext
    quick = task.model_copy(update={"mle_env": ext.model_copy(update={"verify": ext.verify.model_copy(update={"timeout": 5})})})
    ws = _response(tmp_path / "ws", ext.solution["response/report.json"], attack.revised_code)
    ev = await grade(quick, ws, sandbox=CFG[0])
    assert "error" not in ev and isinstance(ev["percentage"], float)
    verify = next(r for r in ev["results"] if r["method"] == "verify")
    assert verify["passed"] is False, verify
    assert ev["graded_possible"] >= verify["points"]  # its points count in the total
    assert ev["percentage"] < 100


def _task_with_verifier(script: str, timeout: int = 30):
    data = {
        "task_id": "toy", "prompt": "p", "task_files": {"data/x.csv": "a,b\n1,2\n"},
        "rubrics": [{"name": "FIX", "weight": 10, "messages": [{"type": "text", "content": "The fix passes verification."}]}],
        "mle_env": {"verify": {"script": script, "timeout": timeout, "expected": {"band": [0.4, 0.6], "secret": "s3cr3t"}},
                    "checks": [{"criterion_index": 0, "check": "verify", "args": {}}]},
    }  # fmt: skip
    task, problems = validate_data(data)
    assert task is not None and not [p for p in problems if p.severity == "error"], problems
    return task


# A careless verifier: the agent's code inherits its stdout, and it lingers after its verdict.
CARELESS = """
import json, subprocess, sys, time
subprocess.run([sys.executable, "response/revised_code.py"])  # stdout inherited, not captured
print(json.dumps({"passed": False, "details": {"why": "the honest verdict"}}))
sys.stdout.flush()
time.sleep(1.0)
"""

LATE_FORGER = """
import json, os, time
if os.fork() == 0:
    os.setsid()
    time.sleep(0.5)  # after the verifier's honest verdict, before it exits
    os.write(1, (json.dumps({"passed": True, "details": {}}) + "\\n").encode())
    os._exit(0)
"""


async def test_the_verdict_channel_is_not_the_agents_stdout():
    """Attack: a verifier lets the fix inherit its stdout; the fix leaves a daemon that prints a
    passing verdict after the honest one, so it is the last JSON line. Defence: the launcher
    keeps the verdict on a close-on-exec descriptor of its own and points fd 1 at stderr."""
    task = _task_with_verifier(CARELESS)
    passed, why = await verify_fix(task, {"revised_code.py": LATE_FORGER.encode()}, CFG[0])
    assert passed is False and "honest verdict" in why


READER = """
import os, sys
ppid = os.getppid()
for what in ("cmdline", "environ"):
    try:
        print(what, open(f"/proc/{ppid}/{what}", "rb").read().decode(errors="replace"))
    except OSError as e:
        print(what, "refused", e.errno)
import glob
print("grader-files", glob.glob(".mle_env_grader/*") + glob.glob("/app/.mle_env_grader/*"))
"""

ECHOING = """
import json, subprocess, sys
out = subprocess.run([sys.executable, "response/revised_code.py"], capture_output=True, text=True).stdout
print(json.dumps({"passed": "s3cr3t" in out or "0.4" in out or "verify" in out.split("grader-files")[-1],
                  "details": {"seen": out}}))
"""


async def test_the_agents_code_sees_neither_the_expected_values_nor_the_grader_files():
    """Before, the expected values were the verifier's argv[1], readable in /proc/PID/cmdline by
    the code it ran (a fix could print the middle of each band), and verify.py lay on disk.
    Now the launcher reads both from files it deletes before anything of the agent's runs."""
    task = _task_with_verifier(ECHOING)
    passed, why = await verify_fix(task, {"revised_code.py": READER.encode()}, CFG[0])
    assert passed is False, why
    assert "cmdline" in why and "grader-files []" in why, why
    assert "environ refused" in why, why  # the verifier is non-dumpable: its environment and memory are closed


async def test_task_files_are_read_only_while_the_verifier_runs_agent_code():
    """Attack: the fix rewrites, renames or deletes the task's data that the verifier reads after
    it. Defence: the grader binds the task's own files read-only in the verification sandbox."""
    probe = """
import os
results = []
for act, fn in [("write", lambda: open("data/x.csv", "w").write("tampered")),
                ("rename-file", lambda: os.rename("data/x.csv", "data/y.csv")),
                ("unlink", lambda: os.unlink("data/x.csv")),
                ("new-file-in-data", lambda: open("data/z.csv", "w").write("z")),
                ("rename-dir", lambda: os.rename("data", "data2"))]:
    try:
        fn(); results.append(act + ":done")
    except OSError:
        results.append(act + ":refused")
open("out.txt", "w").write("ok")  # the workspace itself stays writable for the fix's own outputs
print(" ".join(results))
"""
    verifier = """
import json, subprocess, sys
out = subprocess.run([sys.executable, "response/revised_code.py"], capture_output=True, text=True)
print(json.dumps({"passed": open("data/x.csv").read() == "a,b\\n1,2\\n" and "done" not in out.stdout
                  and open("out.txt").read() == "ok", "details": {"out": out.stdout, "err": out.stderr[-300:]}}))
"""
    passed, why = await verify_fix(_task_with_verifier(verifier), {"revised_code.py": probe.encode()}, CFG[0])
    assert passed is True, why
    assert why.count(":refused") == 5, why


async def test_a_fix_that_outwaits_the_verifier_fails_it():
    """Before: a verifier killed at its timeout gave no verdict and the criterion was ungraded."""
    task = _task_with_verifier(CARELESS, timeout=2)
    passed, why = await verify_fix(task, {"revised_code.py": b"import time\ntime.sleep(600)\n"}, CFG[0])
    assert passed is False and "timed out" in why


async def test_a_verifier_that_prints_no_verdict_fails():
    passed, why = await verify_fix(_task_with_verifier("print('no json here')"), {"revised_code.py": b""}, CFG[0])
    assert passed is False and "no verdict" in why


async def test_the_launcher_runs_the_script_as_main_with_its_expected_values():
    """The launcher keeps the contract verify scripts are written to: ``__name__ == "__main__"``,
    the expected values as ``argv[1]``, the workspace as the current directory."""
    script = """
import json, os, sys
if __name__ == "__main__":
    exp = json.loads(sys.argv[1])
    print(json.dumps({"passed": exp["secret"] == "s3cr3t" and os.path.isfile("data/x.csv"), "details": {}}))
"""
    passed, why = await verify_fix(_task_with_verifier(script), {"revised_code.py": b""}, CFG[0])
    assert passed is True, why
    assert "import" in LAUNCHER and "s3cr3t" not in LAUNCHER


async def test_fix_runs_happen_in_sandboxes_of_their_own(task, tmp_path):
    """Before, ``revised_code_runs`` ran the fix first in the verifier's own sandbox, where it
    could rewrite .mle_env_grader/verify.py: ``rewrite-verifier`` then passed on 39 of 40 tasks."""
    attack = next(a for a in ATTACKS if a.name == "rewrite-verifier")
    ws = _response(tmp_path / "ws", task.ext.solution["response/report.json"], attack.revised_code)
    ev = await grade(task, ws, sandbox=CFG[0])
    verify = next(r for r in ev["results"] if r["method"] == "verify")
    assert verify["passed"] is False, verify


async def test_read_only_binds_refuse_changes_but_leave_the_workspace_writable():
    async with open_sandbox(CFG[0], files={"data/x.csv": "1\n", "top.py": "x"}, readonly=["data", "top.py"]) as sb:
        res = await sb.exec(["bash", "-c", "echo t > data/x.csv; echo t > top.py; rm -f top.py; mv data d2; "
                                           "touch data/new; touch mine.txt && echo made-mine; cat data/x.csv top.py"])
    assert "made-mine" in res.stdout and res.stdout.endswith("1\nx"), res
    assert json.dumps(res.stderr).count("Read-only file system") >= 3, res.stderr
