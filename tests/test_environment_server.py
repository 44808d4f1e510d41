"""The served environment (/env) over real sockets: `mle-env serve` in a subprocess (uvicorn, bwrap
sandboxes), `websockets` and httpx as clients, every message checked against OpenEnv 0.3.0's own
JSON Schemas (tests/data/openenv, made by tools/openenv_schemas.py from the openenv-core wheel)."""

from __future__ import annotations

import asyncio
import json
import os
import time
from pathlib import Path

import httpx
import jsonschema
import pytest
import websockets

from fakes.server import Server
from mle_env.grading.attacks import attacks_for
from mle_env.store.episodes import EpisodeStore
from mle_env.task import load_task

ROOT = Path(__file__).resolve().parents[1]
TASKS = ROOT / "tasks"
QUICK = "concrete-mix-strength"  # the bundled task whose reference solution verifies fastest
TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
WRONG = json.dumps({"error_type": "OUTLIER", "locations": []})
SCHEMAS = json.loads((ROOT / "tests" / "data" / "openenv" / "openenv-0.3.0-schemas.json").read_text())
WS_ERROR_CODES = {
    "INVALID_JSON",
    "UNKNOWN_TYPE",
    "VALIDATION_ERROR",
    "EXECUTION_ERROR",
    "CAPACITY_REACHED",
    "FACTORY_ERROR",
    "SESSION_ERROR",
}  # OpenEnv's WSErrorCode


def conforms(instance: object, name: str) -> None:
    """``instance`` validates against OpenEnv's schema of model ``name``."""
    jsonschema.validate(instance, SCHEMAS[name], cls=jsonschema.Draft202012Validator)


def test_the_schemas_reject_what_openenv_rejects():
    """The check has teeth: shapes OpenEnv's models refuse fail it."""
    for bad, name in [
        ({"observation": {}, "reward": None, "done": False, "episode_id": "x"}, "ResetResponse"),
        ({"type": "observation", "data": {}, "extra": 1}, "WSObservationResponse"),
        ({"type": "call_tool"}, "CallToolAction"),
        ({"status": "fine"}, "HealthResponse"),
    ]:
        with pytest.raises(jsonschema.ValidationError):
            conforms(bad, name)


@pytest.fixture
def serve(tmp_path):
    started: list[Server] = []

    def make(*flags: str) -> Server:
        ws_root = tmp_path / f"ws-{len(started)}"
        ws_root.mkdir()
        s = Server(
            tmp_path / f"data-{len(started)}",
            TASKS,
            "--token",
            TOKEN,
            *flags,
            env={"MLE_ENV_WORKSPACE_ROOT": str(ws_root)},
        )
        s.ws_root = ws_root  # type: ignore[attr-defined]
        started.append(s.start())
        return s

    yield make
    for s in started:
        if s.proc and s.proc.poll() is None:
            s.proc.kill()
            s.proc.wait(10)


class Client:
    """A WebSocket client that sends what OpenEnv's client sends and checks every answer."""

    def __init__(self, conn: websockets.ClientConnection):
        self.conn = conn

    @classmethod
    async def open(cls, s: Server, *, query: bool = False) -> Client:
        url = s.url.replace("http://", "ws://") + "/env/ws"
        if query:
            return cls(await websockets.connect(f"{url}?token={TOKEN}"))
        return cls(await websockets.connect(url, additional_headers=AUTH))

    async def send(self, message: dict) -> None:
        kind = {
            "reset": "WSResetMessage",
            "step": "WSStepMessage",
            "state": "WSStateMessage",
            "close": "WSCloseMessage",
        }
        if message["type"] in kind:
            conform_client(message, kind[message["type"]])
        await self.conn.send(json.dumps(message))

    async def ask(self, message: dict | str) -> dict:
        if isinstance(message, str):
            await self.conn.send(message)
        else:
            await self.send(message)
        got = json.loads(await asyncio.wait_for(self.conn.recv(), 120))
        check_server_message(got)
        return got

    async def reset(self, **data) -> dict:
        got = await self.ask({"type": "reset", "data": data})
        assert got["type"] == "observation", got
        return got["data"]

    async def step(self, action: dict) -> dict:
        got = await self.ask({"type": "step", "data": action})
        assert got["type"] == "observation", got
        return got["data"]


