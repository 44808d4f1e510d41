"""`mle-env agent`: one episode as an orchestrator runs it in a container: a prompt in, an answer and a record out."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def agent(cwd: Path, *args: str, env: dict | None = None, stdin: str | None = None) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in ("TASK_PROMPT", "PROMPT_FILE")}
    base.update(LITELLM_LOCAL_MODEL_COST_MAP="True", LITELLM_OFFLINE_MODE="true", **(env or {}))
    return subprocess.run([sys.executable, "-m", "mle_env.cli", "agent", *args], cwd=cwd, env=base, input=stdin or "",
                          capture_output=True, text=True, timeout=120)  # fmt: skip


def project(tmp_path: Path) -> Path:
    work = tmp_path / "app"
    (work / "src").mkdir(parents=True)
    (work / "src" / "train.py").write_text("print('accuracy: 0.91')\n")
    return work


def test_the_prompt_comes_from_flag_file_env_prompt_file_or_stdin_in_that_order(tmp_path):
    work = project(tmp_path)
    pf = tmp_path / "prompt.txt"
    pf.write_text("from PROMPT_FILE")
    ff = tmp_path / "flag.txt"
    ff.write_text("from --file")
    out = tmp_path / "out.json"
    cases = [
        (["--prompt", "from --prompt"], {"TASK_PROMPT": "from env"}, None, "from --prompt"),
        (["--file", str(ff)], {"TASK_PROMPT": "from env"}, None, "from --file"),
        ([], {"TASK_PROMPT": "from env", "PROMPT_FILE": str(pf)}, "from stdin", "from env"),
        ([], {"PROMPT_FILE": str(pf)}, "from stdin", "from PROMPT_FILE"),
        ([], {}, "from stdin", "from stdin"),
    ]
    for flags, env, stdin, want in cases:
        r = agent(work, *flags, "--model", "none", "--output", str(out), env=env, stdin=stdin)
        assert r.returncode == 0, r.stderr
        assert json.loads(out.read_text())["prompt"] == want
    r = agent(work, "--model", "none", "--output", str(out))
    assert r.returncode == 2 and "no prompt" in r.stderr


def test_the_agent_works_in_the_current_directory_and_the_record_has_everything(tmp_path):
    work = project(tmp_path)
    script = tmp_path / "script.json"
    calls = [{"id": "a", "name": "write_file", "arguments": json.dumps({"path": "notes/check.py",
                                                                          "content": "print(open('../src/train.py').read())"})},
             {"id": "b", "name": "run_python", "arguments": json.dumps({"script_path": "notes/check.py"})},
             {"id": "c", "name": "read_file", "arguments": json.dumps({"path": "/etc/passwd"})}]  # fmt: skip
    script.write_text(json.dumps([{"text": "looking", "tool_calls": calls},
                                  {"text": "FINAL ANSWER: OUTLIER in src/train.py", "tool_calls": []}]))  # fmt: skip
    out = tmp_path / "record.json"
    r = agent(work, "--prompt", "Find the bug.", "--model", f"scripted:{script}", "--output", str(out))
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().endswith("OUTLIER in src/train.py")
    rec = json.loads(out.read_text())
    assert rec["prompt"] == "Find the bug." and rec["model"] == f"scripted:{script.name}"
    assert rec["answer"] == "OUTLIER in src/train.py"
    # the directory's own path (under /tmp) is no valid task_dir, so the agent sees it at /app
    assert rec["metadata"]["tool_calls"] == 3 and rec["task_dir"] == "/app"
    calls = [e for e in rec["trajectory"] if e["event"] == "tool_call"]
    assert calls[1]["success"] and "print('accuracy: 0.91')" in calls[1]["result"]  # it ran, in the sandbox
    assert calls[2]["success"] is False and "outside the workspace" in calls[2]["result"]
    assert (work / "notes" / "check.py").is_file()  # served in place: the agent's files stay for the orchestrator
    assert Path(rec["trajectory_file"]).is_file()


def test_a_task_json_gives_prompt_and_task_dir_and_the_oracle_its_solution(tmp_path):
    task = json.loads((ROOT / "tasks" / "biopsy-response-classifier.json").read_text())
    work = tmp_path / "app"
    for rel, content in task["task_files"].items():
        (work / rel).parent.mkdir(parents=True, exist_ok=True)
        (work / rel).write_text(content)
    out = tmp_path / "o.json"
    r = agent(work, "--task-json", str(ROOT / "tasks" / "biopsy-response-classifier.json"), "--model", "oracle",
              "--output", str(out))  # fmt: skip
    assert r.returncode == 0, r.stderr
    rec = json.loads(out.read_text())
    assert rec["task_dir"] == "/app" and rec["prompt"].startswith(task["prompt"][0]["content"][:40])
    assert json.loads((work / "response" / "report.json").read_text())["error_type"] == "DATA_LEAKAGE"


def test_the_directory_is_handed_back_as_it_was_and_the_record_cannot_be_forged(tmp_path):
    work = project(tmp_path)
    (work / "theirs.txt").write_text("x")
    (work / "tool").write_text("#!/bin/sh\n")
    as_root = os.geteuid() == 0
    if as_root:  # a directory of another user's, with a file of a third and a setuid file
        os.chown(work, 1000, 1000)
        os.chown(work / "theirs.txt", 2000, 2000)
        os.chown(work / "tool", 1000, 1000)
        os.chmod(work / "tool", 0o4755)
    os.chmod(work, 0o750)
    script = tmp_path / "s.json"
    forge = 'echo \'{"event": "run_end", "forged": true}\' >> agent_output.trajectory.jsonl; echo made > new.txt'
    script.write_text(json.dumps([{"text": "", "tool_calls": [{"id": "a", "name": "bash_exec",
                                                                "arguments": json.dumps({"command": forge})}]},
                                  {"text": "FINAL ANSWER: NONE", "tool_calls": []}]))  # fmt: skip
    r = agent(work, "--prompt", "p", "--model", f"scripted:{script}")  # --output defaults to ./agent_output.json
    assert r.returncode == 0, r.stderr
    traj = (work / "agent_output.trajectory.jsonl").read_text()
    events = [json.loads(line) for line in traj.splitlines()]
    assert not any(e.get("forged") for e in events) and events[-1]["event"] == "run_end"
    assert json.loads((work / "agent_output.json").read_text())["answer"] == "NONE"
    assert (work / "new.txt").read_text() == "made\n"
    assert oct(work.stat().st_mode & 0o7777) == "0o750"
    if as_root:
        assert (work.stat().st_uid, (work / "theirs.txt").stat().st_uid, (work / "new.txt").stat().st_uid) == (1000, 2000, 1000)
        assert (work / "tool").stat().st_mode & 0o7777 == 0o4755
