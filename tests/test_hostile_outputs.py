"""What an agent leaves behind cannot take it off the leaderboard or take the harness down.

Issue 12, D and E: a non-UTF-8 file name, a 1,100- or 5,000-deep directory, a deeply nested
``report.json``, a sparse file with hundreds of hard links, a disk that fills up. Each is the
agent's result (its criteria fail, the sample is scored), or for the host's disk an infra
error the batch goes on past; clean-up and the stale-workspace sweep never raise.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from fakes.tasks import tiny_task

from mle_env.agent import Limits, LLMAgent
from mle_env.models import ScriptedModel, turn
from mle_env.runner import make_agent, run_sample
from mle_env.sandbox import make_config, remove_tree, sweep_stale
from mle_env.store import CAPS, ResponseCaps, copy_response, loads_bounded
from mle_env.task import load_task

WRONG = {"error_type": "OUTLIER", "locations": [], "explanation": "x", "proposed_fix": "y"}  # tiny-0 is DATA_LEAKAGE
WRITE_WRONG = f"mkdir -p response && printf '%s' '{json.dumps(WRONG)}' > response/report.json"
DEEP = "import os\nfor _ in range({n}):\n    os.mkdir('d'); os.chdir('d')\nopen('bottom.txt', 'w').write('x')\n"


@pytest.fixture
def tiny(tmp_path):
    path = tmp_path / "tiny-0.json"
    path.write_text(json.dumps(tiny_task(0, "DATA_LEAKAGE")))
    return path, load_task(path)


def scripted(*commands: str) -> LLMAgent:
    turns = [turn(None, ("bash_exec", {"command": c, "timeout": 120})) for c in commands]
    agent = LLMAgent(ScriptedModel([*turns, turn("FINAL ANSWER: OUTLIER")]), Limits())
    agent.name = "scripted"
    return agent


async def sample(tiny, out: Path, *commands: str, workspace_root: Path | None = None) -> dict:
    path, task = tiny
    cfg = make_config("bwrap", **({"workspace_root": str(workspace_root)} if workspace_root else {}))
    return await run_sample(task, str(path), scripted(*commands), sandbox=cfg, out_dir=out, evaluate=True)


def assert_scored(result: dict, out: Path, percentage: float) -> None:
    """Scored like any wrong answer: no error class, a percentage, and the result file on disk."""
    assert result["metadata"].get("error_class") is None, result["metadata"]
    assert "error" not in result["evaluation"], result["evaluation"]
    assert result["evaluation"]["percentage"] == percentage
    saved = json.loads((out / "result_tiny-0.json").read_text(encoding="utf-8"))
    assert saved["evaluation"]["percentage"] == percentage


def chain(root: Path, depth: int, *, lock_bottom: bool = False) -> None:
    """``root/d/d/…/d/bottom.txt``, ``depth`` levels, built through descriptors (no path is that long)."""
    root.mkdir(parents=True, exist_ok=True)
    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for _ in range(depth):
            os.mkdir("d", dir_fd=fd)
            nxt = os.open("d", os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
            os.close(fd)
            fd = nxt
        os.close(os.open("bottom.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd))
        if lock_bottom:
            os.fchmod(fd, 0)
    finally:
        os.close(fd)


# ------------------------------------------------------------------ D: the agent's result, scored


async def test_a_file_name_that_is_not_utf8_is_copied_escaped_and_the_sample_scored(tiny, tmp_path):
    control = await sample(tiny, tmp_path / "control", WRITE_WRONG)
    out = tmp_path / "hostile"
    result = await sample(tiny, out, WRITE_WRONG + r" && touch $'response/bad\xffname.txt' $'response/back\\slash'")
    assert_scored(result, out, control["evaluation"]["percentage"])
    assert result["response_files"] == ["back%5Cslash", "bad%FFname.txt", "report.json"]
    assert result["response_cut"]["renamed"] == ["back%5Cslash", "bad%FFname.txt"]
    assert any("%XX escapes" in r for r in result["response_cut"]["reasons"])
    assert (out / "tiny-0" / "response" / "bad%FFname.txt").is_file()


async def test_listing_a_file_name_that_is_not_utf8_is_not_an_infra_error(tiny, tmp_path):
    path, task = tiny
    agent = LLMAgent(ScriptedModel([turn(None, ("bash_exec", {"command": WRITE_WRONG + r" && touch $'response/\xff'"})),
                                    turn(None, ("list_files", {"path": "response"})),
                                    turn("FINAL ANSWER: OUTLIER")]), Limits())  # fmt: skip
    agent.name = "scripted"
    result = await run_sample(task, str(path), agent, sandbox=make_config("bwrap"), out_dir=tmp_path, evaluate=True)
    assert result["metadata"].get("error_class") is None, result["metadata"]


async def test_deep_directories_are_cut_at_copy_out_and_removed_with_the_workspace(tiny, tmp_path):
    control = await sample(tiny, tmp_path / "control", WRITE_WRONG)
    out, root = tmp_path / "hostile", tmp_path / "workspaces"
    root.mkdir()
    deep_response = f"cd response && python -c \"{DEEP.format(n=1100)}\""
    deep_elsewhere = f"mkdir -p junk && cd junk && python -c \"{DEEP.format(n=5000)}\" && chmod 000 ."
    result = await sample(tiny, out, WRITE_WRONG, deep_response, deep_elsewhere, workspace_root=root)
    assert_scored(result, out, control["evaluation"]["percentage"])
    assert result["response_files"] == ["report.json"]
    assert result["response_cut"]["reasons"] == [f"deeper than {CAPS.depth} levels: not entered"]
    deepest = "/".join(["d"] * CAPS.depth)
    assert result["response_cut"]["skipped"] == [f"{deepest}: deeper than {CAPS.depth} levels: not entered"]
    assert list(root.iterdir()) == []  # the workspace is gone, 5,000 levels and a mode-000 directory included


async def test_a_deeply_nested_report_fails_its_checks_and_the_sample_is_scored(tiny, tmp_path):
    nested = "python -c \"open('response/report.json', 'w').write('[' * 100000 + ']' * 100000)\""
    result = await sample(tiny, tmp_path, "mkdir -p response", nested)
    assert_scored(result, tmp_path, 40.0)  # the file exists (4 of 10 points); its error type cannot be read
    checked = [r for r in result["evaluation"]["results"] if r["method"] == "check"]
    assert checked and all(r["passed"] is False for r in checked)
    assert all(r["reasoning"] == "response/report.json nests deeper than 64 levels; not read" for r in checked)


def test_every_parse_of_agent_json_is_depth_safe(tmp_path):
    from mle_env.grading.checks import FILE_CHECKS, _guarded
    from mle_env.grading.judge import parse_verdict

    (tmp_path / "response").mkdir()
    report = tmp_path / "response" / "report.json"
    expect = {"path": "response/report.json"}
    for text, why in [
        ('{"error_type": ' + "[" * 5000 + "]" * 5000 + "}", "nests deeper than 64 levels"),
        ('{"error_type": ' + "[" * 65 + "]" * 65 + "}", "nests deeper than 64 levels"),
        ('{"error_type": ' + "9" * 5000 + "}", "is not valid JSON (Exceeds the limit"),
    ]:
        report.write_text(text)
        for name, check in FILE_CHECKS.items():
            args = {**expect, **({"expected": ["OUTLIER"]} if name == "error_type_equals" else {}),
                    **({"file": "src/train.py", "lines": [1, 2]} if name == "locations_overlap" else {})}  # fmt: skip
            if name in ("standalone_script", "revised_keeps_method"):  # read a Python file, not JSON
                continue
            passed, reasoning = check(tmp_path, **args)
            assert passed is (name == "file_exists"), (name, reasoning)
            assert name == "file_exists" or why in reasoning, reasoning
    assert parse_verdict('{"passed": true, "reasoning": ' + "[" * 3000 + "]" * 3000 + "}") is None
    raising = _guarded(lambda workspace, **args: 1 / 0)
    assert raising(tmp_path, path="response/report.json") == (
        False, "response/report.json could not be checked: ZeroDivisionError: division by zero")
    assert loads_bounded('{"a": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}')


def test_a_thousand_response_files_cannot_crowd_the_judge_out():
    """Past the judge's context its criteria would be ungraded, lifting the percentage."""
    from mle_env.grading.judge import CUTS, evidence

    shown = evidence("OUTLIER", {f"response/f{i:04d}.txt": "x" * 20000 for i in range(1000)}, {"src/train.py": "1"})
    assert len(shown) < CUTS["response"] + 10_000
    assert "997 more past the 60,000-character budget: response/f0003.txt" in shown
    assert "## Original project file src/train.py" in shown


