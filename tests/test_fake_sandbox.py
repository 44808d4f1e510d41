"""FakeSandbox, the in-memory test backend: the five tools give the same results as on bwrap,
paths that leave the workspace are refused, commands answer from a script (or run, when asked),
and a whole sample runs and is graded on it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from mle_env.errors import ConfigError, Refused, SandboxError
from mle_env.runner import make_agent, run_sample
from mle_env.sandbox import SANDBOX_KINDS, Limits, make_config, open_sandbox
from mle_env.sandbox.fake import FakeCommand, FakeSandbox, FakeSandboxConfig
from mle_env.task import load_task
from mle_env.tools import ToolConfig, ToolResult, Tools

PROJECT = {
    "src/train.py": "import sys\nprint('train ok')\nprint('to stderr', file=sys.stderr)\n",
    "src/fail.py": "raise SystemExit(3)\n",
    "data/train.csv": "a,b\n1,2\n",
    "README.md": "# toy\n",
}
EXAMPLE = Path(__file__).parents[1] / "tasks" / "biopsy-response-classifier.json"


@pytest.fixture(scope="module")
def bwrap():
    """The real backend to compare with; the comparison is skipped where bwrap cannot run."""
    from mle_env.sandbox.bwrap import probe

    try:
        probe()
    except ConfigError as e:
        pytest.skip(f"bwrap cannot make a sandbox here, nothing to compare the fake with: {str(e)[:200]}")
    return make_config("bwrap", limits=Limits(file_size_mb=1))


async def _link(sb, path: str, target: str) -> None:
    if isinstance(sb, FakeSandbox):
        sb.symlink(path, target)
    else:
        assert (await sb.exec(["ln", "-s", target, path])).ok


async def _calls(cfg, calls, *, links=(), readonly=(), config=None):
    """The tools' results for ``calls`` (name, arguments), in order, on a fresh PROJECT sandbox."""
    async with open_sandbox(cfg, files=PROJECT, readonly=readonly) as sb:
        for path, target in links:
            await _link(sb, path, target)
        tools = Tools(sb, config)
        return [await tools.call(name, args) for name, args in calls]


async def _same(bwrap_cfg, fake_cfg, calls, **kw):
    real = await _calls(bwrap_cfg, calls, **kw)
    fake = await _calls(fake_cfg, calls, **kw)
    for call, r, f in zip(calls, real, fake, strict=True):
        assert f == r, call
    return fake


# ---------------------------------------------------------------- parity with bwrap

FILE_CALLS = [
    ("read_file", {"path": "src/train.py"}),
    ("read_file", {"path": "/app/src/train.py"}),
    ("read_file", {"path": "./src/../src/train.py"}),
    ("read_file", {"path": "missing.txt"}),
    ("read_file", {"path": "/app/missing.txt"}),
    ("read_file", {"path": "src"}),
    ("read_file", {"path": "/app"}),
    ("read_file", {"path": "README.md/x"}),
    ("read_file", {"path": "/etc/passwd"}),
    ("read_file", {"path": "../../etc/passwd"}),
    ("read_file", {"path": ""}),
    ("write_file", {"path": "/app/response/report.json", "content": '{"error_type": "NONE"}'}),
    ("read_file", {"path": "response/report.json"}),
    ("write_file", {"path": "README.md/x.txt", "content": "x"}),
    ("write_file", {"path": "src", "content": "x"}),
    ("write_file", {"path": "/tmp/x", "content": "x"}),
    ("write_file", {"path": "notes.txt", "content": "héllo ✓\n"}),
    ("write_file", {"path": "notes.txt", "content": "replaced\n"}),
    ("read_file", {"path": "notes.txt"}),
    ("write_file", {"path": "z.bin", "content": "ab\x00cd"}),
    ("read_file", {"path": "z.bin"}),
    ("write_file", {"path": "big.txt", "content": "".join(f"{i}\n" for i in range(1, 20001))}),
    ("read_file", {"path": "big.txt"}),
    ("list_files", {"path": "/app"}),
    ("list_files", {"path": "."}),
    ("list_files", {"path": "src"}),
    ("list_files", {"path": "response"}),
    ("list_files", {"path": "/app/nope"}),
    ("list_files", {"path": "README.md"}),
    ("list_files", {"path": ".."}),
    ("run_python", {"script_path": "nodir/x.py"}),
    ("run_python", {"script_path": "/usr/lib/python3/x.py"}),
    ("bash_exec", {"command": "ls", "cwd": "nope"}),
    ("bash_exec", {"command": "ls", "cwd": "README.md"}),
    ("bash_exec", {"command": "ls", "cwd": "/"}),
]


