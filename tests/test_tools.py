"""The five tools, as the model sees them: reference names, parameters and result shape."""

from __future__ import annotations

import json
import re

import pytest

from conftest import PROJECT  # tests/ is on sys.path (pytest's default import mode)
from mle_env.sandbox import make_config, open_sandbox
from mle_env.sandbox.fake import FakeSandboxConfig
from mle_env.tools import FAILURE, ToolConfig, ToolResult, Tools, anthropic_tools, direct_argv, openai_tools, truncate


@pytest.fixture
def backend():
    """Overrides conftest's: these tests are about the tools, not isolation, so they run on the
    in-memory fake, executing commands as plain subprocesses (tests/test_fake_sandbox.py checks
    that it gives bwrap's results). The tests of confinement use ``real_tools``."""
    return FakeSandboxConfig(execute=True)


@pytest.fixture(params=["bwrap", "local"])
async def real_tools(request):
    """The five tools on each real backend that runs everywhere, for the tests of confinement."""
    cfg = make_config("local", force=True) if request.param == "local" else make_config("bwrap")
    async with open_sandbox(cfg, files=PROJECT) as sb:
        yield Tools(sb)


REFERENCE_PARAMS = {
    "read_file": ["path"],
    "write_file": ["path", "content"],
    "list_files": ["path"],
    "run_python": ["script_path", "timeout"],
    "bash_exec": ["command", "timeout", "cwd"],
}


def test_schemas_keep_reference_names_and_parameters():
    oa = {t["function"]["name"]: t["function"]["parameters"] for t in openai_tools()}
    an = {t["name"]: t["input_schema"] for t in anthropic_tools()}
    assert {k: list(v["properties"]) for k, v in oa.items()} == REFERENCE_PARAMS
    assert {k: list(v["properties"]) for k, v in an.items()} == REFERENCE_PARAMS
    assert oa["bash_exec"]["properties"]["timeout"]["type"] == "integer"
    assert an["read_file"]["required"] == ["path"]
    strict = {t["function"]["name"]: t["function"] for t in openai_tools(strict=True)}
    assert strict["bash_exec"]["strict"] is True
    assert strict["bash_exec"]["parameters"]["required"] == ["command", "timeout", "cwd"]
    json.dumps(oa), json.dumps(an)


async def test_read_file_relative_and_absolute(tools):
    for path in ("src/train.py", "/app/src/train.py", "./src/../src/train.py"):
        res = await tools.call("read_file", {"path": path})
        assert res == ToolResult(success=True, result="import sys\nprint('train ok')\nprint('to stderr', file=sys.stderr)\n")


async def test_write_file_creates_directories_and_is_seen_by_processes(tools, sandbox):
    res = await tools.call("write_file", {"path": "/app/response/report.json", "content": '{"error_type": "NONE"}'})
    assert res == ToolResult(success=True, result="Successfully wrote to /app/response/report.json")  # the reference's words
    res = await tools.call("bash_exec", {"command": "cat response/report.json"})
    assert '{"error_type": "NONE"}' in res.result
    await sandbox.close()  # where run_sample copies the response from
    assert (sandbox.workspace / "response/report.json").read_text() == '{"error_type": "NONE"}'


async def test_list_files_marks_directories(tools):
    res = await tools.call("list_files", {"path": "/app"})
    assert res.success
    assert res.result.splitlines() == ["README.md", "[DIR] data", "[DIR] src"]
    res = await tools.call("list_files", {"path": "src"})
    assert res.result.splitlines() == ["fail.py", "train.py"]


async def test_run_python_reports_streams_and_exit_code(tools):
    res = await tools.call("run_python", {"script_path": "/app/src/train.py"})
    assert res.success
    assert res.result == "STDOUT:\ntrain ok\n\nSTDERR:\nto stderr\n\nReturn code: 0"
    res = await tools.call("run_python", {"script_path": "src/fail.py", "timeout": 30})
    assert not res.success and res.result.endswith("Return code: 3")