# ------------------------------------------------------------------ E: the harness stays up


def dead_pid() -> int:
    proc = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(proc.stdout)


def stale_workspace(root: Path, outside: Path) -> Path:
    """What a harness killed during a hostile sample leaves: 5,000 levels, a mode-000 directory,
    1,100 levels more, and a link to a file that must survive the sweep."""
    base = root / "mle-env-stale"
    chain(base / "workspace" / "junk", 5000, lock_bottom=True)
    chain(base / "workspace" / "response", 1100)
    (base / "workspace" / "response" / "link").symlink_to(outside)
    (base / "owner.pid").write_text(str(dead_pid()))
    return base


def test_the_sweep_removes_a_hostile_stale_workspace_and_never_raises(tmp_path):
    outside = tmp_path / "keep.txt"
    outside.write_text("mine")
    root = tmp_path / "workspaces"
    stale_workspace(root, outside)
    (root / "mle-env-alive").mkdir()
    (root / "mle-env-alive" / "owner.pid").write_text(str(os.getpid()))
    assert sweep_stale(root) == 1
    assert sorted(p.name for p in root.iterdir()) == ["mle-env-alive"]
    assert outside.read_text() == "mine"
    assert remove_tree(root / "missing") is True


def test_a_later_run_starts_normally_after_a_hostile_sample_left_its_workspace(tmp_path):
    tmp = tmp_path / "tmp"
    stale = stale_workspace(tmp, tmp_path / "keep.txt")
    tasks = tmp_path / "tasks"
    tasks.mkdir()
    (tasks / "tiny-0.json").write_text(json.dumps(tiny_task(0, "DATA_LEAKAGE")))
    env = {k: v for k, v in os.environ.items() if k != "MLE_ENV_SANDBOX"} | {"TMPDIR": str(tmp)}
    r = subprocess.run([sys.executable, "-m", "mle_env.cli", "run", "--tasks-dir", str(tasks), "--model", "oracle",
                        "--output-dir", str(tmp_path / "runs")],
                       capture_output=True, text=True, timeout=300, env=env)  # fmt: skip
    assert r.returncode == 0, r.stderr[-2000:]
    assert not stale.exists()


