"""The CLI as a task author uses it: exec, shell, demo, exit codes and messages."""

from __future__ import annotations

import fcntl
import json
import os
import re
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from mle_env.errors import ConfigError

TASK = {
    "task_id": "cli-toy",
    "prompt": [{"type": "text", "content": "x"}],
    "use_docker": True,
    "task_files": {"src/a.py": "import sys\nprint('out', sys.argv[1:])\nprint('err', file=sys.stderr)\nsys.exit(4)\n"},
    "mle_env": {"entrypoint": "python src/a.py demo"},
}


def mle(
    *args: str, input: str | None = None, timeout: float = 120, env: dict | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess:
    env = {k: v for k, v in (os.environ if env is None else env).items() if k != "MLE_ENV_SANDBOX"}
    return subprocess.run([sys.executable, "-m", "mle_env.cli", *args], capture_output=True, text=True, input=input,
                          timeout=timeout, env=env, cwd=cwd)  # fmt: skip


def _bwrap_unusable() -> str | None:
    from mle_env.sandbox.bwrap import probe

    try:
        probe()
    except ConfigError as e:
        return str(e)
    return None


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


@pytest.fixture
def cli(tmp_path, monkeypatch, capsys):
    """``mle-env ARGS`` in this process (LiteLLM is imported once, not per command) as a new user
    runs it: in an empty directory (no .env), no provider keys, no default judge."""
    from mle_env.cli import main

    for var in ("MLE_ENV_JUDGE_MODEL", "MLE_ENV_SANDBOX", "OPENAI_API_KEY", "ANTHROPIC_API_KEY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.chdir(tmp_path)

    def run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_a_mistyped_model_is_refused_before_anything_is_created(cli, tmp_path, task_file):
    out = tmp_path / "results"
    for flags, says in [
        (["--model", "baselin"], "--model baselin: unknown model; did you mean 'baseline'?"),
        (["--model", "oracle", "--model", "oracel"], "did you mean 'oracle'?"),
        (["--model", "opnai/gpt-4o-mini"], "did you mean 'openai/gpt-4o-mini'?"),
        (["--model", "oracle", "--judge-model", "baseline"], "--judge-model baseline: unknown model"),
        (["--model", "oracle", "--judge-model", "opnai/gpt-4o"], "did you mean 'openai/gpt-4o'?"),
    ]:
        code, stdout, stderr = cli("run", "--task", str(task_file), *flags, "--output-dir", str(out))
        assert code == 2, (flags, stderr)
        assert says in stderr and len(stderr.strip().splitlines()) == 1, stderr
        assert "--resume" not in stdout + stderr and "LLM Provider" not in stdout + stderr
        assert not out.exists(), "a run directory was created"


def test_a_missing_key_stops_model_and_judge_alike(cli, tmp_path, task_file):
    """One check, one message, exit 2 — for --model and --judge-model, in run, grade and regrade."""
    out = tmp_path / "results"
    run = ["run", "--task", str(task_file), "--output-dir", str(out)]
    for flags, flag in ((["--model", "openai/gpt-4o-mini"], "--model"),
                        (["--model", "oracle", "--judge-model", "openai/gpt-4o-mini"], "--judge-model")):  # fmt: skip
        code, _, stderr = cli(*run, *flags)
        assert code == 2 and stderr.strip() == (f"mle-env: {flag} openai/gpt-4o-mini needs OPENAI_API_KEY: set it "
                                                "in the environment or in a .env file in this directory")  # fmt: skip
    assert not out.exists()

    ws = tmp_path / "ws"
    (ws / "response").mkdir(parents=True)
    code, _, stderr = cli("grade", "--task", str(task_file), "--workspace", str(ws),
                          "--judge-model", "anthropic/claude-sonnet-4-5")  # fmt: skip
    assert code == 2 and "--judge-model anthropic/claude-sonnet-4-5 needs ANTHROPIC_API_KEY" in stderr

    code, _, stderr = cli(*run, "--model", "none", "--run-name", "r")
    assert code == 0, stderr
    before = (out / "r" / "run.json").read_text()
    code, _, stderr = cli("regrade", str(out / "r"), "--judge-model", "openai/gpt-4o")
    assert code == 2 and "--judge-model openai/gpt-4o needs OPENAI_API_KEY" in stderr
    assert (out / "r" / "run.json").read_text() == before  # nothing was rewritten


def test_exec_rejects_a_senseless_timeout(task_file):
    for value in ("0", "-5", "1e12", "soon"):
        res = mle("exec", str(task_file), "--timeout", value, "--", "true")
        assert res.returncode == 2 and "--timeout" in res.stderr, value


# ---------------------------------------------------------------- the shell on a terminal


class Terminal:
    """``mle-env shell`` on a pseudo-terminal of the test's own, as a person at a terminal runs it:
    the pty is its controlling terminal and it is the foreground process group, so a ^C typed here
    reaches whatever the terminal's line discipline sends it to."""

    def __init__(self, *args: str, cwd: Path):
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
        env = {k: v for k, v in os.environ.items() if k != "MLE_ENV_SANDBOX"}
        env["TMPDIR"] = str(cwd)  # the workspace is made here
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "mle_env.cli", *args], stdin=slave, stdout=slave, stderr=slave, env=env, cwd=cwd,
            start_new_session=True, preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0),
        )  # fmt: skip
        os.close(slave)
        self.seen = ""

    def type(self, text: str) -> None:
        os.write(self.master, text.encode())

    def expect(self, pattern: str, timeout: float = 60) -> re.Match:
        end = time.monotonic() + timeout
        while (m := re.search(pattern, self.seen)) is None:
            left = end - time.monotonic()
            assert left > 0, f"no {pattern!r} within {timeout}s; the terminal shows:\n{self.seen[-2000:]}"
            if select.select([self.master], [], [], min(left, 0.5))[0]:
                try:
                    data = os.read(self.master, 65536)
                except OSError:  # EIO: mle-env and everything on the terminal are gone
                    data = b""
                assert data, f"the session ended before {pattern!r}; the terminal shows:\n{self.seen[-2000:]}"
                self.seen += data.decode(errors="replace")
        return m

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        os.close(self.master)


@pytest.mark.skipif(_bwrap_unusable() is not None, reason=f"bwrap cannot run here: {_bwrap_unusable()}")
def test_ctrl_c_in_the_shell_interrupts_the_command_and_the_shell_has_job_control(task_file, tmp_path):
    term = Terminal("shell", str(task_file), cwd=tmp_path)
    try:
        term.type("echo ready-$((2+3))\r")  # what the shell prints, not the echo of what was typed
        term.expect(r"ready-5")
        # the process that prints the marker is the one ^C must stop: no race with the shell's fork
        term.type("python -c 'import time; print(\"started-%d\" % (3+4), flush=True); time.sleep(30)'; "
                  "echo slept-$((1+1))\r")
        term.expect(r"started-7")
        t0 = time.monotonic()
        term.type("\x03")
        term.type("echo alive-$((1+1))\r")
        term.expect(r"alive-2", timeout=25)
        assert time.monotonic() - t0 < 25, "^C did not interrupt sleep 30"
        assert "slept-2" not in term.seen
        assert list(tmp_path.glob("mle-env-shell-*/workspace/src/a.py")), "the workspace is gone"
        term.type("set -o | grep -w monitor\r")
        term.expect(r"monitor\s+on")
        assert "no job control" not in term.seen
        term.type("exit 0\r")
        assert term.proc.wait(timeout=60) == 0
    finally:
        term.close()
    assert not list(tmp_path.glob("mle-env-shell-*"))
