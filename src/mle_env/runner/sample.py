"""One sample end to end: a sandbox, an agent, its trajectory, its response files and a result."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from mle_env.agent import AgentResult, Limits, LLMAgent
from mle_env.agents.floors import FloorAgent, is_floor
from mle_env.errors import SampleError
from mle_env.records import GraderFailure, SampleResult
from mle_env.sandbox import open_sandbox, remove_tree
from mle_env.store import Copied, copy_response, write_json
from mle_env.task import Task
from mle_env.tools import Tools
from mle_env.trajectory import Trajectory

NO_LLM_AGENTS = ("baseline", "oracle", "none")


class Agent(Protocol):
    name: str

    async def run(self, task: Task, tools: Tools, trajectory: Trajectory | None = None) -> AgentResult: ...


def make_agent(name: str, *, limits: Limits | None = None, **llm: Any) -> Agent:
    """``baseline``, ``oracle``, ``none``, or a model name (LiteLLM, ``scripted:FILE``, ``replay:FILE``)."""
    if name == "oracle":
        from mle_env.agents.oracle import OracleAgent

        return OracleAgent()
    if name == "none":
        from mle_env.agents.oracle import NoneAgent

        return NoneAgent()
    if name == "baseline":
        from mle_env.agents.baseline import BaselineAgent

        return BaselineAgent()
    if is_floor(name):
        return FloorAgent(name)
    from mle_env.models import make_model

    return LLMAgent(make_model(name, **llm), limits)


def agent_view(task: Task, agent: Agent) -> Task:
    """What an agent may know of the task: no hidden data and no telling id, unless it is the oracle."""
    if getattr(agent, "needs_hidden_data", False):
        return task
    return task.model_copy(update={"mle_env": None, "task_id": "task"})


def failed(e: Exception, traj: Trajectory) -> AgentResult:
    """The result of a run that ended in ``e``, classed (infra unless the error says otherwise) and traced."""
    error_class = e.error_class if isinstance(e, SampleError) else "infra"
    traj.emit("error", error_class=error_class, error=str(e), type=type(e).__name__)
    metadata = {"turns": 0, "tool_calls": 0, "errors": [f"{type(e).__name__}: {e}"], "status": "error",
                "error_class": error_class}  # fmt: skip
    return AgentResult(answer=f"Error: {e}", metadata=metadata, trace=traj.events)


async def run_sample(
    task: Task,
    task_file: str,
    agent: Agent,
    *,
    sandbox: Any,
    out_dir: Path,
    temperature: float | None = None,
    evaluate: bool = False,
    judge: Any = None,
) -> dict[str, Any]:
    """Run ``agent`` on ``task`` in a fresh sandbox; write and return the reference-shaped result.

    The result is built and validated as a ``records.SampleResult`` (its schema); what is written
    and returned is its ``to_record()`` dict.
    """
    stem = Path(task_file).stem
    sample_dir = out_dir / stem
    traj_path = sample_dir / "trajectory.jsonl"
    traj_path.unlink(missing_ok=True)
    remove_tree(sample_dir / "response")  # never another run's files
    copied = Copied()
    with Trajectory(traj_path) as traj:
        try:
            async with open_sandbox(sandbox, task) as sb:
                res = await agent.run(agent_view(task, agent), Tools(sb), traj)
                await sb.close()  # nothing of the agent's may still run while its files are read
                copied = copy_out(sb.workspace, sample_dir / "response")
        except Exception as e:  # recorded on this sample; the batch goes on
            res = failed(e, traj)
    optional: dict[str, Any] = {}  # keys written only when they have a value
    if copied.cut():
        optional["response_cut"] = copied.cut()
    if evaluate and res.metadata.get("error_class") not in ("infra", "grader"):  # a model's failure is scored
        optional["evaluation"] = await _evaluate(task, sample_dir, res.answer, sandbox, judge)
    result = SampleResult.model_validate({
        "task_id": task.task_id,
        "model": agent.name,
        "temperature": temperature,
        "judge_model": getattr(judge, "name", None),
        "answer": res.answer,
        "metadata": res.metadata,
        "timestamp": datetime.now().isoformat(),
        "trace": res.trace,
        "task_file": task_file,
        "trajectory": str(traj_path.relative_to(out_dir)),
        "response_files": copied.files,
        **optional,
    }).to_record()  # fmt: skip
    write_json(out_dir / f"result_{Path(task_file).name}", result)
    return result


def copy_out(workspace: Path, dest: Path) -> Copied:
    """The agent's response files copied to ``dest`` (capped; see ``store.copy_response``).

    Whatever its files cause is the agent's: what could not be copied is recorded and the
    sample is scored on the rest. Only the host failing to store them (a full disk, a
    directory the harness cannot write) ends the sample as an infra error.
    """
    try:
        return copy_response(workspace, dest)
    except OSError as e:  # the harness's own writes
        raise SampleError(f"could not store the response files in {dest}: {e}") from e
    except Exception as e:  # noqa: BLE001 — anything else came from the agent's files
        copied = Copied()
        copied.skip("response", f"the copy stopped: {type(e).__name__}: {str(e)[:200]}", files=0)
        return copied


async def _evaluate(task: Task, sample_dir: Path, answer: str, sandbox: Any, judge: Any) -> dict[str, Any]:
    from mle_env.grading import grade

    try:
        return await grade(task, sample_dir, answer, sandbox=sandbox, judge=judge)
    except Exception as e:  # a grader failure is recorded on the sample, never scored as the model's zero
        return GraderFailure(error=f"{type(e).__name__}: {e}", error_class="grader").to_record()