COPY_OUT = textwrap.dedent("""
    import json, re, resource, sys
    from pathlib import Path
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))  # a copy that reads whole files dies here
    from mle_env.store import copy_response
    copied = copy_response(Path(sys.argv[1]), Path(sys.argv[2]))
    status = Path("/proc/self/status").read_text()  # VmHWM: this process's peak (ru_maxrss counts the parent's too)
    peak = int(re.search(r"VmHWM:\\s+(\\d+) kB", status).group(1))
    print(json.dumps({"files": copied.files, "cut": copied.cut(), "maxrss_mb": peak / 1024}))
""")


def apparent_bytes(root: Path) -> int:
    return sum(p.lstat().st_size for p in root.rglob("*") if p.is_file())


def test_copy_out_is_capped_streamed_and_records_what_was_cut(tmp_path):
    """12 kB on disk in the sandbox: a sparse 10 GiB file and a sparse 19 MiB one, 500 hard links
    to each, 1,200 small files, a link, a FIFO and a 40-deep directory."""
    response = tmp_path / "ws" / "response"
    response.mkdir(parents=True)
    for name, size in (("big.bin", 10 << 30), ("mid.bin", 19 << 20)):
        with open(response / name, "wb") as f:
            f.truncate(size)
        for i in range(500):
            os.link(response / name, response / f"{name}.link{i:03d}")
    (response / "sub").mkdir()
    for i in range(1200):
        (response / "sub" / f"s{i:04d}.txt").write_text("x")
    (response / "passwd").symlink_to("/etc/passwd")
    os.mkfifo(response / "pipe")
    chain(response / "deep", 40)
    dest = tmp_path / "run" / "response"
    r = subprocess.run([sys.executable, "-c", COPY_OUT, str(tmp_path / "ws"), str(dest)],
                       capture_output=True, text=True, timeout=300)  # fmt: skip
    assert r.returncode == 0, r.stderr[-2000:]
    out = json.loads(r.stdout)
    print(f"copy-out peak RSS {out['maxrss_mb']:.0f} MB, run dir {apparent_bytes(dest) / 2**20:.1f} MiB")
    assert out["maxrss_mb"] < 64
    assert apparent_bytes(dest) <= CAPS.total_bytes
    assert len(out["files"]) == CAPS.files == len([p for p in dest.rglob("*") if p.is_file()])
    assert out["files"][:2] == ["mid.bin", "mid.bin.link000"]  # the two that fit in 50 MiB
    cut = out["cut"]
    assert cut["bytes_skipped"] >= 501 * (10 << 30) + 499 * (19 << 20)
    assert cut["files_skipped"] == 501 + 499 + 202 + 2
    assert sorted(cut["reasons"]) == sorted([
        "larger than the 20 MiB per-file cap (501×)", "over the 50 MiB total cap (499×)",
        "over the 1,000-file cap (202×)", "a symbolic link: not copied", "a FIFO: not copied",
        f"deeper than {CAPS.depth} levels: not entered",
    ])  # fmt: skip
    assert not (dest / "passwd").exists() and not (dest / "pipe").exists()