async def test_run_python_runs_in_the_scripts_directory(tools):
    await tools.call("write_file", {"path": "src/cwd.py", "content": "import os; print(os.getcwd())"})
    res = await tools.call("run_python", {"script_path": "src/cwd.py"})
    assert res.result.split("\n")[1].endswith("/src")


async def test_bash_exec_shell_features_and_cwd(tools):
    res = await tools.call("bash_exec", {"command": "echo $((6*7)) | tee out.txt; [[ -f out.txt ]] && echo yes"})
    assert res.success and "42\nyes" in res.result
    res = await tools.call("bash_exec", {"command": "pwd", "cwd": "src"})
    assert res.result.split("\n")[1].endswith("/src")
    res = await tools.call("bash_exec", {"command": "ls", "cwd": "/app/data"})
    assert "train.csv" in res.result
    res = await tools.call("bash_exec", {"command": "exit 5"})
    assert not res.success and res.result.endswith("Return code: 5")


async def test_bash_exec_unknown_command_reads_like_bash(tools):
    res = await tools.call("bash_exec", {"command": "no-such-program --flag"})
    assert not res.success
    assert "command not found" in res.result and "Return code: 127" in res.result


async def test_timeout_kills_and_says_so(real_tools):
    tools = real_tools
    res = await tools.call("bash_exec", {"command": "echo started; sleep 30", "timeout": 1})
    assert not res.success
    assert res.result.startswith("Command timed out after 1s") and "started" in res.result
    assert re.search(r"\nReturn code: -\d+$", res.result), res  # subprocess's -N, as the reference prints it
    await tools.call("write_file", {"path": "slow.py", "content": "import time\ntime.sleep(30)\n"})
    res = await tools.call("run_python", {"script_path": "slow.py", "timeout": 1})
    assert not res.success and res.result.startswith("Script timed out after 1s")
    assert re.search(r"\nReturn code: -\d+$", res.result), res


async def test_outside_paths_are_refused_with_reason(real_tools):
    tools = real_tools
    cases = {
        ("read_file", "path", "/etc/passwd"): "outside the workspace",
        ("read_file", "path", "../../etc/passwd"): "outside the workspace",
        ("write_file", "path", "/tmp/x"): "outside the workspace",
        ("list_files", "path", ".."): "outside the workspace",
        ("run_python", "script_path", "/usr/lib/python3/x.py"): "outside the workspace",
        ("bash_exec", "cwd", "/"): "outside the workspace",
    }
    for (tool, key, value), why in cases.items():
        args = {key: value, "content": "x"} if tool == "write_file" else {key: value}
        if tool == "bash_exec":
            args["command"] = "ls"
        res = await tools.call(tool, args)
        assert not res.success and why in res.result, (tool, value, res)
        assert res.result.startswith(FAILURE[tool] + ": "), res


async def test_symlink_out_of_workspace_is_refused(real_tools):
    tools = real_tools
    await tools.call("bash_exec", {"command": "ln -s /etc link"})
    res = await tools.call("read_file", {"path": "link/hostname"})
    assert not res.success and "symlink" in res.result
    res = await tools.call("write_file", {"path": "link/x", "content": "x"})
    assert not res.success and "symlink" in res.result


async def test_bad_arguments_become_error_results(tools):
    cases = [
        ("nope", {}, "Unknown tool: nope (the tools are read_file, "),
        ("read_file", {}, "missing required argument 'path'"),
        ("read_file", {"path": 3}, "argument 'path'"),
        ("read_file", {"path": "a", "mode": "r"}, "unknown argument 'mode'"),
        ("bash_exec", {"command": "ls", "timeout": "soon"}, "argument 'timeout'"),
        ("bash_exec", {"command": "ls", "timeout": -1}, "at least 1 second"),
        ("bash_exec", {"command": "   "}, "command is empty"),
        ("write_file", '{"path": "a", ', "not valid JSON"),
        ("write_file", "[1]", "must be a JSON object"),
        ("read_file", {"path": ""}, "path is empty"),
    ]
    for name, args, want in cases:
        res = await tools.call(name, args)
        assert res.success is False and want in res.result, (name, args, res)
        assert res.result.startswith(FAILURE.get(name, "Unknown tool") + ": "), (name, args, res)