async def test_file_tools_and_refusals_match_bwrap(bwrap):
    got = await _same(bwrap, FakeSandboxConfig(), FILE_CALLS, config=ToolConfig(max_read_chars=1000))
    assert "middle was cut" in got[22].result and "binary file (5 bytes)" in got[20].result
    assert got[3].result == "Error reading file: [Errno 2] No such file or directory: 'missing.txt'"


async def test_symlinks_match_bwrap(bwrap):
    """Links that stay inside are followed, links that leave are refused, as by the exec server."""
    links = [
        ("out", "/etc"),
        ("srclink", "src"),
        ("abs", "/app/data"),
        ("dangling", "nowhere/new.txt"),
        ("up", "../.."),
    ]
    calls = [
        ("list_files", {"path": "."}),
        ("read_file", {"path": "out/hostname"}),
        ("write_file", {"path": "out/x", "content": "x"}),
        ("list_files", {"path": "out"}),
        ("read_file", {"path": "srclink/train.py"}),
        ("list_files", {"path": "srclink"}),
        ("read_file", {"path": "abs/train.csv"}),
        ("read_file", {"path": "up/etc/passwd"}),
        ("write_file", {"path": "dangling", "content": "through the link\n"}),
        ("read_file", {"path": "nowhere/new.txt"}),
        ("run_python", {"script_path": "out/x.py"}),
        ("bash_exec", {"command": "ls", "cwd": "srclink"}),
        ("bash_exec", {"command": "ls", "cwd": "out"}),
    ]
    fake = FakeSandboxConfig(commands=(FakeCommand(pattern="ls", stdout="fail.py\ntrain.py\n"),))
    got = await _same(bwrap, fake, calls, links=links)
    assert "symlink that leads outside the workspace (to /etc/hostname)" in got[1].result
    assert got[4].success and got[9] == ToolResult(success=True, result="through the link\n")


