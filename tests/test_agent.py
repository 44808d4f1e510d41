"""The agent loop with a scripted model: tools in order, FINAL ANSWER, limits, trajectory, replay."""

from __future__ import annotations

import json

import pytest

from mle_env.agent import SYSTEM_PROMPT, Limits, LLMAgent, task_prompt
from mle_env.models import ScriptedModel, turn
from mle_env.sandbox import make_config, open_sandbox
from mle_env.sandbox.fake import FakeSandboxConfig
from mle_env.task import validate_data
from mle_env.tools import Tools
from mle_env.trajectory import Trajectory

TASK, _ = validate_data(
    {
        "task_id": "agent-toy",
        "prompt": [{"type": "text", "content": "Find the bug."}, {"type": "text", "content": "Then fix it."}],
        "task_files": {"src/code.py": "print('hello')\n"},
        "max_turns": 5,
    }
)


@pytest.fixture
async def tools():
    """The agent loop is not about isolation: the in-memory fake, running commands as plain subprocesses."""
    async with open_sandbox(FakeSandboxConfig(execute=True), TASK) as sb:
        yield Tools(sb)


@pytest.fixture
async def bwrap_tools():
    async with open_sandbox(make_config("bwrap"), TASK) as sb:
        yield Tools(sb)


async def test_tool_calls_run_in_order_and_the_answer_is_after_final_answer(tools, tmp_path):
    model = ScriptedModel(
        [
            turn(
                "Looking.",
                ("write_file", {"path": "notes.txt", "content": "one"}),
                ("bash_exec", {"command": "cat notes.txt && echo two >> notes.txt"}),
                ("read_file", {"path": "/app/notes.txt"}),
                usage=(100, 20),
            ),
            turn("All done.\nFINAL ANSWER: DATA_LEAKAGE in src/code.py", usage=(150, 10)),
        ]
    )
    traj_path = tmp_path / "t.jsonl"
    with Trajectory(traj_path) as traj:
        res = await LLMAgent(model).run(TASK, tools, traj)
    assert res.answer == "DATA_LEAKAGE in src/code.py"
    meta = res.metadata
    assert (meta["status"], meta["turns"], meta["tool_calls"]) == ("completed", 2, 3)
    assert meta["usage"] == {"prompt_tokens": 250, "completion_tokens": 30, "total_tokens": 280}
    # What the model saw on its second turn: system, the prefixed prompt, its calls, three results in order.
    second = model.calls[1]
    assert second[0].content == SYSTEM_PROMPT
    assert second[1].content == task_prompt(TASK)
    assert second[1].content.startswith("All project files are located in the directory: /app\n")
    assert second[1].content.endswith("Find the bug.\nThen fix it.")
    results = [m for m in second if m.role == "tool"]
    assert [m.tool_call_id for m in results] == ["call_0", "call_1", "call_2"]
    assert "one" in results[1].content and results[2].content == "onetwo\n"
    # The trajectory on disk has every event, each a JSON line.
    events = [json.loads(line) for line in traj_path.read_text().splitlines()]
    assert [e["event"] for e in events] == ["run_start", "model_response"] + ["tool_call"] * 3 + ["model_response", "run_end"]
    assert events[0]["model"] == "scripted" and events[-1]["status"] == "completed"
    assert all(e["seconds"] >= 0 for e in events if e["event"] == "tool_call")


async def test_malformed_arguments_become_a_tool_error_the_model_sees(tools):
    model = ScriptedModel([turn(None, ("bash_exec", '{"command": "ls"')), turn("FINAL ANSWER: ok")])
    res = await LLMAgent(model).run(TASK, tools)
    tool_msg = [m for m in model.calls[1] if m.role == "tool"][0]
    assert "not valid JSON" in tool_msg.content
    assert res.metadata["status"] == "completed"


async def test_text_without_final_answer_gets_a_nudge_and_continues(tools):
    model = ScriptedModel([turn("Thinking..."), turn("FINAL ANSWER: NONE")])
    res = await LLMAgent(model).run(TASK, tools)
    assert res.answer == "NONE"
    assert model.calls[1][-1].role == "user" and "FINAL ANSWER" in model.calls[1][-1].content


