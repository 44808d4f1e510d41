"""Batch runs as a user drives them from the command line: a run directory, concurrency,
SIGKILL and resume, infra failures from a provider, Ctrl-C, the leaderboard, summary and compare."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fakes.providers import Call, Fail, FakeOpenAI, Reply
from fakes.tasks import tiny_task

from mle_env.leaderboard import bootstrap_ci, pass_at_k

CODES = ["DATA_LEAKAGE", "OUTLIER", "SCALING_ERROR", "NONE"]


@pytest.fixture
def tasks_dir(tmp_path: Path) -> Path:
    d = tmp_path / "tasks"
    d.mkdir()
    for i in range(8):
        (d / f"tiny-{i}.json").write_text(json.dumps(tiny_task(i, CODES[i % len(CODES)])))
    return d


def slow_script(tmp_path: Path, seconds: float = 1.0) -> Path:
    """A scripted model that works for a while, then answers DATA_LEAKAGE."""
    report = json.dumps({"error_type": "DATA_LEAKAGE", "locations": [], "explanation": "e", "proposed_fix": "f"})
    turns = [
        {"text": "", "tool_calls": [{"id": "c1", "name": "bash_exec", "arguments": json.dumps({"command": f"sleep {seconds}"})}]},
        {"text": "", "tool_calls": [{"id": "c2", "name": "write_file",
                                     "arguments": json.dumps({"path": "/app/response/report.json", "content": report})}]},
        {"text": "FINAL ANSWER: DATA_LEAKAGE"},
    ]  # fmt: skip
    p = tmp_path / "slow.json"
    p.write_text(json.dumps(turns))
    return p


def mle(*args: str, timeout: float = 300, env: dict | None = None) -> subprocess.CompletedProcess:
    env = env or {k: v for k, v in os.environ.items() if k != "MLE_ENV_SANDBOX"}
    return subprocess.run([sys.executable, "-m", "mle_env.cli", *args], capture_output=True, text=True,
                          timeout=timeout, env=env)  # fmt: skip


def rows(run_dir: Path) -> dict[str, dict]:
    db = sqlite3.connect(run_dir / "index.sqlite")
    db.row_factory = sqlite3.Row
    try:
        return {r["key"]: dict(r) for r in db.execute("SELECT * FROM samples")}
    except sqlite3.OperationalError:  # the run is still creating its index
        return {}
    finally:
        db.close()


def workspaces_of(pid: int) -> list[Path]:
    """The sandbox workspaces a harness process owns (each records its owner's pid)."""
    found = []
    for p in Path("/tmp").glob("mle-env-*"):
        try:
            if (p / "owner.pid").read_text() == str(pid):
                found.append(p)
        except OSError:  # someone else's, or not a workspace
            pass
    return found


def outcome(run_dir: Path) -> dict[tuple[str, str, int], tuple]:
    return {(r["task_id"], r["model"], r["epoch"]): (r["status"], r["error_class"], r["score"], r["percentage"])
            for r in rows(run_dir).values()}  # fmt: skip


# ---------------------------------------------------------------- a whole batch


def test_batch_of_two_models_writes_the_run_directory_and_leaderboard(tmp_path, tasks_dir):
    res = mle("run", "--tasks-dir", str(tasks_dir), "--model", "oracle", "--model", "none", "--concurrency", "4",
              "--output-dir", str(tmp_path / "results"), "--run-name", "r1")  # fmt: skip
    assert res.returncode == 0, res.stderr
    run_dir = tmp_path / "results" / "r1"
    board = res.stdout[res.stdout.index("Leaderboard"):].splitlines()
    assert board[3].split()[:3] == ["oracle", "8/8", "100.0"] and board[4].split()[:3] == ["none", "8/8", "0.0"]
    assert "Mean score % by expected error code" in res.stdout

    # reference-shaped results, one per sample, in a directory per model
    for model in ("oracle", "none"):
        for i in range(8):
            result = json.loads((run_dir / model / f"result_tiny-{i}.json").read_text())
            assert {"task_id", "model", "answer", "metadata", "evaluation", "trace"} <= set(result)
            assert result["task_id"] == f"tiny-{i}" and result["model"] == model
    assert json.loads((run_dir / "oracle" / "tiny-3" / "response" / "report.json").read_text())["error_type"] == "NONE"
    summary = json.loads((run_dir / "summary.json").read_text())
    assert summary["model"] == ["oracle", "none"] and len(summary["results"]) == 16
    assert {"temperature", "judge_model", "timestamp"} <= set(summary)
    run = json.loads((run_dir / "run.json").read_text())
    assert run["config"]["models"] == ["oracle", "none"] and len(run["tasks"]) == 8
    assert all(len(t["sha256"]) == 64 for t in run["tasks"]) and run["versions"]["litellm"]
    index = rows(run_dir)
    assert len(index) == 16 and {r["status"] for r in index.values()} == {"completed"}
    assert all(r["graded_possible"] == 10 and r["duration"] is not None for r in index.values())

    # summary and compare read the run back
    again = mle("summary", str(run_dir), "--format", "json")
    lb = json.loads(again.stdout)
    oracle = next(m for m in lb["models"] if m["model"] == "oracle")
    assert oracle["mean"] == 100.0 and oracle["per_code"]["NONE"] == 100.0 and oracle["per_category"]["identification"] == 100.0
    assert mle("summary", str(run_dir), "--format", "csv").stdout.startswith("model,samples,scored,mean")
    assert "| model |" in mle("summary", str(run_dir), "--format", "markdown").stdout

    only_none = mle("run", "--tasks-dir", str(tasks_dir), "--model", "none", "--output-dir", str(tmp_path / "results"),
                    "--run-name", "r2", "--filter", "OUTLIER", "--filter", "tiny-0")  # fmt: skip
    assert only_none.returncode == 0, only_none.stderr
    assert sorted(r["task_id"] for r in rows(tmp_path / "results" / "r2").values()) == ["tiny-0", "tiny-1", "tiny-5"]
    cmp = json.loads(mle("compare", str(run_dir), str(tmp_path / "results" / "r2"), "--format", "json").stdout)
    by_task = {(r["task_id"], r["model"]): r for r in cmp["rows"]}
    assert by_task[("tiny-1", "none")]["delta"] == 0 and by_task[("tiny-1", "oracle")]["b"] is None


def test_epochs_give_standard_error_and_pass_at_k(tmp_path, tasks_dir):
    res = mle("run", "--tasks-dir", str(tasks_dir), "--model", "oracle", "--epochs", "2", "--limit", "3",
              "--pass-threshold", "50", "--output-dir", str(tmp_path), "--run-name", "e")  # fmt: skip
    assert res.returncode == 0, res.stderr
    assert (tmp_path / "e" / "epoch-2" / "result_tiny-2.json").exists()
    lb = json.loads(mle("summary", str(tmp_path / "e"), "--format", "json").stdout)
    (m,) = lb["models"]
    assert m["samples"] == 6 and m["stderr"] == 0.0 and m["pass_at_k"] == {"1": 1.0, "2": 1.0}
    assert "pass@2" in res.stdout


def test_a_run_directory_is_never_overwritten(tmp_path, tasks_dir):
    args = ["run", "--tasks-dir", str(tasks_dir), "--model", "none", "--limit", "1", "--output-dir", str(tmp_path)]
    assert mle(*args, "--run-name", "same").returncode == 0
    res = mle(*args, "--run-name", "same")
    assert res.returncode == 2 and "--resume" in res.stderr
    first, second = mle(*args), mle(*args)  # default names never collide
    assert first.returncode == second.returncode == 0
    assert len([p for p in tmp_path.iterdir() if (p / "run.json").exists()]) == 3


# ---------------------------------------------------------------- kill and resume


def test_sigkill_halfway_then_resume_equals_an_uninterrupted_run(tmp_path, tasks_dir):
    script = slow_script(tmp_path, 1.0)
    common = ["--tasks-dir", str(tasks_dir), "--model", f"scripted:{script}", "--model", "none", "--concurrency", "2",
              "--output-dir", str(tmp_path / "out")]  # fmt: skip
    env = {k: v for k, v in os.environ.items() if k != "MLE_ENV_SANDBOX"}
    proc = subprocess.Popen([sys.executable, "-m", "mle_env.cli", "run", *common, "--run-name", "killed"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, start_new_session=True)  # fmt: skip
    run_dir = tmp_path / "out" / "killed"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        done = [r for r in rows(run_dir).values() if r["status"] == "completed"] if (run_dir / "index.sqlite").exists() else []
        if len(done) >= 5:
            break
        time.sleep(0.1)
    left_behind = workspaces_of(proc.pid)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    before = rows(run_dir)
    finished = {k: r for k, r in before.items() if r["status"] == "completed"}
    assert 5 <= len(finished) < 16, "the kill should land halfway"
    mtimes = {k: (run_dir / r["result_path"]).stat().st_mtime_ns for k, r in finished.items()}

    res = mle("run", "--resume", str(run_dir), "--concurrency", "2")
    assert res.returncode == 0, res.stderr
    assert f"{16 - len(finished)} sample(s) to run, {len(finished)} already done" in res.stdout
    after = rows(run_dir)
    for k, r in finished.items():  # no finished sample ran twice
        assert after[k]["attempts"] == 1 and after[k]["finished"] == r["finished"]
        assert (run_dir / r["result_path"]).stat().st_mtime_ns == mtimes[k]
    assert all(not p.exists() for p in left_behind), "the killed run's workspaces are swept"

    clean = mle("run", *common, "--run-name", "clean")
    assert clean.returncode == 0, clean.stderr
    assert outcome(run_dir) == outcome(tmp_path / "out" / "clean")
    assert len(json.loads((run_dir / "summary.json").read_text())["results"]) == 16


def test_resume_refuses_a_changed_model_or_task_and_says_what_differs(tmp_path, tasks_dir):
    res = mle("run", "--tasks-dir", str(tasks_dir), "--model", "none", "--limit", "2", "--output-dir", str(tmp_path),
              "--run-name", "r")  # fmt: skip
    assert res.returncode == 0
    res = mle("run", "--resume", str(tmp_path / "r"), "--model", "oracle")
    assert res.returncode == 2 and "models: the run has ['none'], this command asks ['oracle']" in res.stderr
    (tasks_dir / "tiny-1.json").write_text(json.dumps(tiny_task(1, "OVERFITTING")))
    res = mle("run", "--resume", str(tmp_path / "r"))
    assert res.returncode == 2 and "tiny-1.json: its content changed" in res.stderr
    assert mle("run", "--resume", str(tmp_path / "nothing")).returncode == 2


def sleepers(seconds: float) -> list[int]:
    """Pids of the processes running exactly ``sleep SECONDS``, in any sandbox (the host sees them all).
    Each test sleeps for its own odd number of seconds, so nobody else's ``sleep 30`` counts."""
    want = [b"sleep", str(seconds).encode()]
    found = []
    for d in Path("/proc").iterdir():
        try:
            if d.name.isdigit() and (d / "cmdline").read_bytes().split(b"\0")[:-1] == want:
                found.append(int(d.name))
        except OSError:  # gone meanwhile
            pass
    return found


def wait_for(what: str, done, proc: subprocess.Popen, timeout: float = 120, every: float = 0.05) -> None:
    """Poll until ``done()``; fail at once if the run ended first, or after ``timeout`` (a hang, not load)."""
    end = time.monotonic() + timeout
    while not done():
        assert proc.poll() is None, f"the run ended before {what}: {proc.communicate()[1][-2000:]}"
        assert time.monotonic() < end, f"no {what} within {timeout:g}s"
        time.sleep(every)


def interruptible_run(tmp_path: Path, tasks_dir: Path) -> tuple[subprocess.Popen, float]:
    """A run of 8 samples, 2 at a time, whose agents each sleep for a long, unique time."""
    seconds = round(600 + random.randrange(10**6) / 10**6, 6)
    script = slow_script(tmp_path, seconds)
    env = {k: v for k, v in os.environ.items() if k != "MLE_ENV_SANDBOX"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "mle_env.cli", "run", "--tasks-dir", str(tasks_dir), "--model", f"scripted:{script}",
         "--concurrency", "2", "--output-dir", str(tmp_path), "--run-name", "c"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    return proc, seconds


def test_ctrl_c_cancels_running_samples_and_tears_their_sandboxes_down(tmp_path, tasks_dir):
    proc, seconds = interruptible_run(tmp_path, tasks_dir)
    run_dir = tmp_path / "c"
    try:
        # Wait for what the test is about (both agents inside their sleep), not for a guessed time:
        # under load the sandboxes take seconds to start.
        wait_for("two agents inside their sleep", lambda: len(sleepers(seconds)) == 2, proc)
        sandboxes = workspaces_of(proc.pid)
        assert len(sandboxes) == 2
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 130, err
    assert f"mle-env run --resume {run_dir}" in err
    statuses = [r["status"] for r in rows(run_dir).values()]
    assert statuses.count("cancelled") == 2 and statuses.count("pending") == 6
    assert not any(p.exists() for p in sandboxes)
    assert not sleepers(seconds)


def test_ctrl_c_while_the_sandboxes_start_ends_the_run_at_once(tmp_path, tasks_dir):
    """Ctrl-C the moment two samples start: their sandboxes are being spawned. The harness must
    not wait on a half-started sandbox (asyncio's own clean-up of a cancelled subprocess_exec
    kills bwrap alone and then waits for pipes the exec server still holds)."""
    proc, seconds = interruptible_run(tmp_path, tasks_dir)
    run_dir = tmp_path / "c"
    try:
        running = lambda: (run_dir / "index.sqlite").exists() and [  # noqa: E731
            r["status"] for r in rows(run_dir).values()].count("running") == 2
        wait_for("two samples running", running, proc, every=0.005)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 130, err
    statuses = [r["status"] for r in rows(run_dir).values()]
    assert statuses.count("cancelled") == 2 and statuses.count("pending") == 6
    assert "Traceback" not in err and "never retrieved" not in err
    assert not workspaces_of(proc.pid) and not sleepers(seconds)


# ---------------------------------------------------------------- provider failures


def provider(fail_tasks: set[int], failing: dict[str, bool]):
    """A local OpenAI-format server: for projects in ``fail_tasks`` every call is a 500 while
    ``failing["on"]``; otherwise it writes a report and answers."""

    def handle(req):
        text = json.dumps(req["messages"])
        n = next(i for i in range(8) if f"Project number {i}." in text)
        if n in fail_tasks and failing["on"]:
            return Fail(500, message="upstream exploded")
        if not any(m["role"] == "tool" for m in req["messages"]):
            report = json.dumps({"error_type": CODES[n % 4], "locations": [], "explanation": "e", "proposed_fix": "f"})
            return Reply(tool_calls=[Call("write_file", {"path": "/app/response/report.json", "content": report})],
                         usage=(100, 20))  # fmt: skip
        return Reply(text=f"FINAL ANSWER: {CODES[n % 4]}", usage=(150, 10))

    return [handle] * 200


def test_provider_failures_are_infra_errors_excluded_from_the_mean_and_resume_reruns_only_them(tmp_path, tasks_dir):
    failing = {"on": True}
    with FakeOpenAI(provider({2, 5}, failing)) as srv:
        env = {**{k: v for k, v in os.environ.items() if k != "MLE_ENV_SANDBOX"}, "OPENAI_API_KEY": "sk-test"}
        common = ["--api-base", srv.api_base, "--max-retries", "1"]
        res = mle("run", "--tasks-dir", str(tasks_dir), "--model", "openai/fake-model", "--concurrency", "4",
                  "--output-dir", str(tmp_path), "--run-name", "p", *common, env=env)  # fmt: skip
        assert res.returncode == 1, res.stderr
        run_dir = tmp_path / "p"
        first = rows(run_dir)
        infra = sorted(r["task_id"] for r in first.values() if r["error_class"] == "infra")
        assert infra == ["tiny-2", "tiny-5"]
        assert all("gave up after 1 retries" in r["error"] for r in first.values() if r["error_class"] == "infra")
        lb = json.loads(mle("summary", str(run_dir), "--format", "json").stdout)
        (m,) = lb["models"]
        assert m["errors"]["infra"] == 2 and m["scored"] == 6 and m["mean"] == 100.0  # the failures are not zeros
        assert "2 sample(s) unfinished or failed for infrastructure/grader reasons" in res.stdout

        failing["on"] = False
        calls_before = len(srv.requests)
        again = mle("run", "--resume", str(run_dir), *common, env=env)
        assert again.returncode == 0, again.stderr
        assert "2 sample(s) to run, 6 already done" in again.stdout
        assert len(srv.requests) - calls_before == 4  # two samples, two calls each
    after = rows(run_dir)
    assert {r["status"] for r in after.values()} == {"completed"}
    for k, r in first.items():
        if r["error_class"] != "infra":
            assert after[k]["finished"] == r["finished"] and after[k]["attempts"] == 1
        else:
            assert after[k]["attempts"] == 2
    assert all(r["total_tokens"] == 280 for r in after.values())


def test_run_budget_stops_starting_samples(tmp_path, tasks_dir):
    prices = tmp_path / "prices.json"
    prices.write_text(json.dumps({"openai/fake-model": {"input": 1e-4, "output": 1e-4}}))  # 0.028 USD a sample
    with FakeOpenAI(provider(set(), {"on": False})) as srv:
        env = {**{k: v for k, v in os.environ.items() if k != "MLE_ENV_SANDBOX"}, "OPENAI_API_KEY": "sk-test"}
        res = mle("run", "--tasks-dir", str(tasks_dir), "--model", "openai/fake-model", "--concurrency", "1",
                  "--api-base", srv.api_base, "--prices", str(prices), "--max-cost", "0.05",
                  "--output-dir", str(tmp_path), "--run-name", "b", env=env)  # fmt: skip
    statuses = sorted(r["status"] for r in rows(tmp_path / "b").values())
    assert statuses == ["completed"] * 2 + ["skipped"] * 6, res.stdout
    assert res.returncode == 1 and "--resume" in res.stdout


# ---------------------------------------------------------------- statistics


def test_pass_at_k_matches_its_definition():
    assert pass_at_k(5, 0, 1) == 0.0 and pass_at_k(5, 5, 3) == 1.0
    assert pass_at_k(4, 1, 1) == pytest.approx(0.25)
    assert pass_at_k(4, 1, 2) == pytest.approx(1 - (3 * 2) / (4 * 3))  # 1 - C(3,2)/C(4,2)
    assert pass_at_k(3, 1, 3) == 1.0


def test_bootstrap_interval_brackets_the_mean_and_narrows_with_more_tasks():
    few = [0, 100, 50, 80]
    lo, hi = bootstrap_ci(few)
    assert lo <= sum(few) / 4 <= hi and 0 <= lo < hi <= 100
    many = few * 25
    lo2, hi2 = bootstrap_ci(many)
    assert hi2 - lo2 < (hi - lo) / 2
    assert bootstrap_ci([70.0]) is None and bootstrap_ci([70.0, 70.0]) == [70.0, 70.0]
