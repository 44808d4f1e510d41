"""The MCP server as a client sees it: ``mle-env mcp`` run as a process, driven with the SDK's own client
over stdio and streamable HTTP."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from mcp import Client
from mcp.client.stdio import StdioServerParameters, stdio_client

from mle_env.task import load_task
from mle_env.tools import TOOLS

TASK_FILE = Path(__file__).resolve().parents[1] / "tasks" / "biopsy-response-classifier.json"
TASK = load_task(TASK_FILE)
ENV = {
    "LITELLM_LOCAL_MODEL_COST_MAP": "True",
    "LITELLM_OFFLINE_MODE": "true",
    "MLE_ENV_SANDBOX": "bwrap",
    "NO_PROXY": "127.0.0.1,localhost",
}
WORKSPACE_LINE = re.compile(r"workspace (/\S+), seen as (\S+)")

pytestmark = pytest.mark.timeout(60)


def _env() -> dict[str, str]:
    return {**{k: v for k, v in os.environ.items() if not k.startswith("MLE_ENV_")}, **ENV}


def _hidden_snippets() -> list[str]:
    """Text only the task's hidden data holds: the verification script, the reference report and fix."""
    solution = TASK.ext.solution
    original = set(TASK.task_files["src/train.py"].splitlines())
    fix_only = [ln.strip() for ln in solution["response/revised_code.py"].splitlines() if ln not in original]
    assert TASK.ext.verify is not None
    return [
        TASK.ext.verify.script.splitlines()[0],
        json.loads(solution["response/report.json"])["explanation"][:80],
        max(fix_only, key=len),
    ]


class Stdio:
    """``mle-env mcp`` over stdio, its stderr kept in a file."""

    def __init__(self, tmp_path: Path, *args: str):
        self.args = ["-m", "mle_env.cli", "mcp", *args]
        self.err_path = tmp_path / "mcp-stderr.txt"

    @property
    def stderr(self) -> str:
        return self.err_path.read_text()

    def workspace(self) -> Path:
        """The server's workspace on the host, from its start-up line."""
        return Path(WORKSPACE_LINE.search(self.stderr).group(1))

    @asynccontextmanager
    async def client(self):
        params = StdioServerParameters(command=sys.executable, args=self.args, env=ENV)
        with open(self.err_path, "w") as err:
            async with Client(stdio_client(params, errlog=err)) as c:
                yield c


def text(result) -> str:
    return "\n".join(c.text for c in result.content)


async def everything_served(c: Client) -> str:
    """All a client can read without changing anything: tools, prompts, resources and their contents."""
    parts = [(await c.list_tools()).model_dump_json(), (await c.list_prompts()).model_dump_json()]
    for p in (await c.list_prompts()).prompts:
        parts.append((await c.get_prompt(p.name, {})).model_dump_json())
    resources = (await c.list_resources()).resources
    parts.append(json.dumps([r.model_dump(mode="json") for r in resources]))
    for r in resources:
        parts += [x.text for x in (await c.read_resource(r.uri)).contents]
    parts.append(text(await c.call_tool("bash_exec", {"command": "ls -laR /app; cat /app/*/*.py"})))
    return "\n".join(parts)


# ---------------------------------------------------------------- stdio


async def test_lists_the_agents_five_tools_with_their_parameters(tmp_path):
    server = Stdio(tmp_path, "--task", str(TASK_FILE))
    async with server.client() as c:
        tools = {t.name: t for t in (await c.list_tools()).tools}
    assert list(tools) == list(TOOLS)
    for name, (model, description) in TOOLS.items():
        schema = tools[name].input_schema
        assert tools[name].description == description
        assert set(schema["properties"]) == set(model.model_fields)
        assert set(schema.get("required", [])) == {n for n, f in model.model_fields.items() if f.is_required()}
        for arg, field in model.model_fields.items():
            assert schema["properties"][arg]["description"] == field.description
    assert tools["run_python"].input_schema["properties"]["timeout"]["default"] == 60
    assert tools["read_file"].annotations.read_only_hint and not tools["bash_exec"].annotations.read_only_hint