def test_each_cap_can_be_set(tmp_path):
    response = tmp_path / "ws" / "response"
    (response / "a" / "b").mkdir(parents=True)
    (response / "one.txt").write_text("1" * 10)
    (response / "two.txt").write_text("2" * 10)
    (response / "a" / "b" / "three.txt").write_text("3")
    copied = copy_response(tmp_path / "ws", tmp_path / "out", ResponseCaps(files=5, total_bytes=15, depth=1))
    assert copied.files == ["one.txt"]
    assert copied.cut()["reasons"] == ["over the 15 bytes total cap", "deeper than 1 levels: not entered"]


async def test_a_full_disk_while_copying_is_an_infra_error_and_the_next_sample_runs(tiny, tmp_path, monkeypatch):
    from mle_env.store import files

    def full(*_: object) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    path, task = tiny
    with monkeypatch.context() as m:
        m.setattr(files, "_stream", full)
        first = await run_sample(task, str(path), make_agent("oracle"), sandbox=make_config("bwrap"),
                                 out_dir=tmp_path / "a", evaluate=True)  # fmt: skip
    assert first["metadata"]["error_class"] == "infra" and "No space left" in first["metadata"]["errors"][0]
    second = await run_sample(task, str(path), make_agent("oracle"), sandbox=make_config("bwrap"),
                              out_dir=tmp_path / "b", evaluate=True)  # fmt: skip
    assert second["metadata"].get("error_class") is None and second["evaluation"]["percentage"] == 100.0


@pytest.fixture
def tiny_disk(tmp_path):
    """A 2 MiB tmpfs (root only: skipped elsewhere)."""
    mnt = tmp_path / "disk"
    mnt.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mnt)],
                                           capture_output=True).returncode != 0:  # fmt: skip
        pytest.skip("needs root to mount a small tmpfs")
    yield mnt
    subprocess.run(["umount", "-l", str(mnt)], check=False)


def test_a_batch_goes_on_past_a_sample_that_fills_the_disk(tmp_path, tiny_disk):
    tasks = tmp_path / "tasks"
    tasks.mkdir()
    for i in range(2):
        (tasks / f"tiny-{i}.json").write_text(json.dumps(tiny_task(i, "DATA_LEAKAGE")))
    fill = "grep -q 0.0 src/train.py && head -c 3000000 /dev/zero > response/fill.bin; true"
    report = json.dumps({"error_type": "DATA_LEAKAGE", "locations": [], "explanation": "e", "proposed_fix": "f"})
    write = json.dumps({"path": "/app/response/report.json", "content": report})
    script = tmp_path / "script.json"
    script.write_text(json.dumps([
        {"text": "", "tool_calls": [{"id": "c1", "name": "write_file", "arguments": write}]},
        {"text": "", "tool_calls": [{"id": "c2", "name": "bash_exec", "arguments": json.dumps({"command": fill})}]},
        {"text": "FINAL ANSWER: DATA_LEAKAGE"},
    ]))  # fmt: skip
    env = {k: v for k, v in os.environ.items() if k != "MLE_ENV_SANDBOX"}
    r = subprocess.run([sys.executable, "-m", "mle_env.cli", "run", "--tasks-dir", str(tasks), "--model",
                        f"scripted:{script}", "--output-dir", str(tiny_disk), "--run-name", "r"],
                       capture_output=True, text=True, timeout=300, env=env)  # fmt: skip
    results = {p.name: json.loads(p.read_text()) for p in (tiny_disk / "r").rglob("result_*.json")}
    assert results["result_tiny-1.json"]["evaluation"]["percentage"] == 100.0, r.stderr[-2000:]
    filled = results["result_tiny-0.json"]["metadata"]
    assert filled["error_class"] == "infra" and "No space left" in filled["errors"][0]


def test_the_copy_never_holds_a_whole_file(tmp_path):
    """A 19 MiB file is read in chunks: peak traced memory stays near one chunk."""
    import tracemalloc

    (tmp_path / "ws" / "response").mkdir(parents=True)
    with open(tmp_path / "ws" / "response" / "f.bin", "wb") as f:
        f.truncate(19 << 20)
    tracemalloc.start()
    try:
        copy_response(tmp_path / "ws", tmp_path / "out")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert (tmp_path / "out" / "f.bin").stat().st_size == 19 << 20
    assert peak < 4 << 20, peak


def test_a_served_directory_is_given_back_at_any_depth(tmp_path):
    from mle_env.sandbox import _give_back, _snapshot

    served = tmp_path / "served"
    served.mkdir()
    (served / "mine.txt").write_text("x")
    before = _snapshot(served)
    chain(served / "made", 5000)  # what the agent made meanwhile
    if os.geteuid() == 0:
        os.chown(served / "made", 12345, 12345)
    _give_back(served, before)
    assert (served / "made").stat().st_uid == served.stat().st_uid
    assert remove_tree(served) and not served.exists()