def conform_client(message: dict, name: str) -> None:
    conforms(message, name)
    action = message.get("data") if message["type"] == "step" else None
    if action and action.get("type") in ("call_tool", "list_tools"):
        conforms(action, {"call_tool": "CallToolAction", "list_tools": "ListToolsAction"}[action["type"]])


def check_server_message(got: dict) -> None:
    name = {"observation": "WSObservationResponse", "state": "WSStateResponse", "error": "WSErrorResponse"}[got["type"]]
    conforms(got, name)
    if got["type"] == "observation":
        conforms(got["data"], "StepResponse")  # {observation, reward, done}, what the client's _parse_result reads
    elif got["type"] == "state":
        conforms(got["data"], "State")
    else:
        assert got["data"]["code"] in WS_ERROR_CODES and got["data"]["message"]


def descendants(pid: int) -> set[int]:
    """Processes below ``pid`` (the server's sandboxes: bwrap and what runs in it)."""
    parent: dict[int, int] = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                parent[int(d)] = int(Path(f"/proc/{d}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found, frontier = set(), {pid}
    while frontier:
        frontier = {p for p, pp in parent.items() if pp in frontier} - found
        found |= frontier
    return found


def wait_until(check, timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return check()


def post(s: Server, path: str, body: dict, name: str | None = None, status: int = 200) -> dict:
    if name:
        conforms(body, name)
    r = httpx.post(s.url + path, json=body, headers=AUTH, timeout=180)
    assert r.status_code == status, r.text
    return r.json()


# ---------------------------------------------------------------- whole episodes, graded


async def test_websocket_episodes_oracle_earns_one_empty_answer_nothing_and_both_are_kept(serve):
    s = serve()
    task = load_task(TASKS / f"{QUICK}.json")
    c = await Client.open(s)
    tools = await c.step({"type": "list_tools"})  # OpenEnv: listing tools needs no reset
    assert [t["name"] for t in tools["observation"]["tools"]][:3] == ["read_file", "write_file", "list_files"]
    assert (await c.ask({"type": "state"}))["data"]["episode_id"] is None
    first = await c.reset(task=QUICK, episode_id="my-run-1")
    obs = first["observation"]
    conforms(first, "ResetResponse")
    episode_id = obs["episode_id"]
    assert obs["info"]["task_id"] == QUICK and obs["task_prompt"] and obs["tools"][0]["input_schema"]["properties"]
    assert first["reward"] is None and first["done"] is False
    for path, content in task.ext.solution.items():
        got = await c.step(
            {"type": "call_tool", "tool_name": "write_file", "arguments": {"path": path, "content": content}}
        )
        assert got["observation"]["tool_name"] == "write_file" and got["observation"]["error"] is None
        assert got["observation"]["tool_results"][0]["success"] and got["reward"] == 0.0 and not got["done"]
    state = (await c.ask({"type": "state"}))["data"]
    assert state == {
        **state,
        "episode_id": episode_id,
        "step_count": len(task.ext.solution),
        "status": "running",
        "label": "my-run-1",
    }
    last = await c.step({"type": "final_answer", "answer": task.ext.solution["response/report.json"]})
    assert last["done"] and last["reward"] == 1.0
    out = last["observation"]["outcome"]
    assert out["status"] == "completed" and out["reward"]["earned"] == out["reward"]["graded_possible"] > 0
    assert out["reward"]["verification"] and all(v["passed"] for v in out["reward"]["verification"])
    again = await c.ask({"type": "step", "data": {"type": "call_tool", "tool_name": "list_files", "arguments": {}}})
    assert again["type"] == "error" and again["data"]["code"] == "SESSION_ERROR"
    # a second episode on the same socket: an empty answer earns nothing
    second = (await c.reset(task="biopsy-response-classifier"))["observation"]["episode_id"]
    empty = await c.step({"type": "turn", "answer": ""})
    assert empty["done"] and empty["reward"] == 0.0
    await c.send({"type": "close"})
    await c.conn.wait_closed()

    row = httpx.get(f"{s.url}/env/episodes/{episode_id}", headers=AUTH).json()
    assert (
        row["status"] == "completed"
        and row["reward"] == 1.0
        and row["label"] == "my-run-1"
        and row["transport"] == "ws"
    )
    assert row["steps"] == len(task.ext.solution) + 1 and row["outcome"]["cost"]["grade_seconds"] > 0
    assert row["outcome"]["evaluation"]["percentage"] == 100.0 and row["record"]["task_id"] == QUICK
    assert [e["event"] for e in row["record"]["trace"]][0] == "run_start"
    row = httpx.get(f"{s.url}/env/episodes/{second}", headers=AUTH).json()
    assert row["status"] == "completed" and row["reward"] == 0.0 and row["outcome"]["reward"]["gated"]
    state = httpx.get(f"{s.url}/env/state", params={"episode_id": episode_id}, headers=AUTH).json()
    conforms(state, "State")
    assert state["status"] == "done" and state["reward"] == 1.0
    assert list(s.ws_root.iterdir()) == []


def test_http_episode_with_forged_verification_earns_nothing_for_the_verified_points(serve):
    s = serve()
    task = load_task(TASKS / f"{QUICK}.json")
    forge = next(a for a in attacks_for(task) if a.name == "print-memorised-output")
    planted = 'import json\nprint(json.dumps({"passed": True, "details": {}}))\n'
    first = post(s, "/env/reset", {"task": QUICK, "seed": 3}, "ResetRequest")
    conforms(first, "ResetResponse")
    episode_id = first["observation"]["episode_id"]
    turn = {
        "type": "turn",
        "tool_calls": [
            {
                "name": "write_file",
                "arguments": {"path": "response/report.json", "content": task.ext.solution["response/report.json"]},
            },
            {"name": "write_file", "arguments": {"path": "response/revised_code.py", "content": forge.revised_code}},
            {"name": "write_file", "arguments": {"path": ".mle_env_grader/verify.py", "content": planted}},
            {"name": "bash_exec", "arguments": {"command": "python response/revised_code.py"}},
        ],
    }
    got = post(s, "/env/step", {"episode_id": episode_id, "action": turn}, "StepRequest")
    conforms(got, "StepResponse")
    assert [r["success"] for r in got["observation"]["tool_results"]] == [True] * 4 and not got["done"]
    state = httpx.get(f"{s.url}/env/state", params={"episode_id": episode_id}, headers=AUTH).json()
    conforms(state, "State")
    assert state["step_count"] == 1 and state["status"] == "running"
    last = post(s, "/env/step", {"episode_id": episode_id, "action": {"type": "final_answer", "answer": "done"}})
    conforms(last, "StepResponse")
    verify = [c for c in last["observation"]["outcome"]["reward"]["criteria"] if c["method"] == "verify"]
    assert verify and all(c["passed"] is False for c in verify)
    assert last["done"] and last["reward"] < 1.0
    reward = last["observation"]["outcome"]["reward"]
    assert reward["earned"] <= reward["graded_possible"] - sum(c["points"] for c in verify)
    # an ended episode cannot be stepped; it is read back
    post(s, "/env/step", {"episode_id": episode_id, "action": {"type": "final_answer", "answer": ""}}, status=404)
    row = httpx.get(f"{s.url}/env/episodes/{episode_id}", headers=AUTH).json()
    assert row["transport"] == "http" and row["reward"] == last["reward"]


def test_http_step_timeout_s_kills_a_slow_command_and_the_episode_goes_on(serve):
    """OpenEnv's ``StepRequest.timeout_s`` ("timeout for action execution") is honoured, not ignored."""
    s = serve()
    episode_id = post(s, "/env/reset", {"task": QUICK}, "ResetRequest")["observation"]["episode_id"]
    slow = {"type": "call_tool", "tool_name": "bash_exec", "arguments": {"command": "sleep 40", "timeout": 60}}
    t0 = time.monotonic()
    got = post(s, "/env/step", {"episode_id": episode_id, "action": slow, "timeout_s": 1.5}, "StepRequest")
    assert time.monotonic() - t0 < 15
    conforms(got, "StepResponse")
    (result,) = got["observation"]["tool_results"]
    assert not result["success"] and "timed out after 1.5s" in result["result"] and not got["done"]
    post(s, "/env/step", {"episode_id": episode_id, "action": slow, "timeout_s": 0}, status=422)
    post(s, "/env/close", {"episode_id": episode_id})


# ---------------------------------------------------------------- the API's edges


async def test_auth_errors_capacity_and_the_info_routes(serve):
    s = serve("--env-max-episodes", "2")
    for method, path in [
        ("post", "/env/reset"),
        ("post", "/env/step"),
        ("get", "/env/state"),
        ("get", "/env/schema"),
        ("get", "/env/metadata"),
        ("get", "/env/episodes/x"),
        ("get", "/env/curriculum"),
    ]:
        r = httpx.request(method, s.url + path, json={} if method == "post" else None)
        assert r.status_code == 401, (path, r.status_code)
    health = httpx.get(s.url + "/env/health").json()  # as /health: for load balancers and OpenEnv's wait_for_ready
    conforms(health, "HealthResponse")
    assert health == {"status": "healthy"}
    url = s.url.replace("http://", "ws://") + "/env/ws"
    for bad in (url, f"{url}?token=wrong"):
        async with websockets.connect(bad) as conn:
            with pytest.raises(websockets.ConnectionClosed):
                await conn.recv()
            assert conn.close_code == 1008  # policy violation
    schema = httpx.get(s.url + "/env/schema", headers=AUTH).json()
    conforms(schema, "SchemaResponse")
    action = {"type": "call_tool", "tool_name": "read_file", "arguments": {"path": "x"}}
    for ok in (
        action,
        {"type": "list_tools"},
        {"type": "final_answer", "answer": ""},
        {"type": "turn", "tool_calls": [{"name": "list_files", "arguments": {}}]},
    ):
        jsonschema.validate(ok, schema["action"], cls=jsonschema.Draft202012Validator)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"type": "call_tool"}, schema["action"], cls=jsonschema.Draft202012Validator)
    conforms(httpx.get(s.url + "/env/metadata", headers=AUTH).json(), "EnvironmentMetadata")
    curriculum = httpx.get(s.url + "/env/curriculum", headers=AUTH).json()
    assert QUICK in {t["task_id"] for t in curriculum} and all(t["error_codes"] is None for t in curriculum)

    c = await Client.open(s, query=True)  # the token as a query parameter, for clients that cannot set headers
    for raw, code in [
        ("{nope", "INVALID_JSON"),
        ('{"type": "dance"}', "UNKNOWN_TYPE"),
        ("[1]", "VALIDATION_ERROR"),
        ('{"type": "state", "extra": 1}', "VALIDATION_ERROR"),
        ("[" * 100 + "]" * 100, "VALIDATION_ERROR"),
    ]:
        got = await c.ask(raw)
        assert got["type"] == "error" and got["data"]["code"] == code, (raw, got)
    got = await c.ask({"type": "step", "data": {"type": "final_answer", "answer": ""}})
    assert got["data"]["code"] == "SESSION_ERROR" and "reset" in got["data"]["message"]
    got = await c.ask({"type": "reset", "data": {"task": "no-such-task"}})
    assert got["data"]["code"] == "VALIDATION_ERROR" and "no task" in got["data"]["message"]
    await c.reset(task=QUICK)
    got = await c.ask(json.dumps({"type": "step", "data": {"type": "call_tool", "arguments": {}}}))  # no tool_name
    assert got["data"]["code"] == "VALIDATION_ERROR"
    bad_tool = await c.step({"type": "call_tool", "tool_name": "read_file", "arguments": {"path": "../../etc/passwd"}})
    assert not bad_tool["observation"]["tool_results"][0]["success"] and not bad_tool["done"]  # the policy's error
    # capacity: one WebSocket episode and one HTTP episode are open; a third is refused
    open_http = post(s, "/env/reset", {})["observation"]["episode_id"]
    other = await Client.open(s)
    got = await other.ask({"type": "reset", "data": {}})
    assert got["data"]["code"] == "CAPACITY_REACHED" and got["data"]["max_sessions"] == 2
    refused = post(s, "/env/reset", {}, status=503)
    assert refused["detail"]["code"] == "CAPACITY_REACHED"
    post(s, "/env/close", {"episode_id": open_http})  # room again
    assert (await other.reset(seed=1))["observation"]["episode_id"]
    post(s, "/env/step", {"action": {"type": "final_answer", "answer": ""}}, status=422)  # no episode_id
    await c.conn.close()
    await other.conn.close()
    assert wait_until(lambda: httpx.get(s.url + "/env/state", headers=AUTH).json()["open_episodes"] == 0)


async def test_a_client_that_goes_away_leaves_nothing_running(serve):
    """A socket cut mid-step, an HTTP episode abandoned, a socket left silent: after the idle
    timeout no sandbox process and no workspace is left, and each episode's record says why."""
    s = serve("--env-idle-timeout", "1")
    cut = await Client.open(s)
    cut_id = (await cut.reset(task=QUICK))["observation"]["episode_id"]
    await cut.send(
        {
            "type": "step",
            "data": {
                "type": "call_tool",
                "tool_name": "bash_exec",
                "arguments": {"command": "sleep 100 & sleep 100", "timeout": 300},
            },
        }
    )
    abandoned = post(s, "/env/reset", {"task": QUICK})["observation"]["episode_id"]
    post(
        s,
        "/env/step",
        {
            "episode_id": abandoned,
            "action": {"type": "call_tool", "tool_name": "bash_exec", "arguments": {"command": "nohup sleep 100 &"}},
        },
    )
    silent = await Client.open(s)
    silent_id = (await silent.reset(task=QUICK))["observation"]["episode_id"]
    await asyncio.sleep(0.5)
    assert len(descendants(s.proc.pid)) >= 3 and len(list(s.ws_root.iterdir())) >= 3  # the check can fail
    cut.conn.transport.abort()  # the client dies: no close frame
    await asyncio.sleep(0)  # (the socket itself is closed by the loop)
    gone = await asyncio.to_thread(wait_until, lambda: not descendants(s.proc.pid) and not list(s.ws_root.iterdir()))
    rows = {i: httpx.get(f"{s.url}/env/episodes/{i}", headers=AUTH).json() for i in (cut_id, abandoned, silent_id)}
    assert gone, (descendants(s.proc.pid), list(s.ws_root.iterdir()), rows)
    assert rows[cut_id]["status"] == "disconnected" and rows[cut_id]["reward"] is None
    assert rows[abandoned]["status"] == rows[silent_id]["status"] == "timed_out"
    assert "idle for more than 1 s" in rows[abandoned]["reason"] and rows[abandoned]["steps"] == 1
    got = await silent.ask({"type": "step", "data": {"type": "final_answer", "answer": ""}})
    assert got["data"]["code"] == "SESSION_ERROR" and "timed_out" in got["data"]["message"]
    post(s, "/env/step", {"episode_id": abandoned, "action": {"type": "list_files"}}, status=422)
    assert (
        "timed_out"
        in post(
            s, "/env/step", {"episode_id": abandoned, "action": {"type": "final_answer", "answer": ""}}, status=404
        )["detail"]
    )
    await silent.conn.close()


async def test_ten_concurrent_websocket_episodes_and_shutdown_leave_no_sandbox(serve):
    s = serve()

    async def play(i: int) -> float | None:
        c = await Client.open(s)
        obs = (await c.reset(seed=i))["observation"]
        await c.step({"type": "call_tool", "tool_name": "list_files", "arguments": {"path": "."}})
        await c.step(
            {
                "type": "call_tool",
                "tool_name": "write_file",
                "arguments": {"path": "response/report.json", "content": WRONG},
            }
        )
        last = await c.step({"type": "final_answer", "answer": ""})
        assert last["done"] and last["observation"]["outcome"]["status"] == "completed"
        await c.conn.close()
        async with httpx.AsyncClient(headers=AUTH) as http:
            row = (await http.get(f"{s.url}/env/episodes/{obs['episode_id']}")).json()
        assert row["task_id"] == obs["info"]["task_id"] and row["reward"] == last["reward"]
        return last["reward"]

    rewards = await asyncio.gather(*(play(i) for i in range(10)))
    assert len(rewards) == 10 and all(r is not None and 0.0 <= r < 1.0 for r in rewards)
    assert wait_until(lambda: not descendants(s.proc.pid) and not list(s.ws_root.iterdir()))
    # the server stops with episodes open: they are closed, their sandboxes stopped, and recorded
    left = [post(s, "/env/reset", {"seed": i})["observation"]["episode_id"] for i in range(2)]
    assert descendants(s.proc.pid)
    pid = s.proc.pid
    s.stop()
    assert wait_until(lambda: not descendants(pid)) and list(s.ws_root.iterdir()) == []
    store = EpisodeStore(s.data_dir / "episodes.sqlite")
    try:
        assert [store.get(i)["status"] for i in left] == ["interrupted", "interrupted"]
        assert store.count() == 12
    finally:
        store.close()