async def test_write_run_and_bash_in_the_sandbox(tmp_path):
    server = Stdio(tmp_path, "--task", str(TASK_FILE))
    async with server.client() as c:
        script = "import os\nprint('sum', 6 * 7, os.getcwd())\n"
        wrote = await c.call_tool("write_file", {"path": "scratch/hello.py", "content": script})
        assert not wrote.is_error and "Successfully wrote" in text(wrote)
        ran = await c.call_tool("run_python", {"script_path": "scratch/hello.py"})
        assert not ran.is_error and "sum 42 /app/scratch" in text(ran) and "Return code: 0" in text(ran)
        bash = await c.call_tool("bash_exec", {"command": "pwd && ls scratch"})
        assert not bash.is_error and text(bash).startswith("STDOUT:\n/app\nhello.py\n")
        failed = await c.call_tool("bash_exec", {"command": "echo oops >&2; exit 3"})
        assert failed.is_error and "oops" in text(failed) and "Return code: 3" in text(failed)
        listing = await c.call_tool("list_files", {})
        assert not listing.is_error and {"[DIR] src", "[DIR] data", "[DIR] scratch"} <= set(text(listing).splitlines())


async def test_path_escapes_are_tool_errors(tmp_path):
    server = Stdio(tmp_path, "--task", str(TASK_FILE))
    async with server.client() as c:
        base = server.workspace().parent
        calls = [
            ("read_file", {"path": "../../etc/passwd"}),
            ("read_file", {"path": "/etc/passwd"}),
            ("write_file", {"path": "../escaped.txt", "content": "x"}),
            ("write_file", {"path": "/tmp/escaped.txt", "content": "x"}),
            ("list_files", {"path": ".."}),
            ("run_python", {"script_path": "/etc/passwd"}),
            ("bash_exec", {"command": "ls", "cwd": "/etc"}),
        ]
        for name, args in calls:
            res = await c.call_tool(name, args)
            assert res.is_error, (name, args)
            assert "outside the workspace" in text(res), text(res)
            assert "root:" not in text(res)
        missing = await c.call_tool("bash_exec", {})
        assert missing.is_error and text(missing) == "Error executing command: missing required argument 'command'"
        # the agent's argument rules, word for word: unknown arguments are refused, not ignored
        extra = await c.call_tool("read_file", {"path": "src/train.py", "encoding": "latin-1"})
        assert extra.is_error and text(extra) == "Error reading file: unknown argument 'encoding'"
        zero = await c.call_tool("run_python", {"script_path": "src/train.py", "timeout": 0})
        assert zero.is_error and "timeout must be at least 1 second" in text(zero)
    assert not (base / "escaped.txt").exists()


async def test_prompt_and_resources_show_the_task_and_the_live_files(tmp_path):
    server = Stdio(tmp_path, "--task", str(TASK_FILE))
    async with server.client() as c:
        prompts = (await c.list_prompts()).prompts
        assert [p.name for p in prompts] == ["task"] and "/app" in prompts[0].description
        got = await c.get_prompt("task", {})
        assert got.messages[0].role == "user" and got.messages[0].content.text == TASK.prompt_text

        resources = {r.uri: r for r in (await c.list_resources()).resources}
        assert set(resources) == {f"file:///app/{p}" for p in TASK.task_files}
        train = await c.read_resource("file:///app/src/train.py")
        assert train.contents[0].text == TASK.task_files["src/train.py"]
        data = await c.read_resource("file:///app/data/expression.csv")
        assert data.contents[0].text == TASK.task_files["data/expression.csv"]  # whole, though read_file would cut it

        await c.call_tool("write_file", {"path": "src/train.py", "content": "print('rewritten')\n"})
        assert (await c.read_resource("file:///app/src/train.py")).contents[0].text == "print('rewritten')\n"
        await c.call_tool("bash_exec", {"command": "rm src/train.py"})
        with pytest.raises(Exception, match="train.py"):
            await c.read_resource("file:///app/src/train.py")


