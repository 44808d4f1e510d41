"""What the agents that need no LLM share: the same result shape as the LLM agent."""

from __future__ import annotations

import time
from typing import Any

from mle_env.agent import AgentResult
from mle_env.tools import ToolResult, Tools
from mle_env.trajectory import Trajectory


class Recorder:
    """Calls tools like a model would, and records each call in the trajectory."""

    def __init__(self, name: str, task_id: str, tools: Tools, trajectory: Trajectory | None):
        self.name, self.tools = name, tools
        self.traj = trajectory or Trajectory()
        self.calls = 0
        self.start = time.monotonic()
        self.traj.emit("run_start", task_id=task_id, model=name, limits={}, tools=tools.names)

    async def call(self, tool: str, **args: Any) -> ToolResult:
        self.calls += 1
        t = time.monotonic()
        result = await self.tools.call(tool, args)
        self.traj.emit(
            "tool_call", n=1, id=f"{self.name}_{self.calls}", name=tool, arguments=args,
            success=result.success, result=result.result, seconds=round(time.monotonic() - t, 4),
        )  # fmt: skip
        return result

    def finish(self, answer: str, status: str = "completed") -> AgentResult:
        metadata = {
            "turns": 1 if self.calls else 0,
            "tool_calls": self.calls,
            "errors": [],
            "status": status,
            "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
            "cost": 0.0,  # no model was called: this 0 is a fact, not a guess
            "retries": 0,
            "duration_seconds": round(time.monotonic() - self.start, 3),
        }
        self.traj.emit("run_end", status=status, answer=answer, metadata=metadata)
        return AgentResult(answer=answer, metadata=metadata, trace=self.traj.events)