async def test_read_only_paths_and_the_file_size_cap_match_bwrap(bwrap):
    calls = [
        ("write_file", {"path": "src/train.py", "content": "x"}),
        ("write_file", {"path": "src/new.py", "content": "x"}),
        ("read_file", {"path": "src/train.py"}),
        ("write_file", {"path": "big.txt", "content": "y" * (3 * 1024 * 1024 // 2)}),
        ("read_file", {"path": "big.txt"}),
        ("write_file", {"path": "ok.txt", "content": "y" * 1000}),
    ]
    fake = FakeSandboxConfig(limits=Limits(file_size_mb=1))
    got = await _same(bwrap, fake, calls, readonly=["src"])
    assert got[0].result == "Error writing file: [Errno 30] Read-only file system: 'src/train.py'"
    assert got[3].result == "Error writing file: cannot write big.txt: File too large"


async def test_processes_match_bwrap_when_executed(bwrap):
    """With execute=True the fake runs commands for real: same results, and the file tools see what they did."""
    calls = [
        ("run_python", {"script_path": "/app/src/train.py"}),
        ("run_python", {"script_path": "src/fail.py", "timeout": 30}),
        ("bash_exec", {"command": "echo $((6*7)) | tee out.txt; [[ -f out.txt ]] && echo yes"}),
        ("read_file", {"path": "out.txt"}),
        ("bash_exec", {"command": "mkdir -p made/deep && printf 'x\\0y' > made/deep/b.bin && rm README.md"}),
        ("list_files", {"path": "."}),
        ("read_file", {"path": "made/deep/b.bin"}),
        ("write_file", {"path": "made/s.py", "content": "print(open('deep/b.bin','rb').read())"}),
        ("run_python", {"script_path": "made/s.py"}),
        ("bash_exec", {"command": "ls", "cwd": "/app/data"}),
        ("bash_exec", {"command": "no-such-program --flag"}),
        ("bash_exec", {"command": "echo before; kill -9 $$"}),
        ("bash_exec", {"command": "exit 5"}),
        ("bash_exec", {"command": "seq 1 100000; echo oops >&2"}),
    ]
    got = await _same(bwrap, FakeSandboxConfig(execute=True), calls, config=ToolConfig(max_output_chars=2000))
    assert got[0].result == "STDOUT:\ntrain ok\n\nSTDERR:\nto stderr\n\nReturn code: 0"
    assert got[5].result.splitlines() == ["[DIR] data", "[DIR] made", "out.txt", "[DIR] src"]
    assert got[11].result.endswith("Return code: -9")


async def test_scripted_answers_read_like_real_runs(bwrap):
    """A scripted result goes through the same formatting as a real one: a test can stand in
    for a run without the agent (or the tools) telling the difference."""
    fake = FakeSandboxConfig(
        commands=(
            FakeCommand(pattern="python /app/src/train.py", stdout="train ok\n", stderr="to stderr\n"),
            FakeCommand(pattern="python /app/src/fail.py", exit_code=3),
            FakeCommand(pattern="echo before; kill -9 $$", stdout="before\n", signal=9),
            FakeCommand(pattern="ls -1", stdout="README.md\ndata\nsrc\n"),
        )
    )
    calls = [
        ("run_python", {"script_path": "src/train.py"}),
        ("run_python", {"script_path": "/app/src/fail.py"}),
        ("bash_exec", {"command": "echo before; kill -9 $$"}),
        ("bash_exec", {"command": "ls -1"}),
    ]
    await _same(bwrap, fake, calls)


# ---------------------------------------------------------------- the fake's own contract


@pytest.fixture
async def fake():
    async with open_sandbox(FakeSandboxConfig(), files=PROJECT) as sb:
        yield sb


async def test_paths_outside_the_workspace_are_refused(fake):
    for path in ("../x", "/etc/passwd", "src/../../x", "a\x00b"):
        for op in (fake.read(path), fake.write(path, "x"), fake.list(path), fake.exec(["ls"], cwd=path)):
            with pytest.raises(Refused, match="outside the workspace|NUL"):
                await op
    fake.symlink("esc", "../../etc")
    with pytest.raises(Refused, match=r"'esc/passwd' is a symlink that leads outside the workspace \(to /etc/passwd\)"):
        await fake.read("esc/passwd")
    with pytest.raises(Refused, match="symlink that leads outside"):
        await fake.exec(["python", "esc/x.py"], paths=("esc/x.py",))
    fake.symlink("loop", "loop")
    with pytest.raises(Refused, match="Too many levels of symbolic links"):
        await fake.read("loop")
    assert fake.files == {k: v.encode() for k, v in sorted(PROJECT.items())}  # nothing was written


async def test_an_unscripted_command_is_not_run_and_says_how_to_script_it(fake):
    res = await Tools(fake).call("bash_exec", {"command": "rm -rf /"})
    assert not res.success and res.result.endswith("Return code: 127")
    assert "no scripted response for command 'rm -rf /'" in res.result and "on_command" in res.result
    assert fake.unscripted == ["rm -rf /"]


async def test_scripted_commands_answer_record_and_write(fake):
    tools = Tools(fake)
    fake.on_command(re.compile(r"python .*train\.py"), stdout="first\n")
    fake.on_command("python /app/src/train.py", stdout="second\n", writes={"model.pkl": "weights"})
    res = await tools.call("run_python", {"script_path": "src/train.py"})
    assert res == ToolResult(success=True, result="STDOUT:\nsecond\n\nSTDERR:\n\nReturn code: 0")  # the latest rule wins
    assert fake.text("model.pkl") == "weights"
    res = await tools.call("bash_exec", {"command": "python other/train.py"})
    assert "first" in res.result
    fake.on_command("sleep 30", timed_out=True, stdout="started\n")
    res = await tools.call("bash_exec", {"command": "sleep 30", "timeout": 1})
    assert res.result.startswith("Command timed out after 1s") and res.result.endswith("Return code: -9")

    async def count_lines(call):
        return f"{fake.text('data/train.csv').count(chr(10))} {call.cwd}\n"

    fake.on_command(re.compile(r"wc -l .*"), respond=count_lines)
    res = await tools.call("bash_exec", {"command": "wc -l train.csv", "cwd": "data"})
    assert res.result == "STDOUT:\n2 data\n\nSTDERR:\n\nReturn code: 0"
    assert [c.command for c in fake.calls] == ["python /app/src/train.py", "python other/train.py", "sleep 30",
                                               "wc -l train.csv"]  # fmt: skip
    assert fake.calls[0].cwd == "src" and fake.calls[0].argv == ("python", "/app/src/train.py")


async def test_execute_mode_times_out_and_matches_rules_as_bwrap_would_see_them():
    cfg = FakeSandboxConfig(
        execute=True, commands=(FakeCommand(pattern="python /app/src/fail.py", stdout="scripted\n"),)
    )
    async with open_sandbox(cfg, files=PROJECT) as sb:
        tools = Tools(sb)
        res = await tools.call("run_python", {"script_path": "src/fail.py"})  # the rule, not the real run
        assert res.success and "scripted" in res.result
        res = await tools.call("bash_exec", {"command": "echo started; sleep 30", "timeout": 1})
        assert res.result.startswith("Command timed out after 1s") and "started" in res.result
        assert sb.root == str(sb.workspace) and sb.task_dir == "/app"


async def test_the_workspace_holds_the_files_once_closed_and_is_removed_on_exit():
    async with open_sandbox(FakeSandboxConfig(), files=PROJECT) as sb:
        await sb.write("response/report.json", "{}")
        assert not (sb.workspace / "response").exists()  # in memory only, until closed
        await sb.close()
        assert (sb.workspace / "response/report.json").read_text() == "{}"
        assert (sb.workspace / "src/train.py").read_text() == PROJECT["src/train.py"]
        with pytest.raises(SandboxError, match="not running"):
            await sb.read("README.md")
    assert not sb.workspace.exists()


async def test_a_served_directory_is_read_in_and_written_back(tmp_path):
    (tmp_path / "keep.txt").write_text("keep")
    (tmp_path / "gone.txt").write_text("gone")
    async with open_sandbox(FakeSandboxConfig(), workspace=tmp_path, task_dir="/work") as sb:
        assert [e.name for e in (await sb.list("."))[0]] == ["gone.txt", "keep.txt"]
        sb.on_command("rm gone.txt", respond=lambda call: call.sandbox.remove("gone.txt"))
        await Tools(sb).call("bash_exec", {"command": "rm gone.txt"})
        await Tools(sb).call("write_file", {"path": "/work/new/n.txt", "content": "new"})
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == ["keep.txt", "new", "new/n.txt"]


def test_fake_is_chosen_only_in_code_never_by_name():
    assert "fake" not in SANDBOX_KINDS  # so --sandbox does not offer it
    with pytest.raises(ConfigError, match="tests only"):
        make_config("fake")  # MLE_ENV_SANDBOX=fake reaches make_config past argparse's choices


async def test_a_bad_task_dir_or_file_path_is_refused_as_by_the_real_backends():
    with pytest.raises(ConfigError, match="task_dir"):
        async with open_sandbox(FakeSandboxConfig(), files={}, task_dir="/etc"):
            pass
    with pytest.raises(ValueError, match="outside|'\\.\\.'"):
        async with open_sandbox(FakeSandboxConfig(), files={"../x": "x"}):
            pass


# ---------------------------------------------------------------- a whole sample


async def test_run_sample_with_the_oracle_is_graded_on_the_fake(tmp_path):
    """The oracle's run and the grader's two runs (revised code, hidden verification) are
    scripted: the sample completes, its response files are copied out, and it scores full
    marks on everything a check decides, with nothing executed."""
    task = load_task(EXAMPLE)
    cfg = FakeSandboxConfig(
        commands=(
            FakeCommand(pattern="python response/revised_code.py", stdout="test_accuracy: 0.71\n"),
            FakeCommand(
                pattern=re.compile(r"python -I -c .*", re.S), stdout='{"passed": true, "details": {"fake": 1}}\n'
            ),
        )
    )
    result = await run_sample(task, str(EXAMPLE), make_agent("oracle"), sandbox=cfg, out_dir=tmp_path, evaluate=True)
    assert result["metadata"]["status"] == "completed"
    assert result["response_files"] == ["report.json", "revised_code.py"]
    sample = tmp_path / "biopsy-response-classifier" / "response"
    for path, content in task.ext.solution.items():
        assert (sample / Path(path).relative_to("response")).read_text() == content
    runs = [e for e in result["trace"] if e["event"] == "tool_call" and e["name"] == "bash_exec"]
    assert runs[-1]["result"] == "STDOUT:\ntest_accuracy: 0.71\n\nSTDERR:\n\nReturn code: 0"
    ev = result["evaluation"]
    decided = [r for r in ev["results"] if r["passed"] is not None]
    assert decided and all(r["passed"] == (r["points"] > 0) for r in decided), ev
    verify = [r for r in ev["results"] if r["method"] == "verify"]
    assert verify and verify[0]["passed"] and '"fake": 1' in verify[0]["reasoning"]
    saved = json.loads((tmp_path / "result_biopsy-response-classifier.json").read_text())
    assert saved["model"] == "oracle"
