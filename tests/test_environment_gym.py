"""The Gymnasium adapter (mle_env.environment.gym): Gymnasium's own checker, and a whole episode
played with oracle actions on bwrap and graded by the benchmark's grader."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest

gymnasium = pytest.importorskip("gymnasium")

from gymnasium.utils.env_checker import check_env  # noqa: E402

from mle_env.agent import CONTINUE  # noqa: E402
from mle_env.environment import EnvConfig  # noqa: E402
from mle_env.environment.gym import ENV_ID, MleEnvGym, parse_action, register  # noqa: E402
from mle_env.sandbox import make_config  # noqa: E402
from mle_env.sandbox.fake import FakeSandboxConfig  # noqa: E402
from mle_env.task import load_task  # noqa: E402

ROOT = Path(__file__).parents[1]
TASKS = ROOT / "tasks"
QUICK = "concrete-mix-strength"  # the bundled task whose reference solution verifies fastest


def test_gymnasiums_checker_passes_through_make(tmp_path):
    cfg = EnvConfig(sandbox=FakeSandboxConfig(workspace_root=str(tmp_path)))
    assert register(tasks=str(TASKS), config=cfg) == ENV_ID
    env = gymnasium.make(ENV_ID)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # the checker reports its findings as warnings: none may come
            check_env(env.unwrapped)
        # the seed draws the task; the same seed, the same task (and prompt)
        obs_a, info_a = env.reset(seed=5)
        obs_b, info_b = env.reset(seed=5)
        assert obs_a == obs_b and info_a["task"] == info_b["task"] and info_a["episode_id"] != info_b["episode_id"]
        assert [t["function"]["name"] for t in info_a["tools"]][:2] == ["read_file", "write_file"]
        assert info_a["task"]["error_codes"] is None  # curriculum facets, never the answer unless asked
        obs, reward, terminated, truncated, info = env.step("let me think")  # neither a call nor an answer
        assert obs == CONTINUE and reward == 0.0 and not terminated and not truncated and info["turn"] == 1
    finally:
        env.close()
    assert [p for p in tmp_path.iterdir() if p.name.startswith("mle-env-")] == []


def test_action_strings_are_read_as_a_models_reply():
    one = parse_action('{"name": "read_file", "arguments": {"path": "a.py"}}')
    assert [(c.name, c.arguments) for c in one.tool_calls] == [("read_file", {"path": "a.py"})]
    two = parse_action(json.dumps([{"name": "list_files", "arguments": "{}"}, {"name": "bash_exec", "id": "x"}]))
    assert [c.name for c in two.tool_calls] == ["list_files", "bash_exec"] and two.tool_calls[1].id == "x"
    assert parse_action("Done.\nFINAL ANSWER: OVERFITTING").answer == "OVERFITTING"
    assert parse_action('{"answer": ""}').answer == ""
    plain = parse_action('{"unrelated": 1}')
    assert plain.answer is None and not plain.tool_calls and plain.text == '{"unrelated": 1}'


def test_oracle_actions_earn_the_full_reward_with_the_record(tmp_path):
    task = load_task(TASKS / f"{QUICK}.json")
    env = MleEnvGym(TASKS, EnvConfig(sandbox=make_config("bwrap", workspace_root=str(tmp_path))))
    try:
        prompt, info = env.reset(seed=0, options={"task": QUICK})
        assert info["task"]["task_id"] == QUICK and prompt.startswith("All project files are located in")
        calls = [{"name": "write_file", "arguments": {"path": p, "content": c}} for p, c in task.ext.solution.items()]
        obs, reward, terminated, truncated, info = env.step(json.dumps(calls))
        assert reward == 0.0 and not terminated and "[write_file call_1_0]" in obs
        assert all(r["success"] for r in info["tool_results"]) and "outcome" not in info
        answer = task.ext.solution["response/report.json"]
        obs, reward, terminated, truncated, info = env.step(f"FINAL ANSWER: {answer}")
    finally:
        env.close()
    assert terminated and not truncated and reward == 1.0 and info["graded"]
    out = info["outcome"]
    assert out["status"] == "completed" and out["reward"]["earned"] == out["reward"]["graded_possible"] > 0
    assert out["reward"]["verification"] and all(c["passed"] for c in out["reward"]["verification"])
    assert info["record"]["task_id"] == QUICK and info["record"]["evaluation"]["percentage"] == 100.0
    with pytest.raises(RuntimeError, match="closed"):
        env.reset()
