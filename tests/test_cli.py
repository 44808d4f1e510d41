"""The CLI as a task author uses it: exec, shell, demo, exit codes and messages."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

TASK = {
    "task_id": "cli-toy",
    "prompt": [{"type": "text", "content": "x"}],
    "use_docker": True,
    "task_files": {"src/a.py": "import sys\nprint('out', sys.argv[1:])\nprint('err', file=sys.stderr)\nsys.exit(4)\n"},
    "mle_env": {"entrypoint": "python src/a.py demo"},
}


def mle(*args: str, input: str | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "MLE_ENV_SANDBOX"}
    return subprocess.run(
        [sys.executable, "-m", "mle_env.cli", *args], capture_output=True, text=True, input=input, timeout=timeout, env=env
    )


@pytest.fixture
def task_file(tmp_path: Path) -> Path:
    p = tmp_path / "task.json"
    p.write_text(json.dumps(TASK))
    return p


def test_exec_passes_through_streams_and_exit_code(task_file):
    res = mle("exec", str(task_file), "--", "python", "src/a.py", "--flag", "x y")
    assert res.returncode == 4
    assert res.stdout == "out ['--flag', 'x y']\n"
    assert res.stderr == "err\n"


def test_exec_runs_at_task_dir_in_a_fresh_sandbox(task_file):
    res = mle("exec", str(task_file), "--", "bash", "-c", "pwd; touch left-behind; ls")
    assert res.returncode == 0 and res.stdout.startswith("/app\n")
    again = mle("exec", str(task_file), "--", "ls")
    assert "left-behind" not in again.stdout


def test_exec_timeout_exits_124(task_file):
    res = mle("exec", str(task_file), "--timeout", "1", "--", "sleep", "30")
    assert res.returncode == 124 and "timed out after 1s" in res.stderr


def test_exec_without_command_explains(task_file):
    res = mle("exec", str(task_file))
    assert res.returncode == 2 and "give the command after --" in res.stderr


def test_exec_on_a_broken_task_names_the_fault(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({**TASK, "task_files": {"../x": "y"}}))
    res = mle("exec", str(bad), "--", "true")
    assert res.returncode == 2
    assert "$.task_files['../x']" in res.stderr and "Traceback" not in res.stderr


def test_local_sandbox_refuses_isolated_task_and_warns_when_forced(task_file):
    res = mle("exec", str(task_file), "--sandbox", "local", "--", "true")
    assert res.returncode == 2 and "use_docker" in res.stderr
    res = mle("exec", str(task_file), "--sandbox", "local", "--force-local", "--", "true")
    assert res.returncode == 0 and "NO isolation" in res.stderr


def test_shell_reads_commands_in_the_sandbox(task_file):
    res = mle("shell", str(task_file), input="pwd\nid -un\nls src\nexit 0\n")
    assert res.returncode == 0, res.stderr
    assert "/app" in res.stdout and "agent" in res.stdout and "a.py" in res.stdout


def test_demo_runs_baseline_and_oracle_and_prints_the_leaderboard(tmp_path):
    tasks = tmp_path / "tasks"
    tasks.mkdir()
    example = Path(__file__).parents[1] / "tasks" / "biopsy-response-classifier.json"
    (tasks / example.name).write_text(example.read_text())
    res = mle("demo", "--tasks-dir", str(tasks), "--output-dir", str(tmp_path / "out"), timeout=600)
    assert res.returncode == 0, res.stderr
    board = res.stdout[res.stdout.index("Leaderboard"):]
    rows = {line.split()[0]: line.split() for line in board.splitlines()[3:5]}
    assert rows["oracle"][2] == "100.0"  # every graded point
    assert 0 < float(rows["baseline"][2]) < 100
    (run_dir,) = (tmp_path / "out").iterdir()
    for model in ("baseline", "oracle"):
        result = json.loads((run_dir / model / "result_biopsy-response-classifier.json").read_text())
        assert result["model"] == model and result["evaluation"]["graded_possible"] > 0


def test_demo_with_no_tasks_says_so(tmp_path):
    res = mle("demo", "--tasks-dir", str(tmp_path))
    assert res.returncode == 2 and "no task files" in res.stderr


def test_run_refuses_two_task_files_with_one_result_name(tmp_path, task_file):
    other = tmp_path / "sub"
    other.mkdir()
    (other / "task.json").write_text(task_file.read_text())
    res = mle("run", "--task", str(task_file), "--task", str(other / "task.json"), "--output-dir", str(tmp_path / "o"))
    assert res.returncode == 2 and "same result_task.json" in res.stderr


def test_run_with_a_bad_script_file_is_a_clear_error(tmp_path, task_file):
    (tmp_path / "bad.json").write_text('[{"text": 5}]')
    for spec in (f"scripted:{tmp_path / 'missing.json'}", f"scripted:{tmp_path / 'bad.json'}"):
        res = mle("run", "--task", str(task_file), "--model", spec, "--output-dir", str(tmp_path / "o"))
        assert res.returncode == 2 and "--model scripted:" in res.stderr and "Traceback" not in res.stderr


def test_exec_rejects_a_senseless_timeout(task_file):
    for value in ("0", "-5", "1e12", "soon"):
        res = mle("exec", str(task_file), "--timeout", value, "--", "true")
        assert res.returncode == 2 and "--timeout" in res.stderr, value