async def test_hidden_task_data_is_never_served(tmp_path):
    server = Stdio(tmp_path, "--task", str(TASK_FILE))
    async with server.client() as c:
        served = await everything_served(c)
    assert TASK.task_files["src/train.py"] in served  # the scan did read the files
    for snippet in _hidden_snippets():
        assert snippet not in served
        assert json.dumps(snippet)[1:-1] not in served  # nor JSON-escaped


async def test_grade_is_opt_in_and_scores_the_response_files(tmp_path):
    plain = Stdio(tmp_path, "--task", str(TASK_FILE))
    async with plain.client() as c:
        assert "grade" not in {t.name for t in (await c.list_tools()).tools}
        assert (await c.call_tool("grade", {})).is_error

    graded = Stdio(tmp_path, "--task", str(TASK_FILE), "--enable-grade")
    async with graded.client() as c:
        assert [t.name for t in (await c.list_tools()).tools] == [*TOOLS, "grade"]
        first = await c.call_tool("grade", {"answer": "nothing yet"})
        assert not first.is_error
        ev = json.loads(text(first))
        assert ev["score"] == 0 and ev["total_possible"] > 0 and ev["results"]
        report = TASK.ext.solution["response/report.json"]
        await c.call_tool("write_file", {"path": "response/report.json", "content": report})
        second = json.loads(text(await c.call_tool("grade", {})))
        assert second["score"] > 0 and second["percentage"] > 0


async def test_serves_an_existing_directory_in_place(tmp_path):
    project = tmp_path / "project"
    (project / "src").mkdir(parents=True)
    (project / "src" / "a.py").write_text("print('a')\n")
    (project / "notes.md").write_text("# notes\n")
    (project / ".git").mkdir()
    (project / ".git" / "config").write_text("[core]\n")
    server = Stdio(tmp_path, "--workspace", str(project))
    async with server.client() as c:
        assert (await c.list_prompts()).prompts == []
        uris = {r.uri for r in (await c.list_resources()).resources}
        assert uris == {"file:///app/src/a.py", "file:///app/notes.md"}
        assert (await c.read_resource("file:///app/src/a.py")).contents[0].text == "print('a')\n"
        ran = await c.call_tool("bash_exec", {"command": "python src/a.py"})
        assert "a\n" in text(ran)
        await c.call_tool("write_file", {"path": "out/new.txt", "content": "from the client"})
        assert (project / "out" / "new.txt").read_text() == "from the client"
    assert server.workspace() == project.resolve()
    assert (project / "src" / "a.py").read_text() == "print('a')\n" and (project / "out" / "new.txt").is_file()


async def test_the_workspace_is_removed_when_the_client_leaves(tmp_path):
    server = Stdio(tmp_path, "--task", str(TASK_FILE))
    async with server.client() as c:
        await c.call_tool("write_file", {"path": "response/report.json", "content": "{}"})
        ws = server.workspace()
        assert (ws / "response" / "report.json").is_file()
    assert not ws.parent.exists()
    assert "stopped by" not in server.stderr  # it ended on its own at end of input, before any signal


def test_sigterm_ends_a_stdio_server_whose_client_holds_stdin_open(tmp_path):
    err = tmp_path / "stderr.txt"
    with open(err, "w") as f:
        proc = subprocess.Popen(
            [sys.executable, "-m", "mle_env.cli", "mcp", "--task", str(TASK_FILE)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=f, env=_env(),
        )  # fmt: skip
    try:
        hello = {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "test", "version": "0"}}
        request = {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": hello}
        proc.stdin.write(json.dumps(request).encode() + b"\n")
        proc.stdin.flush()
        assert json.loads(proc.stdout.readline())["result"]["serverInfo"]["name"] == "mle-env"  # serving
        ws = WORKSPACE_LINE.search(err.read_text())
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=15) == -signal.SIGTERM  # cleaned up, then ended by the signal
    finally:
        proc.kill()
        proc.stdin.close()
        proc.stdout.close()
    assert "stopped by SIGTERM; sandbox closed" in err.read_text()
    assert not Path(ws.group(1)).parent.exists()