async def test_max_turns_is_the_tasks_and_ends_with_the_reference_message(tools):
    model = ScriptedModel([turn(None, ("list_files", {"path": "."}))] * 10)
    res = await LLMAgent(model).run(TASK, tools)
    assert res.metadata["status"] == "max_turns" and res.metadata["turns"] == 5
    assert res.answer == "Max turns reached without final answer."
    assert res.trace[-2]["event"] == "limit_hit" and res.trace[-2]["limit"] == "max_turns"


async def test_token_limit_stops_the_run(tools):
    model = ScriptedModel([turn(None, ("list_files", {"path": "."}), usage=(600, 100))] * 5)
    res = await LLMAgent(model, Limits(max_tokens=1000)).run(TASK, tools)
    assert res.metadata["status"] == "max_tokens" and res.metadata["turns"] == 2


async def test_time_limit_stops_a_long_tool_call(tools):
    model = ScriptedModel([turn(None, ("bash_exec", {"command": "sleep 20", "timeout": 60}))])
    res = await LLMAgent(model, Limits(max_seconds=1)).run(TASK, tools)
    assert res.metadata["status"] == "max_time" and res.metadata["duration_seconds"] < 5


async def test_cost_limit_and_unknown_cost(tools):
    priced = [turn(None, ("list_files", {"path": "."})).model_copy(update={"cost": 0.02})] * 5
    res = await LLMAgent(ScriptedModel(priced), Limits(max_cost=0.05)).run(TASK, tools)
    assert res.metadata["status"] == "max_cost" and res.metadata["cost"] == pytest.approx(0.06)
    unpriced = [turn("FINAL ANSWER: x")]
    res = await LLMAgent(ScriptedModel(unpriced)).run(TASK, tools)
    assert res.metadata["cost"] is None  # unknown stays unknown, never 0


async def test_an_exhausted_script_is_a_model_error_not_a_crash(tools):
    res = await LLMAgent(ScriptedModel([turn(None, ("list_files", {"path": "."}))])).run(TASK, tools)
    assert res.metadata["status"] == "error" and res.metadata["error_class"] == "model"
    assert res.trace[-1]["event"] == "run_end"


async def test_the_agent_cannot_kill_its_sandbox(bwrap_tools):
    """Before, ``kill -9 $PPID`` ended the sandbox mid-episode. The exec server is now the sandbox's
    PID 1, which no signal from inside reaches: the episode goes on and ends on the model's answer
    (neither an infra error that resume would retry nor a lost sample)."""
    model = ScriptedModel([turn(None, ("bash_exec", {"command": "kill -9 $PPID; kill -9 1; kill -9 -1; sleep 1"})),
                           turn(None, ("bash_exec", {"command": "echo still-$((20+1))"})),
                           turn("FINAL ANSWER: x")])  # fmt: skip
    res = await LLMAgent(model).run(TASK, bwrap_tools)
    assert res.metadata["status"] == "completed" and not res.metadata.get("error_class"), res.metadata
    calls = [e for e in res.trace if e["event"] == "tool_call"]
    assert calls[-1]["success"] and "still-21" in calls[-1]["result"]


async def test_a_finished_run_replays_as_a_scripted_model(tools, tmp_path):
    original = ScriptedModel(
        [turn("x", ("bash_exec", {"command": "echo replayed > out.txt"}), usage=(5, 5)), turn("FINAL ANSWER: done")]
    )
    path = tmp_path / "run.jsonl"
    with Trajectory(path) as traj:
        first = await LLMAgent(original).run(TASK, tools, traj)
    replay = ScriptedModel.from_file(path)
    second = await LLMAgent(replay).run(TASK, tools)
    assert second.answer == first.answer == "done"
    assert second.metadata["usage"] == first.metadata["usage"]
    assert replay.name == "replay:run.jsonl"
