"""The agent through LiteLLM over a real HTTP wire, against local servers that speak the
OpenAI and Anthropic formats (tests/fakes). Nothing leaves 127.0.0.1."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fakes.providers import Call, Fail, FakeAnthropic, FakeOpenAI, Reply, block_non_loopback_network

from mle_env.agent import LLMAgent
from mle_env.errors import ConfigError
from mle_env.models.llm import LiteLLMModel, LLMConfig, Price, check_credentials
from mle_env.sandbox import make_config, open_sandbox
from mle_env.task import validate_data
from mle_env.tools import Tools

TASK, _ = validate_data(
    {
        "task_id": "wire-toy",
        "prompt": [{"type": "text", "content": "Inspect the project."}],
        "task_files": {"src/train.py": "print('acc: 0.99')\n"},
        "max_turns": 4,
    }
)
FAST = {"retry_base": 0.01, "retry_max_wait": 0.05}


@pytest.fixture(autouse=True)
def no_network():
    with block_non_loopback_network() as guard:
        yield
    assert not guard.attempts, guard.attempts


@pytest.fixture
async def tools():
    async with open_sandbox(make_config("bwrap"), TASK) as sb:
        yield Tools(sb)


def model(srv, name, **kw):
    return LiteLLMModel(LLMConfig(model=name, api_base=srv.api_base, api_key="sk-test", **{**FAST, **kw}))


SCRIPT = [
    Reply(
        text="Let me look.",
        tool_calls=[
            Call("run_python", {"script_path": "/app/src/train.py"}),
            Call("write_file", {"path": "response/report.json", "content": '{"error_type": "NONE"}'}),
        ],
        usage=(120, 30),
    ),
    Reply(text="FINAL ANSWER: NONE — the project is fine.", usage=(200, 12)),
]


@pytest.mark.parametrize("fake, name", [(FakeOpenAI, "openai/fake-model"), (FakeAnthropic, "anthropic/claude-fake")])
async def test_tool_calls_cross_the_wire(tools, fake, name):
    with fake(list(SCRIPT)) as srv:
        res = await LLMAgent(model(srv, name)).run(TASK, tools)
        assert res.answer == "NONE — the project is fine."
        assert res.metadata["status"] == "completed" and res.metadata["tool_calls"] == 2
        assert res.metadata["usage"] == {"prompt_tokens": 320, "completion_tokens": 42, "total_tokens": 362}
        assert res.metadata["cost"] is None  # a model no price table knows
        # The second request carries both results, under the ids the server issued, in order.
        results = srv.tool_results(1)
        assert [i for i, _ in results] == srv.issued_tool_call_ids[:2]
        assert "acc: 0.99" in results[0][1] and "Return code: 0" in results[0][1]
        assert "Successfully wrote" in results[1][1]
        assert sorted(srv.tool_names(0)) == ["bash_exec", "list_files", "read_file", "run_python", "write_file"]
    assert (tools.sb.workspace / "response/report.json").read_text() == '{"error_type": "NONE"}'


async def test_rate_limit_twice_then_success_is_retried_and_counted(tools):
    script = [Fail(429, headers={"retry-after": "0"}), Fail(429), *SCRIPT]
    with FakeOpenAI(script) as srv:
        res = await LLMAgent(model(srv, "openai/fake-model")).run(TASK, tools)
    assert res.metadata["status"] == "completed" and res.metadata["retries"] == 2
    first = next(e for e in res.trace if e["event"] == "model_response")
    assert first["turn"]["retries"] == 2


async def test_anthropic_overloaded_is_retried(tools):
    with FakeAnthropic([Fail(529), *SCRIPT]) as srv:
        res = await LLMAgent(model(srv, "anthropic/claude-fake")).run(TASK, tools)
    assert res.metadata["status"] == "completed" and res.metadata["retries"] == 1


async def test_auth_failure_ends_the_sample_at_once_as_infra(tools):
    with FakeOpenAI([Fail(401), *SCRIPT]) as srv:
        res = await LLMAgent(model(srv, "openai/fake-model")).run(TASK, tools)
        assert len(srv.requests) == 1  # no retry for what cannot heal
    meta = res.metadata
    assert meta["status"] == "error" and meta["error_class"] == "infra" and meta["retries"] == 0
    assert "AuthenticationError" in meta["errors"][0] and "401" in meta["errors"][0]


async def test_server_errors_past_the_retry_cap_are_infra(tools):
    with FakeOpenAI([Fail(500)] * 4) as srv:
        res = await LLMAgent(model(srv, "openai/fake-model", max_retries=3)).run(TASK, tools)
        assert len(srv.requests) == 4
    assert res.metadata["error_class"] == "infra"
    assert "gave up after 3 retries" in res.metadata["errors"][0]


async def test_malformed_arguments_over_the_wire(tools):
    script = [Reply(tool_calls=[Call("bash_exec", raw_arguments='{"command": "ls"')]), Reply(text="FINAL ANSWER: ok")]
    with FakeOpenAI(script) as srv:
        res = await LLMAgent(model(srv, "openai/fake-model")).run(TASK, tools)
        (_, content), = srv.tool_results(1)
    assert "not valid JSON" in content and res.metadata["status"] == "completed"


async def test_turn_limit_over_the_wire(tools):
    looping = [Reply(tool_calls=[Call("list_files", {"path": "."})])] * 10
    with FakeOpenAI(looping) as srv:
        res = await LLMAgent(model(srv, "openai/fake-model")).run(TASK, tools)
        assert len(srv.requests) == TASK.max_turns
    assert res.metadata["status"] == "max_turns"


async def test_cost_from_a_user_price_table(tools):
    prices = {"openai/fake-model": Price(input=1e-6, output=2e-6)}
    with FakeOpenAI(list(SCRIPT)) as srv:
        res = await LLMAgent(model(srv, "openai/fake-model", prices=prices)).run(TASK, tools)
    assert res.metadata["cost"] == pytest.approx(320 * 1e-6 + 42 * 2e-6)


async def test_sampling_settings_reach_the_provider(tools):
    with FakeOpenAI(list(SCRIPT)) as srv:
        await LLMAgent(model(srv, "openai/fake-model", temperature=0.3, seed=7, max_tokens=500)).run(TASK, tools)
        body = srv.requests[0].body
    assert (body["temperature"], body["seed"], body["max_tokens"]) == (0.3, 7, 500)


def test_missing_key_names_the_variable(monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    with pytest.raises(ConfigError, match="OPENAI_API_KEY"):
        check_credentials(LLMConfig(model="openai/gpt-4o-mini"))
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    with pytest.raises(ConfigError, match="ANTHROPIC_API_KEY"):
        check_credentials(LLMConfig(model="anthropic/claude-sonnet-4-5"))


def test_cli_run_reads_dotenv_and_writes_the_result(tmp_path):
    """End to end from the command line: .env credentials, a local OpenAI-format server, result files."""
    task_file = tmp_path / "toy.json"
    task_file.write_text(json.dumps(TASK.to_json_dict()))
    (tmp_path / ".env").write_text("OPENAI_API_KEY=sk-from-dotenv\n")
    (tmp_path / "prices.json").write_text(json.dumps({"openai/fake-model": {"input": 1e-6, "output": 2e-6}}))
    env = {k: v for k, v in os.environ.items() if k != "OPENAI_API_KEY"}
    with FakeOpenAI(list(SCRIPT)) as srv:
        res = subprocess.run(
            [sys.executable, "-m", "mle_env.cli", "run", "--task", str(task_file), "--model", "openai/fake-model",
             "--api-base", srv.api_base, "--output-dir", str(tmp_path / "out"), "--run-name", "r", "--no-eval", "--seed", "3",
             "--prices", "prices.json"],
            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert srv.requests[0].headers["authorization"] == "Bearer sk-from-dotenv"
        api_base = srv.api_base
    assert res.returncode == 0, res.stderr
    result = json.loads((tmp_path / "out" / "r" / "result_toy.json").read_text())
    assert result["answer"] == "NONE — the project is fine." and result["model"] == "openai/fake-model"
    assert {"task_id", "model", "answer", "metadata", "trace"} <= set(result)
    assert result["response_files"] == ["report.json"]
    assert result["metadata"]["cost"] == pytest.approx(320 * 1e-6 + 42 * 2e-6)
    out = Path(tmp_path / "out" / "r" / "toy")
    assert (out / "response/report.json").read_text() == '{"error_type": "NONE"}'
    events = [json.loads(x) for x in (out / "trajectory.jsonl").read_text().splitlines()]
    assert events[0]["event"] == "run_start" and events[-1]["event"] == "run_end"
    config = events[0]["config"]
    assert config["seed"] == 3 and config["api_base"] == api_base and "api_key" not in config
    assert "sk-from-dotenv" not in (out / "trajectory.jsonl").read_text()


def test_cli_bad_price_table_is_a_clear_error(tmp_path):
    (tmp_path / "prices.json").write_text(json.dumps({"openai/x": {"input": "cheap"}}))
    task_file = tmp_path / "toy.json"
    task_file.write_text(json.dumps(TASK.to_json_dict()))
    res = subprocess.run(
        [sys.executable, "-m", "mle_env.cli", "run", "--task", str(task_file), "--model", "openai/x",
         "--api-base", "http://127.0.0.1:9/v1", "--prices", "prices.json", "--output-dir", str(tmp_path / "o")],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert res.returncode == 2 and "prices" in res.stderr and "Traceback" not in res.stderr


async def test_an_unreadable_provider_reply_is_an_infra_error(tools):
    empty = {"id": "x", "object": "chat.completion", "created": 0, "model": "fake-model", "choices": []}
    with FakeOpenAI([Fail(200, body=empty)]) as srv:
        res = await LLMAgent(model(srv, "openai/fake-model")).run(TASK, tools)
    assert res.metadata["status"] == "error" and res.metadata["error_class"] == "infra"
    assert "unreadable response" in res.metadata["errors"][0]