# ---------------------------------------------------------------- streamable HTTP


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(found, proc: subprocess.Popen, timeout: float = 20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if (got := found()) is not None and got is not False:
            return got
        if proc.poll() is not None:
            raise AssertionError(f"the server exited with {proc.returncode}")
        time.sleep(0.05)
    raise AssertionError("the server did not come up")


def _accepts(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
        return True
    except OSError:
        return False


async def test_http_serves_the_sandbox_and_sigterm_cleans_up(tmp_path):
    port, err = _free_port(), tmp_path / "stderr.txt"
    args = ["mcp", "--task", str(TASK_FILE), "--transport", "http", "--port", str(port), "--enable-grade"]
    with open(err, "w") as f:
        proc = subprocess.Popen([sys.executable, "-m", "mle_env.cli", *args], stdout=subprocess.PIPE, stderr=f,
                                env=_env())  # fmt: skip
    try:
        _wait_for(lambda: f"MCP over streamable HTTP at http://127.0.0.1:{port}/mcp" in err.read_text(), proc)
        assert _accepts(port)
        ws = Path(WORKSPACE_LINE.search(err.read_text()).group(1))
        async with Client(f"http://127.0.0.1:{port}/mcp") as c:
            assert [t.name for t in (await c.list_tools()).tools] == [*TOOLS, "grade"]
            await c.call_tool("write_file", {"path": "run.py", "content": "print('over http')\n"})
            ran = await c.call_tool("run_python", {"script_path": "/app/run.py"})
            assert not ran.is_error and "over http" in text(ran)
            escape = await c.call_tool("read_file", {"path": "/etc/passwd"})
            assert escape.is_error and "outside the workspace" in text(escape)
            got = await c.get_prompt("task", {})
            assert got.messages[0].content.text == TASK.prompt_text
            train = await c.read_resource("file:///app/src/train.py")
            assert train.contents[0].text == TASK.task_files["src/train.py"]
            assert json.loads(text(await c.call_tool("grade", {})))["total_possible"] > 0
            served = await everything_served(c)
            assert all(snippet not in served for snippet in _hidden_snippets())
            assert ws.is_dir()
            proc.send_signal(signal.SIGTERM)  # with the client still connected
            assert proc.wait(timeout=15) == 0
    finally:
        proc.kill()
        proc.stdout.close()
    assert "stopped by SIGTERM; sandbox closed" in err.read_text()
    assert not ws.parent.exists()


def test_http_refuses_a_port_in_use(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        res = subprocess.run(
            [sys.executable, "-m", "mle_env.cli", "mcp", "--task", str(TASK_FILE), "--transport", "http",
             "--port", str(port)],
            capture_output=True, text=True, timeout=30, env=_env(),
        )  # fmt: skip
    assert res.returncode == 2 and f"cannot listen on 127.0.0.1:{port}" in res.stderr
    assert "sandbox" not in res.stderr  # refused before any sandbox was made


async def test_http_with_a_token_refuses_clients_without_it(tmp_path):
    import httpx2
    from mcp.client.streamable_http import streamable_http_client
    from mcp.shared._httpx_utils import create_mcp_http_client

    port, err = _free_port(), tmp_path / "stderr.txt"
    env = {**_env(), "MLE_ENV_MCP_TOKEN": "mcp-secret"}
    with open(err, "w") as f:
        proc = subprocess.Popen([sys.executable, "-m", "mle_env.cli", "mcp", "--task", str(TASK_FILE), "--transport",
                                 "http", "--port", str(port)], stdout=subprocess.PIPE, stderr=f, env=env)  # fmt: skip
    try:
        _wait_for(lambda: "MCP over streamable HTTP" in err.read_text(), proc)
        init = {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {}}
        for headers in ({}, {"Authorization": "Bearer wrong"}):
            r = httpx2.post(f"http://127.0.0.1:{port}/mcp", json=init, headers=headers)
            assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
        client = create_mcp_http_client(headers={"Authorization": "Bearer mcp-secret"})
        async with Client(streamable_http_client(f"http://127.0.0.1:{port}/mcp", http_client=client)) as c:
            ran = await c.call_tool("bash_exec", {"command": "echo token-ok"})
            assert not ran.is_error and "token-ok" in text(ran)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=15)
        proc.stdout.close()