# ---------------------------------------------------------------- the reference's wording
# The reference harness's tools/tools.py: a failure is its prefix ("Error reading file: ") and
# Python's OSError text, a process result ends "Return code: N" (subprocess's -N for a signal),
# an empty directory lists as "". Its tests check `"Error" in result` and `result == ""`.


async def test_failures_read_as_the_reference_words_them(tools):
    cases = [
        ("read_file", {"path": "missing.txt"}, "Error reading file: [Errno 2] No such file or directory: 'missing.txt'"),
        ("read_file", {"path": "/app/missing.txt"}, "Error reading file: [Errno 2] No such file or directory: '/app/missing.txt'"),
        ("read_file", {"path": "src"}, "Error reading file: [Errno 21] Is a directory: 'src' (use list_files)"),
        ("write_file", {"path": "README.md/x.txt", "content": "x"}, "Error writing file: [Errno 20] Not a directory: 'README.md/x.txt'"),
        ("write_file", {"path": "src", "content": "x"}, "Error writing file: [Errno 21] Is a directory: 'src'"),
        ("list_files", {"path": "/app/nope"}, "Error listing directory: [Errno 2] No such file or directory: '/app/nope'"),
        ("list_files", {"path": "README.md"}, "Error listing directory: [Errno 20] Not a directory: 'README.md'"),
        ("run_python", {"script_path": "nodir/x.py"}, "Error running script: [Errno 2] No such file or directory: 'nodir'"),
        ("bash_exec", {"command": "ls", "cwd": "nope"}, "Error executing command: [Errno 2] No such file or directory: 'nope'"),
    ]  # fmt: skip
    for name, args, want in cases:
        assert await tools.call(name, args) == ToolResult(success=False, result=want), (name, args)


async def test_empty_directory_lists_as_empty_string(tools):
    await tools.call("bash_exec", {"command": "mkdir empty"})
    assert await tools.call("list_files", {"path": "empty"}) == ToolResult(success=True, result="")


async def test_return_code_is_the_references_for_exits_and_signals(tools):
    res = await tools.call("bash_exec", {"command": "exit 3"})
    assert res == ToolResult(success=False, result="STDOUT:\n\nSTDERR:\n\nReturn code: 3")
    res = await tools.call("bash_exec", {"command": "echo before; kill -9 $$"})
    assert res == ToolResult(
        success=False, result="Killed by signal 9 (SIGKILL).\nSTDOUT:\nbefore\n\nSTDERR:\n\nReturn code: -9"
    )
    await tools.call("write_file", {"path": "term.py", "content": "import os, signal\nos.kill(os.getpid(), signal.SIGTERM)\n"})
    res = await tools.call("run_python", {"script_path": "term.py"})
    assert not res.success and res.result.endswith("\nReturn code: -15"), res
    assert "Killed by signal 15 (SIGTERM)." in res.result


async def test_default_read_cap_is_the_one_the_description_states(tools):
    """The reference returns a 500 kB file whole; mle-env returns 100,000 characters and says so."""
    await tools.call("write_file", {"path": "long.txt", "content": "x" * 500_000})
    res = await tools.call("read_file", {"path": "long.txt"})
    assert res.success and res.result.count("x") == 100_000 and "cut" in res.result
    assert len(res.result) < 100_100


