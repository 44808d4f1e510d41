"""A run directory has one writer, and a broken index is a message, not a traceback (issue 12, F).

Driven as a user drives them: ``mle-env run``, ``run --resume`` and ``summary`` in subprocesses.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fakes.tasks import tiny_task

ENV = {k: v for k, v in os.environ.items() if k != "MLE_ENV_SANDBOX"}


def mle(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mle_env.cli", *args], capture_output=True, text=True,
                          timeout=timeout, env=ENV)  # fmt: skip


@pytest.fixture
def tasks_dir(tmp_path: Path) -> Path:
    d = tmp_path / "tasks"
    d.mkdir()
    for i in range(4):
        (d / f"tiny-{i}.json").write_text(json.dumps(tiny_task(i, "DATA_LEAKAGE")))
    return d


def rows(run_dir: Path) -> dict[str, dict]:
    if not (run_dir / "index.sqlite").is_file():
        return {}
    db = sqlite3.connect(run_dir / "index.sqlite")
    db.row_factory = sqlite3.Row
    try:
        return {r["key"]: dict(r) for r in db.execute("SELECT * FROM samples")}
    except sqlite3.OperationalError:  # the run is still creating its index
        return {}
    finally:
        db.close()


def test_a_second_writer_of_a_run_is_refused_at_once_naming_the_first(tmp_path, tasks_dir):
    """Two `run --resume` at once both reran the remaining samples (attempts 2-3, a session lost)."""
    script = tmp_path / "slow.json"
    script.write_text(json.dumps([
        {"text": "", "tool_calls": [{"id": "c1", "name": "bash_exec", "arguments": json.dumps({"command": "sleep 2"})}]},
        {"text": "FINAL ANSWER: NONE"},
    ]))  # fmt: skip
    run_dir = tmp_path / "out" / "r"
    first = subprocess.Popen([sys.executable, "-m", "mle_env.cli", "run", "--tasks-dir", str(tasks_dir), "--model",
                              f"scripted:{script}", "--concurrency", "1", "--output-dir", str(tmp_path / "out"),
                              "--run-name", "r"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=ENV)  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not any(r["status"] == "running" for r in rows(run_dir).values()):
            time.sleep(0.1)
        t = time.monotonic()  # a resume while it runs (4 samples of 2 s): refused before it touches anything
        second = mle("run", "--resume", str(run_dir), "--concurrency", "4")
        assert second.returncode == 2, second.stderr
        assert time.monotonic() - t < 6 and first.poll() is None  # at once, while the first still runs
        assert f"in use by another mle-env process (pid {first.pid}, `mle-env run --tasks-dir" in second.stderr
        assert "Traceback" not in second.stderr
        assert first.wait(120) == 0, first.stderr.read()
    finally:
        if first.poll() is None:
            first.kill()
    assert {r["attempts"] for r in rows(run_dir).values()} == {1}  # no sample ran twice
    assert len(json.loads((run_dir / "run.json").read_text())["sessions"]) == 1
    # the first run is over (its lock went with it): a resume now is fine, and is recorded
    again = mle("run", "--resume", str(run_dir))
    assert again.returncode == 0, again.stderr
    assert "0 sample(s) to run" in again.stdout
    assert len(json.loads((run_dir / "run.json").read_text())["sessions"]) == 2


def test_a_corrupt_index_is_one_clear_line_and_summary_falls_back_to_the_result_files(tmp_path, tasks_dir):
    res = mle("run", "--tasks-dir", str(tasks_dir), "--model", "oracle", "--model", "none", "--output-dir", str(tmp_path),
              "--run-name", "r")  # fmt: skip
    assert res.returncode == 0, res.stderr
    run_dir = tmp_path / "r"
    before = json.loads(mle("summary", str(run_dir), "--format", "json").stdout)
    (run_dir / "index.sqlite").write_bytes(os.urandom(8192))  # garbage over it
    for wal in run_dir.glob("index.sqlite-*"):
        wal.unlink()

    summary = mle("summary", str(run_dir), "--format", "json")
    assert summary.returncode == 0 and "Traceback" not in summary.stderr, summary.stderr
    warning = summary.stderr.strip().splitlines()
    assert len(warning) == 1 and "index.sqlite in" in warning[0] and "is not a readable SQLite database" in warning[0]
    after = json.loads(summary.stdout)

    def scores(lb: dict) -> list:
        return [(m["model"], m["scored"], m["mean"], m["errors"]) for m in lb["models"]]

    assert scores(after) == scores(before) and after["models"][0]["mean"] == 100.0

    resume = mle("run", "--resume", str(run_dir))
    assert resume.returncode == 2 and "Traceback" not in resume.stderr, resume.stderr
    (line,) = resume.stderr.strip().splitlines()
    assert "is not a readable SQLite database (file is not a database); move it aside" in line
    assert f"mle-env run --resume {run_dir}" in line
    assert not [p for p in tmp_path.glob("mle-env-*")]  # no sample was started

    (run_dir / "index.sqlite").rename(run_dir / "index.sqlite.broken")  # as the message says
    resume = mle("run", "--resume", str(run_dir))
    assert resume.returncode == 0, resume.stderr
    assert "0 sample(s) to run, 8 already done" in resume.stdout  # rebuilt from the result files: nothing reran
    assert scores(json.loads(mle("summary", str(run_dir), "--format", "json").stdout)) == scores(before)


def test_an_index_corrupt_inside_and_a_broken_run_json_are_messages_too(tmp_path, tasks_dir):
    res = mle("run", "--task", str(tasks_dir / "tiny-0.json"), "--model", "oracle", "--output-dir", str(tmp_path),
              "--run-name", "r")  # fmt: skip
    assert res.returncode == 0, res.stderr
    run_dir = tmp_path / "r"
    db = sqlite3.connect(run_dir / "index.sqlite")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.execute("PRAGMA journal_mode=DELETE")
    db.close()
    data = bytearray((run_dir / "index.sqlite").read_bytes())
    data[4096 + 50 :] = b"\xab" * (len(data) - 4096 - 50)  # a valid header, pages of garbage
    (run_dir / "index.sqlite").write_bytes(bytes(data))
    summary = mle("summary", str(run_dir))
    assert summary.returncode == 0 and "is not a readable SQLite database" in summary.stderr, summary.stderr
    assert "oracle" in summary.stdout and "Traceback" not in summary.stderr
    (run_dir / "run.json").write_text("{ not json")
    for args in (["summary", str(run_dir)], ["run", "--resume", str(run_dir)]):
        res = mle(*args)
        assert res.returncode == 2 and "Traceback" not in res.stderr, res.stderr
        assert "run.json in" in res.stderr and "cannot be read" in res.stderr
