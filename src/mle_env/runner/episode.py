"""One episode for orchestrators (``mle-env agent``): a prompt, the agent, a directory, an output file.

An orchestrator that starts one container per episode hands it a prompt; the agent works
on the directory it is given (served in place by the sandbox, not copied), and the
episode's full record (prompt, model, answer, metadata, trajectory) goes to one JSON file.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

from mle_env.agent import Limits
from mle_env.runner.sample import agent_view, failed, make_agent
from mle_env.sandbox import open_sandbox
from mle_env.store import write_json
from mle_env.task import Task
from mle_env.tools import Tools
from mle_env.trajectory import Trajectory


async def run_episode(
    prompt: str,
    *,
    model: str,
    workdir: Path,
    task_dir: str,
    sandbox: Any,
    max_turns: int = 50,
    task: Task | None = None,
    task_id: str = "task",
    output: Path,
    llm: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Run ``model`` on ``prompt`` over ``workdir``; write and return the episode's record.

    A failure (sandbox, provider) is recorded in the record's metadata with its class, as
    for a sample; the trajectory is also streamed to ``<output>.trajectory.jsonl``.
    """
    if task is None:
        task = Task(task_id=task_id, prompt=prompt, task_dir=task_dir, max_turns=max_turns)
    else:
        task = task.model_copy(update={"task_dir": task_dir, "max_turns": max_turns})
    agent = make_agent(model, limits=Limits(max_turns=max_turns), **(llm or {}))
    traj_path = output.with_name(output.name.removesuffix(".json") + ".trajectory.jsonl")
    traj_path.unlink(missing_ok=True)
    # Inside the served directory, the agent could rewrite a file while it is being written:
    # stream the trajectory elsewhere and put it in place once the sandbox is closed.
    inside = traj_path.resolve().is_relative_to(workdir.resolve())
    stream = Path(tempfile.mkstemp(prefix="mle-env-episode-", suffix=".jsonl")[1]) if inside else traj_path
    started = datetime.now()
    with Trajectory(stream) as traj:
        try:
            async with open_sandbox(sandbox, task, workspace=workdir, task_dir=task_dir) as sb:
                res = await agent.run(agent_view(task, agent), Tools(sb), traj)
        except Exception as e:  # recorded in the output, like a sample's failure
            res = failed(e, traj)
    if inside:
        shutil.move(stream, traj_path)
    record = {
        "task_id": task.task_id,
        "model": agent.name,
        "prompt": prompt,
        "answer": res.answer,
        "metadata": res.metadata,
        "workdir": str(workdir),
        "task_dir": task_dir,
        "started": started.isoformat(),
        "timestamp": datetime.now().isoformat(),
        "trajectory": res.trace,
        "trajectory_file": str(traj_path),
    }
    write_json(output, record)
    return record
