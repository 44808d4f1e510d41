"""The environment API: whole episodes (reset → step … → reward) through the Python API.

Episodes on bundled tasks run on bwrap and are graded by the benchmark's grader (oracle, empty
answer, forged verification, 50 at once with nothing left behind). Tests about the episode's
mechanics (truncation, tool errors, shaping, the sync wrapper) use the in-memory fake sandbox
and a toy task graded by file checks only.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import threading
from pathlib import Path

import pytest

from mle_env.agent import CONTINUE, SYSTEM_PROMPT
from mle_env.environment import (
    Action,
    EnvConfig,
    Environment,
    EpisodeError,
    RewardConfig,
    SyncEnvironment,
    ToolCall,
)
from mle_env.grading.attacks import attacks_for
from mle_env.records import SampleResult
from mle_env.sandbox import make_config
from mle_env.sandbox.fake import FakeSandboxConfig
from mle_env.task import load_task, validate_data

ROOT = Path(__file__).parents[1]
TASKS = ROOT / "tasks"
QUICK = "concrete-mix-strength"  # the bundled task whose reference solution verifies fastest

GOOD = json.dumps({"error_type": "DATA_LEAKAGE", "locations": [], "explanation": "x", "proposed_fix": "y"})
WRONG = json.dumps({"error_type": "OUTLIER", "locations": []})
TOY, _ = validate_data({
    "task_id": "toy-leak", "prompt": "Find the bug in src/train.py.", "max_turns": 6,
    "task_files": {"src/train.py": "print('train')\n", "data/x.csv": "a,b\n1,2\n"},
    "rubric_text": "\n".join([
        '+6|IDENTIFICATION|`error_type` in `response/report.json` is exactly "DATA_LEAKAGE"|the code',
        "+2|`NO_FILE`|File exists at `/app/response/report.json`|the deliverable",
        "+3|EXPLANATION|The explanation says why the test rows leak into the scaler|needs a judge",
        "-4|PENALTY|`error_type` is another code|a wrong diagnosis",
    ]),
    "mle_env": {"difficulty": "easy", "expected_error_types": ["DATA_LEAKAGE"],
                "solution": {"response/report.json": GOOD},
                "checks": [
                    {"criterion_index": 0, "check": "error_type_equals", "args": {"expected": ["DATA_LEAKAGE"]}},
                    {"criterion_index": 3, "check": "error_type_equals", "args": {"expected": ["OUTLIER", "NONE"]}},
                ]},
})  # fmt: skip
assert TOY is not None


def fake_env(tmp_path: Path, **config: object) -> Environment:
    return Environment([TOY], EnvConfig(sandbox=FakeSandboxConfig(workspace_root=str(tmp_path)), **config))


def children() -> set[int]:
    """Processes whose parent is this test process (the sandboxes' bwrap processes are)."""
    me, out = os.getpid(), set()
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                stat = Path(f"/proc/{d}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == me:
                out.add(int(d))
    return out


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith("mle-env-"))


# ---------------------------------------------------------------- graded by the benchmark's grader (bwrap)


async def test_oracle_actions_earn_the_full_reward_and_the_record_says_why(tmp_path):
    task = load_task(TASKS / f"{QUICK}.json")
    env = Environment(TASKS, EnvConfig(sandbox=make_config("bwrap", workspace_root=str(tmp_path))))
    async with env:
        ep = env.episode()
        obs = await ep.reset(task=QUICK)
        assert obs.system_prompt == SYSTEM_PROMPT and obs.task_prompt.startswith("All project files are located in")
        assert obs.info.task_id == QUICK and obs.info.difficulty == task.ext.difficulty
        assert obs.info.error_codes is None  # the answer is not handed out unless asked for
        assert QUICK not in obs.task_prompt
        hidden = [*task.ext.solution.values(), task.ext.verify.script]
        assert not any(h[:200] in obs.model_dump_json() for h in hidden)
        calls = [ToolCall(name="write_file", arguments={"path": p, "content": c}) for p, c in task.ext.solution.items()]
        written = await ep.step(Action(tool_calls=calls))
        assert [o.success for o in written.observations] == [True] * len(calls) and not written.done
        assert written.reward == 0.0 and written.outcome is None
        last = await ep.step(Action.final(task.ext.solution["response/report.json"]))
    assert last.terminated and not last.truncated and last.reward == 1.0
    out = last.outcome
    assert out.status == "completed" and out.reward.value == 1.0 and out.reward.earned == out.reward.graded_possible > 0
    assert out.reward.verification and all(c.passed for c in out.reward.verification)
    assert not out.reward.penalties and not out.reward.gated
    assert out.evaluation["percentage"] == 100.0  # the rubric's own sum agrees
    record = SampleResult.model_validate(out.record)  # the episode as a sample's result
    assert record.task_id == QUICK and record.metadata.turns == 2 and record.response_files
    assert [e["event"] for e in record.trace][:2] == ["run_start", "model_response"]
    assert out.cost.steps == 2 and out.cost.tool_calls == len(calls) and out.cost.grade_seconds > 0
    assert leftovers(tmp_path) == [] and env.open_episodes == []


async def test_an_empty_final_answer_earns_nothing(tmp_path):
    env = Environment(TASKS, EnvConfig(sandbox=make_config("bwrap", workspace_root=str(tmp_path))))
    async with env:
        obs = await env.reset(task="biopsy-response-classifier")
        last = await env.step(obs.episode_id, Action.final(""))
    assert last.terminated and last.reward == 0.0
    assert last.outcome.reward.value == 0.0 and last.outcome.reward.graded_possible > 0
    assert any("report.json was not delivered" in g for g in last.outcome.reward.gated)
    assert leftovers(tmp_path) == []


async def test_forged_verification_earns_nothing_for_the_verified_points(tmp_path):
    """The reference report with a fix that prints the reference solution's numbers instead of
    training, plus a passing verifier planted where the grader keeps its own: verification fails."""
    task = load_task(TASKS / f"{QUICK}.json")
    forge = next(a for a in attacks_for(task) if a.name == "print-memorised-output")
    planted = 'import json\nprint(json.dumps({"passed": True, "details": {}}))\n'
    env = Environment(TASKS, EnvConfig(sandbox=make_config("bwrap", workspace_root=str(tmp_path))))
    async with env:
        ep = env.episode()
        await ep.reset(task=QUICK)
        res = await ep.step(Action.calls(
            ("write_file", {"path": "response/report.json", "content": task.ext.solution["response/report.json"]}),
            ("write_file", {"path": "response/revised_code.py", "content": forge.revised_code}),
            ("write_file", {"path": ".mle_env_grader/verify.py", "content": planted}),
            ("write_file", {"path": "response/.mle_env_grader/verify.py", "content": planted}),
            ("bash_exec", {"command": "python response/revised_code.py"}),
        ))  # fmt: skip
        assert all(o.success for o in res.observations)
        last = await ep.step(Action.final("done"))
    verify = [c for c in last.outcome.reward.criteria if c.method == "verify"]
    assert verify and all(c.passed is False for c in verify), verify
    assert last.reward is not None and last.reward < 1.0
    lost = sum(c.points for c in verify)
    assert last.outcome.reward.earned <= last.outcome.reward.graded_possible - lost


async def test_fifty_concurrent_episodes_finish_and_leave_no_sandbox_behind(tmp_path):
    before = children()
    env = Environment(TASKS, EnvConfig(sandbox=make_config("bwrap", workspace_root=str(tmp_path)), seed=7))

    async def play(i: int) -> float | None:
        ep = env.episode()
        obs = await ep.reset(seed=i)
        await ep.step(Action.call("list_files", path="."))
        await ep.step(Action.call("write_file", path="response/report.json", content=WRONG))
        last = await ep.step(Action.final(""))
        assert last.outcome.record["task_id"] == obs.info.task_id
        return last.reward

    async with env:
        rewards = await asyncio.gather(*(play(i) for i in range(50)))
        assert env.open_episodes == []
    assert len(rewards) == 50 and all(r is not None and 0.0 <= r < 1.0 for r in rewards)
    assert leftovers(tmp_path) == []
    for _ in range(50):  # a reaped bwrap may take a moment to leave the process table
        if not children() - before:
            break
        await asyncio.sleep(0.1)
    assert children() - before == set()


async def test_a_time_limit_truncates_a_running_command_and_kills_it(tmp_path):
    from mle_env.agent import Limits

    env = Environment([TOY], EnvConfig(sandbox=make_config("bwrap", workspace_root=str(tmp_path)),
                                       limits=Limits(max_seconds=2)))  # fmt: skip
    before = children()
    async with env:
        ep = env.episode()
        await ep.reset()
        last = await ep.step(Action.call("bash_exec", command="sleep 30", timeout=60))
    assert last.truncated and last.outcome.status == "max_time" and last.outcome.cost.wall_seconds < 20
    assert last.reward == 0.0  # graded on what the workspace holds: nothing
    assert leftovers(tmp_path) == [] and children() - before == set()


async def test_a_step_timeout_cuts_the_commands_of_that_step_and_the_episode_goes_on(tmp_path):
    """``timeout_s`` bounds one step's calls together: the command is killed at it (not at its own
    60 s), the call after it is not run and says why, and the next step runs normally."""
    env = Environment([TOY], EnvConfig(sandbox=make_config("bwrap", workspace_root=str(tmp_path))))
    before = children()
    async with env:
        ep = env.episode()
        await ep.reset()
        t0 = asyncio.get_running_loop().time()
        res = await ep.step(
            Action.calls(("bash_exec", {"command": "sleep 30", "timeout": 60}), ("list_files", {"path": "."})),
            timeout_s=1.5,
        )
        took = asyncio.get_running_loop().time() - t0
        slept, listed = res.observations
        assert not slept.success and "timed out after 1.5s" in slept.result
        assert not listed.success and "timeout_s of 1.5s was spent" in listed.result
        assert not res.done and took < 10
        nxt = await ep.step(Action.call("bash_exec", command="sleep 2; echo awake"))  # no step timeout: its own
        assert nxt.observations[0].success and "awake" in nxt.observations[0].result
        with pytest.raises(ValueError, match="timeout_s"):
            await ep.step(Action.call("list_files", path="."), timeout_s=0)
    assert leftovers(tmp_path) == [] and children() - before == set()


async def test_a_cancelled_step_then_close_leaves_nothing_running(tmp_path):
    """A caller that gives up mid-step (a client that went away): closing the episode stops its sandbox."""
    before = children()
    env = Environment([TOY], EnvConfig(sandbox=make_config("bwrap", workspace_root=str(tmp_path))))
    ep = env.episode()
    await ep.reset()
    step = asyncio.ensure_future(ep.step(Action.call("bash_exec", command="sleep 60 & sleep 60", timeout=120)))
    await asyncio.sleep(0.5)
    step.cancel()
    with pytest.raises(asyncio.CancelledError):
        await step
    assert env.open_episodes == [ep.id] and not ep.done
    await env.close()
    assert ep.done and ep.outcome is None and env.open_episodes == []
    assert leftovers(tmp_path) == [] and children() - before == set()


# ---------------------------------------------------------------- the episode's mechanics (fake sandbox)


async def test_a_bad_tool_argument_is_a_tool_error_and_the_episode_goes_on(tmp_path):
    async with fake_env(tmp_path) as env:
        ep = env.episode()
        await ep.reset()
        res = await ep.step(Action(tool_calls=[
            ToolCall(name="read_file", arguments={"paht": "src/train.py"}, id="a"),
            ToolCall(name="read_file", arguments="{not json", id="b"),
            ToolCall(name="launch_rockets", arguments={}, id="c"),
            ToolCall(name="read_file", arguments={"path": "../../etc/passwd"}, id="d"),
            ToolCall(name="read_file", arguments='{"path": "src/train.py"}', id="e"),
        ]))  # fmt: skip
        assert [o.id for o in res.observations] == ["a", "b", "c", "d", "e"]
        assert [o.success for o in res.observations] == [False, False, False, False, True]
        texts = [o.result for o in res.observations]
        assert "missing required argument 'path'" in texts[0] and "not valid JSON" in texts[1]
        assert "Unknown tool: launch_rockets" in texts[2] and "outside the workspace" in texts[3]
        assert texts[4] == "print('train')\n" and not res.done
        res = await ep.step(Action.call("write_file", path="response/report.json", content=GOOD))
        assert res.observations[0].success and not res.done
        last = await ep.step(Action.final("DATA_LEAKAGE"))
    # the judge-only criterion is left out; the file point is a gate, not a share, in the benchmark score
    assert last.reward == 1.0 and last.outcome.reward.earned == last.outcome.reward.graded_possible == 6
    assert last.outcome.reward.ungraded_points == 3


async def test_max_turns_truncates_and_the_workspace_is_still_graded(tmp_path):
    async with fake_env(tmp_path) as env:
        ep = env.episode()
        obs = await ep.reset()
        assert obs.info.max_turns == TOY.max_turns == 6
        results = [await ep.step(Action.call("write_file", path="response/report.json", content=WRONG))]
        results += [await ep.step(Action.from_reply("thinking")) for _ in range(5)]
        assert [r.done for r in results] == [False] * 5 + [True]
        assert all(r.message == CONTINUE for r in results[1:5])
        last = results[-1]
        with pytest.raises(EpisodeError, match="ended"):
            await ep.step(Action.final("too late"))
    assert last.truncated and not last.terminated and last.outcome.status == "max_turns"
    assert last.outcome.answer == "Max turns reached without final answer."
    assert [c.points for c in last.outcome.reward.penalties] == [-4]  # the wrong code, graded all the same
    assert last.outcome.reward.gated and last.reward == 0.0


async def test_the_rubric_basis_and_the_token_limit(tmp_path):
    from mle_env.agent import Limits

    cfg = {"reward": RewardConfig(basis="rubric"), "limits": Limits(max_tokens=100)}
    async with fake_env(tmp_path, **cfg) as env:
        ep = env.episode()
        await ep.reset(task="toy-leak")
        act = Action.call("write_file", path="response/report.json", content=WRONG)
        first = await ep.step(act.model_copy(update={"prompt_tokens": 40, "completion_tokens": 20}))
        last = await ep.step(Action.call("list_files").model_copy(update={"prompt_tokens": 40, "cost": 0.01}))
    assert not first.done and last.truncated and last.outcome.status == "max_tokens"
    # the rubric's own sum: the file point (2) minus the penalty (4), over the 8 graded points
    assert last.reward == pytest.approx(-2 / 8) and last.outcome.reward.basis == "rubric"
    assert last.outcome.cost.prompt_tokens == 80 and last.outcome.cost.cost == pytest.approx(0.01)


async def test_the_report_bonus_is_paid_once_and_taken_back_if_the_report_breaks(tmp_path):
    cfg = {"reward": RewardConfig(report_bonus=0.1)}

    async def play(steps: list[Action]) -> list[float | None]:
        async with fake_env(tmp_path, **cfg) as env:
            ep = env.episode()
            await ep.reset()
            return [(await ep.step(a)).reward for a in steps]

    write = lambda text: Action.call("write_file", path="response/report.json", content=text)  # noqa: E731
    kept = await play([write("{}"), write(GOOD), write(GOOD), write(GOOD.replace("x", "z")), Action.final("")])
    assert kept[:4] == [0.0, 0.1, 0.0, 0.0] and kept[4] == pytest.approx(1.0)  # total 1.1 = reward + bonus once
    broken = await play([write(GOOD), write("not json"), write(GOOD), write("{}"), Action.final("")])
    assert broken[:4] == [0.1, 0.0, 0.0, 0.0]
    # the report is broken at the end: no graded points, and the bonus is taken back
    assert broken[4] == pytest.approx(-0.1) and sum(broken) == pytest.approx(0.0)
    off = await play([write(GOOD), Action.final("")])
    assert off == [0.1, 1.0]


async def test_curriculum_metadata_gives_error_codes_only_when_allowed(tmp_path):
    assert [i.error_codes for i in fake_env(tmp_path).curriculum()] == [None]
    env = fake_env(tmp_path, expose_error_codes=True)
    (info,) = env.curriculum()
    assert info.task_id == "toy-leak" and info.difficulty == "easy" and info.error_codes == ["DATA_LEAKAGE"]
    async with env:
        obs = await env.reset(seed=3)
        assert obs.info == info and obs.seed == 3 and "toy-leak" not in obs.task_prompt
        assert [t["function"]["name"] for t in obs.tools_openai] == [t["name"] for t in obs.tools_anthropic] == [
            "read_file", "write_file", "list_files", "run_python", "bash_exec"]  # fmt: skip
        assert obs.messages()[1] == {"role": "user", "content": obs.task_prompt}


async def test_misuse_raises_episode_errors_and_close_tears_down(tmp_path):
    async with fake_env(tmp_path, max_episodes=2) as env:
        ep = env.episode()
        with pytest.raises(EpisodeError, match="reset"):
            await ep.step(Action.final(""))
        with pytest.raises(EpisodeError, match="no task"):
            await ep.reset(task="nope")
        other = env.episode()
        with pytest.raises(EpisodeError, match="2 episodes are open"):
            env.episode()
        await other.reset()
        with pytest.raises(EpisodeError, match="already"):
            await other.reset()
        with pytest.raises(EpisodeError, match="no open episode"):
            await env.step("nope", Action.final(""))
        with pytest.raises(ValueError, match="not both"):
            Action(answer="x", tool_calls=[ToolCall(name="list_files")])
        assert env.open_episodes == [ep.id, other.id]  # a task that is not there left ep unstarted
    assert env.open_episodes == [] and other.done and other.outcome is None  # closed unfinished: not graded
    assert leftovers(tmp_path) == []


async def test_records_dir_keeps_each_finished_episode(tmp_path):
    records = tmp_path / "records"
    async with fake_env(tmp_path, records_dir=records) as env:
        ep = env.episode()
        await ep.reset()
        await ep.step(Action.call("write_file", path="response/report.json", content=GOOD))
        last = await ep.step(Action.final("DATA_LEAKAGE"))
    kept = records / ep.id
    assert json.loads((kept / "result.json").read_text()) == json.loads(json.dumps(last.outcome.record))
    assert (kept / "response" / "report.json").read_text() == GOOD
    events = [json.loads(line)["event"] for line in (kept / "trajectory.jsonl").read_text().splitlines()]
    assert events == ["run_start", "model_response", "tool_call", "model_response", "run_end"]


def test_the_sync_wrapper_plays_episodes_from_several_threads(tmp_path):
    rewards: dict[int, float | None] = {}
    with SyncEnvironment([TOY], EnvConfig(sandbox=FakeSandboxConfig(workspace_root=str(tmp_path)))) as env:

        def play(i: int) -> None:
            ep = env.episode()
            ep.reset(seed=i)
            ep.step(Action.call("write_file", path="response/report.json", content=GOOD if i % 2 else WRONG))
            rewards[i] = ep.step(Action.final("")).reward

        threads = [threading.Thread(target=play, args=(i,)) for i in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        obs = env.reset()
        assert env.step(obs.episode_id, {"answer": ""}).done  # a plain dict is an action too
    assert rewards == {0: 0.0, 1: 1.0, 2: 0.0, 3: 1.0, 4: 0.0, 5: 1.0}
    assert leftovers(tmp_path) == []


def test_the_example_in_the_docs_runs(monkeypatch, capsys):
    """docs/environment.md's example, as written, against the bundled tasks on bwrap."""
    text = (ROOT / "docs" / "environment.md").read_text(encoding="utf-8")
    code = re.search(r"```python\n(.*?)```", text, re.DOTALL).group(1)
    monkeypatch.chdir(ROOT)
    exec(compile(code, "docs/environment.md", "exec"), {"__name__": "__doc_example__"})
    status, reward, *_ = capsys.readouterr().out.split()
    assert status == "completed" and 0.0 < float(reward) < 1.0