REFERENCE_DESCRIPTIONS = {
    "read_file": "Read contents of a file at the given path",
    "write_file": "Write content to a file at the given path",
    "list_files": "List files and directories at the given path",
    "run_python": "Execute a Python script file and return stdout/stderr",
    "bash_exec": "Execute a bash command and return stdout/stderr",
}


def test_descriptions_state_the_limits():
    oa = {t["function"]["name"]: t["function"]["description"] for t in openai_tools()}
    for name, start in REFERENCE_DESCRIPTIONS.items():
        assert oa[name].startswith(start), oa[name]
    assert "100,000 characters" in oa["read_file"] and "first and last 50,000" in oa["read_file"]
    assert "at most 500 entries" in oa["list_files"] and "empty result" in oa["list_files"]
    for name in ("run_python", "bash_exec"):
        assert "defaults to 60 s, at most 3,600 s" in oa[name] and "20,000 characters" in oa[name], oa[name]
    small = ToolConfig(max_read_chars=1000, max_output_chars=2000, max_list_entries=10, max_timeout=30)
    an = {t["name"]: t["description"] for t in anthropic_tools(small)}
    assert "1,000 characters" in an["read_file"] and "at most 10 entries" in an["list_files"]
    assert "at most 30 s" in an["bash_exec"] and "2,000 characters" in an["run_python"]
    strict = {t["function"]["name"]: t["function"]["description"] for t in openai_tools(strict=True, config=small)}
    assert strict == an


async def test_arguments_as_json_string_and_numeric_strings(tools):
    res = await tools.call("bash_exec", '{"command": "echo hi", "timeout": "5"}')
    assert res.success and "hi" in res.result
    res = await tools.call("bash_exec", {"command": "echo hi", "timeout": None, "cwd": None})
    assert res.success


async def test_large_output_is_cut_head_and_tail(sandbox):
    tools = Tools(sandbox, ToolConfig(max_output_chars=2000))
    res = await tools.call("bash_exec", {"command": "seq 1 100000; echo oops >&2"})
    out = res.result
    assert len(out) < 3000
    assert out.startswith("STDOUT:\n1\n2\n") and "100000" in out and "cut ...]" in out
    assert "oops" in out  # stderr survives a flood on stdout


async def test_large_file_read_is_cut_with_marker(sandbox):
    tools = Tools(sandbox, ToolConfig(max_read_chars=1000))
    await tools.call("bash_exec", {"command": "seq 1 200000 > big.txt"})
    res = await tools.call("read_file", {"path": "big.txt"})
    assert res.success and len(res.result) < 1200
    assert res.result.startswith("1\n2\n") and res.result.rstrip().endswith("200000")
    assert "middle was cut" in res.result


async def test_binary_file_read_says_binary(tools):
    await tools.call("bash_exec", {"command": "head -c 100 /dev/zero > z.bin"})
    res = await tools.call("read_file", {"path": "z.bin"})
    assert not res.success and "binary file (100 bytes)" in res.result


def test_truncate_marks_the_cut():
    assert truncate("abc", 10) == "abc"
    t = truncate("x" * 50 + "y" * 50, 20)
    assert t.startswith("x" * 10) and t.endswith("y" * 10) and "[... 80 characters cut ...]" in t


def test_direct_argv_only_for_plain_commands():
    assert direct_argv("ls -la data") == ["ls", "-la", "data"]
    assert direct_argv("python src/train.py --seed=1") == ["python", "src/train.py", "--seed=1"]
    for cmd in ("echo $HOME", "ls *.py", "a=1 env", "cd src", "cat x | wc", "echo 'q'", "ls ~", "x > y", "kill %1", "export A", "source x"):
        assert direct_argv(cmd) is None, cmd


async def test_multi_line_commands_run_every_line(tools):
    res = await tools.call("bash_exec", {"command": "echo one\necho two\nfalse"})
    assert "one\ntwo\n" in res.result and res.result.endswith("Return code: 1")
    assert direct_argv("mkdir -p out\nls") is None and direct_argv("a\tb") is None
